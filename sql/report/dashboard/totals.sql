-- Dashboard: the city's headline figures per fiscal year (basic vs project), 万元.
-- params: none
SELECT fiscal_year, documents, "本年支出合计", "基本支出", "项目支出"
FROM v_city_totals
ORDER BY fiscal_year;
