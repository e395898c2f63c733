-- Test migration 2: needs 001's table (fails if run out of order).
INSERT INTO runner_log VALUES ((SELECT max(step) + 1 FROM runner_log), 'second');
ALTER TABLE runner_log ADD COLUMN extra text;
