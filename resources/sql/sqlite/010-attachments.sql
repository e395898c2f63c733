-- 010-attachments.sql — the files received with an item (issue 3, intake): the official letter,
-- the photos… kept in the database with the item, not only their names.
-- stored_files holds each content once, addressed by its SHA-256 (hex, lower case): the same
-- file received twice is stored once; the images of issue 5 will be stored here too.
-- article_attachments lists an item's files in order, with the name as received.
-- Intake records written before this migration keep their names in intake_records.attachments
-- (a JSON list of names, without content); readers list them as "name only, no content".
CREATE TABLE stored_files (
  sha256      TEXT PRIMARY KEY CHECK (length (sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size        INTEGER NOT NULL CHECK (size > 0 AND size = length (data)),
  media_type  TEXT NOT NULL,
  data        BLOB NOT NULL,
  created_at  INTEGER NOT NULL                  -- µs UTC
) WITHOUT ROWID;

CREATE TABLE article_attachments (
  article_id  INTEGER NOT NULL REFERENCES articles (id),
  position    INTEGER NOT NULL CHECK (position >= 1),
  file_name   TEXT NOT NULL CHECK (length (file_name) BETWEEN 1 AND 255),
  sha256      TEXT NOT NULL REFERENCES stored_files (sha256),
  added_by    INTEGER NOT NULL REFERENCES people (id),
  added_at    INTEGER NOT NULL,                 -- µs UTC
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_attachments_by_file ON article_attachments (sha256);

-- The largest file intake accepts, in bytes (25 MB): the size of an e-mail's attachments at
-- most mail services, which is how most material reaches the board. A board may change it.
INSERT INTO board_settings (key, value, source) VALUES
  ('attachment_max_bytes', '26214400',
   'Giới hạn tệp đính kèm thư điện tử thông dụng (25 MB); Ban Biên tập có thể đổi');
