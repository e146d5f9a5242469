-- sheet: 三公经费
-- City-wide 三公经费 by item: budget, final, completion rate.
SELECT * FROM v_city_sangong ORDER BY fiscal_year, item;
