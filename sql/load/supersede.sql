-- Record one version's place: superseded by the current version (NULL when it is current)
-- and why. superseded_at changes only when superseded_by does; rows stay either way.
UPDATE documents
SET superseded_at = CASE WHEN superseded_by IS NOT DISTINCT FROM $superseded_by THEN superseded_at
                         WHEN $superseded_by IS NULL THEN NULL
                         ELSE $now END,
    superseded_by = $superseded_by,
    version_reason = $version_reason
WHERE document_id = $document_id;
