-- Mark an older version as replaced; its rows stay, keyed by its document_id.
UPDATE documents
SET superseded_by = $new_document_id,
    superseded_at = $superseded_at
WHERE document_id = $old_document_id;
