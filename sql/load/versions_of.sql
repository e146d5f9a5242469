-- Every stored version (current or superseded) of one unit-year-scope-type, with what
-- orders them (warehouse/versions.py). Failed and rejected rows carry no figures and are
-- never versions.
SELECT document_id, ingested_at, published_on, published_source, correction_mark,
       chosen_by, chosen_why, chosen_at
FROM documents
WHERE unit_id = $unit_id
  AND fiscal_year = $fiscal_year
  AND coalesce(scope, '') = coalesce($scope, '')
  AND coalesce(doc_type, '') = coalesce($doc_type, '')
  AND status IN ('loaded', 'loaded_with_warnings', 'quarantined')
  AND part_of IS NULL  -- an attachment without figures is never a version
ORDER BY ingested_at, document_id;
