-- City-wide 本年支出合计 of one function code (any level) across all fiscal years.
-- params: $code (VARCHAR, e.g. '201' or '2010301')
SELECT fiscal_year, code, name, code_level, "本年支出合计", "上年本年支出合计", change, change_pct, units
FROM v_yoy_city_function
WHERE code = $code
ORDER BY fiscal_year;
