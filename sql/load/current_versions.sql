-- Current versions of a unit-year-scope-type before a load: what a new version replaces.
-- Failed and rejected rows carry no figures and are never "the current version".
SELECT document_id
FROM documents
WHERE unit_id = $unit_id
  AND fiscal_year = $fiscal_year
  AND coalesce(scope, '') = coalesce($scope, '')
  AND coalesce(doc_type, '') = coalesce($doc_type, '')
  AND superseded_by IS NULL
  AND status IN ('loaded', 'loaded_with_warnings', 'quarantined')
  AND part_of IS NULL  -- an attachment without figures is never a version
  AND document_id <> $document_id;
