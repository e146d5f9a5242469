-- Extraction problems of some documents. params: $ids (VARCHAR[] of document ids)
SELECT p.document_id, p.ordinal, p.code, p.message, p.table_id, p.page, p.fatal
FROM problems AS p
WHERE p.document_id IN (SELECT unnest($ids))
ORDER BY p.document_id, p.ordinal;
