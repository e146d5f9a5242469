-- Budgets (部门预算 / 单位预算) beside the final accounts, never mixed into their views.
--
-- A budget table may print the department's codes once (plain code rows), or once per
-- member unit (rows keyed '<unit>/<code>', Shenzhen), or per block of rows the layout
-- does not name ('第1组/<code>', Beijing, Jiangsu), or with economic detail after the
-- function code ('2010301/50101/30101', Beijing's 支出总表). The department's figure by
-- code is then the sum over the sections — but only where that sum is known to be the
-- department: the sections' top-level rows must add up to the table's own 合计. Blocks
-- that repeat the whole (a 第2组 printing the department again) fail that check, and the
-- table is left out of the code views with the reason in v_budget_code_basis, never
-- summed twice.

CREATE OR REPLACE VIEW v_budget_line_items AS
SELECT
    s.fiscal_year, s.unit_id, s.unit_name, s.document_id, s.scope, s.consolidated,
    s.in_budget_scope, s.unit_primary,
    li.table_id, li.row_key, li.column_key, li.amount, li.row_label, li.page,
    li.code_system, li.code_level, li.parent_code, li.ordinal
FROM line_items AS li
JOIN v_budget_scope AS s ON s.document_id = li.document_id
WHERE s.usable;

COMMENT ON VIEW v_budget_line_items IS 'Line items (万元, NULL = blank cell) of every current, usable budget: column keys are the budget''s (docs/BUDGETS.md: 合计, 基本支出, 项目支出, 预算数, 预算数/<三公 item> …). Filter in_budget_scope for city sums, unit_primary for one budget per unit-year.';

-- Rows of the budgets' coded tables with the code (and the section) read from the key.
CREATE OR REPLACE VIEW v_budget_coded_rows AS
WITH keyed AS (
    SELECT li.*,
           CASE WHEN li.table_id IN ('02', '03', '05', '07', '08') THEN 'function'
                WHEN li.table_id = '06' THEN 'economic' END AS system,
           string_split(li.row_key, '/') AS parts
    FROM v_budget_line_items AS li
    WHERE li.table_id IN ('02', '03', '05', '06', '07', '08')
),
read AS (
    SELECT *,
           CASE
               WHEN code_system IS NOT NULL THEN row_key
               -- '<section>/<code>': a member unit's or a block's row
               WHEN len(parts) >= 2 AND regexp_full_match(parts[-1], '[0-9]+')
                    AND NOT regexp_full_match(parts[1], '[0-9]+')
                   THEN parts[-1]
               -- '<function code>/<economic code>…': economic detail of a function 项
               WHEN len(parts) >= 2 AND system = 'function' AND regexp_full_match(parts[1], '[0-9]{7}')
                   THEN parts[1]
           END AS code,
           CASE
               WHEN code_system IS NOT NULL THEN NULL
               WHEN len(parts) >= 2 AND NOT regexp_full_match(parts[1], '[0-9]+')
                   THEN array_to_string(parts[1:len(parts) - 1], '/')
               WHEN len(parts) >= 2 THEN array_to_string(parts[2:], '/')
           END AS section
    FROM keyed
)
SELECT fiscal_year, unit_id, document_id, in_budget_scope, unit_primary, table_id, system AS code_system,
       code, section, column_key, amount, row_label, page,
       CASE WHEN system = 'function' THEN CASE length(code) WHEN 3 THEN '类' WHEN 5 THEN '款' WHEN 7 THEN '项' END
            ELSE CASE length(code) WHEN 3 THEN '类' WHEN 5 THEN '款' END END AS code_level
FROM read
WHERE code IS NOT NULL
  AND (length(code) IN (3, 5) OR (length(code) = 7 AND system = 'function'));

COMMENT ON VIEW v_budget_coded_rows IS 'Rows of budget tables 02/03/05/07/08 (function codes) and 06 (economic codes) with their code read from the key: a plain code row (section NULL), a member unit''s or a block''s row (<section>/<code>), or a function 项 with economic detail (<code>/<economic codes>, section = the detail).';

-- How each budget table's figures by code are taken, and why a table is left out.
CREATE OR REPLACE VIEW v_budget_code_basis AS
WITH key_column AS (
    SELECT * FROM (VALUES ('02', '合计'), ('03', '合计'), ('05', '合计'), ('07', '合计'),
                          ('08', '合计'), ('06', '预算数')) AS k(table_id, column_key)
),
per_table AS (
    SELECT r.document_id, r.table_id,
           count(*) FILTER (WHERE r.section IS NULL) AS plain_rows,
           count(*) FILTER (WHERE r.section IS NOT NULL) AS section_rows,
           count(DISTINCT r.section) AS sections
    FROM v_budget_coded_rows AS r
    GROUP BY r.document_id, r.table_id
),
section_top AS (
    -- each section's rows at the highest level it prints, on the table's key column
    SELECT r.document_id, r.table_id, r.section, r.amount,
           length(r.code) = min(length(r.code)) OVER (PARTITION BY r.document_id, r.table_id, r.section) AS top
    FROM v_budget_coded_rows AS r
    JOIN key_column AS k ON k.table_id = r.table_id AND k.column_key = r.column_key
    WHERE r.section IS NOT NULL
),
section_sum AS (
    SELECT document_id, table_id, sum(amount) AS sections_total,
           count(*) FILTER (WHERE amount <> 0) AS figures
    FROM section_top WHERE top
    GROUP BY document_id, table_id
),
printed_total AS (
    SELECT li.document_id, li.table_id, li.amount AS table_total
    FROM v_budget_line_items AS li
    JOIN key_column AS k ON k.table_id = li.table_id AND k.column_key = li.column_key
    WHERE li.row_key = '合计'
)
SELECT
    t.document_id, t.table_id, t.plain_rows, t.section_rows, t.sections,
    p.table_total, s.sections_total,
    CAST(1.1 * (CASE WHEN d.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END)
         * (coalesce(s.figures, 0) + 1) AS DECIMAL(18,6)) AS tolerance,
    CASE
        WHEN t.plain_rows > 0 THEN 'printed'
        WHEN p.table_total IS NOT NULL
             AND abs(s.sections_total - p.table_total)
                 <= 1.1 * (CASE WHEN d.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END)
                    * (coalesce(s.figures, 0) + 1)
            THEN 'sections'
        ELSE 'left out'
    END AS basis,
    CASE
        WHEN t.plain_rows > 0 THEN 'the department''s codes as printed'
        WHEN p.table_total IS NULL
            THEN 'left out: rows printed per section (' || t.sections
                 || ') and no 合计 row to check their sum against'
        WHEN abs(s.sections_total - p.table_total)
             <= 1.1 * (CASE WHEN d.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END)
                * (coalesce(s.figures, 0) + 1)
            THEN 'summed over ' || t.sections || ' section(s); their top rows add up to 合计 '
                 || CAST(p.table_total AS VARCHAR)
        ELSE 'left out: the ' || t.sections || ' sections'' top rows add up to '
             || CAST(s.sections_total AS VARCHAR) || ', not the 合计 ' || CAST(p.table_total AS VARCHAR)
             || ' (sections that repeat the whole would be counted twice)'
    END AS reason
FROM per_table AS t
JOIN documents AS d ON d.document_id = t.document_id
LEFT JOIN section_sum AS s ON s.document_id = t.document_id AND s.table_id = t.table_id
LEFT JOIN printed_total AS p ON p.document_id = t.document_id AND p.table_id = t.table_id;

COMMENT ON VIEW v_budget_code_basis IS 'Per budget document and coded table: basis of its figures by code: printed (the department''s code rows), sections (summed over member-unit or block sections whose top rows add up to the table''s 合计 within rounding) or left out (the sections do not add up to 合计, or no 合计 to check: never summed at the risk of counting twice), with the figures compared and the reason.';

-- The department's coded rows of every usable budget: printed, or summed over sections.
CREATE OR REPLACE VIEW v_budget_code_rows AS
SELECT r.fiscal_year, r.document_id, r.table_id, r.code_system, r.code AS row_key, r.column_key,
       CASE WHEN count(r.amount) = 0 THEN NULL ELSE sum(r.amount) END AS amount,
       any_value(r.row_label) AS row_label, min(r.page) AS page, r.code_level,
       CASE WHEN length(r.code) > 3 THEN left(r.code, length(r.code) - 2) END AS parent_code
FROM v_budget_coded_rows AS r
JOIN v_budget_code_basis AS b ON b.document_id = r.document_id AND b.table_id = r.table_id
WHERE (b.basis = 'printed' AND r.section IS NULL) OR b.basis = 'sections'
GROUP BY r.fiscal_year, r.document_id, r.table_id, r.code_system, r.code, r.column_key, r.code_level;

COMMENT ON VIEW v_budget_code_rows IS 'Each usable budget''s figures by code as the department''s: the rows it prints, or the sum over its sections where v_budget_code_basis accepts them (blank only when every summed cell is blank).';

CREATE OR REPLACE VIEW v_budget_coded_items AS
SELECT t.*, s.unit_id, s.unit_name, s.in_budget_scope, s.unit_primary
FROM complete_code_tree('v_budget_code_rows') AS t
JOIN v_budget_scope AS s ON s.document_id = t.document_id;

COMMENT ON VIEW v_budget_coded_items IS 'Budgets'' coded rows at every level (类/款/项), printed or derived from the level below (derived = true), with the unit and whether the budget counts city-wide (in_budget_scope) or is the unit''s primary budget (unit_primary).';

-- City-wide budget by function code (table 03: 合计, 基本支出, 项目支出).
CREATE OR REPLACE VIEW v_city_budget_function AS
SELECT
    li.fiscal_year, li.code_level, li.row_key AS code,
    coalesce(any_value(dim.name), any_value(li.row_label)) AS name,
    li.parent_code,
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '合计'), 0)     AS "预算数",
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '基本支出'), 0) AS "基本支出",
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '项目支出'), 0) AS "项目支出",
    count(DISTINCT li.document_id) FILTER (WHERE li.amount <> 0)          AS units,
    count(DISTINCT li.document_id) FILTER (WHERE li.derived)              AS derived_units
