-- Extraction problems of the documents a run wrote. params: $run_id
SELECT p.document_id, p.ordinal, p.code, p.message, p.table_id, p.page, p.fatal
FROM problems AS p
JOIN documents AS d ON d.document_id = p.document_id
WHERE d.run_id = $run_id
ORDER BY p.document_id, p.ordinal;
