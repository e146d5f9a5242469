-- Documents of the current versions by fiscal year and outcome, with the units behind them.
SELECT fiscal_year,
       status,
       count(*)                AS documents,
       count(DISTINCT unit_id) AS units
FROM v_documents_current
GROUP BY ALL
ORDER BY fiscal_year, status;
