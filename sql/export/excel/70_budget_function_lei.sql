-- sheet: 预算-功能分类-类
-- City-wide budgets (部门预算) by function 类: 预算数, 基本支出, 项目支出 of the budgets in
-- budget scope (v_budget_scope), never mixed with final accounts.
SELECT * FROM v_city_budget_function_lei ORDER BY fiscal_year, code;
