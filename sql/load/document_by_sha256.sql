-- The document already stored for this file content, if any.
SELECT document_id, status
FROM documents
WHERE sha256 = $sha256;
