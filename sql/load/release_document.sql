-- An operator accepts a quarantined document into the city views.
UPDATE documents
SET released_by = $operator,
    released_at = $released_at
WHERE document_id = $document_id
  AND status = 'quarantined'
  AND released_at IS NULL;
