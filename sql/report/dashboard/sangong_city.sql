-- Dashboard: city-wide 三公经费 per fiscal year and item, 预算数 and 决算数 in 万元.
-- params: none
SELECT fiscal_year, item, "预算数", "决算数", completion_pct, units
FROM v_city_sangong
ORDER BY fiscal_year, item;
