-- 010-article-tags.sql — equivalent to SQLite 012-article-tags.sql: an article's tags (thẻ,
-- từ khóa), in order, one tag once per article; tag_fold (toa_fold) is the key a search by
-- tag uses. Same columns in the same order as SQLite (`db copy`).
--
-- Members write tags only through toa_article_tags_write (SECURITY DEFINER, like the
-- functions of 006-member-articles.sql), which checks the signed-in person may write
-- articles on the article's site. toa_article_save is replaced (same signature, same
-- behaviour) to also check on the server, for a member, what core checks of the authors:
-- known active people, shares summing to 100 % (10000 basis points) when there are
-- authors, and the language.
CREATE TABLE article_tags (
  article_id  bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position    bigint NOT NULL CHECK (position >= 0),
  tag         text NOT NULL CHECK (length (tag) > 0),
  tag_fold    text COLLATE "C" NOT NULL,
  PRIMARY KEY (article_id, position),
  UNIQUE (article_id, tag)
);
CREATE INDEX article_tags_by_fold ON article_tags (tag_fold);

-- The board's convention (SQLite 013): at most 10 tags of at most 60 characters.
INSERT INTO board_settings (key, value, source) VALUES
  ('article_tag_rules', '{"max_tags": 10, "max_chars": 60}',
   'Quy ước của Ban Biên tập: trang tin bài của Cổng hiển thị tối đa 10 thẻ, mỗi thẻ tối đa 60 ký tự; Ban Biên tập có thể đổi');

-- The states in which an article is no longer edited directly (SQLite 013; core checks it,
-- toa_articles_may_edit).
INSERT INTO board_settings (key, value, source) VALUES
  ('article_edit_locked_states', '["scheduled", "published", "refused", "withdrawn"]',
   'Quy chế hoạt động Cổng TTĐT tỉnh Bình Phước (2024), Điều 10: tin bài được duyệt trước khi đăng; sửa tin đã duyệt phải đưa lại vào quy trình. Ban Biên tập có thể đổi');

GRANT SELECT ON article_tags TO toasoan_member;
ALTER TABLE article_tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY article_tags_by_site ON article_tags FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));

-- Replaces an article's tags by @p_tags (in order; @p_folds their toa_fold keys). A member
-- may write on the article's site.
CREATE FUNCTION toa_article_tags_write (p_article bigint, p_tags text[], p_folds text[])
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (NULL);
  v_site bigint;
BEGIN
  v_site := toa_article_site_for_write (p_article);
  IF v_site IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = format ('No article has the number %s.', p_article);
  END IF;
  PERFORM toa_member_require_writer (v_me, v_site);
  IF cardinality (COALESCE (p_tags, '{}')) <> cardinality (COALESCE (p_folds, '{}')) THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = 'Each tag needs its search key.';
  END IF;
  DELETE FROM article_tags WHERE article_id = p_article;
  INSERT INTO public.article_tags (article_id, position, tag, tag_fold)
  SELECT p_article, t.n - 1, t.tag, t.tag_fold
    FROM unnest (COALESCE (p_tags, '{}'), COALESCE (p_folds, '{}')) WITH ORDINALITY AS t (tag, tag_fold, n);
END
$$;

-- Saves an article (compare-and-set on the version; the authors replaced). As in 006, plus
-- the checks of the authors, the language and the locked states (article_edit_locked_states)
-- for a member.
CREATE OR REPLACE FUNCTION toa_article_save (p_id bigint, p_expected_version bigint, p_site bigint,
                                  p_section bigint, p_genre text, p_language text, p_unit bigint,
                                  p_info_kind text, p_title text, p_title_fold text, p_sapo text,
                                  p_body text, p_attribution text, p_state text,
                                  p_created_by bigint, p_created_at bigint, p_updated_at bigint,
                                  p_published_at bigint, p_people bigint[], p_roles text[],
                                  p_shares bigint[],
                                  OUT version bigint, OUT updated_at bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me bigint := toa_member_acting (NULL);
  v_a  record;
BEGIN
  SELECT a.site_id, a.state, a.created_by, a.created_at, a.published_at, a.version
    INTO v_a FROM articles a WHERE a.id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  updated_at := p_updated_at;
  IF v_me IS NOT NULL THEN
    PERFORM toa_member_require_writer (v_me, v_a.site_id);
    IF p_site IS DISTINCT FROM v_a.site_id OR p_state IS DISTINCT FROM v_a.state
       OR COALESCE (p_created_by, 0) <> COALESCE (v_a.created_by, 0)
       OR p_created_at IS DISTINCT FROM v_a.created_at
       OR COALESCE (p_published_at, 0) <> v_a.published_at THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'Saving an article changes its text and authors only: its site, state, creator and publication stay; the workflow moves an item.';
    END IF;
    IF v_a.state IN (SELECT json_array_elements_text (b.value::json) FROM board_settings b
                      WHERE b.key = 'article_edit_locked_states') THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('An item in the state “%s” is no longer edited directly. Return it through the workflow first.', v_a.state);
    END IF;
    PERFORM toa_require_section_of (p_section, v_a.site_id);
    IF COALESCE (p_language, 'vi') NOT IN ('vi', 'en') THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('“%s” is not a language of the portal. Use vi (Vietnamese) or en (English).', p_language);
    END IF;
    IF cardinality (COALESCE (p_people, '{}')) <> cardinality (COALESCE (p_shares, '{}'))
       OR (cardinality (COALESCE (p_people, '{}')) > 0
           AND (SELECT sum (s) FROM unnest (p_shares) s) IS DISTINCT FROM 10000) THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'The authors’ shares must add up to 100 %.';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest (p_people) m (person_id)
                LEFT JOIN people p ON p.id = m.person_id WHERE p.id IS NULL OR NOT p.active) THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'Every author must be an active person of the board (toasoan-cli user list).';
    END IF;
    updated_at := toa_now_usec ();
  END IF;
  UPDATE articles a
     SET site_id = p_site, section_id = p_section, genre = p_genre, language = COALESCE (p_language, 'vi'),
         source_unit_id = p_unit, info_kind = p_info_kind, title = p_title, title_fold = p_title_fold,
         sapo = COALESCE (p_sapo, ''), body_html = COALESCE (p_body, ''), attribution = p_attribution,
         state = p_state, created_by = NULLIF (p_created_by, 0), created_at = p_created_at,
         updated_at = toa_article_save.updated_at, published_at = COALESCE (p_published_at, 0),
         version = a.version + 1
   WHERE a.id = p_id AND a.version = p_expected_version
  RETURNING a.version INTO version;
  IF version IS NULL THEN
    updated_at := NULL;
    RETURN;
  END IF;
  PERFORM toa_article_authors_write (p_id, COALESCE (p_people, '{}'), COALESCE (p_roles, '{}'),
                                     COALESCE (p_shares, '{}'));
END
$$;

REVOKE EXECUTE ON FUNCTION toa_article_tags_write (bigint, text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION toa_article_tags_write (bigint, text[], text[]) TO toasoan_member;
