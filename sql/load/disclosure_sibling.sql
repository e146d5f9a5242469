-- The stored attachment that prints the tables of a disclosure (documents.disclosure,
-- juesuan/disclosure.py), for a 情况说明 published apart and ingested later: the current,
-- figure-bearing document under the same key, newest first.
-- params: $disclosure (VARCHAR)
SELECT document_id, file_name, unit_name, fiscal_year, doc_type, scope, amount_unit_printed,
       (status IN ('loaded', 'loaded_with_warnings') OR released_at IS NOT NULL) AS usable
FROM documents
WHERE disclosure = $disclosure
  AND part_of IS NULL
  AND superseded_by IS NULL
  AND line_item_count > 0
  AND status IN ('loaded', 'loaded_with_warnings', 'quarantined')
ORDER BY ingested_at DESC, document_id
LIMIT 1;
