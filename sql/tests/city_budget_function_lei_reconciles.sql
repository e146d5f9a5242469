-- Data test (zero rows = pass): per fiscal year, Σ of the city budget 类 view equals Σ of
-- the 03 合计 of the budgets it sums, within rounding. A row here means a budget's codes
-- were lost or counted twice: v_budget_function_reconciliation_document names the budget.
SELECT fiscal_year, documents, total_03, lei_sum, difference, tolerance
FROM v_city_budget_function_reconciliation
WHERE NOT reconciled;
