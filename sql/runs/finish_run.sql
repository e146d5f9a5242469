-- Close a run: counts come from the documents the run wrote, so they cannot drift.
UPDATE ingest_runs
SET finished_at = $finished_at,
    skipped = $skipped,
    loaded = (SELECT count(*) FROM documents WHERE run_id = $run_id AND status = 'loaded'),
    loaded_with_warnings = (SELECT count(*) FROM documents
                            WHERE run_id = $run_id AND status = 'loaded_with_warnings'),
    quarantined = (SELECT count(*) FROM documents WHERE run_id = $run_id AND status = 'quarantined'),
    failed = (SELECT count(*) FROM documents WHERE run_id = $run_id AND status = 'failed'),
    rejected = (SELECT count(*) FROM documents WHERE run_id = $run_id AND status = 'rejected'),
    replaced = (SELECT count(*) FROM documents AS old
                JOIN documents AS new ON old.superseded_by = new.document_id
                WHERE new.run_id = $run_id),
    seen = $skipped + (SELECT count(*) FROM documents WHERE run_id = $run_id)
WHERE run_id = $run_id
RETURNING run_id, started_at, finished_at, seen, skipped, loaded, loaded_with_warnings,
          quarantined, failed, rejected, replaced;
