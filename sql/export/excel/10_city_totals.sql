-- sheet: 城市汇总
-- City-wide headline figures per fiscal year (万元).
SELECT * FROM v_city_totals ORDER BY fiscal_year;
