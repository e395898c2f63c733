-- 006-member-articles.sql — members write articles through the server (issue 4, point 2).
--
-- 005 let members read and take transitions; every other write on items was refused. These
-- SECURITY DEFINER functions (pinned search_path, run as the schema's owner) are the only
-- way a member writes articles, their authors and revisions, comments with mentions, intake
-- records and reply letters, deadlines, stored files and attachments. Each checks on the
-- server what core checks for that write (app/core):
-- - article, revision, intake record, reply letter, deadline, attachment: the signed-in person
--   may write articles on the item's site (toa_person_may_write_articles; intake registration,
--   toa_intake_may_register, is the same right);
-- - comment: the person can see the item (a role on its site — the row-level security of 005);
-- - a stored file: the person may write articles on some site; the address is checked to be
--   the SHA-256 of the content, and the size against the board's attachment_max_bytes.
-- A member always acts as itself (p_actor / the person columns must be the signed-in person or
-- NULL), at the server's clock, and cannot change an article's site, state, creator or
-- publication time with a save (only transitions move an item, toa_take_transition). The
-- schema's owner (the desktop on the owner's account, the store tests, the demo) is trusted as
-- in 005: its values are written as given.
--
-- The audit record: these functions do not append one. Each act is composed by core from
-- several of these calls in one transaction (an article: insert, revision 1, and for intake
-- the intake record, files, attachments and deadline) and core appends ONE record for the act
-- after them, with a detail the single calls never see (the section's code, the revision note,
-- the files' names…). On PostgreSQL that append reaches the server as toa_audit_append (005),
-- which writes it as the signed-in person at the server's time with the canonical hash; so
-- every act is audited exactly once, on both backends, with the same detail.
--
-- The INSERTs below name public.table: `db copy` (toa-pg-copy.c, seeded_tables) takes a plain
-- "INSERT INTO table" in a migration for seed data, and would stop checking that table.
--
-- Who may write articles is toa-role.c's writes_articles flag; toa_role_writes_articles below
-- is its copy for the server (test-pg-member-articles.c checks that the two agree).

CREATE FUNCTION toa_role_writes_articles (p_role text) RETURNS boolean
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT p_role IN ('head', 'standing-deputy', 'deputy', 'secretary', 'member', 'editor', 'technician')
$$;

-- TRUE when @p_person is active and holds a role on @p_site that writes articles.
CREATE FUNCTION toa_person_writes_on (p_person bigint, p_site bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
  SELECT EXISTS (SELECT 1 FROM person_roles r JOIN people p ON p.id = r.person_id
                  WHERE r.person_id = p_person AND r.site_id = p_site AND p.active
                    AND toa_role_writes_articles (r.role))
$$;

-- The member calling (NULL for the owner, who is trusted). Raises 42501 when the account is
-- not an active person of the board, or when @p_person names someone else.
CREATE FUNCTION toa_member_acting (p_person bigint) RETURNS bigint
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me bigint;
BEGIN
  IF toa_caller_is_owner () THEN
    RETURN NULL;
  END IF;
  v_me := toa_current_person ();
  IF v_me IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('The account “%s” is not an active person of the board and cannot write items.', session_user);
  END IF;
  IF p_person IS NOT NULL AND p_person <> 0 AND p_person <> v_me THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('The account “%s” can only write as itself.', session_user);
  END IF;
  RETURN v_me;
END
$$;

-- Raises 42501 unless member @p_me may write articles on @p_site (nothing for the owner).
CREATE FUNCTION toa_member_require_writer (p_me bigint, p_site bigint) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  IF p_me IS NOT NULL AND NOT toa_person_writes_on (p_me, p_site) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('%s may not write articles on the site “%s”. Ask the administrator for a role on that site.',
                        (SELECT full_name FROM people WHERE id = p_me),
                        COALESCE ((SELECT name FROM sites WHERE id = p_site), p_site::text));
  END IF;
END
$$;

-- Raises 22023 when @p_section is not a section of @p_site (core: toa_articles_check_draft).
CREATE FUNCTION toa_require_section_of (p_section bigint, p_site bigint) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  IF p_section IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sections WHERE id = p_section AND site_id = p_site) THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('The section %s is not a section of this site. See “toasoan-cli section list”.', p_section);
  END IF;
END
$$;

-- The site of an article, locked for the write (NULL when there is no such article).
CREATE FUNCTION toa_article_site_for_write (p_article bigint) RETURNS bigint
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
  SELECT site_id FROM articles WHERE id = p_article FOR UPDATE
$$;

-- ---- articles and their authors ----------------------------------------------------------

-- Replaces an article's authors by the lists (in order: position 0, 1, …).
CREATE FUNCTION toa_article_authors_write (p_article bigint, p_people bigint[], p_roles text[],
                                           p_shares bigint[])
  RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
  DELETE FROM article_authors WHERE article_id = p_article;
  INSERT INTO public.article_authors (article_id, position, person_id, role, share_bp)
  SELECT p_article, t.n - 1, t.person_id, COALESCE (t.role, 'author'), t.share_bp
    FROM unnest (p_people, p_roles, p_shares) WITH ORDINALITY AS t (person_id, role, share_bp, n);
$$;

-- Creates an article with its authors (version 1). A member creates it as themselves, in
-- the state 'draft' or 'received' (intake), never published, at the server's time, on a site
-- where they may write. Returns the id and the times written.
CREATE FUNCTION toa_article_create (p_site bigint, p_section bigint, p_genre text, p_language text,
                                    p_unit bigint, p_info_kind text, p_title text, p_title_fold text,
                                    p_sapo text, p_body text, p_attribution text, p_state text,
                                    p_created_by bigint, p_created_at bigint, p_updated_at bigint,
                                    p_published_at bigint, p_people bigint[], p_roles text[],
                                    p_shares bigint[],
                                    OUT id bigint, OUT created_at bigint, OUT updated_at bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me bigint := toa_member_acting (p_created_by);
BEGIN
  created_at := p_created_at;
  updated_at := p_updated_at;
  IF v_me IS NOT NULL THEN
    PERFORM toa_member_require_writer (v_me, p_site);
    PERFORM toa_require_section_of (p_section, p_site);
    IF p_state IS DISTINCT FROM 'draft' AND p_state IS DISTINCT FROM 'received' THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'A new article starts as a draft (or as received material); only the workflow moves it on.';
    END IF;
    IF COALESCE (p_published_at, 0) <> 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'A new article cannot be published already; only the workflow publishes.';
    END IF;
    p_created_by := v_me;
    created_at := toa_now_usec ();
    updated_at := created_at;
  END IF;
  INSERT INTO public.articles (site_id, section_id, genre, language, source_unit_id, info_kind, title,
                        title_fold, sapo, body_html, attribution, state, created_by, created_at,
                        updated_at, published_at, version)
  VALUES (p_site, p_section, p_genre, COALESCE (p_language, 'vi'), p_unit, p_info_kind, p_title,
          p_title_fold, COALESCE (p_sapo, ''), COALESCE (p_body, ''), p_attribution,
          COALESCE (p_state, 'draft'), NULLIF (p_created_by, 0), created_at, updated_at,
          COALESCE (p_published_at, 0), 1)
  RETURNING articles.id INTO id;
  PERFORM toa_article_authors_write (id, COALESCE (p_people, '{}'), COALESCE (p_roles, '{}'),
                                     COALESCE (p_shares, '{}'));
END
$$;

-- Saves an article over @p_expected_version (compare-and-set) with its authors; returns the
-- new version, or NULL when no row changed (no such article, or someone saved first: the
-- caller tells which). A member may write on the article's site, at the server's time, and
-- cannot change its site, state, creator, creation or publication time.
CREATE FUNCTION toa_article_save (p_id bigint, p_expected_version bigint, p_site bigint,
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
    PERFORM toa_require_section_of (p_section, v_a.site_id);
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

-- Adds the next revision of an article (numbered on the server). A member adds it as its
-- author, at the server's time, on an article of a site where they may write.
CREATE FUNCTION toa_revision_add (p_article bigint, p_title text, p_sapo text, p_body text,
                                  p_author bigint, p_created_at bigint, p_note text,
                                  OUT id bigint, OUT number bigint, OUT created_at bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (p_author);
  v_site bigint;
BEGIN
  created_at := p_created_at;
  IF v_me IS NOT NULL THEN
    v_site := toa_article_site_for_write (p_article);
    IF v_site IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
        MESSAGE = format ('No article has the number %s.', p_article);
    END IF;
    PERFORM toa_member_require_writer (v_me, v_site);
    p_author := v_me;
    -- the time of the save it belongs to (core gives that one), else the server's
    IF p_created_at IS DISTINCT FROM (SELECT a.updated_at FROM articles a WHERE a.id = p_article) THEN
      created_at := toa_now_usec ();
    END IF;
  END IF;
  INSERT INTO public.revisions (article_id, number, title, sapo, body_html, author_id, created_at, note)
  SELECT p_article, COALESCE (MAX (r.number), 0) + 1, COALESCE (p_title, ''), COALESCE (p_sapo, ''),
         COALESCE (p_body, ''), NULLIF (p_author, 0), toa_revision_add.created_at, p_note
    FROM revisions r WHERE r.article_id = p_article
  RETURNING revisions.id, revisions.number INTO id, number;
END
$$;

-- ---- comments ------------------------------------------------------------------------------

-- A comment and its mentions (each person once). A member comments as themselves, at the
-- server's time, on an item they can see; the people mentioned are active people.
CREATE FUNCTION toa_comment_add (p_article bigint, p_person bigint, p_body text, p_created_at bigint,
                                 p_mentions bigint[], OUT id bigint, OUT created_at bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (p_person);
  v_site bigint;
BEGIN
  created_at := p_created_at;
  IF v_me IS NOT NULL THEN
    SELECT a.site_id INTO v_site FROM articles a WHERE a.id = p_article;
    IF v_site IS NULL OR NOT (v_site = ANY (toa_member_sites ())) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('%s cannot see item %s and cannot comment on it.',
                          (SELECT full_name FROM people WHERE people.id = v_me), p_article);
    END IF;
    IF EXISTS (SELECT 1 FROM unnest (p_mentions) m (person_id)
                LEFT JOIN people p ON p.id = m.person_id WHERE p.id IS NULL OR NOT p.active) THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'Only active people can be mentioned with @. Check the login (toasoan-cli user list).';
    END IF;
    p_person := v_me;
    created_at := toa_now_usec ();
  END IF;
  INSERT INTO public.comments (article_id, person_id, body, created_at)
  VALUES (p_article, p_person, COALESCE (p_body, ''), toa_comment_add.created_at)
  RETURNING comments.id INTO id;
  INSERT INTO public.comment_mentions (comment_id, person_id)
  SELECT DISTINCT id, m FROM unnest (p_mentions) m
  ON CONFLICT DO NOTHING;
END
$$;

-- ---- intake ----------------------------------------------------------------------------------

-- Registers the intake record of an item (toa_intake_register). A member may register on the
-- item's site; the record's time is the server's.
CREATE FUNCTION toa_intake_record_add (p_article bigint, p_channel text, p_sender_unit bigint,
                                       p_sender_name text, p_document_no text, p_received_on text,
                                       p_issued_on text, p_attachments text, p_reply_letter text,
                                       p_created_at bigint)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (NULL);
  v_site bigint;
BEGIN
  IF v_me IS NOT NULL THEN
    v_site := toa_article_site_for_write (p_article);
    IF v_site IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
        MESSAGE = format ('No article has the number %s.', p_article);
    END IF;
    PERFORM toa_member_require_writer (v_me, v_site);
    p_created_at := toa_now_usec ();
  END IF;
  INSERT INTO public.intake_records (article_id, channel, sender_unit_id, sender_name, document_no,
                              received_on, issued_on, attachments, reply_letter, created_at)
  VALUES (p_article, p_channel, p_sender_unit, p_sender_name, p_document_no, p_received_on,
          p_issued_on, COALESCE (p_attachments, '[]')::json, p_reply_letter, p_created_at);
  RETURN p_created_at;
END
$$;

-- Sets the reply letter of a registered item; FALSE when it has no intake record. A member
-- may register on the item's site.
CREATE FUNCTION toa_intake_reply_letter_set (p_article bigint, p_letter text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (NULL);
  v_site bigint;
BEGIN
  v_site := toa_article_site_for_write (p_article);
  IF v_site IS NULL THEN
    RETURN false;
  END IF;
  PERFORM toa_member_require_writer (v_me, v_site);
  UPDATE intake_records SET reply_letter = p_letter WHERE article_id = p_article;
  RETURN FOUND;
END
$$;

-- Sets an item's deadline ('YYYY-MM-DD' or NULL); FALSE when there is no such item. A member
-- may write on the item's site.
CREATE FUNCTION toa_article_deadline_set (p_article bigint, p_deadline text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (NULL);
  v_site bigint;
BEGIN
  v_site := toa_article_site_for_write (p_article);
  IF v_site IS NULL THEN
    RETURN false;
  END IF;
  PERFORM toa_member_require_writer (v_me, v_site);
  IF v_me IS NOT NULL AND p_deadline IS NOT NULL
     AND (p_deadline !~ '^\d{4}-\d{2}-\d{2}$' OR to_char (to_date (p_deadline, 'YYYY-MM-DD'), 'YYYY-MM-DD') <> p_deadline) THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('“%s” is not a date (YYYY-MM-DD).', p_deadline);
  END IF;
  UPDATE articles SET deadline = p_deadline WHERE id = p_article;
  RETURN true;
END
$$;

-- ---- stored files and attachments --------------------------------------------------------------

-- Stores a file's content once under its SHA-256 (hex); an existing content is kept as it is
-- (toa-store.h). For a member the server checks the address is the content's hash, that they
-- can write articles on some site, and the size against the board's attachment_max_bytes.
CREATE FUNCTION toa_stored_file_put (p_sha256 text, p_media_type text, p_data bytea,
                                     p_created_at bigint)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me  bigint := toa_member_acting (NULL);
  v_max bigint;
BEGIN
  IF v_me IS NOT NULL THEN
    IF p_data IS NULL OR encode (sha256 (p_data), 'hex') IS DISTINCT FROM p_sha256 THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('The file given as %s does not have that SHA-256; it was not stored.', p_sha256);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = v_me AND toa_role_writes_articles (r.role)) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('%s may not store files: no role that writes articles on any site.',
                          (SELECT full_name FROM people WHERE id = v_me));
    END IF;
    v_max := (SELECT value::bigint FROM board_settings WHERE key = 'attachment_max_bytes');
    IF v_max IS NOT NULL AND octet_length (p_data) > v_max THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('The file is larger than the board allows (%s bytes).', v_max);
    END IF;
    p_created_at := toa_now_usec ();
  END IF;
  INSERT INTO public.stored_files (sha256, size, media_type, data, created_at)
  VALUES (p_sha256, octet_length (p_data), p_media_type, p_data, p_created_at)
  ON CONFLICT (sha256) DO NOTHING;
END
$$;

-- Attaches a stored file to an item at a position. A member attaches as themselves, at the
-- server's time, on an item of a site where they may write.
CREATE FUNCTION toa_article_attachment_add (p_article bigint, p_position bigint, p_file_name text,
                                            p_sha256 text, p_added_by bigint, p_added_at bigint)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_me   bigint := toa_member_acting (p_added_by);
  v_site bigint;
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
  INSERT INTO public.article_attachments (article_id, position, file_name, sha256, added_by, added_at)
  VALUES (p_article, p_position, p_file_name, p_sha256, p_added_by, p_added_at);
  RETURN p_added_at;
END
$$;

-- ---- who may call what -------------------------------------------------------------------------

REVOKE EXECUTE ON FUNCTION toa_person_writes_on (bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_member_acting (bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_member_require_writer (bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_article_site_for_write (bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_require_section_of (bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_article_authors_write (bigint, bigint[], text[], bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_article_create (bigint, bigint, text, text, bigint, text, text, text, text, text, text, text, bigint, bigint, bigint, bigint, bigint[], text[], bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_article_save (bigint, bigint, bigint, bigint, text, text, bigint, text, text, text, text, text, text, text, bigint, bigint, bigint, bigint, bigint[], text[], bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_revision_add (bigint, text, text, text, bigint, bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_comment_add (bigint, bigint, text, bigint, bigint[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_intake_record_add (bigint, text, bigint, text, text, text, text, text, text, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_intake_reply_letter_set (bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_article_deadline_set (bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_stored_file_put (text, text, bytea, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_article_attachment_add (bigint, bigint, text, text, bigint, bigint) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION toa_article_create (bigint, bigint, text, text, bigint, text, text, text, text, text, text, text, bigint, bigint, bigint, bigint, bigint[], text[], bigint[]) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_article_save (bigint, bigint, bigint, bigint, text, text, bigint, text, text, text, text, text, text, text, bigint, bigint, bigint, bigint, bigint[], text[], bigint[]) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_revision_add (bigint, text, text, text, bigint, bigint, text) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_comment_add (bigint, bigint, text, bigint, bigint[]) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_intake_record_add (bigint, text, bigint, text, text, text, text, text, text, bigint) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_intake_reply_letter_set (bigint, text) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_article_deadline_set (bigint, text) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_stored_file_put (text, text, bytea, bigint) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_article_attachment_add (bigint, bigint, text, text, bigint, bigint) TO toasoan_member;
