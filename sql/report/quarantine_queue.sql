-- Quarantined documents waiting for an operator: current versions not yet released,
-- oldest first. params: none
SELECT document_id
FROM v_documents_current
WHERE status = 'quarantined' AND released_at IS NULL
ORDER BY ingested_at, unit_name, document_id;
