-- Year-on-year change. Units are matched across years by units.unit_id (normalised
-- name); each unit-year uses its primary document (v_city_scope.unit_primary).
CREATE OR REPLACE VIEW v_unit_year AS
SELECT
    t.fiscal_year, t.unit_id, t.unit_name, t.document_id, t.in_city_scope,
    t."本年支出合计", t."基本支出", t."项目支出",
    s."预算数/合计" AS "三公预算数", s."决算数/合计" AS "三公决算数",
    s."决算数/公务接待费" AS "公务接待费决算数"
FROM v_t03_expenditure AS t
LEFT JOIN v_sangong_unit AS s ON s.document_id = t.document_id
WHERE t.row_key = '合计' AND t.unit_primary AND t.unit_id IS NOT NULL;

COMMENT ON VIEW v_unit_year IS 'One row per unit and fiscal year (the unit primary document): table 03 合计 本年支出合计/基本支出/项目支出 and 三公 totals, 万元.';

CREATE OR REPLACE VIEW v_yoy_unit AS
SELECT
    cur.unit_id, cur.unit_name, cur.fiscal_year, cur.document_id, cur.in_city_scope,
    cur."本年支出合计", prev."本年支出合计" AS "上年本年支出合计",
    cur."本年支出合计" - prev."本年支出合计" AS "本年支出合计_change",
    CAST(round(100 * (cur."本年支出合计" - prev."本年支出合计")
               / nullif(prev."本年支出合计", 0), 2) AS DECIMAL(12,2)) AS "本年支出合计_change_pct",
    cur."基本支出", prev."基本支出" AS "上年基本支出",
    cur."项目支出", prev."项目支出" AS "上年项目支出",
    cur."三公决算数", prev."三公决算数" AS "上年三公决算数",
    cur."三公决算数" - prev."三公决算数" AS "三公决算数_change",
    cur."公务接待费决算数", prev."公务接待费决算数" AS "上年公务接待费决算数",
    cur."公务接待费决算数" - prev."公务接待费决算数" AS "公务接待费_change"
FROM v_unit_year AS cur
LEFT JOIN v_unit_year AS prev
  ON prev.unit_id = cur.unit_id AND prev.fiscal_year = cur.fiscal_year - 1;

COMMENT ON VIEW v_yoy_unit IS 'Per unit and fiscal year: total, basic and project expenditure, 三公 and 公务接待费 决算数 against the previous fiscal year (NULL when the unit has no document that year), change in 万元 and percent.';

CREATE OR REPLACE VIEW v_yoy_unit_function AS
WITH cur AS (
    SELECT unit_id, unit_name, fiscal_year, document_id, row_key AS code, code_level,
           row_label, "本年支出合计"
    FROM v_t03_expenditure
    WHERE unit_primary AND code_level IS NOT NULL AND unit_id IS NOT NULL
)
SELECT
    cur.unit_id, cur.unit_name, cur.fiscal_year, cur.code, cur.code_level,
    cur.row_label AS name,
    cur."本年支出合计",
    prev."本年支出合计" AS "上年本年支出合计",
    coalesce(cur."本年支出合计", 0) - coalesce(prev."本年支出合计", 0) AS change,
    CAST(round(100 * (coalesce(cur."本年支出合计", 0) - prev."本年支出合计")
               / nullif(prev."本年支出合计", 0), 2) AS DECIMAL(12,2)) AS change_pct
FROM cur
LEFT JOIN cur AS prev
  ON prev.unit_id = cur.unit_id AND prev.code = cur.code
 AND prev.fiscal_year = cur.fiscal_year - 1;

COMMENT ON VIEW v_yoy_unit_function IS 'Per unit, function code (any level) and fiscal year: table 03 本年支出合计 against the same unit and code the previous year, change in 万元 and percent (NULL previous = code not printed that year).';

CREATE OR REPLACE VIEW v_yoy_city_function AS
SELECT
    cur.fiscal_year, cur.code_level, cur.code, cur.name,
    cur."本年支出合计",
    prev."本年支出合计" AS "上年本年支出合计",
    cur."本年支出合计" - coalesce(prev."本年支出合计", 0) AS change,
    CAST(round(100 * (cur."本年支出合计" - prev."本年支出合计")
               / nullif(prev."本年支出合计", 0), 2) AS DECIMAL(12,2)) AS change_pct,
    cur.units, prev.units AS "上年units"
FROM v_city_function AS cur
LEFT JOIN v_city_function AS prev
  ON prev.code = cur.code AND prev.fiscal_year = cur.fiscal_year - 1;

COMMENT ON VIEW v_yoy_city_function IS 'City-wide table 03 本年支出合计 by function code (类/款/项) against the previous fiscal year: change in 万元 and percent. City scope only.';
