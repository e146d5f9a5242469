-- sheet: 功能分类-类
-- City-wide table 03 expenditure by function 类.
SELECT * FROM v_city_function_lei ORDER BY fiscal_year, code;
