DELETE FROM document_members WHERE document_id = $document_id;
