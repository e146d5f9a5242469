DELETE FROM findings WHERE document_id = $document_id;
