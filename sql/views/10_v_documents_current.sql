-- Current versions: one per unit-year-scope-type, the newest by the publisher's word
-- (publication date, correction mark, an operator's choice; load order only when the
-- publisher says nothing — warehouse/versions.py). Other versions stay in `documents`,
-- superseded, and are listed with the reasons in v_document_versions.
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
    d.published_on,
    d.published_source,
    d.correction_mark,
    d.version_reason,
    d.chosen_by,
    d.line_item_count,
    d.disclosure,
    d.part_of,
    -- usable: figures may be used (loaded, or quarantined and released by an operator)
    (d.status IN ('loaded', 'loaded_with_warnings')
     OR (d.status = 'quarantined' AND d.released_at IS NOT NULL)) AS usable
FROM documents AS d
LEFT JOIN units AS u ON u.unit_id = d.unit_id
WHERE d.superseded_by IS NULL;

COMMENT ON VIEW v_documents_current IS 'Current version of every document (superseded versions excluded, still in documents), with the unit display name, the publication date and why this version is current (version_reason), and whether its figures are usable (loaded, or quarantined and released by an operator).';

-- Every version of every unit-year: which is current and why, which superseded which.
CREATE OR REPLACE VIEW v_document_versions AS
SELECT
    d.fiscal_year,
    coalesce(u.display_name, d.unit_name) AS unit_name,
    d.scope,
    d.doc_type,
    d.document_id,
    d.superseded_by IS NULL                AS is_current,
    d.superseded_by,
    d.superseded_at,
    d.version_reason,
    d.published_on,
    d.published_source,
    d.published_evidence,
    d.correction_mark,
    d.chosen_by,
    d.chosen_why,
    d.chosen_at,
    d.status,
    d.ingested_at,
    d.source_uri,
    count(*) OVER (PARTITION BY d.unit_id, d.fiscal_year, d.scope, d.doc_type) AS versions
FROM documents AS d
LEFT JOIN units AS u ON u.unit_id = d.unit_id
WHERE d.status IN ('loaded', 'loaded_with_warnings', 'quarantined')
  AND d.unit_id IS NOT NULL AND d.fiscal_year IS NOT NULL;

COMMENT ON VIEW v_document_versions IS 'Every stored version of each unit-year document (current and superseded), with its publication date, correction mark, operator choice and why it is or is not current; versions > 1 marks re-publications.';
