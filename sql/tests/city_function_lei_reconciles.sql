-- Data test (zero rows = pass): per fiscal year, Σ of the city 类 view equals Σ of the
-- 03 合计 本年支出合计 of the documents in city scope, within rounding. A row here means
-- the city's 类 figures lost or double-counted something: look at
-- v_function_reconciliation_document for the documents that differ.
SELECT fiscal_year, documents, total_03, lei_sum, difference, tolerance
FROM v_city_function_reconciliation
WHERE NOT reconciled;
