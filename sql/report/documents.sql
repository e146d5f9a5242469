-- Some documents by id, worst outcome first (a document page, the quarantine queue).
-- Same columns as run_documents.sql. params: $ids (VARCHAR[] of document ids)
SELECT d.document_id, d.unit_name, d.fiscal_year, d.scope, d.file_name, d.source_uri,
       d.status, d.status_reason, d.released_by, d.released_at, d.superseded_by,
       d.page_count, d.line_item_count, d.sha256, d.ingested_at,
       d.published_on, d.published_source, d.correction_mark, d.version_reason
FROM documents AS d
WHERE d.document_id IN (SELECT unnest($ids))
ORDER BY CASE d.status WHEN 'quarantined' THEN 0 WHEN 'failed' THEN 1 WHEN 'rejected' THEN 2
                       WHEN 'loaded_with_warnings' THEN 3 ELSE 4 END,
         d.unit_name NULLS LAST, d.fiscal_year, d.file_name;
