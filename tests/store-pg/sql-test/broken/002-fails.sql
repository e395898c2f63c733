-- Test migration 2: creates a table, then fails; nothing of it may remain.
CREATE TABLE half_done (id integer);
INSERT INTO runner_log VALUES (1, NULL);
