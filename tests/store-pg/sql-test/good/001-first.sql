-- Test migration 1 of the runner's tests: a table whose rows record the order scripts ran in.
CREATE TABLE runner_log (step integer PRIMARY KEY, note text NOT NULL);
INSERT INTO runner_log VALUES (1, 'first');
