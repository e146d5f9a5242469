-- One document's identity and state (existence checks, collisions, release).
SELECT document_id, sha256, status, released_at
FROM documents
WHERE document_id = $document_id;
