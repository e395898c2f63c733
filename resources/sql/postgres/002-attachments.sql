-- 002-attachments.sql — equivalent to SQLite 010-attachments.sql: the files received with an
-- item (the official letter, the photos…) kept in the database with the item.
-- stored_files holds each content once, addressed by its SHA-256 (hex, lower case): the same
-- file received twice is stored once. article_attachments lists an item's files in order,
-- with the name as received. Intake records written before keep their names in
-- intake_records.attachments (names only, no content).
-- Same columns in the same order as SQLite, so `db copy` moves rows column by column.
CREATE TABLE stored_files (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size        bigint NOT NULL CHECK (size > 0 AND size = octet_length (data)),
  media_type  text NOT NULL,
  data        bytea NOT NULL,
  created_at  bigint NOT NULL                   -- µs UTC
);
-- The contents are already compressed (PDF, JPEG…) or small: keep them out of line
-- without trying to compress them again.
ALTER TABLE stored_files ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE article_attachments (
  article_id  bigint NOT NULL REFERENCES articles (id),
  position    bigint NOT NULL CHECK (position >= 1),
  file_name   text NOT NULL CHECK (char_length (file_name) BETWEEN 1 AND 255),
  sha256      text NOT NULL REFERENCES stored_files (sha256),
  added_by    bigint NOT NULL REFERENCES people (id),
  added_at    bigint NOT NULL,                  -- µs UTC
  PRIMARY KEY (article_id, position)
);
CREATE INDEX article_attachments_by_file ON article_attachments (sha256);

-- The largest file intake accepts, in bytes (25 MB): the size of an e-mail's attachments at
-- most mail services, which is how most material reaches the board. A board may change it.
INSERT INTO board_settings (key, value, source) VALUES
  ('attachment_max_bytes', '26214400',
   'Giới hạn tệp đính kèm thư điện tử thông dụng (25 MB); Ban Biên tập có thể đổi');
