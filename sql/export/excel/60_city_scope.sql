-- sheet: 统计口径
-- Which documents the city totals use, and why.
SELECT * FROM v_city_scope ORDER BY fiscal_year, unit_name, document_id;
