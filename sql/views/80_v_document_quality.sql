-- Validation results per current document, for review queues.
CREATE OR REPLACE VIEW v_document_quality AS
WITH finding_counts AS (
    SELECT document_id,
           count(*) FILTER (WHERE severity = 'error')   AS errors,
           count(*) FILTER (WHERE severity = 'warning') AS warnings,
           count(*) FILTER (WHERE severity = 'info')    AS infos
    FROM findings
    GROUP BY document_id
),
problem_counts AS (
    SELECT document_id, count(*) AS problems, bool_or(fatal) AS fatal
    FROM problems
    GROUP BY document_id
)
SELECT
    d.fiscal_year, d.unit_id, d.unit_name, d.document_id, d.file_name, d.status,
    d.status_reason, d.released_by, d.released_at, s.in_city_scope, s.reason AS scope_reason,
    coalesce(f.errors, 0)   AS errors,
    coalesce(f.warnings, 0) AS warnings,
    coalesce(f.infos, 0)    AS infos,
    coalesce(p.problems, 0) AS problems,
    coalesce(p.fatal, false) AS fatal_problem
FROM v_documents_current AS d
LEFT JOIN v_city_scope AS s ON s.document_id = d.document_id
LEFT JOIN finding_counts AS f ON f.document_id = d.document_id
LEFT JOIN problem_counts AS p ON p.document_id = d.document_id;

COMMENT ON VIEW v_document_quality IS 'Every current document with its status, city-scope decision and counts of validation findings (error/warning/info) and extraction problems.';
