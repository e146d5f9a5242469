-- sheet: 经济分类-类
-- City-wide table 06 basic expenditure by economic 类.
SELECT * FROM v_city_economic_lei ORDER BY fiscal_year, code;
