-- The canonical records of a unit's previous-year document, for year-on-year checks of
-- the narrative ("与上年相比，减少71.81万元"). The unit is matched by its normalised key
-- (warehouse.units.unit_key), so a renamed or re-spelled unit still finds last year.
-- Only a current, usable version of the same scope and document type: loaded, or
-- quarantined and released by an operator (a misread document's figures would turn
-- correct claims into findings).
-- params: $unit_key (VARCHAR), $fiscal_year (INTEGER, the year before the document's),
--         $scope (VARCHAR or NULL), $doc_type (VARCHAR or NULL)
WITH previous_document AS (
    SELECT d.document_id
    FROM documents AS d
    JOIN units AS u ON u.unit_id = d.unit_id
    WHERE u.unit_key = $unit_key
      AND d.fiscal_year = $fiscal_year
      AND coalesce(d.scope, '') = coalesce($scope, '')
      AND coalesce(d.doc_type, '') = coalesce($doc_type, '')
      AND d.superseded_by IS NULL
      AND (d.status IN ('loaded', 'loaded_with_warnings')
           OR (d.status = 'quarantined' AND d.released_at IS NOT NULL))
    ORDER BY d.ingested_at DESC, d.document_id
    LIMIT 1
)
SELECT li.table_id, li.row_key, li.column_key, li.amount, li.row_label, li.page
FROM line_items AS li
JOIN previous_document AS p ON p.document_id = li.document_id
ORDER BY li.ordinal;