FROM v_budget_coded_items AS li
LEFT JOIN dim_function_code AS dim ON dim.code = li.row_key
WHERE li.in_budget_scope AND li.table_id = '03' AND li.code_system = 'function'
GROUP BY li.fiscal_year, li.code_level, li.row_key, li.parent_code;

COMMENT ON VIEW v_city_budget_function IS 'City-wide budgeted expenditure (table 03 of the budgets in v_budget_scope) by function code and level per fiscal year: 预算数 (the row''s 合计), 基本支出, 项目支出 in 万元; units = budgets with a non-zero figure, derived_units = budgets whose figure at this code is Σ of the level below. Never sum across levels.';

CREATE OR REPLACE VIEW v_city_budget_function_lei AS
SELECT fiscal_year, code, name, "预算数", "基本支出", "项目支出", units, derived_units
FROM v_city_budget_function WHERE code_level = '类';

COMMENT ON VIEW v_city_budget_function_lei IS 'City-wide budgeted expenditure by function 类 per fiscal year, 万元 (budgets only; the final accounts are in v_city_function_lei).';

CREATE OR REPLACE VIEW v_city_budget_function_kuan AS
SELECT fiscal_year, code, name, parent_code, "预算数", "基本支出", "项目支出", units, derived_units
FROM v_city_budget_function WHERE code_level = '款';

