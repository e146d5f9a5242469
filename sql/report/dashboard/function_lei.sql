-- Dashboard: city-wide expenditure by function 类 per fiscal year (table 03), 万元.
-- params: none
SELECT fiscal_year, code, name, "本年支出合计", "基本支出", "项目支出", units
FROM v_city_function_lei
ORDER BY fiscal_year, code;
