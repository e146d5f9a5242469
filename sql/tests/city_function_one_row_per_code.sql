-- Data test (zero rows = pass): the city function views hold one row per fiscal year and
-- code, so a code's figures are never split (or counted twice) across rows.
SELECT fiscal_year, code, count(*) AS rows
FROM v_city_function
GROUP BY fiscal_year, code
HAVING count(*) > 1;
