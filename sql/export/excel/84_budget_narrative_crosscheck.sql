-- sheet: 年初预算核对
-- The 年初预算 each final's narrative quotes against the unit's own published budget.
SELECT * FROM v_budget_narrative_crosscheck
ORDER BY severity NULLS LAST, fiscal_year, unit_name, row_key;
