-- Documents waiting for an operator: quarantined and not released, failed or rejected.
-- params: none
SELECT fiscal_year, unit_name, document_id, file_name, status, status_reason,
       errors, warnings, problems
FROM v_document_quality
WHERE (status = 'quarantined' AND released_at IS NULL)
   OR status IN ('failed', 'rejected')
ORDER BY status, fiscal_year, unit_name;