COMMENT ON VIEW v_city_budget_function_kuan IS 'City-wide budgeted expenditure by function 款 per fiscal year, 万元.';

CREATE OR REPLACE VIEW v_city_budget_function_xiang AS
SELECT fiscal_year, code, name, parent_code, "预算数", "基本支出", "项目支出", units
FROM v_city_budget_function WHERE code_level = '项';

COMMENT ON VIEW v_city_budget_function_xiang IS 'City-wide budgeted expenditure by function 项 per fiscal year, 万元.';

-- City-wide basic expenditure budget by economic code (table 06).
CREATE OR REPLACE VIEW v_city_budget_economic AS
SELECT
    li.fiscal_year, li.code_level, li.row_key AS code,
    coalesce(any_value(dim.name), any_value(li.row_label)) AS name,
    li.parent_code,
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '预算数'), 0)   AS "预算数",
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '人员经费'), 0) AS "人员经费",
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '公用经费'), 0) AS "公用经费",
    count(DISTINCT li.document_id) FILTER (WHERE li.amount <> 0)          AS units,
    count(DISTINCT li.document_id) FILTER (WHERE li.derived)              AS derived_units
FROM v_budget_coded_items AS li
LEFT JOIN dim_economic_code AS dim ON dim.code = li.row_key
WHERE li.in_budget_scope AND li.table_id = '06' AND li.code_system = 'economic'
GROUP BY li.fiscal_year, li.code_level, li.row_key, li.parent_code;

