-- 012-article-tags.sql — an article's tags (thẻ, từ khóa): short labels the portal shows under
-- the article and links to the other articles with the same tag. Kept in order as the editor
-- typed them; one tag once per article (core compares them without regard to case, never
-- ignoring diacritics: "ca" and "cá" are different words). tag_fold (toa_fold: no diacritics,
-- lower case) is the key a search by tag uses.
-- Same columns in the same order as PostgreSQL 010-article-tags.sql (`db copy`).
CREATE TABLE article_tags (
  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  tag         TEXT NOT NULL CHECK (length (tag) > 0),
  tag_fold    TEXT NOT NULL,
  PRIMARY KEY (article_id, position),
  UNIQUE (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_fold ON article_tags (tag_fold);

-- How many tags an article may carry and how long one may be: the board's own convention
-- (no legal text sets it), taken from the portal's article page, which shows at most 10 tags
-- on one line; a board may change it.
INSERT INTO board_settings (key, value, source) VALUES
  ('article_tag_rules', '{"max_tags": 10, "max_chars": 60}',
   'Quy ước của Ban Biên tập: trang tin bài của Cổng hiển thị tối đa 10 thẻ, mỗi thẻ tối đa 60 ký tự; Ban Biên tập có thể đổi');

-- The states in which an article's text and metadata are no longer edited directly: once
-- approved (scheduled), published, refused or withdrawn, a change would bypass the approval
-- the process requires (Quy chế hoạt động Cổng TTĐT tỉnh Bình Phước 2024, Điều 10: each item
-- is approved before publication); to change such an item, return it through the workflow.
-- A board may change the list.
INSERT INTO board_settings (key, value, source) VALUES
  ('article_edit_locked_states', '["scheduled", "published", "refused", "withdrawn"]',
   'Quy chế hoạt động Cổng TTĐT tỉnh Bình Phước (2024), Điều 10: tin bài được duyệt trước khi đăng; sửa tin đã duyệt phải đưa lại vào quy trình. Ban Biên tập có thể đổi');
