-- sheet: 预算口径
-- Which budget documents the city budget sums use, and why the others are left out.
SELECT * FROM v_budget_scope ORDER BY fiscal_year, unit_name, document_id;
