-- 011-images.sql — equivalent to SQLite 013-images.sql: images in articles. Each image and its
-- thumbnail are stored once in stored_files; article_images links an article to them with who
-- added each and when. Members add images through toa_article_image_add (below) after storing
-- the files with toa_stored_file_put (006-member-articles.sql).
-- Same columns in the same order as SQLite, so `db copy` moves rows column by column.
CREATE TABLE article_images (
  article_id    bigint NOT NULL REFERENCES articles (id),
  sha256        text NOT NULL REFERENCES stored_files (sha256),
  thumb_sha256  text NOT NULL REFERENCES stored_files (sha256),
  width         bigint NOT NULL CHECK (width > 0),
  height        bigint NOT NULL CHECK (height > 0),
  file_name     text CHECK (file_name IS NULL OR char_length (file_name) BETWEEN 1 AND 255),
  added_by      bigint NOT NULL REFERENCES people (id),
  added_at      bigint NOT NULL,                  -- µs UTC
  PRIMARY KEY (article_id, sha256)
);
CREATE INDEX article_images_by_file ON article_images (sha256);

INSERT INTO board_settings (key, value, source) VALUES
  ('image_max_bytes', '15728640',
   'Ảnh chụp từ máy ảnh số và điện thoại thông dụng (12–48 megapixel, JPEG) thường dưới 15 MB; Ban Biên tập có thể đổi'),
  ('image_max_width', '1920',
   'Chiều rộng màn hình Full HD (1920 điểm ảnh), rộng hơn cột nội dung của Cổng TTĐT; ảnh rộng hơn được thu nhỏ; Ban Biên tập có thể đổi'),
  ('image_thumb_width', '320',
   'Ảnh đại diện trong danh sách tin bài và trình soạn thảo (320 điểm ảnh); Ban Biên tập có thể đổi'),
  ('image_max_pixels', '100000000',
   'Chặn ảnh “bom giải nén” (kích thước khai báo quá lớn): 100 megapixel, trên mọi máy ảnh thông dụng; Ban Biên tập có thể đổi');

-- Reading: like the attachments, a member sees an article's images when they see the article,
-- and the stored files of those images (a second permissive policy: either one suffices).
GRANT SELECT ON article_images TO toasoan_member;
ALTER TABLE article_images ENABLE ROW LEVEL SECURITY;
CREATE POLICY article_images_by_site ON article_images FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
CREATE POLICY stored_files_images_by_site ON stored_files FOR SELECT TO toasoan_member
  USING (sha256 IN (SELECT sha256 FROM article_images)
         OR sha256 IN (SELECT thumb_sha256 FROM article_images));

-- Links a stored image (and its stored thumbnail) to an article. A member adds as themselves,
-- at the server's time, to an article of a site where they may write; the same image added
-- again to the same article is kept once (returns false).
CREATE FUNCTION toa_article_image_add (p_article bigint, p_sha256 text, p_thumb_sha256 text,
                                       p_width bigint, p_height bigint, p_file_name text,
                                       p_added_by bigint, p_added_at bigint)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (p_added_by);
  v_site bigint;
  v_n    bigint;
BEGIN
  IF v_me IS NOT NULL THEN
    v_site := toa_article_site_for_write (p_article);
    IF v_site IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
        MESSAGE = format ('No article has the number %s.', p_article);
    END IF;
    PERFORM toa_member_require_writer (v_me, v_site);
    p_added_by := v_me;
    p_added_at := toa_now_usec ();
  END IF;
  INSERT INTO public.article_images (article_id, sha256, thumb_sha256, width, height, file_name,
                                     added_by, added_at)
  VALUES (p_article, p_sha256, p_thumb_sha256, p_width, p_height, p_file_name, p_added_by, p_added_at)
  ON CONFLICT (article_id, sha256) DO NOTHING;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n > 0;
END
$$;

REVOKE EXECUTE ON FUNCTION toa_article_image_add (bigint, text, text, bigint, bigint, text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION toa_article_image_add (bigint, text, text, bigint, bigint, text, bigint, bigint) TO toasoan_member;
