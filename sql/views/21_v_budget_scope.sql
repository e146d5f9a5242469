-- Which budgets (部门预算 / 单位预算) the city-wide budget views use, per fiscal year, and
-- why: the same rule as v_city_scope (one document per unit-year: consolidated > 部门 >
-- 单位 > latest; members of a consolidated package covered by it), applied to budgets only.
CREATE OR REPLACE VIEW v_budget_scope AS
SELECT fiscal_year, document_id, unit_id, unit_name, scope, consolidated, status, usable,
       in_scope AS in_budget_scope, unit_primary, reason, covered_by
FROM disclosure_scope('budget');

COMMENT ON VIEW v_budget_scope IS 'Every current document with in_budget_scope (whether the city-wide budget views use it) and the reason; the rule of v_city_scope applied to budgets (doc_type budget): one budget per unit-year (consolidated > 部门 > 单位 > latest loaded), member units of a consolidated budget package excluded. unit_primary marks the budget used for per-unit execution and year-on-year views.';
