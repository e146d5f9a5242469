-- City-wide basic expenditure by economic 类 (table 06) across years, with the change.
-- params: none
SELECT fiscal_year, code, name, "决算数",
       "决算数" - lag("决算数") OVER (PARTITION BY code ORDER BY fiscal_year) AS change,
       units
FROM v_city_economic_lei
ORDER BY code, fiscal_year;
