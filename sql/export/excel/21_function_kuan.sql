-- sheet: 功能分类-款
-- City-wide table 03 expenditure by function 款.
SELECT * FROM v_city_function_kuan ORDER BY fiscal_year, code;
