-- Which units' 公务接待费 (official reception, 决算数) grew most from the previous year?
-- params: $year (INTEGER, the later fiscal year), $limit (INTEGER, rows to return)
-- Units are matched across years by normalised name; units absent in $year - 1 are left out.
SELECT
    unit_name,
    fiscal_year,
    "上年公务接待费决算数" AS previous_reception,
    "公务接待费决算数"     AS reception,
    "公务接待费_change"    AS change,
    CAST(round(100 * "公务接待费_change" / nullif("上年公务接待费决算数", 0), 2)
         AS DECIMAL(12,2)) AS change_pct
FROM v_yoy_unit
WHERE fiscal_year = $year
  AND "上年公务接待费决算数" IS NOT NULL
  AND "公务接待费决算数" IS NOT NULL
ORDER BY change DESC, unit_name
LIMIT $limit;
