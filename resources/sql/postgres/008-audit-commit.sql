-- 008-audit-commit.sql — the audit chain is linked at COMMIT (issue 4, points 4 and 6).
--
-- Until 007 an append locked audit_log (SHARE ROW EXCLUSIVE) to read the last record and
-- insert the next one, and held the lock to the end of the transaction: every other desk's
-- append waited for the client's COMMIT to travel over the network — the benchmark's
-- bottleneck. Now an append only stages the record's content (toa_internal.audit_pending,
-- no lock); a deferred constraint trigger links the staged records into the chain when the
-- transaction commits: it takes the same lock, reads the last record, and inserts the staged
-- ones with seq, prev_hash and hash in the canonical form of app/core/toa-audit.c, in the
-- order they were staged. The lock is held from there to the end of the commit, inside the
-- server — never across a client round trip. Hence:
-- - the chain stays gapless in commit order: seq is given at commit, by one linker at a time;
-- - a rolled-back transaction (or savepoint) leaves nothing: its staged rows and its pending
--   trigger events go with it;
-- - concurrent transactions never fail on it: the linker waits for the lock, and once it has
--   it wants no other lock (no other trigger of the schema is deferred: a later one that
--   locks rows must not be queued after this one, or two commits could deadlock); it reads
--   under READ COMMITTED — every transaction of the app runs at that level, PostgreSQL's
--   default. A transaction of someone's own at REPEATABLE READ or SERIALIZABLE cannot see a
--   record committed after its snapshot: when another desk appended meanwhile, its COMMIT
--   fails with serialization_failure (40001, "try again"), and the chain is untouched;
-- - `at` is when the record was written: it may now go slightly back from one seq to the
--   next (two desks' commits crossing); the chain verifies on seq and hashes, not on `at`.
-- A finished record inserted into audit_log with seq and hashes computed by the caller (core's
-- own appends before the store stages them, `db copy`) still works: the insert takes ROW
-- EXCLUSIVE, which conflicts with the linker's lock, so the two queue behind one another.
-- The staged seq is unknown before the commit: toa_audit_write and toa_audit_append return
-- NULL now; find the record afterwards by its content (actor, action, object).

-- The server's own working tables live in the schema toa_internal, outside the board's tables
-- (which mirror SQLite's, and which `db copy` copies): only the owner may use it.
CREATE SCHEMA toa_internal;
REVOKE ALL ON SCHEMA toa_internal FROM PUBLIC;

-- Staged records: visible only to the transaction that wrote them (they are deleted by the
-- linker before it commits), so no row ever stays here. UNLOGGED: nothing in it survives a
-- transaction, nothing needs the write-ahead log.
CREATE UNLOGGED TABLE toa_internal.audit_pending (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           bigint NOT NULL,
  actor_id     bigint NOT NULL DEFAULT 0,
  action       text NOT NULL,
  object_type  text NOT NULL DEFAULT '',
  object_id    bigint NOT NULL DEFAULT 0,
  detail       text
);
REVOKE ALL ON toa_internal.audit_pending FROM PUBLIC;

-- The canonical hash of a record (toa_audit_record_hash in app/core/toa-audit.c): SHA-256 hex
-- over seq, at, actor_id, action, object_type, object_id, detail or "null", prev_hash joined
-- with '\n'.
CREATE FUNCTION toa_audit_hash (p_seq bigint, p_at bigint, p_actor bigint, p_action text,
                                p_object_type text, p_object_id bigint, p_detail text,
                                p_prev text)
  RETURNS text
  LANGUAGE sql IMMUTABLE
AS $$
  SELECT encode (sha256 (convert_to (
           p_seq::text || E'\n' || p_at::text || E'\n' || p_actor::text || E'\n'
           || COALESCE (p_action, '') || E'\n' || COALESCE (p_object_type, '') || E'\n'
           || p_object_id::text || E'\n' || COALESCE (p_detail, 'null') || E'\n' || p_prev,
           'UTF8')), 'hex')
$$;

-- The linker: fired (deferred) once per staged row, at COMMIT; the first firing of a
-- transaction links all of its staged rows in order, the later ones find theirs gone.
CREATE FUNCTION toa_audit_link () RETURNS trigger
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
  RETURN NULL;
END
$$;

REVOKE EXECUTE ON FUNCTION toa_audit_link () FROM PUBLIC;

CREATE CONSTRAINT TRIGGER audit_pending_link AFTER INSERT ON toa_internal.audit_pending
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION toa_audit_link ();

-- Stages one record (same arguments as in 005; internal, not granted to members). Returns
-- NULL: the record's seq is given when the transaction commits.
CREATE OR REPLACE FUNCTION toa_audit_write (p_actor bigint, p_action text, p_object_type text,
                                            p_object_id bigint, p_detail text, p_at bigint)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
  INSERT INTO toa_internal.audit_pending (at, actor_id, action, object_type, object_id, detail)
  VALUES (p_at, p_actor, p_action, COALESCE (p_object_type, ''), COALESCE (p_object_id, 0), p_detail);
  RETURN NULL;
END
$$;
