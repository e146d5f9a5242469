-- The unit-year-scope-type a stored document is a version of (for juesuan make-current).
SELECT document_id, unit_id, fiscal_year, scope, doc_type, status
FROM documents
WHERE document_id = $document_id;
