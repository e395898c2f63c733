-- 008-approval.sql — transitions that need approval (issue 3, point 3: withdraw a published
-- item, request deletion). Someone allowed to take such a transition but holding none of the
-- definition's "needs_approval" roles records a request; a holder of an approving role on the
-- item's site approves it (the transition is then applied) or rejects it. A request is decided
-- once and never deleted; an item has at most one pending request. Nothing is hard-deleted.
CREATE TABLE transition_requests (
  id               INTEGER PRIMARY KEY,
  article_id       INTEGER NOT NULL REFERENCES articles(id),
  transition       TEXT NOT NULL,                  -- "withdraw", "request-deletion"
  from_state       TEXT NOT NULL,                  -- the item's state when asked
  to_state         TEXT NOT NULL,                  -- where it goes if approved
  comment          TEXT,                           -- the requester's reason
  ground           TEXT,
  article_version  INTEGER NOT NULL,               -- the item's version when asked
  requested_by     INTEGER NOT NULL REFERENCES people(id),
  on_behalf_of     INTEGER REFERENCES people(id),  -- the delegator when asked under delegation
  requested_at     INTEGER NOT NULL,               -- µs UTC
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'approved', 'rejected', 'lapsed')),
  decided_by       INTEGER REFERENCES people(id),
  decision_comment TEXT,
  decided_at       INTEGER,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- At most one pending request per item; also answers "the pending request of this item".
CREATE UNIQUE INDEX transition_requests_one_pending ON transition_requests (article_id)
  WHERE status = 'pending';
CREATE INDEX transition_requests_by_article ON transition_requests (article_id, id);
-- Pending requests are few: the inbox and "workflow requests" read them by status.
CREATE INDEX transition_requests_by_status ON transition_requests (status, requested_by);

CREATE TRIGGER transition_requests_no_delete BEFORE DELETE ON transition_requests
BEGIN
  SELECT RAISE (ABORT, 'transition_requests is a record of what was asked: it is never deleted');
END;

CREATE TRIGGER transition_requests_decided_once BEFORE UPDATE ON transition_requests
WHEN OLD.status <> 'pending'
BEGIN
  SELECT RAISE (ABORT, 'a decided request is never changed');
END;

-- Who approved a transition that needed approval (the actor is the requester).
ALTER TABLE article_transitions ADD COLUMN approved_by INTEGER REFERENCES people(id);
