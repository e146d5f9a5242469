-- A document's outcome after its findings were re-judged (year-on-year claims checked
-- once last year's document arrived later in the same run).
UPDATE documents
SET status = $status, status_reason = $status_reason
WHERE document_id = $document_id;
