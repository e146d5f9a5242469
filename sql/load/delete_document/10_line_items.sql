DELETE FROM line_items WHERE document_id = $document_id;
