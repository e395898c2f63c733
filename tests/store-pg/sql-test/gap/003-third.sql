-- Test migration 3: needs 002's column.
INSERT INTO runner_log (step, note, extra) VALUES ((SELECT max(step) + 1 FROM runner_log), 'third', 'x');
