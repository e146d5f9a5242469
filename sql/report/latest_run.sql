-- The most recent ingest run that wrote at least one document (what `juesuan report` shows
-- by default); NULL on an empty warehouse.
SELECT max(run_id) AS run_id
FROM ingest_runs
WHERE run_id IN (SELECT run_id FROM documents);
