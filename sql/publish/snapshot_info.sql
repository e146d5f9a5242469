INSERT INTO snapshot_info (published_at, schema_version, documents, line_items, last_run_id)
SELECT $published_at, $schema_version,
       (SELECT count(*) FROM documents),
       (SELECT count(*) FROM line_items),
       (SELECT max(run_id) FROM ingest_runs)
RETURNING published_at, schema_version, documents, line_items, last_run_id;
