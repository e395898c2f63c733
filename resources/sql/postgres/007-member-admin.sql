-- 007-member-admin.sql — the server enforces the rules for the board's administrative writes
-- and for approval requests (issue 4, point 2; after 005-security.sql).
--
-- Members (toasoan_member) have no INSERT/UPDATE/DELETE on any table (005). Their writes to
-- delegations, approval requests, people and roles, sites/sections/units, board settings,
-- calendar days and workflow definitions go through the SECURITY DEFINER functions below,
-- which run as the schema's owner with a pinned search_path and check the signed-in person
-- (session_user, toa_current_person ()):
-- - administration (people, roles, sites, sections, units, settings, calendar, workflows):
--   only the board's administrator, role admin on the portal (toa_people_require_admin in
--   app/core/toa-people.c, mirrored by toa_require_admin);
-- - delegations: the delegator themself, or the administrator (toa-delegation.c);
-- - asking for a transition that needs approval: the one generic checker of 005
--   (toa_check_transition) must allow it, and the person must lack every approving role;
-- - deciding a request: an approving role on the item's site, never the requester; applying
--   an approved request writes the item as the transition writer of 005 does.
-- The caller's audit records for the row writes come from core through toa_audit_append
-- (005), which computes seq and hash on the server; the approval functions write their own,
-- like toa_take_transition. The owner (the desktop on the owner's account, the store tests)
-- passes every check and may name the actor and the time.

-- ---- who may -------------------------------------------------------------------------------

-- The acting person: the owner may name @p_actor (NULL: unchecked owner, returns NULL);
-- a member is always themself, and must be an active person of the board.
CREATE FUNCTION toa_acting_person (p_actor bigint DEFAULT NULL) RETURNS bigint
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_actor bigint;
BEGIN
  IF toa_caller_is_owner () THEN
    RETURN p_actor;
  END IF;
  v_actor := toa_current_person ();
  IF v_actor IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('The account “%s” is not an active person of the board and cannot change anything.', session_user);
  END IF;
  IF p_actor IS NOT NULL AND p_actor <> v_actor THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('The account “%s” can only act as itself.', session_user);
  END IF;
  RETURN v_actor;
END
$$;

-- TRUE when @p_person is active and holds the role admin on the portal.
CREATE FUNCTION toa_is_admin (p_person bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
  SELECT EXISTS (SELECT 1 FROM person_roles r JOIN sites s ON s.id = r.site_id
                   JOIN people p ON p.id = r.person_id
                  WHERE r.person_id = p_person AND s.code = 'portal' AND r.role = 'admin' AND p.active)
$$;

-- Refuses (42501) unless the caller is the owner or the board's administrator; @p_what is
-- the action as core words it ("change workflows").
CREATE FUNCTION toa_require_admin (p_what text) RETURNS void
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_person bigint;
BEGIN
  IF toa_caller_is_owner () THEN
    RETURN;
  END IF;
  v_person := toa_acting_person (NULL);
  IF NOT toa_is_admin (v_person) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = format ('%s may not %s: only the board’s administrator (role admin on the portal) may.',
                        (SELECT COALESCE (full_name, login) FROM people WHERE id = v_person), p_what);
  END IF;
END
$$;

-- ---- sites, sections, units, people, roles, settings, calendar, workflows ------------------

CREATE FUNCTION toa_site_add (p_code text, p_name text, p_kind text, p_url text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_id bigint;
BEGIN
  PERFORM toa_require_admin ('add sites');
  INSERT INTO sites (code, name, kind, url) VALUES (p_code, p_name, COALESCE (p_kind, 'component'), p_url)
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

CREATE FUNCTION toa_section_add (p_site bigint, p_code text, p_name text, p_position bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_id bigint;
BEGIN
  PERFORM toa_require_admin ('add sections');
  INSERT INTO sections (site_id, code, name, position) VALUES (p_site, p_code, p_name, p_position)
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

CREATE FUNCTION toa_unit_add (p_code text, p_name text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_id bigint;
BEGIN
  PERFORM toa_require_admin ('add units');
  INSERT INTO units (code, name) VALUES (p_code, p_name) RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

CREATE FUNCTION toa_person_add (p_login text, p_full_name text, p_email text, p_contributor boolean,
                                p_contract_no text, p_active boolean, p_password_hash text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_id bigint;
BEGIN
  PERFORM toa_require_admin ('add people');
  INSERT INTO people (login, full_name, email, contributor, contract_no, active, password_hash)
  VALUES (p_login, p_full_name, p_email, p_contributor, p_contract_no, p_active, p_password_hash)
  RETURNING id INTO v_id;
  RETURN v_id;
END
$$;

CREATE FUNCTION toa_role_grant (p_person bigint, p_site bigint, p_role text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  PERFORM toa_require_admin ('grant roles');
  INSERT INTO person_roles (person_id, site_id, role) VALUES (p_person, p_site, p_role)
  ON CONFLICT DO NOTHING;
END
$$;

CREATE FUNCTION toa_board_setting_set (p_key text, p_value text, p_source text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  PERFORM toa_require_admin ('change the board''s settings');
  INSERT INTO board_settings (key, value, source) VALUES (p_key, p_value, COALESCE (p_source, ''))
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, source = excluded.source;
END
$$;

CREATE FUNCTION toa_calendar_day_set (p_day text, p_kind text, p_note text, p_source text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  PERFORM toa_require_admin ('change the working-day calendar');
  INSERT INTO calendar_adjustments (day, kind, note, source) VALUES (p_day, p_kind, p_note, p_source)
  ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note, source = excluded.source;
END
$$;

-- A member's definition is recorded as theirs, at the server's time.
CREATE FUNCTION toa_workflow_definition_add (p_code text, p_version bigint, p_name text, p_source text,
                                             p_definition text, p_created_at bigint, p_created_by bigint)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_owner boolean := toa_caller_is_owner ();
BEGIN
  PERFORM toa_require_admin ('change workflows');
  INSERT INTO workflow_definitions (code, version, name, source, definition_json, created_at, created_by)
  VALUES (p_code, p_version, p_name, COALESCE (p_source, ''), p_definition::json,
          CASE WHEN v_owner THEN p_created_at ELSE toa_now_usec () END,
          CASE WHEN v_owner THEN p_created_by ELSE toa_current_person () END);
END
$$;

-- ---- delegations ---------------------------------------------------------------------------

-- The delegator themself or the administrator; each action a delegable transition of the
-- board's default workflow whose roles the delegator holds on the site (core's check_action
-- says why in detail; the server refuses what core would).
CREATE FUNCTION toa_delegation_add (p_from bigint, p_to bigint, p_site bigint, p_actions text,
                                    p_from_date text, p_to_date text, p_created_at bigint,
                                    p_form text DEFAULT 'KT') RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_owner   boolean := toa_caller_is_owner ();
  v_actor   bigint := toa_acting_person (NULL);
  v_def     json;
  v_roles   text[];
  v_action  text;
  v_ok      boolean;
  v_id      bigint;
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
    SELECT w.definition_json INTO v_def FROM workflow_definitions w
     WHERE w.code = (SELECT value FROM board_settings WHERE key = 'default_workflow')
     ORDER BY w.version DESC LIMIT 1;
    v_roles := ARRAY (SELECT role FROM person_roles WHERE person_id = p_from AND site_id = p_site);
    FOREACH v_action IN ARRAY ARRAY (SELECT btrim (a) FROM unnest (string_to_array (p_actions, ',')) a) LOOP
      SELECT EXISTS (SELECT 1 FROM json_array_elements (v_def -> 'transitions') t
                      WHERE t ->> 'code' = v_action AND toa_json_flag (t, 'delegable')
                        AND v_roles && toa_json_strv (t -> 'roles'))
        INTO v_ok;
      IF NOT COALESCE (v_ok, false) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
          MESSAGE = format ('“%s” cannot be delegated by this person on this site: it is not delegable, or they do not hold its roles.', v_action);
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

-- Returns the number of rows revoked (0: already revoked).
CREATE FUNCTION toa_delegation_revoke (p_id bigint, p_at bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_owner boolean := toa_caller_is_owner ();
  v_actor bigint := toa_acting_person (NULL);
  v_from  bigint;
  v_n     bigint;
BEGIN
  SELECT from_person INTO v_from FROM delegations WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'no_data_found',
      MESSAGE = format ('No delegation has the number %s. See “toasoan-cli delegate list --all”.', p_id);
  END IF;
  IF NOT v_owner AND v_actor <> v_from AND NOT toa_is_admin (v_actor) THEN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
      MESSAGE = 'Only the delegator or the administrator may revoke a delegation.';
  END IF;
  UPDATE delegations SET revoked_at = CASE WHEN v_owner THEN p_at ELSE toa_now_usec () END
   WHERE id = p_id AND revoked_at IS NULL;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END
$$;

-- ---- approval requests -----------------------------------------------------------------------

-- The audit detail of a request, as request_detail in app/core/toa-approval.c writes it.
CREATE FUNCTION toa_request_detail (p_id bigint, p_transition text, p_from text, p_to text,
                                    p_version bigint, p_comment text, p_on_behalf_of bigint)
  RETURNS text
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT '{"request":' || p_id || ',"transition":' || to_json (p_transition)::text
         || ',"from":' || to_json (p_from)::text || ',"to":' || to_json (p_to)::text
         || ',"version":' || p_version
         || CASE WHEN p_comment IS NOT NULL THEN ',"comment":' || to_json (p_comment)::text ELSE '' END
         || CASE WHEN p_on_behalf_of IS NOT NULL AND p_on_behalf_of <> 0
                 THEN ',"on_behalf_of":' || p_on_behalf_of ELSE '' END
         || '}'
$$;

-- The definition an article follows (its own version, else the latest of its code, else the
-- board's default), as toa_take_transition reads it.
CREATE FUNCTION toa_article_definition (p_code text, p_version bigint, OUT code text,
                                        OUT version bigint, OUT definition json)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  code := COALESCE (p_code, (SELECT value FROM board_settings WHERE key = 'default_workflow'));
  IF p_version IS NOT NULL AND p_version > 0 THEN
    SELECT w.version, w.definition_json INTO version, definition
      FROM workflow_definitions w WHERE w.code = toa_article_definition.code AND w.version = p_version;
  ELSE
    SELECT w.version, w.definition_json INTO version, definition
      FROM workflow_definitions w WHERE w.code = toa_article_definition.code ORDER BY w.version DESC LIMIT 1;
  END IF;
  IF definition IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('The workflow “%s” is not stored in this database. See “toasoan-cli workflow presets”.', code);
  END IF;
END
$$;

-- Asks for a transition that needs approval, as the signed-in person (the owner may name
-- p_actor and p_now): the generic checker must allow it, and the person must hold none of
-- its approving roles (else: take it with toa_take_transition). One pending request per
-- item (23505 from the partial unique index). Writes the request and "article.request".
CREATE FUNCTION toa_ask_transition (p_article bigint, p_transition text, p_target text DEFAULT NULL,
                                    p_comment text DEFAULT NULL, p_ground text DEFAULT NULL,
                                    p_expected_version bigint DEFAULT NULL, p_actor bigint DEFAULT NULL,
                                    p_now bigint DEFAULT NULL,
                                    OUT request_id bigint, OUT to_state text, OUT on_behalf_of bigint,
                                    OUT article_version bigint, OUT requested_at bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
  v_owner    boolean := toa_caller_is_owner ();
  v_actor    bigint;
  v_now      bigint;
  v_a        record;
  v_w        record;
  v_roles    text[];
  v_check    record;
  v_comment  text := toa_clean_text (p_comment);
  v_ground   text := toa_clean_text (p_ground);
BEGIN
  v_actor := toa_acting_person (p_actor);
  IF v_actor IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'Name who asks (p_actor).';
  END IF;
  v_now := CASE WHEN v_owner AND COALESCE (p_now, 0) <> 0 THEN p_now ELSE toa_now_usec () END;
  SELECT a.id, a.site_id, a.state, a.version, a.workflow_code, a.workflow_version,
         COALESCE (g.designed, false) AS designed
    INTO v_a FROM articles a LEFT JOIN genres g ON g.code = a.genre
   WHERE a.id = p_article FOR UPDATE OF a;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'no_data_found',
      MESSAGE = format ('No article has the number %s. See “toasoan-cli article list”.', p_article);
  END IF;
  IF COALESCE (p_expected_version, 0) <> 0 AND p_expected_version <> v_a.version THEN
    RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
      MESSAGE = 'Someone else changed this item first. Reload it and decide again.';
  END IF;
  SELECT * INTO v_w FROM toa_article_definition (v_a.workflow_code, v_a.workflow_version);
  v_roles := ARRAY (SELECT role FROM person_roles WHERE person_id = v_actor AND site_id = v_a.site_id);
  SELECT * INTO v_check
    FROM toa_check_transition (v_w.definition, v_a.state, v_a.designed, p_transition, toa_clean_text (p_target),
                               v_comment, v_ground, v_roles, v_actor, v_a.site_id,
                               to_char ((to_timestamp (v_now / 1000000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD'));
  IF cardinality (toa_json_strv (v_check.transition -> 'needs_approval')) = 0
     OR v_roles && toa_json_strv (v_check.transition -> 'needs_approval') THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
      MESSAGE = format ('“%s” needs no approval from you: take it directly.', p_transition);
  END IF;
  IF NOT toa_json_flag (v_check.transition, 'ground_required') THEN
    v_ground := NULL;
  END IF;
  INSERT INTO transition_requests (article_id, transition, from_state, to_state, comment, ground,
                                   article_version, requested_by, on_behalf_of, requested_at, status)
  VALUES (v_a.id, p_transition, v_a.state, v_check.target, v_comment, v_ground, v_a.version, v_actor,
          v_check.delegator, v_now, 'pending')
  RETURNING id INTO request_id;
  to_state := v_check.target;
  on_behalf_of := v_check.delegator;
  article_version := v_a.version;
  requested_at := v_now;
  PERFORM toa_audit_write (v_actor, 'article.request', 'article', v_a.id,
                           toa_request_detail (request_id, p_transition, v_a.state, v_check.target,
                                               v_a.version, v_comment, v_check.delegator), v_now);
END
$$;

-- Decides a pending request as the signed-in person (the owner may name p_actor, p_now):
-- an approving role of the transition on the item's site, never the requester. Rejecting
-- needs a comment. Approving an item that moved since the request closes it as lapsed
-- (status 'lapsed', the item untouched); otherwise the transition is applied: the item's
-- state, the timeline row (the requester as actor, signed for the delegator as when asked,
-- the approver as approved_by) and "article.request-approved". p_deadline is used only when
-- the item has none (computed by core from the working-day calendar).
CREATE FUNCTION toa_decide_request (p_request bigint, p_approve boolean, p_comment text DEFAULT NULL,
                                    p_deadline text DEFAULT NULL, p_actor bigint DEFAULT NULL,
                                    p_now bigint DEFAULT NULL,
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

-- ---- privileges ----------------------------------------------------------------------------

REVOKE EXECUTE ON FUNCTION toa_acting_person (bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_is_admin (bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_require_admin (text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_article_definition (text, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_site_add (text, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_section_add (bigint, text, text, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_unit_add (text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_person_add (text, text, text, boolean, text, boolean, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_role_grant (bigint, bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_board_setting_set (text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_calendar_day_set (text, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_workflow_definition_add (text, bigint, text, text, text, bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_delegation_add (bigint, bigint, bigint, text, text, text, bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_delegation_revoke (bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_ask_transition (bigint, text, text, text, text, bigint, bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION toa_decide_request (bigint, boolean, text, text, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION toa_site_add (text, text, text, text),
                          toa_section_add (bigint, text, text, bigint),
                          toa_unit_add (text, text),
                          toa_person_add (text, text, text, boolean, text, boolean, text),
                          toa_role_grant (bigint, bigint, text),
                          toa_board_setting_set (text, text, text),
                          toa_calendar_day_set (text, text, text, text),
                          toa_workflow_definition_add (text, bigint, text, text, text, bigint, bigint),
                          toa_delegation_add (bigint, bigint, bigint, text, text, text, bigint, text),
                          toa_delegation_revoke (bigint, bigint),
                          toa_ask_transition (bigint, text, text, text, text, bigint, bigint, bigint),
                          toa_decide_request (bigint, boolean, text, text, bigint, bigint)
  TO toasoan_member;
