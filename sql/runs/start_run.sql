INSERT INTO ingest_runs (started_at, note)
VALUES ($started_at, $note)
RETURNING run_id;
