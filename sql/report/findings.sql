-- Validation findings of some documents, in the order they were found.
-- params: $ids (VARCHAR[] of document ids)
SELECT f.document_id, f.ordinal, f.rule_id, f.severity, f.message, f.expected, f.actual,
       f.tolerance, f.table_ids, f.pages, f.location
FROM findings AS f
WHERE f.document_id IN (SELECT unnest($ids))
ORDER BY f.document_id, f.ordinal;
