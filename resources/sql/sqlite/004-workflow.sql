-- 004-workflow.sql — workflow definitions (issue 3): states, transitions and the roles
-- allowed on each, as JSON (see app/core/toa-workflow.h). Versioned: an edit is a new row
-- (code, version + 1), never an overwrite, so items keep the version they started with.
-- The shipped presets are not seeded here: their single source is resources/workflows/*.json,
-- which core stores as version 1 on `init` (toa_workflow_seed_presets).
CREATE TABLE workflow_definitions (
  code             TEXT NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  name             TEXT NOT NULL,
  source           TEXT NOT NULL DEFAULT '',
  definition_json  TEXT NOT NULL CHECK (json_valid (definition_json)),
  created_at       INTEGER NOT NULL,
  created_by       INTEGER REFERENCES people (id),   -- NULL: shipped preset or the administrator's CLI
  PRIMARY KEY (code, version)
) WITHOUT ROWID;

CREATE TRIGGER workflow_definitions_no_update BEFORE UPDATE ON workflow_definitions
BEGIN
  SELECT RAISE (ABORT, 'workflow_definitions keeps every version: add a new one');
END;

CREATE TRIGGER workflow_definitions_no_delete BEFORE DELETE ON workflow_definitions
BEGIN
  SELECT RAISE (ABORT, 'workflow_definitions keeps every version: add a new one');
END;
