-- Share of 基本支出 (basic expenditure) in 本年支出合计 by function 类, city-wide.
-- params: $year (INTEGER, fiscal year)
SELECT
    code,
    name,
    "本年支出合计",
    "基本支出",
    "项目支出",
    CAST(round(100 * "基本支出" / nullif("本年支出合计", 0), 2) AS DECIMAL(12,2)) AS basic_share_pct,
    units
FROM v_city_function_lei
WHERE fiscal_year = $year
ORDER BY "本年支出合计" DESC, code;
