-- The largest 项目支出 by function 项 across the city in one fiscal year.
-- params: $year (INTEGER), $limit (INTEGER)
SELECT code, name, "项目支出", "本年支出合计", units
FROM v_city_function_xiang
WHERE fiscal_year = $year
ORDER BY "项目支出" DESC, code
LIMIT $limit;
