-- 005-security.sql — the server enforces the rules (issue 4, point 2).
--
-- Each person signs in with their own PostgreSQL role, whose name is people.login; every
-- such role is a member of the group role toasoan_member:
--   CREATE ROLE thuky LOGIN PASSWORD '…' IN ROLE toasoan_member;
-- The schema's owner (who runs `toasoan-cli db init|migrate`, and the administrator) keeps
-- every right; members get:
-- - SELECT on the reference tables (people without password_hash);
-- - SELECT on articles and the tables hanging off them only for rows of the sites where they
--   hold a role (row-level security);
-- - no INSERT/UPDATE/DELETE/TRUNCATE on any table: the writes go through the SECURITY DEFINER
--   functions below, which check the person's roles on the site against the workflow
--   definition (the same JSON as the C checker, app/core/toa-workflow-check.c, read by one
--   generic checker, toa_check_transition) and write the audit record themselves;
-- - audit_log stays append-only for every role (the triggers of 001 bind the owner too).
-- Functions run as their owner (the schema owner) with a pinned search_path. Inside them
-- session_user is still the person who signed in; a call by the owner itself (or a
-- superuser) may name the actor (the desktop on the owner's account, the store tests).
--
-- Roles are objects of the whole server: toasoan_member is created once and shared by every
-- board database on it. Creating it needs CREATEROLE (a superuser, or an owner granted it).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'toasoan_member') THEN
    CREATE ROLE toasoan_member NOLOGIN;
  END IF;
END
$$;

-- ---- privileges ------------------------------------------------------------------------------

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO toasoan_member;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM toasoan_member;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;

-- Reference data every member reads.
GRANT SELECT ON sites, sections, units, genres, info_kinds, person_roles, workflow_definitions,
                board_settings, intake_channels, calendar_holidays, calendar_adjustments,
                delegations, audit_log
  TO toasoan_member;
-- The migration runner's version table (absent when a script is applied by hand).
DO $$
BEGIN
  IF to_regclass ('toa_schema_version') IS NOT NULL THEN
    GRANT SELECT ON toa_schema_version TO toasoan_member;
  END IF;
END
$$;
-- people: everything but the password hash.
GRANT SELECT (id, login, full_name, email, contributor, contract_no, active) ON people TO toasoan_member;
-- Articles and what hangs off them: reading only, and row-level security below.
GRANT SELECT ON articles, article_authors, revisions, comments, comment_mentions, intake_records,
                article_transitions, transition_requests, article_attachments, stored_files
  TO toasoan_member;

-- ---- who is signed in --------------------------------------------------------------------------

-- The person whose login is the connection's role (session_user: also inside SECURITY
-- DEFINER functions), when active; NULL otherwise.
CREATE FUNCTION toa_current_person () RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
  SELECT id FROM people WHERE login = session_user::text AND active
$$;

