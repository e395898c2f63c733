-- 004-notify.sql — live inboxes (issue 4 item 3): every change another desk must see sends a
-- small JSON notice on the channel toa_changes, delivered by the server when the writing
-- transaction commits (nothing for a rolled-back one; identical notices of one transaction
-- arrive once). Each desk LISTENs on its own connection (app/store/toa-pg-listen.c) and reads
-- again only the lists a notice concerns. The notice says what changed, not the content:
--   {"kind": "article"|"transition"|"request"|"comment", "article": id, "site": id,
--    "state": new state, "from": old state, "version": n, "person": who}
-- (members absent when unknown). Row triggers, one pg_notify each: a transition costs two.

CREATE FUNCTION toa_notify_change (kind text, article bigint, site bigint, state text,
                                   from_state text, version bigint, person bigint) RETURNS void
  LANGUAGE sql VOLATILE
AS $$
  SELECT pg_notify ('toa_changes',
                    json_strip_nulls (json_build_object ('kind', kind, 'article', article,
                                                         'site', site, 'state', state,
                                                         'from', from_state, 'version', version,
                                                         'person', person))::text)
$$;

-- An article made, or its state, version (every save bumps it) or deadline changed.
CREATE FUNCTION toa_notify_article () RETURNS trigger
  LANGUAGE plpgsql AS
$$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM toa_notify_change ('article', NEW.id, NEW.site_id, NEW.state, NULL, NEW.version,
                               NEW.created_by);
  ELSE
    PERFORM toa_notify_change ('article', NEW.id, NEW.site_id, NEW.state, OLD.state, NEW.version,
                               NEW.last_actor_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER articles_notify_insert AFTER INSERT ON articles
  FOR EACH ROW EXECUTE FUNCTION toa_notify_article ();
CREATE TRIGGER articles_notify_update AFTER UPDATE ON articles
  FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.version IS DISTINCT FROM NEW.version
        OR OLD.deadline IS DISTINCT FROM NEW.deadline)
  EXECUTE FUNCTION toa_notify_article ();

-- A step taken (the timeline grows), a request asked or decided, a comment written: the
-- article's site is read by its primary key.
CREATE FUNCTION toa_notify_article_child () RETURNS trigger
  LANGUAGE plpgsql AS
$$
DECLARE
  site bigint := (SELECT site_id FROM articles WHERE id = NEW.article_id);
BEGIN
  IF TG_TABLE_NAME = 'article_transitions' THEN
    PERFORM toa_notify_change ('transition', NEW.article_id, site, NEW.to_state, NEW.from_state,
                               NULL, NEW.actor_id);
  ELSIF TG_TABLE_NAME = 'transition_requests' THEN
    PERFORM toa_notify_change ('request', NEW.article_id, site, NULL, NULL, NULL,
                               coalesce (NEW.decided_by, NEW.requested_by));
  ELSE
    PERFORM toa_notify_change ('comment', NEW.article_id, site, NULL, NULL, NULL, NEW.person_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER article_transitions_notify AFTER INSERT ON article_transitions
  FOR EACH ROW EXECUTE FUNCTION toa_notify_article_child ();
CREATE TRIGGER transition_requests_notify AFTER INSERT OR UPDATE ON transition_requests
  FOR EACH ROW EXECUTE FUNCTION toa_notify_article_child ();
CREATE TRIGGER comments_notify AFTER INSERT ON comments
  FOR EACH ROW EXECUTE FUNCTION toa_notify_article_child ();
