-- sheet: 预算-经济分类-类
-- City-wide budgets by economic 类 (table 06: 预算数, 人员经费, 公用经费).
SELECT * FROM v_city_budget_economic_lei ORDER BY fiscal_year, code;
