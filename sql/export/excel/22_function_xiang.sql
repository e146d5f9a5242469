-- sheet: 功能分类-项
-- City-wide table 03 expenditure by function 项.
SELECT * FROM v_city_function_xiang ORDER BY fiscal_year, code;
