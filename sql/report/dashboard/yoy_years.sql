-- Dashboard: fiscal years for which some unit has last year's document too.
-- params: none
SELECT DISTINCT fiscal_year
FROM v_yoy_unit
WHERE "上年本年支出合计" IS NOT NULL
ORDER BY fiscal_year;