COMMENT ON VIEW v_city_budget_economic IS 'City-wide basic expenditure budget (table 06 of the budgets in v_budget_scope) by economic code and level per fiscal year: 预算数, 人员经费, 公用经费 in 万元. Never sum across levels.';

CREATE OR REPLACE VIEW v_city_budget_economic_lei AS
SELECT fiscal_year, code, name, "预算数", "人员经费", "公用经费", units, derived_units
FROM v_city_budget_economic WHERE code_level = '类';

COMMENT ON VIEW v_city_budget_economic_lei IS 'City-wide basic expenditure budget by economic 类 per fiscal year, 万元.';

CREATE OR REPLACE VIEW v_city_budget_economic_kuan AS
SELECT fiscal_year, code, name, parent_code, "预算数", "人员经费", "公用经费", units
FROM v_city_budget_economic WHERE code_level = '款';

COMMENT ON VIEW v_city_budget_economic_kuan IS 'City-wide basic expenditure budget by economic 款 per fiscal year, 万元.';

-- Does the city budget 类 view add up to the budgets' own 03 合计?
CREATE OR REPLACE VIEW v_budget_function_reconciliation_document AS
WITH lei AS (
    SELECT document_id, sum(amount) AS lei_sum, count(*) FILTER (WHERE amount <> 0) AS lei_figures,
           count(*) FILTER (WHERE derived) AS derived_lei
    FROM v_budget_coded_items
    WHERE table_id = '03' AND code_level = '类' AND column_key = '合计'
    GROUP BY document_id
),
total AS (
    SELECT document_id, amount AS total_03
    FROM v_budget_line_items
    WHERE table_id = '03' AND row_key = '合计' AND column_key = '合计'
)
SELECT
    s.fiscal_year, s.document_id, s.unit_name, b.basis,
    t.total_03, coalesce(l.lei_sum, 0) AS lei_sum,
    coalesce(l.lei_sum, 0) - coalesce(t.total_03, 0) AS difference,
    coalesce(l.derived_lei, 0) AS derived_lei,
    CAST(2 * 1.1 * (CASE WHEN d.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END)
         * (coalesce(l.lei_figures, 0) + CASE WHEN coalesce(t.total_03, 0) <> 0 THEN 1 ELSE 0 END)
         AS DECIMAL(18,6)) AS tolerance
FROM v_budget_scope AS s
JOIN documents AS d ON d.document_id = s.document_id
JOIN v_budget_code_basis AS b ON b.document_id = s.document_id AND b.table_id = '03'
LEFT JOIN total AS t ON t.document_id = s.document_id
LEFT JOIN lei AS l ON l.document_id = s.document_id
WHERE s.in_budget_scope AND b.basis <> 'left out';

