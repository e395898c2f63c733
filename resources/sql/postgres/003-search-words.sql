-- 003-search-words.sql — search words split at every character that is not a letter or a
-- digit, as SQLite's unicode61 tokenizer does (002-search.sql there): "15/10/2025",
-- "covid-19", "3.5", "binhphuoc.gov.vn" and "a@b.vn" are several words, so "2025",
-- "covid 19" and "binhphuoc" find them. PostgreSQL's text-search parser alone keeps dates,
-- decimals, hosts and e-mail addresses whole. [:alnum:] follows the database's LC_CTYPE, so
-- the database must have a UTF-8 character type (C.UTF-8, vi_VN.UTF-8…): checked here.

DO $$
BEGIN
  IF (SELECT datctype FROM pg_database WHERE datname = current_database ()) IN ('C', 'POSIX') THEN
    RAISE EXCEPTION 'the Tòa soạn database needs a UTF-8 character type (LC_CTYPE C.UTF-8 or vi_VN.UTF-8), not %',
                    (SELECT datctype FROM pg_database WHERE datname = current_database ())
      USING HINT = 'Create it with: CREATE DATABASE … TEMPLATE template0 ENCODING ''UTF8'' LC_COLLATE ''C'' LC_CTYPE ''C.UTF-8''';
  END IF;
END
$$;

-- The folded text of @t with every run of other characters made one space.
CREATE FUNCTION toa_search_words (t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT regexp_replace (toa_fold (t), '[^[:alnum:]]+', ' ', 'g')
$$;

DROP INDEX articles_search;
ALTER TABLE articles DROP COLUMN search;
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight (to_tsvector ('simple'::regconfig, toa_search_words (title)), 'A') ||
  setweight (to_tsvector ('simple'::regconfig, toa_search_words (sapo)), 'B') ||
  setweight (to_tsvector ('simple'::regconfig, toa_search_words (toa_html_text (body_html))), 'C')
) STORED;
CREATE INDEX articles_search ON articles USING gin (search);
