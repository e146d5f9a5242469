-- sheet: 经济分类-款
-- City-wide table 06 basic expenditure by economic 款.
SELECT * FROM v_city_economic_kuan ORDER BY fiscal_year, code;
