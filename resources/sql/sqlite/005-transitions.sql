-- 005-transitions.sql — transitions on articles and delegations (issue 3, point 3).
-- Each article follows one workflow definition at one version, fixed by its first transition;
-- NULL means the board's default workflow (board_settings 'default_workflow'). Every transition
-- is a row of article_transitions (never updated or deleted); a delegation (ủy quyền) lets a
-- person take some transitions of another on a site for an inclusive date range.
ALTER TABLE articles ADD COLUMN workflow_code TEXT;          -- the definition the item follows
ALTER TABLE articles ADD COLUMN workflow_version INTEGER;    -- fixed when the item starts
ALTER TABLE articles ADD COLUMN deadline TEXT;               -- 'YYYY-MM-DD' or NULL
ALTER TABLE articles ADD COLUMN last_actor_id INTEGER REFERENCES people(id);   -- who moved it last ("sent by me")
ALTER TABLE articles ADD COLUMN last_transition_at INTEGER NOT NULL DEFAULT 0; -- µs UTC

CREATE TABLE article_transitions (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES articles(id),
  transition     TEXT NOT NULL,
  from_state     TEXT NOT NULL,
  to_state       TEXT NOT NULL,
  actor_id       INTEGER NOT NULL REFERENCES people(id),
  on_behalf_of   INTEGER REFERENCES people(id),   -- the delegator when acting under delegation
  comment        TEXT,
  ground         TEXT,                            -- refusal ground code (refusal-grounds.json)
  scheduled_for  INTEGER,                         -- µs UTC, for "schedule"
  at             INTEGER NOT NULL
);
CREATE INDEX article_transitions_by_article ON article_transitions (article_id, id);

CREATE TRIGGER article_transitions_no_update BEFORE UPDATE ON article_transitions
BEGIN
  SELECT RAISE (ABORT, 'article_transitions is a record of what happened: it is never changed');
END;

CREATE TRIGGER article_transitions_no_delete BEFORE DELETE ON article_transitions
BEGIN
  SELECT RAISE (ABORT, 'article_transitions is a record of what happened: it is never deleted');
END;

CREATE TABLE delegations (
  id          INTEGER PRIMARY KEY,
  from_person INTEGER NOT NULL REFERENCES people(id),
  to_person   INTEGER NOT NULL REFERENCES people(id),
  site_id     INTEGER NOT NULL REFERENCES sites(id),
  actions     TEXT NOT NULL /* comma-separated transition codes */,
  from_date   TEXT NOT NULL,
  to_date     TEXT NOT NULL CHECK (to_date >= from_date),
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX delegations_to ON delegations (to_person, from_date);
CREATE INDEX articles_by_state_site ON articles (state, site_id, updated_at, id);

-- Settings of the whole board, as data. The default workflow is the one the board adopted
-- (Quy chế hoạt động Cổng TTĐT tỉnh Bình Phước 2024, Điều 10).
CREATE TABLE board_settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
INSERT INTO board_settings (key, value, source) VALUES
  ('default_workflow', 'binh-phuoc-2024',
   'Quy chế hoạt động Cổng TTĐT tỉnh Bình Phước (2024), Điều 10');
