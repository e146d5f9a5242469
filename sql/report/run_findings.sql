-- Validation findings of the documents a run wrote, in the order they were found.
-- params: $run_id
SELECT f.document_id, f.ordinal, f.rule_id, f.severity, f.message, f.expected, f.actual,
       f.tolerance, f.table_ids, f.pages, f.location
FROM findings AS f
JOIN documents AS d ON d.document_id = f.document_id
WHERE d.run_id = $run_id
ORDER BY f.document_id, f.ordinal;
