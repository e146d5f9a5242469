-- Dashboard: city-wide change of each function 类 into one fiscal year, largest absolute
-- change first, 万元. params: $fiscal_year
SELECT code, name, "本年支出合计", "上年本年支出合计", change, change_pct
FROM v_yoy_city_function
WHERE fiscal_year = $fiscal_year AND code_level = '类'
ORDER BY abs(change) DESC, code;