-- The sites where the signed-in person holds a role.
CREATE FUNCTION toa_member_sites () RETURNS bigint[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
  SELECT COALESCE (array_agg (DISTINCT r.site_id), '{}')
    FROM person_roles r JOIN people p ON p.id = r.person_id
   WHERE p.login = session_user::text AND p.active
$$;

-- TRUE when the caller is the schema's owner (or a superuser): a function running as the
-- owner sees current_user = owner; the caller signed in as the owner has session_user the same.
CREATE FUNCTION toa_caller_is_owner () RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
  SELECT session_user = current_user
         OR COALESCE ((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
$$;

-- ---- row-level security per site ------------------------------------------------------------
-- The owner is not bound (no FORCE): the server functions run as the owner and check
-- themselves. A child row is visible when its article is (the subquery is itself filtered
-- by the articles policy).

ALTER TABLE articles ENABLE ROW LEVEL SECURITY;
CREATE POLICY articles_by_site ON articles FOR SELECT TO toasoan_member
  USING (site_id IN (SELECT unnest (toa_member_sites ())));   -- (a subquery: computed once per query)

ALTER TABLE article_authors ENABLE ROW LEVEL SECURITY;
CREATE POLICY article_authors_by_site ON article_authors FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
ALTER TABLE revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY revisions_by_site ON revisions FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY comments_by_site ON comments FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
ALTER TABLE comment_mentions ENABLE ROW LEVEL SECURITY;
CREATE POLICY comment_mentions_by_site ON comment_mentions FOR SELECT TO toasoan_member
  USING (comment_id IN (SELECT id FROM comments));
ALTER TABLE intake_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY intake_records_by_site ON intake_records FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
ALTER TABLE article_transitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY article_transitions_by_site ON article_transitions FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
ALTER TABLE transition_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY transition_requests_by_site ON transition_requests FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
ALTER TABLE article_attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY article_attachments_by_site ON article_attachments FOR SELECT TO toasoan_member
  USING (article_id IN (SELECT id FROM articles));
ALTER TABLE stored_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY stored_files_by_site ON stored_files FOR SELECT TO toasoan_member
  USING (sha256 IN (SELECT sha256 FROM article_attachments));

-- ---- the audit append -------------------------------------------------------------------------

-- Appends one record, hash-chained exactly as app/core/toa-audit.c computes it (SHA-256 hex
-- over seq, at, actor_id, action, object_type, object_id, detail or "null", prev_hash joined
-- with '\n'), so `toasoan-cli audit verify` verifies it. SHARE ROW EXCLUSIVE conflicts with
-- itself and with the ROW EXCLUSIVE lock of a plain INSERT, so appends (here or by the
-- owner's desktop) are serialized: the seq and prev_hash read are the last committed ones.
-- Internal: not granted to members.
CREATE FUNCTION toa_audit_write (p_actor bigint, p_action text, p_object_type text,
                                 p_object_id bigint, p_detail text, p_at bigint)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_seq   bigint;
  v_prev  text;
  v_hash  text;
BEGIN
  LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;
  SELECT seq, hash INTO v_seq, v_prev FROM audit_log ORDER BY seq DESC LIMIT 1;
  v_seq := COALESCE (v_seq, 0) + 1;
  v_prev := COALESCE (v_prev, repeat ('0', 64));
  v_hash := encode (sha256 (convert_to (
              v_seq::text || E'\n' || p_at::text || E'\n' || p_actor::text || E'\n'
              || COALESCE (p_action, '') || E'\n' || COALESCE (p_object_type, '') || E'\n'
              || p_object_id::text || E'\n' || COALESCE (p_detail, 'null') || E'\n' || v_prev,
              'UTF8')), 'hex');
  INSERT INTO audit_log (seq, at, actor_id, action, object_type, object_id, detail, prev_hash, hash)
  VALUES (v_seq, p_at, p_actor, p_action, COALESCE (p_object_type, ''), p_object_id, p_detail,
          v_prev, v_hash);
  RETURN v_seq;
END
$$;

-- Now in µs since the epoch, UTC (the database's instants).
CREATE FUNCTION toa_now_usec () RETURNS bigint
  LANGUAGE sql VOLATILE
AS $$
  SELECT (extract (epoch FROM clock_timestamp ()) * 1000000)::bigint
$$;

-- The audit append for members: always as the signed-in person, at the server's time. The
-- owner may name the actor (0 = the system). Returns the record's seq.
CREATE FUNCTION toa_audit_append (p_action text, p_object_type text, p_object_id bigint,
                                  p_detail text, p_actor bigint DEFAULT NULL)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_actor bigint;
BEGIN
  IF toa_caller_is_owner () AND p_actor IS NOT NULL THEN
    v_actor := p_actor;
  ELSE
    v_actor := toa_current_person ();
    IF v_actor IS NULL OR (p_actor IS NOT NULL AND p_actor <> v_actor) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('The account “%s” may only write audit records as itself, and only when it is an active person of the board.', session_user);
    END IF;
  END IF;
  IF p_action IS NULL OR p_action = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'An audit record needs an action.';
  END IF;
  IF p_detail IS NOT NULL THEN
    PERFORM p_detail::json;   -- detail is JSON (toa-audit.h)
  END IF;
  RETURN toa_audit_write (v_actor, p_action, p_object_type, COALESCE (p_object_id, 0), p_detail,
                          toa_now_usec ());
END
$$;

-- ---- the one generic checker -----------------------------------------------------------------

-- A JSON text or list of texts as a text[] (the "from", "roles"… members).
CREATE FUNCTION toa_json_strv (j json) RETURNS text[]
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT CASE json_typeof (j)
           WHEN 'array' THEN ARRAY (SELECT json_array_elements_text (j))
           WHEN 'string' THEN ARRAY[j #>> '{}']
           ELSE '{}'::text[]
         END
$$;

CREATE FUNCTION toa_json_flag (t json, member text) RETURNS boolean
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT COALESCE ((t ->> member)::boolean, false)
$$;

-- The checker: the same reading of a workflow definition as toa_workflow_check (C), in the
-- same order and with the same messages: the state is part of the workflow; the transition
-- leaves it and applies to the genre (designed_only / not_designed); the actor holds one of
-- its roles on the site, or a delegation in force of it from a holder of one (delegable,
-- delegable_to); the target (fixed, or an earlier step for "earlier"); the comment and the
-- ground when required. Returns the transition's JSON and sets the target and the
-- delegation. Raises with SQLSTATE 22023 (invalid) or 42501 (permission).
CREATE FUNCTION toa_check_transition (p_def json, p_state text, p_designed boolean,
                                      p_transition text, p_target text, p_comment text,
                                      p_ground text, p_roles text[],
                                      p_actor bigint, p_site bigint, p_today text,
                                      OUT transition json, OUT target text,
                                      OUT delegator bigint, OUT behalf_form text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_t        json;
  v_states   json := p_def -> 'states';
  v_state    json;
  v_other    boolean := false;
  v_here     text[] := '{}';
  v_roles    text[];
  v_earlier  text[];
  v_step     bigint;
  v_d        record;
  v_label    text;
BEGIN
  SELECT s INTO v_state FROM json_array_elements (v_states) s WHERE s ->> 'code' = p_state LIMIT 1;
  IF v_state IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('The state “%s” is not part of the workflow “%s” (version %s).',
                        COALESCE (p_state, ''), p_def ->> 'code', p_def ->> 'version');
  END IF;
  v_label := COALESCE (v_state ->> 'name', p_state);

  FOR v_t IN SELECT t FROM json_array_elements (p_def -> 'transitions') t LOOP
    CONTINUE WHEN NOT (p_state = ANY (toa_json_strv (v_t -> 'from')));
    IF (toa_json_flag (v_t, 'designed_only') AND NOT p_designed)
       OR (toa_json_flag (v_t, 'not_designed') AND p_designed) THEN
      v_other := v_other OR (v_t ->> 'code') = p_transition;
      CONTINUE;
    END IF;
    IF (v_t ->> 'code') = p_transition AND transition IS NULL THEN
      transition := v_t;
    END IF;
    IF NOT ((v_t ->> 'code') = ANY (v_here)) THEN
      v_here := v_here || (v_t ->> 'code');
    END IF;
  END LOOP;
  IF transition IS NULL THEN
    IF v_other THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = CASE WHEN p_designed
          THEN format ('“%s” from “%s” is not for designed products (banner, infographic, podcast, long-form, video): they go through the technical team.', p_transition, v_label)
          ELSE format ('“%s” from “%s” is only for designed products (banner, infographic, podcast, long-form, video).', p_transition, v_label) END;
    ELSIF cardinality (v_here) = 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('No action can be taken on an item in the state “%s” in the workflow “%s”.', v_label, p_def ->> 'code');
    ELSE
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('“%s” cannot be done on an item in the state “%s”. Possible here: %s.',
                          COALESCE (p_transition, ''), v_label, array_to_string (v_here, ', '));
    END IF;
  END IF;

  -- roles, else a delegation in force (toa_delegation_for_check: by id, then action order)
  v_roles := toa_json_strv (transition -> 'roles');
  IF NOT (p_roles && v_roles) THEN
    IF toa_json_flag (transition, 'delegable')
       AND (cardinality (toa_json_strv (transition -> 'delegable_to')) = 0
            OR p_roles && toa_json_strv (transition -> 'delegable_to')) THEN
      FOR v_d IN
        SELECT d.from_person, d.form
          FROM delegations d JOIN people f ON f.id = d.from_person
         WHERE d.to_person = p_actor AND d.site_id = p_site AND d.revoked_at IS NULL
           AND d.from_date <= p_today AND d.to_date >= p_today AND f.active
           AND (transition ->> 'code') = ANY (ARRAY (SELECT btrim (a) FROM unnest (string_to_array (d.actions, ',')) a))
           AND ARRAY (SELECT r.role FROM person_roles r WHERE r.person_id = d.from_person AND r.site_id = p_site) && v_roles
         ORDER BY d.id
         LIMIT 1
      LOOP
        delegator := v_d.from_person;
        behalf_form := COALESCE (v_d.form, 'KT');
      END LOOP;
    END IF;
    IF delegator IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = CASE
          WHEN toa_json_flag (transition, 'delegable') AND cardinality (toa_json_strv (transition -> 'delegable_to')) > 0
            THEN format ('“%s” from “%s” needs one of these roles on this site: %s; or a delegation of “%s” from one of them to a %s.',
                         p_transition, v_label, array_to_string (v_roles, ', '), p_transition,
                         array_to_string (toa_json_strv (transition -> 'delegable_to'), ', '))
          WHEN toa_json_flag (transition, 'delegable')
            THEN format ('“%s” from “%s” needs one of these roles on this site: %s; or a delegation of “%s” from one of them.',
                         p_transition, v_label, array_to_string (v_roles, ', '), p_transition)
          ELSE format ('“%s” from “%s” needs one of these roles on this site: %s.',
                       p_transition, v_label, array_to_string (v_roles, ', ')) END;
    END IF;
  END IF;

  -- the target
  IF (transition ->> 'to') <> 'earlier' THEN
    IF p_target IS NOT NULL AND p_target <> (transition ->> 'to') THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('“%s” always goes to “%s”; it cannot go to “%s”.', p_transition, transition ->> 'to', p_target);
    END IF;
    target := transition ->> 'to';
  ELSE
    v_step := COALESCE ((v_state ->> 'step')::bigint, 0);
    v_earlier := ARRAY (SELECT s ->> 'code' FROM json_array_elements (v_states) WITH ORDINALITY AS e (s, n)
                         WHERE COALESCE ((s ->> 'step')::bigint, 0) > 0
                           AND COALESCE ((s ->> 'step')::bigint, 0) < v_step ORDER BY n);
    IF p_target IS NOT NULL AND p_target = ANY (v_earlier) THEN
      target := p_target;
    ELSIF p_target IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('Choose the earlier step to return the item to: %s.', array_to_string (v_earlier, ', '));
    ELSE
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = format ('“%s” is not an earlier step than “%s”. Choose one of: %s.', p_target, p_state, array_to_string (v_earlier, ', '));
    END IF;
  END IF;

  IF toa_json_flag (transition, 'comment_required') AND COALESCE (p_comment, '') = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('“%s” needs a comment saying why. Write one and try again.', p_transition);
  END IF;
  -- The list of grounds is resources/workflows/refusal-grounds.json, not in the database yet:
  -- the server requires one; core checks it against the list.
  IF toa_json_flag (transition, 'ground_required') AND COALESCE (p_ground, '') = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = 'A refusal needs one of the grounds of the regulation (see “toasoan-cli workflow grounds”).';
  END IF;
END
$$;

-- ---- taking a transition ------------------------------------------------------------------

-- NFC, stripped; empty gives NULL (clean_text in toa-transitions.c).
CREATE FUNCTION toa_clean_text (t text) RETURNS text
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT NULLIF (btrim (normalize (t, NFC), E' \t\n\r\f\v'), '')
$$;

-- Takes a transition as the signed-in person (the owner may name p_actor and p_now): locks
-- the article, checks with toa_check_transition against the definition the article follows
-- (or the board's default), refuses when the transition needs an approval the actor cannot
-- give (approval requests: not through this function yet), then writes state (compare-and-
-- set on p_expected_version when given), the timeline row, lapses a pending request, and
-- appends the audit record — one transaction with the caller's. p_deadline is used only
-- when the article has none yet (computed by core from the working-day calendar).
CREATE FUNCTION toa_take_transition (p_article bigint, p_transition text,
                                     p_target text DEFAULT NULL, p_comment text DEFAULT NULL,
                                     p_ground text DEFAULT NULL, p_scheduled_for bigint DEFAULT NULL,
                                     p_expected_version bigint DEFAULT NULL,
                                     p_deadline text DEFAULT NULL, p_actor bigint DEFAULT NULL,
                                     p_now bigint DEFAULT NULL,
                                     OUT transition_id bigint, OUT version bigint, OUT to_state text,
                                     OUT on_behalf_of bigint, OUT behalf_form text, OUT deadline text,
                                     OUT at_usec bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_owner    boolean := toa_caller_is_owner ();
  v_actor    bigint;
  v_now      bigint;
  v_a        record;
  v_code     text;
  v_version  bigint;
  v_def      json;
  v_roles    text[];
  v_check    record;
  v_comment  text := toa_clean_text (p_comment);
  v_ground   text := toa_clean_text (p_ground);
  v_target   text := toa_clean_text (p_target);
  v_req      record;
  v_detail   text;
BEGIN
  IF v_owner AND p_actor IS NOT NULL THEN
    v_actor := p_actor;
    PERFORM 1 FROM people WHERE id = v_actor AND active;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('Person %s is not an active person of the board and cannot act on items.', v_actor);
    END IF;
  ELSE
    v_actor := toa_current_person ();
    IF v_actor IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('The account “%s” is not an active person of the board and cannot act on items.', session_user);
    END IF;
    IF p_actor IS NOT NULL AND p_actor <> v_actor THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('The account “%s” can only act as itself.', session_user);
    END IF;
  END IF;
  v_now := CASE WHEN v_owner AND p_now IS NOT NULL AND p_now <> 0 THEN p_now ELSE toa_now_usec () END;
  IF p_transition IS NULL OR p_transition = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = 'Name the action to take, e.g. forward, return or publish.';
  END IF;

  SELECT a.id, a.site_id, a.state, a.version, a.workflow_code, a.workflow_version, a.deadline,
         COALESCE (g.designed, false) AS designed
    INTO v_a FROM articles a LEFT JOIN genres g ON g.code = a.genre
   WHERE a.id = p_article FOR UPDATE OF a;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'no_data_found',
      MESSAGE = format ('No article has the number %s. See “toasoan-cli article list”.', p_article);
  END IF;
  IF p_expected_version IS NOT NULL AND p_expected_version <> 0 AND p_expected_version <> v_a.version THEN
    RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
      MESSAGE = format ('%s acted on this item first; it is now “%s”. Reload it and decide again.',
                        COALESCE ((SELECT p.full_name FROM articles a JOIN people p ON p.id = a.last_actor_id
                                    WHERE a.id = p_article), 'Someone else'), v_a.state);
  END IF;

  v_code := COALESCE (v_a.workflow_code, (SELECT value FROM board_settings WHERE key = 'default_workflow'));
  IF v_a.workflow_version IS NOT NULL AND v_a.workflow_version > 0 THEN
    SELECT w.version, w.definition_json INTO v_version, v_def
      FROM workflow_definitions w WHERE w.code = v_code AND w.version = v_a.workflow_version;
  ELSE
    SELECT w.version, w.definition_json INTO v_version, v_def
      FROM workflow_definitions w WHERE w.code = v_code ORDER BY w.version DESC LIMIT 1;
  END IF;
  IF v_def IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('The workflow “%s” is not stored in this database. See “toasoan-cli workflow presets”.', v_code);
  END IF;

  v_roles := ARRAY (SELECT role FROM person_roles WHERE person_id = v_actor AND site_id = v_a.site_id);
  SELECT * INTO v_check
    FROM toa_check_transition (v_def, v_a.state, v_a.designed, p_transition, v_target, v_comment,
                               v_ground, v_roles, v_actor, v_a.site_id,
                               to_char ((to_timestamp (v_now / 1000000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD'));

  IF cardinality (toa_json_strv (v_check.transition -> 'needs_approval')) > 0
     AND NOT (v_roles && toa_json_strv (v_check.transition -> 'needs_approval')) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('“%s” needs the approval of one of: %s. Ask for it with an approval request.',
                        p_transition, array_to_string (toa_json_strv (v_check.transition -> 'needs_approval'), ', '));
  END IF;
  IF v_check.target = 'scheduled' THEN
    IF COALESCE (p_scheduled_for, 0) <= v_now THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'Give the publication time (--at), later than now.';
    END IF;
  ELSIF COALESCE (p_scheduled_for, 0) <> 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('A publication time only goes with scheduling; “%s” does not take one.', p_transition);
  END IF;
  IF NOT toa_json_flag (v_check.transition, 'ground_required') THEN
    v_ground := NULL;
  END IF;

  deadline := COALESCE (v_a.deadline, p_deadline);
  UPDATE articles a
     SET state = v_check.target, workflow_code = v_code, workflow_version = v_version,
         deadline = toa_take_transition.deadline, last_actor_id = v_actor,
         last_transition_at = v_now, updated_at = v_now,
         published_at = CASE WHEN toa_json_flag (v_check.transition, 'publishes') THEN v_now ELSE a.published_at END,
         version = a.version + 1
   WHERE a.id = v_a.id AND a.version = v_a.version AND a.state = v_a.state;
  version := v_a.version + 1;
  to_state := v_check.target;
  on_behalf_of := v_check.delegator;
  behalf_form := v_check.behalf_form;
  at_usec := v_now;

  INSERT INTO article_transitions (article_id, transition, from_state, to_state, actor_id,
                                   on_behalf_of, comment, ground, scheduled_for, at, behalf_form)
  VALUES (v_a.id, p_transition, v_a.state, v_check.target, v_actor, v_check.delegator, v_comment,
          v_ground, NULLIF (p_scheduled_for, 0), v_now, v_check.behalf_form)
  RETURNING id INTO transition_id;

  -- A pending approval request lapses when the item moves on (toa_approval_lapse_pending).
  FOR v_req IN
    UPDATE transition_requests r SET status = 'lapsed', decided_by = v_actor, decided_at = v_now
     WHERE r.article_id = v_a.id AND r.status = 'pending'
    RETURNING r.id, r.transition, r.from_state, r.to_state, r.article_version, r.on_behalf_of
  LOOP
    PERFORM toa_audit_write (v_actor, 'article.request-lapsed', 'article', v_a.id,
      '{"request":' || v_req.id || ',"transition":' || to_json (v_req.transition)::text
      || ',"from":' || to_json (v_req.from_state)::text || ',"to":' || to_json (v_req.to_state)::text
      || ',"version":' || v_req.article_version
      || CASE WHEN v_req.on_behalf_of IS NOT NULL THEN ',"on_behalf_of":' || v_req.on_behalf_of ELSE '' END
      || '}', v_now);
  END LOOP;

  -- The detail as toa_transitions_detail_json writes it.
  v_detail := '{"transition":' || to_json (p_transition)::text
              || ',"from":' || to_json (v_a.state)::text || ',"to":' || to_json (v_check.target)::text
              || CASE WHEN v_comment IS NOT NULL THEN ',"comment":' || to_json (v_comment)::text ELSE '' END
              || CASE WHEN v_ground IS NOT NULL THEN ',"ground":' || to_json (v_ground)::text ELSE '' END
              || CASE WHEN v_check.delegator IS NOT NULL
                      THEN ',"on_behalf_of":' || v_check.delegator || ',"behalf_form":' || to_json (v_check.behalf_form)::text
                      ELSE '' END
              || CASE WHEN COALESCE (p_scheduled_for, 0) <> 0 THEN ',"scheduled_for":' || p_scheduled_for ELSE '' END
              || '}';
  PERFORM toa_audit_write (v_actor, 'article.transition', 'article', v_a.id, v_detail, v_now);
END
$$;

-- Only the entry points are callable by members; the helpers stay the owner's.
REVOKE EXECUTE ON FUNCTION toa_audit_write (bigint, text, text, bigint, text, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_check_transition (json, text, boolean, text, text, text, text, text[], bigint, bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_take_transition (bigint, text, text, text, text, bigint, bigint, text, bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_audit_append (text, text, bigint, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION toa_take_transition (bigint, text, text, text, text, bigint, bigint, text, bigint, bigint) TO toasoan_member;
GRANT EXECUTE ON FUNCTION toa_audit_append (text, text, bigint, text, bigint) TO toasoan_member;
