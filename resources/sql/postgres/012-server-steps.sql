-- 012-server-steps.sql — the server writes what core writes around a step (issue 5, after
-- 005-security.sql, 006-member-articles.sql, 007-member-admin.sql and 008-audit-commit.sql).
--
-- 1. Every step keeps a revision (issue 5 point 5; toa_revisions_add_step in
--    app/core/toa-revisions.c). Until now core added it on PostgreSQL right after
--    toa_take_transition, and nothing at all after an approved request: a member calling
--    toa_take_transition or toa_decide_request from psql skipped it. Both now write the step's
--    revision themselves, in their own transaction: the text of the newest revision (or the
--    article's, for one written before revisions were kept) by the one who moved the item
--    (the approver for an approved request), at the step's time, noted as core notes it.
--    The two functions keep their bodies, results and grants, with one PERFORM
--    toa_revision_step after the timeline row and a last argument p_step_note: the note as core
--    words it (toa_revisions_step_note: the states' names translated for the one acting, which
--    the server cannot do); without it (psql) the note names the states by their codes.
-- 2. Adding a delegation checks each action as core's check_action (app/core/toa-delegation.c)
--    does: known in the board's default workflow, delegable, held by the delegator on the site,
--    and allowed to the delegate (a "delegable_to" role on the site, or no such list); both
--    people active.
-- 3. Commenting: the same right as toa_articles_comment (app/core/toa-articles.c): a role on
--    the item's site that writes articles (005/006 allowed any role); a comment is not empty
--    and at most 10,000 characters.
-- 4. A member's transaction that changed the board's tables commits only with an audit record
--    in it (every act of core appends one, toa_audit_append; the step and request functions
--    write their own): a deferred check at COMMIT, next to 008's linker, which settles the
--    check when it fires first. The check locks nothing but its own rows (008's rule for
--    deferred triggers holds). The owner (trusted, as in 005) is not checked.

-- ---- 1. a revision for every step --------------------------------------------------------

-- The note of a step's revision, as toa_revisions_add_step writes it.
CREATE FUNCTION toa_revision_step_note (p_transition text, p_from text, p_to text) RETURNS text
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT COALESCE (p_transition, '?') || ': ' || COALESCE (p_from, '?') || ' → ' || COALESCE (p_to, '?')
$$;

-- Keeps the article's text as it stands in a new revision for the timeline row
-- @p_transition_id (its article, step, time; its approver, else its actor, as the author),
-- noted @p_note (core's toa_revisions_step_note, the states' names translated for the one
-- acting) or, without one, "<transition>: <from> → <to>" with the states' codes.
CREATE FUNCTION toa_revision_step (p_transition_id bigint, p_note text DEFAULT NULL) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_t   record;
  v_r   record;
  v_id  bigint;
BEGIN
  SELECT t.article_id, t.transition, t.from_state, t.to_state, t.at,
         COALESCE (t.approved_by, t.actor_id) AS author
    INTO v_t FROM article_transitions t WHERE t.id = p_transition_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'no_data_found',
      MESSAGE = format ('No step has the number %s.', p_transition_id);
  END IF;
  SELECT r.title, r.sapo, r.body_html INTO v_r FROM revisions r
   WHERE r.article_id = v_t.article_id ORDER BY r.number DESC LIMIT 1;
  IF NOT FOUND THEN
    -- an article written before revisions were kept: its text as stored now
    SELECT a.title, a.sapo, a.body_html INTO v_r FROM articles a WHERE a.id = v_t.article_id;
  END IF;
  INSERT INTO public.revisions (article_id, number, title, sapo, body_html, author_id, created_at, note)
  SELECT v_t.article_id, COALESCE (MAX (r.number), 0) + 1, COALESCE (v_r.title, ''),
         COALESCE (v_r.sapo, ''), COALESCE (v_r.body_html, ''), NULLIF (v_t.author, 0), v_t.at,
         COALESCE (toa_clean_text (p_note), toa_revision_step_note (v_t.transition, v_t.from_state, v_t.to_state))
    FROM revisions r WHERE r.article_id = v_t.article_id
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

-- toa_take_transition of 005, the same but for the step's revision after the timeline row and
-- its note @p_step_note (a new last argument, so positional and named calls stay valid).
DROP FUNCTION toa_take_transition (bigint, text, text, text, text, bigint, bigint, text, bigint, bigint);
CREATE FUNCTION toa_take_transition (p_article bigint, p_transition text,
                                     p_target text DEFAULT NULL, p_comment text DEFAULT NULL,
                                     p_ground text DEFAULT NULL, p_scheduled_for bigint DEFAULT NULL,
                                     p_expected_version bigint DEFAULT NULL,
                                     p_deadline text DEFAULT NULL, p_actor bigint DEFAULT NULL,
                                     p_now bigint DEFAULT NULL, p_step_note text DEFAULT NULL,
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
  -- every step keeps a revision (012)
  PERFORM toa_revision_step (transition_id, p_step_note);

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

-- toa_decide_request of 007, the same but for the step's revision (noted @p_step_note) when
-- the request is approved and the item moves.
DROP FUNCTION toa_decide_request (bigint, boolean, text, text, bigint, bigint);
CREATE FUNCTION toa_decide_request (p_request bigint, p_approve boolean, p_comment text DEFAULT NULL,
                                    p_deadline text DEFAULT NULL, p_actor bigint DEFAULT NULL,
                                    p_now bigint DEFAULT NULL, p_step_note text DEFAULT NULL,
                                    OUT status text, OUT transition_id bigint, OUT version bigint,
                                    OUT state text, OUT behalf_form text, OUT deadline text,
                                    OUT at_usec bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_owner    boolean := toa_caller_is_owner ();
  v_actor    bigint;
  v_now      bigint;
  v_r        record;
  v_a        record;
  v_w        record;
  v_t        json;
  v_wanted   text[];
  v_comment  text := toa_clean_text (p_comment);
  v_detail   text;
BEGIN
  v_actor := toa_acting_person (p_actor);
  IF v_actor IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'Name who decides (p_actor).';
  END IF;
  v_now := CASE WHEN v_owner AND COALESCE (p_now, 0) <> 0 THEN p_now ELSE toa_now_usec () END;
  SELECT * INTO v_r FROM transition_requests r WHERE r.id = p_request FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'no_data_found',
      MESSAGE = format ('There is no request %s. See the pending ones with “toasoan-cli workflow requests”.', p_request);
  END IF;
  IF v_r.status <> 'pending' THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('Request %s was already %s; nothing to decide.', p_request, v_r.status);
  END IF;
  SELECT a.id, a.site_id, a.state, a.version, a.workflow_code, a.workflow_version, a.deadline,
         COALESCE (g.designed, false) AS designed
    INTO v_a FROM articles a LEFT JOIN genres g ON g.code = a.genre
   WHERE a.id = v_r.article_id FOR UPDATE OF a;
  SELECT * INTO v_w FROM toa_article_definition (v_a.workflow_code, v_a.workflow_version);
  -- the transition as the definition has it from the request's state (first match, as core)
  SELECT t INTO v_t FROM json_array_elements (v_w.definition -> 'transitions') t
   WHERE t ->> 'code' = v_r.transition AND v_r.from_state = ANY (toa_json_strv (t -> 'from'))
     AND NOT (toa_json_flag (t, 'designed_only') AND NOT v_a.designed)
     AND NOT (toa_json_flag (t, 'not_designed') AND v_a.designed)
   LIMIT 1;
  v_wanted := toa_json_strv (v_t -> 'needs_approval');
  IF v_actor = v_r.requested_by THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('You asked for this yourself; someone else must decide it (%s).', array_to_string (v_wanted, ', '));
  END IF;
  IF NOT v_owner OR p_actor IS NOT NULL THEN
    IF NOT EXISTS (SELECT 1 FROM people WHERE id = v_actor AND active)
       OR NOT (ARRAY (SELECT role FROM person_roles WHERE person_id = v_actor AND site_id = v_a.site_id) && v_wanted) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('Only these roles on the item''s site may decide “%s”: %s. Ask one of them.',
                          v_r.transition, array_to_string (v_wanted, ', '));
    END IF;
  END IF;
  at_usec := v_now;
  version := v_a.version;
  state := v_a.state;
  deadline := v_a.deadline;

  IF NOT p_approve THEN
    IF v_comment IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'Say why the request is rejected (--comment); the requester will read it.';
    END IF;
    UPDATE transition_requests SET status = 'rejected', decided_by = v_actor, decision_comment = v_comment,
           decided_at = v_now WHERE id = v_r.id;
    status := 'rejected';
    PERFORM toa_audit_write (v_actor, 'article.request-rejected', 'article', v_a.id,
                             toa_request_detail (v_r.id, v_r.transition, v_r.from_state, v_r.to_state,
                                                 v_r.article_version, v_comment, v_r.on_behalf_of), v_now);
    RETURN;
  END IF;

  IF v_a.version <> v_r.article_version OR v_a.state <> v_r.from_state THEN
    UPDATE transition_requests SET status = 'lapsed', decided_by = v_actor, decision_comment = v_comment,
           decided_at = v_now WHERE id = v_r.id;
    status := 'lapsed';
    PERFORM toa_audit_write (v_actor, 'article.request-lapsed', 'article', v_a.id,
                             toa_request_detail (v_r.id, v_r.transition, v_r.from_state, v_r.to_state,
                                                 v_r.article_version, v_comment, v_r.on_behalf_of), v_now);
    RETURN;
  END IF;
  IF v_t IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('The item''s workflow no longer has “%s” from “%s”. Reject the request.', v_r.transition, v_r.from_state);
  END IF;

  -- signed for the delegator as when asked (toa_delegation_form_for)
  IF v_r.on_behalf_of IS NOT NULL THEN
    SELECT COALESCE (d.form, 'KT') INTO behalf_form FROM delegations d
     WHERE d.from_person = v_r.on_behalf_of AND d.to_person = v_r.requested_by
       AND d.from_date <= to_char ((to_timestamp (v_r.requested_at / 1000000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD')
       AND d.to_date >= to_char ((to_timestamp (v_r.requested_at / 1000000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD')
       AND (d.revoked_at IS NULL OR d.revoked_at > v_r.requested_at)
       AND v_r.transition = ANY (string_to_array (d.actions, ','))
     ORDER BY d.id DESC LIMIT 1;
    behalf_form := COALESCE (behalf_form, 'KT');
  END IF;

  deadline := COALESCE (v_a.deadline, p_deadline);
  UPDATE articles a
     SET state = v_r.to_state, workflow_code = v_w.code, workflow_version = v_w.version,
         deadline = toa_decide_request.deadline, last_actor_id = v_actor,
         last_transition_at = v_now, updated_at = v_now,
         published_at = CASE WHEN toa_json_flag (v_t, 'publishes') THEN v_now ELSE a.published_at END,
         version = a.version + 1
   WHERE a.id = v_a.id;
  version := v_a.version + 1;
  state := v_r.to_state;
  INSERT INTO article_transitions (article_id, transition, from_state, to_state, actor_id, on_behalf_of,
                                   comment, ground, at, approved_by, behalf_form)
  VALUES (v_a.id, v_r.transition, v_r.from_state, v_r.to_state, v_r.requested_by, v_r.on_behalf_of,
          v_r.comment, v_r.ground, v_now, v_actor, behalf_form)
  RETURNING id INTO transition_id;
  -- every step keeps a revision (012)
  PERFORM toa_revision_step (transition_id, p_step_note);
  UPDATE transition_requests SET status = 'approved', decided_by = v_actor, decision_comment = v_comment,
         decided_at = v_now WHERE id = v_r.id;
  status := 'approved';
  -- The detail as toa_transitions_detail_json (record, request) writes it.
  v_detail := '{"transition":' || to_json (v_r.transition)::text
              || ',"from":' || to_json (v_r.from_state)::text || ',"to":' || to_json (v_r.to_state)::text
              || CASE WHEN v_r.comment IS NOT NULL THEN ',"comment":' || to_json (v_r.comment)::text ELSE '' END
              || CASE WHEN v_r.ground IS NOT NULL THEN ',"ground":' || to_json (v_r.ground)::text ELSE '' END
              || CASE WHEN v_r.on_behalf_of IS NOT NULL
                      THEN ',"on_behalf_of":' || v_r.on_behalf_of || ',"behalf_form":' || to_json (behalf_form)::text
                      ELSE '' END
              || ',"approved_by":' || v_actor || ',"request":' || v_r.id || '}';
  PERFORM toa_audit_write (v_actor, 'article.request-approved', 'article', v_a.id, v_detail, v_now);
END
$$;

-- ---- 2. delegations: the delegate's roles too ----------------------------------------------

-- The delegator themself or the administrator; both people active; each action as core's
-- check_action: a transition of the board's default workflow with that code (22023 if none),
-- delegable, whose roles the delegator holds on the site, and whose "delegable_to" is empty
-- or names a role the delegate holds on the site (42501 with core's reason otherwise).
CREATE OR REPLACE FUNCTION toa_delegation_add (p_from bigint, p_to bigint, p_site bigint, p_actions text,
                                               p_from_date text, p_to_date text, p_created_at bigint,
                                               p_form text DEFAULT 'KT') RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_owner     boolean := toa_caller_is_owner ();
  v_actor     bigint := toa_acting_person (NULL);
  v_code      text;
  v_def       json;
  v_from      record;
  v_to        record;
  v_roles     text[];
  v_to_roles  text[];
  v_action    text;
  v_t         json;
  v_known     boolean;
  v_delegable boolean;
  v_holder    boolean;
  v_receiver  boolean;
  v_id        bigint;
BEGIN
  IF NOT v_owner THEN
    IF v_actor <> p_from AND NOT toa_is_admin (v_actor) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'Only the delegator themself or the administrator may add a delegation.';
    END IF;
    IF p_from = p_to THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'A person cannot delegate to themself. Name someone else with --to.';
    END IF;
    IF p_from_date IS NULL OR p_to_date IS NULL OR p_from_date > p_to_date THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'The delegation needs a first and a last day, the first not after the last.';
    END IF;
    SELECT id, full_name, active INTO v_from FROM people WHERE id = p_from;
    SELECT id, full_name, active INTO v_to FROM people WHERE id = p_to;
    IF v_from.id IS NULL OR NOT v_from.active OR v_to.id IS NULL OR NOT v_to.active THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'Both people of a delegation must be active people of the board. See “toasoan-cli user list”.';
    END IF;
    v_code := (SELECT value FROM board_settings WHERE key = 'default_workflow');
    SELECT w.definition_json INTO v_def FROM workflow_definitions w
     WHERE w.code = v_code ORDER BY w.version DESC LIMIT 1;
    v_roles := ARRAY (SELECT role FROM person_roles WHERE person_id = p_from AND site_id = p_site);
    v_to_roles := ARRAY (SELECT role FROM person_roles WHERE person_id = p_to AND site_id = p_site);
    FOREACH v_action IN ARRAY ARRAY (SELECT btrim (a) FROM unnest (string_to_array (p_actions, ',')) a
                                      WHERE btrim (a) <> '') LOOP
      v_known := false;
      v_delegable := false;
      v_holder := false;
      v_receiver := false;
      FOR v_t IN SELECT t FROM json_array_elements (v_def -> 'transitions') t WHERE t ->> 'code' = v_action LOOP
        v_known := true;
        CONTINUE WHEN NOT toa_json_flag (v_t, 'delegable');
        v_delegable := true;
        v_holder := v_holder OR v_roles && toa_json_strv (v_t -> 'roles');
        v_receiver := v_receiver OR cardinality (toa_json_strv (v_t -> 'delegable_to')) = 0
                      OR v_to_roles && toa_json_strv (v_t -> 'delegable_to');
      END LOOP;
      IF NOT v_known THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
          MESSAGE = format ('The workflow “%s” has no action “%s”. See “toasoan-cli workflow show %s”.',
                            v_code, v_action, v_code);
      ELSIF NOT v_delegable THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
          MESSAGE = format ('“%s” cannot be delegated in the workflow “%s”.', v_action, v_code);
      ELSIF NOT v_holder THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
          MESSAGE = format ('%s cannot delegate “%s”: they do not hold a role that may take it on this site.',
                            v_from.full_name, v_action);
      ELSIF NOT v_receiver THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
          MESSAGE = format ('“%s” cannot be delegated to %s: the workflow allows it only to a holder of another role on this site.',
                            v_action, v_to.full_name);
      END IF;
    END LOOP;
  END IF;
  INSERT INTO delegations (from_person, to_person, site_id, actions, from_date, to_date, created_at, form)
  VALUES (p_from, p_to, p_site, p_actions, p_from_date, p_to_date,
          CASE WHEN v_owner THEN p_created_at ELSE toa_now_usec () END, COALESCE (p_form, 'KT'))
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

-- ---- 3. comments: the right to write articles on the item's site ---------------------------

CREATE OR REPLACE FUNCTION toa_comment_add (p_article bigint, p_person bigint, p_body text, p_created_at bigint,
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
    IF v_site IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'no_data_found',
        MESSAGE = format ('No article has the number %s. See “toasoan-cli article list”.', p_article);
    END IF;
    -- core: toa_person_may_write_articles (actor, site), set_no_permission with the site's code
    IF NOT toa_person_writes_on (v_me, v_site) THEN
      RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = format ('%s may not write articles on the site “%s”. Ask the administrator for a role on that site.',
                          (SELECT full_name FROM people WHERE people.id = v_me),
                          (SELECT code FROM sites WHERE sites.id = v_site));
    END IF;
    IF toa_clean_text (p_body) IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'Comment: this field is required. Fill it in and try again.';
    END IF;
    IF char_length (toa_clean_text (p_body)) > 10000 THEN
      RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
        MESSAGE = 'Comment: too long (at most 10000 characters). Shorten it and try again.';
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

-- ---- 4. no member's change without its audit record ---------------------------------------

-- A member's transaction that wrote to a table of the board (always through a server
-- function: members hold no INSERT/UPDATE/DELETE) leaves one mark here; a deferred check
-- reads it at COMMIT. Like 008's staged records, a mark never outlives its transaction (the
-- check deletes it; a rollback takes it away, with the check's event).
CREATE UNLOGGED TABLE toa_internal.audit_required (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person  bigint,
  what    text NOT NULL
);
REVOKE ALL ON toa_internal.audit_required FROM PUBLIC;

-- After each statement writing a table of the board: a mark, once per transaction, unless the
-- caller is the owner (trusted: core, the demo, `db copy`).
CREATE FUNCTION toa_audit_require_mark () RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  IF NOT toa_caller_is_owner () AND NOT EXISTS (SELECT 1 FROM toa_internal.audit_required) THEN
    INSERT INTO toa_internal.audit_required (person, what)
    VALUES (toa_current_person (), lower (TG_OP) || ' ' || TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;

-- At COMMIT: the transaction must carry an audit record. Either 008's linker fired first (the
-- record was staged before the write) and settled the marks — nothing left to check — or the
-- record is still staged, waiting for the linker, which fires after this check.
CREATE FUNCTION toa_audit_require_check () RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_what text;
BEGIN
  SELECT what INTO v_what FROM toa_internal.audit_required WHERE id = NEW.id;
  IF NOT FOUND THEN
    RETURN NULL;   -- settled by the linker, or checked by an earlier firing
  END IF;
  IF NOT EXISTS (SELECT 1 FROM toa_internal.audit_pending) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('Every change to the board is audited: this transaction (%s) has no audit record, so nothing was saved. Append it with toa_audit_append before COMMIT.', v_what);
  END IF;
  DELETE FROM toa_internal.audit_required;
  RETURN NULL;
END
$$;

-- 008's linker, the same but for settling the marks once it has linked the records.
CREATE OR REPLACE FUNCTION toa_audit_link () RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_seq   bigint;
  v_prev  text;
  v_hash  text;
  v_last  bigint := 0;
  v_r     record;
BEGIN
  PERFORM 1 FROM toa_internal.audit_pending WHERE id = NEW.id;
  IF NOT FOUND THEN
    RETURN NULL;   -- linked by an earlier firing in this transaction
  END IF;
  LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;
  -- a statement after the lock is granted: under READ COMMITTED its snapshot holds the last
  -- record the previous holder committed
  SELECT seq, hash INTO v_seq, v_prev FROM audit_log ORDER BY seq DESC LIMIT 1;
  v_seq := COALESCE (v_seq, 0);
  v_prev := COALESCE (v_prev, repeat ('0', 64));
  -- other transactions' staged rows are uncommitted, hence invisible here
  BEGIN
    FOR v_r IN SELECT * FROM toa_internal.audit_pending ORDER BY id LOOP
      v_seq := v_seq + 1;
      v_hash := toa_audit_hash (v_seq, v_r.at, v_r.actor_id, v_r.action, v_r.object_type,
                                v_r.object_id, v_r.detail, v_prev);
      -- (qualified: `db copy` reads "INSERT INTO <table>" in the scripts as seed rows)
      INSERT INTO public.audit_log (seq, at, actor_id, action, object_type, object_id, detail, prev_hash, hash)
      VALUES (v_seq, v_r.at, v_r.actor_id, v_r.action, v_r.object_type, v_r.object_id, v_r.detail,
              v_prev, v_hash);
      v_prev := v_hash;
      v_last := v_r.id;
    END LOOP;
  EXCEPTION WHEN unique_violation THEN
    -- only when the snapshot is older than the lock (REPEATABLE READ, SERIALIZABLE)
    RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
      MESSAGE = 'Another desk wrote to the audit log while this transaction ran; nothing was saved. Try again.';
  END;
  DELETE FROM toa_internal.audit_pending WHERE id <= v_last;
  -- 012: the transaction carries its audit record, so its marks are settled
  DELETE FROM toa_internal.audit_required;
  RETURN NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION toa_audit_require_mark () FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_audit_require_check () FROM PUBLIC;

CREATE CONSTRAINT TRIGGER audit_required_check AFTER INSERT ON toa_internal.audit_required
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION toa_audit_require_check ();

DO $$
DECLARE
  v_table text;
BEGIN
  FOREACH v_table IN ARRAY ARRAY['articles', 'article_authors', 'article_attachments', 'article_images',
                                 'article_tags', 'article_transitions', 'revisions', 'comments',
                                 'comment_mentions', 'intake_records', 'stored_files', 'delegations',
                                 'transition_requests', 'people', 'person_roles', 'sites', 'sections',
                                 'units', 'board_settings', 'calendar_adjustments', 'calendar_holidays',
                                 'workflow_definitions', 'genres', 'info_kinds', 'intake_channels'] LOOP
    EXECUTE format ('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                    'FOR EACH STATEMENT EXECUTE FUNCTION toa_audit_require_mark ()',
                    v_table || '_audit_required', v_table);
  END LOOP;
END
$$;

-- ---- privileges ----------------------------------------------------------------------------

REVOKE EXECUTE ON FUNCTION toa_revision_step (bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_take_transition (bigint, text, text, text, text, bigint, bigint, text, bigint, bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_decide_request (bigint, boolean, text, text, bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION toa_take_transition (bigint, text, text, text, text, bigint, bigint, text, bigint, bigint, text),
                          toa_decide_request (bigint, boolean, text, text, bigint, bigint, text)
  TO toasoan_member;
