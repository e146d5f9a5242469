-- Current versions: the latest loaded version of each unit-year-scope (re-publications
-- supersede older versions, which stay in `documents` for traceability).
CREATE OR REPLACE VIEW v_documents_current AS
SELECT
    d.document_id,
    d.fiscal_year,
    d.unit_id,
    coalesce(u.display_name, d.unit_name) AS unit_name,
    d.unit_name                           AS unit_name_printed,
    d.scope,
    d.consolidated,
    d.doc_type,
    d.status,
    d.status_reason,
    d.released_by,
    d.released_at,
    d.file_name,
    d.source_uri,
    d.sha256,
    d.ingested_at,
    d.line_item_count,
    -- usable: figures may be used (loaded, or quarantined and released by an operator)
    (d.status IN ('loaded', 'loaded_with_warnings')
     OR (d.status = 'quarantined' AND d.released_at IS NOT NULL)) AS usable
FROM documents AS d
LEFT JOIN units AS u ON u.unit_id = d.unit_id
WHERE d.superseded_by IS NULL;

COMMENT ON VIEW v_documents_current IS 'Current version of every document (superseded versions excluded, still in documents), with the unit display name and whether its figures are usable (loaded, or quarantined and released by an operator).';
