-- Dashboard: per fiscal year, units with both a budget and final accounts, or only one.
-- params: none
SELECT fiscal_year, units_with_both, units_final_only, units_budget_only
FROM v_execution_coverage
ORDER BY fiscal_year;
