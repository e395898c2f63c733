-- Test migration 1 (succeeds).
CREATE TABLE runner_log (step integer PRIMARY KEY, note text NOT NULL);
