-- 002-search.sql — full-text search over FOLDED text (Bình Phước → binh phuoc, Đồng Nai →
-- dong nai, hoà/hòa → hoa). A contentless FTS5 table keyed by article id; the triggers keep
-- it in step and pass the same folded values on delete. toa_fold() and toa_html_text() are
-- application functions registered on every connection (app/store/toa-sqlite-db.c).
-- If toa_fold ever changes, a later migration must rebuild this index ('delete-all' + refill).
-- prefix = '2 3': the last word of a query is a prefix (toa_article_query_fts); prefix
-- indexes of 2 and 3 letters keep search-as-you-type fast (at 100,000 articles "th"* fell
-- from 280 ms to 4 ms) for about twice the index size.

CREATE VIRTUAL TABLE article_fts USING fts5 (
  title, sapo, body,
  content = '',
  prefix = '2 3',
  tokenize = "unicode61 remove_diacritics 2"
);

INSERT INTO article_fts (rowid, title, sapo, body)
  SELECT id, toa_fold (title), toa_fold (sapo), toa_fold (toa_html_text (body_html))
  FROM articles;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
BEGIN
  INSERT INTO article_fts (rowid, title, sapo, body)
  VALUES (new.id, toa_fold (new.title), toa_fold (new.sapo),
          toa_fold (toa_html_text (new.body_html)));
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
BEGIN
  INSERT INTO article_fts (article_fts, rowid, title, sapo, body)
  VALUES ('delete', old.id, toa_fold (old.title), toa_fold (old.sapo),
          toa_fold (toa_html_text (old.body_html)));
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, sapo, body_html ON articles
WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.sapo IS NOT new.sapo
     OR old.body_html IS NOT new.body_html
BEGIN
  INSERT INTO article_fts (article_fts, rowid, title, sapo, body)
  VALUES ('delete', old.id, toa_fold (old.title), toa_fold (old.sapo),
          toa_fold (toa_html_text (old.body_html)));
  INSERT INTO article_fts (rowid, title, sapo, body)
  VALUES (new.id, toa_fold (new.title), toa_fold (new.sapo),
          toa_fold (toa_html_text (new.body_html)));
END;
