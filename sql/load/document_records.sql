-- One stored document's canonical records in printed order.
-- params: $document_id (VARCHAR)
SELECT table_id, row_key, column_key, amount, row_label, page
FROM line_items
WHERE document_id = $document_id
ORDER BY ordinal;
