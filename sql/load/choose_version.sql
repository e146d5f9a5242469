-- An operator makes this version current (juesuan make-current): who, why, when.
UPDATE documents
SET chosen_by = $operator, chosen_why = $why, chosen_at = $chosen_at
WHERE document_id = $document_id;
