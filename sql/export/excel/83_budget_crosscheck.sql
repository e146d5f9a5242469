-- sheet: 预算核对
-- The 三公 budget each final prints against the unit's own published budget, both pages.
SELECT * FROM v_budget_final_crosscheck ORDER BY agrees NULLS FIRST, fiscal_year, unit_name, column_key;
