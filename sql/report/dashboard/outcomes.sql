-- Dashboard: current documents per fiscal year and outcome (NULL year: not read).
-- params: none
SELECT fiscal_year, status, count(*) AS documents
FROM v_documents_current
GROUP BY fiscal_year, status
ORDER BY fiscal_year NULLS LAST, status;
