-- How many units the execution table compares: both a budget and final accounts loaded.
SELECT fiscal_year       AS "年度",
       units_with_both   AS "预算与决算均有",
       units_final_only  AS "仅决算",
       units_budget_only AS "仅预算"
FROM v_execution_coverage
ORDER BY fiscal_year;
