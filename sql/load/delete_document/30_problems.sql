DELETE FROM problems WHERE document_id = $document_id;
