-- Every figure read from one document, in extraction order, with the box of the ruled
-- cell it was printed in (points on the displayed page, origin top-left; NULL when not
-- known). The "what we read" view and the highlights of table findings. params: $document_id
SELECT li.table_id, li.row_key, li.column_key, li.amount, li.row_label, li.page,
       li.cell_x0, li.cell_top, li.cell_x1, li.cell_bottom
FROM line_items AS li
WHERE li.document_id = $document_id
ORDER BY li.ordinal;