COMMENT ON VIEW v_budget_function_reconciliation_document IS 'Per budget in city scope whose table 03 is summed by code: 03 合计 against Σ of its 类 (printed, derived, or summed over sections), the difference and the rounding bound.';

CREATE OR REPLACE VIEW v_city_budget_function_reconciliation AS
SELECT fiscal_year, count(*) AS documents,
       sum(coalesce(total_03, 0)) AS total_03, sum(lei_sum) AS lei_sum,
       sum(lei_sum) - sum(coalesce(total_03, 0)) AS difference,
       sum(derived_lei) AS derived_lei, sum(tolerance) AS tolerance,
       abs(sum(lei_sum) - sum(coalesce(total_03, 0))) <= sum(tolerance) AS reconciled
FROM v_budget_function_reconciliation_document
GROUP BY fiscal_year;

COMMENT ON VIEW v_city_budget_function_reconciliation IS 'Per fiscal year: Σ of the city budget 类 view against Σ of the 03 合计 of the budgets it sums; reconciled = within rounding. sql/tests/city_budget_function_lei_reconciles.sql holds it. Budgets whose 03 is left out (v_budget_code_basis) are in neither side.';

-- Budgets year on year: per unit (03 合计) and city-wide by function 类.
CREATE OR REPLACE VIEW v_budget_unit_year AS
SELECT li.fiscal_year, li.unit_id, li.unit_name, li.document_id, li.in_budget_scope,
       max(li.amount) FILTER (WHERE li.column_key = '合计')     AS "预算数",
       max(li.amount) FILTER (WHERE li.column_key = '基本支出') AS "基本支出",
       max(li.amount) FILTER (WHERE li.column_key = '项目支出') AS "项目支出"
FROM v_budget_line_items AS li
WHERE li.table_id = '03' AND li.row_key = '合计' AND li.unit_primary AND li.unit_id IS NOT NULL
GROUP BY ALL;

COMMENT ON VIEW v_budget_unit_year IS 'One row per unit and budget year (the unit''s primary budget): table 03 合计 预算数, 基本支出, 项目支出 in 万元.';

CREATE OR REPLACE VIEW v_budget_yoy_unit AS
SELECT cur.unit_id, cur.unit_name, cur.fiscal_year, cur.document_id,
       cur."预算数", prev."预算数" AS "上年预算数",
       cur."预算数" - prev."预算数" AS change,
       exact_percent(cur."预算数" - prev."预算数", prev."预算数") AS change_pct,
       cur."基本支出", prev."基本支出" AS "上年基本支出",
       cur."项目支出", prev."项目支出" AS "上年项目支出",
       prev.document_id AS previous_document_id
FROM v_budget_unit_year AS cur
LEFT JOIN v_budget_unit_year AS prev ON prev.unit_id = cur.unit_id AND prev.fiscal_year = cur.fiscal_year - 1;

COMMENT ON VIEW v_budget_yoy_unit IS 'Per unit and budget year: 03 合计 预算数 against the unit''s budget of the year before (NULL when none is loaded), change in 万元 and exact percent (NULL when last year''s is 0).';

CREATE OR REPLACE VIEW v_budget_yoy_city_function AS
SELECT cur.fiscal_year, cur.code, cur.name,
       cur."预算数", prev."预算数" AS "上年预算数",
       cur."预算数" - coalesce(prev."预算数", 0) AS change,
       exact_percent(cur."预算数" - prev."预算数", prev."预算数") AS change_pct,
       cur.units, prev.units AS previous_units
FROM v_city_budget_function_lei AS cur
LEFT JOIN v_city_budget_function_lei AS prev ON prev.code = cur.code AND prev.fiscal_year = cur.fiscal_year - 1;

COMMENT ON VIEW v_budget_yoy_city_function IS 'City-wide budget by function 类 against the year before, 万元 and exact percent. The set of units may differ between years (units, previous_units).';
