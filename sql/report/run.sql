-- One ingest run (the report's header). params: $run_id
SELECT run_id, started_at, finished_at, note, seen, skipped, loaded, loaded_with_warnings,
       quarantined, failed, rejected, replaced
FROM ingest_runs
WHERE run_id = $run_id;
