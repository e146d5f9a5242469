-- Data test (zero rows = pass): the city budget function view holds one row per fiscal
-- year and code.
SELECT fiscal_year, code, count(*) AS rows
FROM v_city_budget_function
GROUP BY fiscal_year, code
HAVING count(*) > 1;
