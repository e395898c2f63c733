-- 013-images.sql — images in articles (issue 5): each image and its thumbnail are stored once
-- in stored_files (content-addressed by SHA-256, 010-attachments.sql); article_images links
-- an article to the images put in its body, with who added each and when. In HTML an image is
-- "toasoan://media/<sha256>", its thumbnail "toasoan://thumb/<sha256 of the image>".
CREATE TABLE article_images (
  article_id    INTEGER NOT NULL REFERENCES articles (id),
  sha256        TEXT NOT NULL REFERENCES stored_files (sha256),
  thumb_sha256  TEXT NOT NULL REFERENCES stored_files (sha256),
  width         INTEGER NOT NULL CHECK (width > 0),
  height        INTEGER NOT NULL CHECK (height > 0),
  file_name     TEXT CHECK (file_name IS NULL OR length (file_name) BETWEEN 1 AND 255),
  added_by      INTEGER NOT NULL REFERENCES people (id),
  added_at      INTEGER NOT NULL,                 -- µs UTC
  PRIMARY KEY (article_id, sha256)
) WITHOUT ROWID;
CREATE INDEX article_images_by_file ON article_images (sha256);

-- The limits the editor applies to an image (a board may change them):
INSERT INTO board_settings (key, value, source) VALUES
  ('image_max_bytes', '15728640',
   'Ảnh chụp từ máy ảnh số và điện thoại thông dụng (12–48 megapixel, JPEG) thường dưới 15 MB; Ban Biên tập có thể đổi'),
  ('image_max_width', '1920',
   'Chiều rộng màn hình Full HD (1920 điểm ảnh), rộng hơn cột nội dung của Cổng TTĐT; ảnh rộng hơn được thu nhỏ; Ban Biên tập có thể đổi'),
  ('image_thumb_width', '320',
   'Ảnh đại diện trong danh sách tin bài và trình soạn thảo (320 điểm ảnh); Ban Biên tập có thể đổi'),
  ('image_max_pixels', '100000000',
   'Chặn ảnh “bom giải nén” (kích thước khai báo quá lớn): 100 megapixel, trên mọi máy ảnh thông dụng; Ban Biên tập có thể đổi');
