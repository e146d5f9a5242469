-- The city's 三公经费 per fiscal year: budget, final and completion rate (万元, two decimals shown).
SELECT fiscal_year       AS "年度",
       round("预算数", 2) AS "预算数",
       round("决算数", 2) AS "决算数",
       completion_pct    AS "完成率%",
       units             AS "单位数"
FROM v_city_sangong
WHERE item = '合计'
ORDER BY fiscal_year;
