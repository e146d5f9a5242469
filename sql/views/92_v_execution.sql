-- Budget execution (预算执行): a unit's budget for a year beside its final accounts of
-- the same year, code by code. 年初预算 comes from the budget document, 决算 from the final
-- one; each side names its document and page, and a side that is missing says why.
--
-- The pairs compared (docs/BUDGETS.md, "For the execution views"):
--   03 本年支出合计 ↔ 合计, 基本支出 ↔ 基本支出, 项目支出 ↔ 项目支出 (all funds)
--   05 合计 ↔ 合计, 基本支出 ↔ 基本支出, 项目支出 ↔ 项目支出 (一般公共预算财政拨款; the
--      年初预算 a final's narrative quotes)
--   06 决算数 ↔ 预算数 (basic expenditure by economic code)
-- Each unit-year uses its primary document on each side (v_city_scope.unit_primary,
-- v_budget_scope.unit_primary), so a member unit's own execution is shown too; the
-- city-wide view below sums only documents in city scope on both sides.

CREATE OR REPLACE VIEW v_execution_pairs AS
SELECT * FROM (VALUES
    ('03', 'function', '本年支出合计', '合计',     '支出合计'),
    ('03', 'function', '基本支出',     '基本支出', '基本支出'),
    ('03', 'function', '项目支出',     '项目支出', '项目支出'),
    ('05', 'function', '合计',         '合计',     '一般公共预算财政拨款支出'),
    ('05', 'function', '基本支出',     '基本支出', '一般公共预算财政拨款基本支出'),
    ('05', 'function', '项目支出',     '项目支出', '一般公共预算财政拨款项目支出'),
    ('06', 'economic', '决算数',       '预算数',   '一般公共预算财政拨款基本支出')
) AS p(table_id, code_system, final_column, budget_column, measure);

COMMENT ON VIEW v_execution_pairs IS 'Which final-account column is compared with which budget column, per table (03, 05 by function code; 06 by economic code).';

CREATE OR REPLACE VIEW v_final_code_rows_primary AS
SELECT fiscal_year, document_id, table_id, code_system, row_key, column_key, amount, row_label, page,
       code_level, parent_code
FROM v_line_items_unit
WHERE unit_primary AND code_system IS NOT NULL;

COMMENT ON VIEW v_final_code_rows_primary IS 'Coded rows of each unit-year''s primary final accounts (member units included), the final side of the execution views.';

CREATE OR REPLACE VIEW v_execution_unit_code AS
WITH final_side AS (
    SELECT s.fiscal_year, s.unit_id, s.unit_name, t.document_id, t.table_id, t.code_system, t.row_key AS code,
           t.code_level, t.row_label, t.column_key, t.amount, t.page, t.derived, s.in_city_scope
    FROM complete_code_tree('v_final_code_rows_primary') AS t
    JOIN v_city_scope AS s ON s.document_id = t.document_id
    WHERE s.unit_id IS NOT NULL
),
budget_side AS (
    SELECT fiscal_year, unit_id, unit_name, document_id, table_id, code_system, row_key AS code,
           code_level, row_label, column_key, amount, page, derived, in_budget_scope
    FROM v_budget_coded_items
    WHERE unit_primary AND unit_id IS NOT NULL
),
final_paired AS (
    SELECT f.*, p.budget_column, p.measure, p.final_column
    FROM final_side AS f
    JOIN v_execution_pairs AS p
      ON p.table_id = f.table_id AND p.final_column = f.column_key AND p.code_system = f.code_system
),
budget_paired AS (
    SELECT b.*, p.final_column, p.measure, p.budget_column
    FROM budget_side AS b
    JOIN v_execution_pairs AS p
      ON p.table_id = b.table_id AND p.budget_column = b.column_key AND p.code_system = b.code_system
),
final_docs AS (
    SELECT fiscal_year, unit_id, document_id, in_city_scope FROM v_city_scope WHERE unit_primary AND unit_id IS NOT NULL
),
budget_docs AS (
    SELECT fiscal_year, unit_id, document_id, in_budget_scope FROM v_budget_scope WHERE unit_primary AND unit_id IS NOT NULL
),
-- a budget table read on another basis than the final's (problem 'table_basis': a 05 read
-- from the 财政拨款支出预算表, all funds): its figures are not compared
budget_other_basis AS (
    SELECT document_id, table_id, min(message) AS message FROM problems WHERE code = 'table_basis' GROUP BY ALL
),
-- a unit-year whose only documents are not usable (quarantined, failed): why, for the note
final_unused AS (
    SELECT fiscal_year, unit_id, arg_min(reason, document_id) AS reason
    FROM v_city_scope WHERE NOT usable AND unit_id IS NOT NULL GROUP BY ALL
),
budget_unused AS (
    SELECT fiscal_year, unit_id, arg_min(reason, document_id) AS reason
    FROM v_budget_scope WHERE NOT usable AND unit_id IS NOT NULL GROUP BY ALL
),
joined AS (
    SELECT
        coalesce(f.fiscal_year, b.fiscal_year) AS fiscal_year,
        coalesce(f.unit_id, b.unit_id) AS unit_id,
        coalesce(f.unit_name, b.unit_name) AS unit_name,
        coalesce(f.table_id, b.table_id) AS table_id,
        coalesce(f.measure, b.measure) AS measure,
        coalesce(f.final_column, b.final_column) AS final_column,
        coalesce(f.budget_column, b.budget_column) AS budget_column,
        coalesce(f.code_system, b.code_system) AS code_system,
        coalesce(f.code, b.code) AS code,
        coalesce(f.code_level, b.code_level) AS code_level,
        coalesce(f.row_label, b.row_label) AS row_label,
        b.amount AS budget_amount, f.amount AS final_amount,
        b.document_id AS budget_row_document, f.document_id AS final_row_document,
        b.page AS budget_page, f.page AS final_page,
        b.derived AS budget_derived, f.derived AS final_derived
    FROM final_paired AS f
    FULL OUTER JOIN budget_paired AS b
      ON b.unit_id = f.unit_id AND b.fiscal_year = f.fiscal_year AND b.table_id = f.table_id
     AND b.final_column = f.final_column AND b.code = f.code
)
SELECT
    j.fiscal_year, j.unit_id, j.unit_name, j.table_id, j.measure, j.code_system, j.code, j.code_level,
    coalesce(dimf.name, dime.name, j.row_label) AS name,
    j.budget_column, j.final_column,
    CASE WHEN ob.document_id IS NULL THEN j.budget_amount END AS "年初预算",
    j.final_amount  AS "决算",
    CASE WHEN ob.document_id IS NULL THEN j.final_amount - j.budget_amount END AS difference,
    CASE WHEN ob.document_id IS NULL THEN exact_percent(j.final_amount, j.budget_amount) END AS execution_rate_pct,
    coalesce(j.budget_row_document, bd.document_id) AS budget_document_id,
    j.budget_page, j.budget_derived,
    coalesce(j.final_row_document, fd.document_id) AS final_document_id,
    j.final_page, j.final_derived,
    coalesce(fd.in_city_scope, false) AND coalesce(bd.in_budget_scope, false) AS in_city_scope,
    ob.document_id IS NULL AS comparable,
    CASE
        WHEN ob.document_id IS NOT NULL
            THEN 'not compared: ' || ob.message
        WHEN j.budget_row_document IS NULL AND bd.document_id IS NULL AND bu.reason IS NOT NULL
            THEN 'the unit''s budget for this year is not used: ' || bu.reason
        WHEN j.budget_row_document IS NULL AND bd.document_id IS NULL
            THEN 'no budget loaded for this unit and year'
        WHEN j.budget_row_document IS NULL AND bb.basis = 'left out'
            THEN 'the budget''s table ' || j.table_id || ' is not summed by code: ' || bb.reason
        WHEN j.budget_row_document IS NULL
            THEN 'the budget prints no figure for this code in table ' || j.table_id
        WHEN j.final_row_document IS NULL AND fd.document_id IS NULL AND fu.reason IS NOT NULL
            THEN 'the unit''s final accounts for this year are not used: ' || fu.reason
        WHEN j.final_row_document IS NULL AND fd.document_id IS NULL
            THEN 'no final accounts loaded for this unit and year'
        WHEN j.final_row_document IS NULL
            THEN 'the final accounts print no figure for this code in table ' || j.table_id
        WHEN j.budget_amount IS NULL THEN '年初预算 blank: no rate'
        WHEN j.budget_amount = 0 THEN '年初预算 is 0: no rate'
        WHEN j.final_amount IS NULL THEN '决算 blank: no rate'
    END AS note
FROM joined AS j
LEFT JOIN final_docs AS fd ON fd.unit_id = j.unit_id AND fd.fiscal_year = j.fiscal_year
LEFT JOIN budget_docs AS bd ON bd.unit_id = j.unit_id AND bd.fiscal_year = j.fiscal_year
LEFT JOIN final_unused AS fu ON fu.unit_id = j.unit_id AND fu.fiscal_year = j.fiscal_year
LEFT JOIN budget_unused AS bu ON bu.unit_id = j.unit_id AND bu.fiscal_year = j.fiscal_year
LEFT JOIN budget_other_basis AS ob ON ob.document_id = bd.document_id AND ob.table_id = j.table_id
LEFT JOIN v_budget_code_basis AS bb ON bb.document_id = bd.document_id AND bb.table_id = j.table_id
LEFT JOIN dim_function_code AS dimf ON j.code_system = 'function' AND dimf.code = j.code
LEFT JOIN dim_economic_code AS dime ON j.code_system = 'economic' AND dime.code = j.code;

COMMENT ON VIEW v_execution_unit_code IS 'Budget execution per unit, year, table (03 all funds, 05 一般公共预算财政拨款, 06 basic expenditure by economic code), measure and code (every level, printed or derived): 年初预算 from the unit''s budget, 决算 from its final accounts, difference and execution_rate_pct = 决算/年初预算 × 100 (exact, 2 places; NULL when the 年初预算 is 0 or blank or a side is missing), each side''s document and page (derived = Σ of the level below, no page), and a note saying why a side or the rate is missing. in_city_scope: both documents count city-wide.';

-- City-wide execution by function 类: units with both a budget and a final for the year.
CREATE OR REPLACE VIEW v_city_execution_function_lei AS
SELECT
    fiscal_year, table_id, measure, code, any_value(name) AS name,
    sum("年初预算") AS "年初预算",
    sum("决算") AS "决算",
    exact_percent(sum("决算"), sum("年初预算")) AS execution_rate_pct,
    count(DISTINCT unit_id) AS units,
    count(DISTINCT unit_id) FILTER (WHERE budget_document_id IS NULL OR final_document_id IS NULL)
        AS units_one_side_only
FROM v_execution_unit_code
WHERE code_system = 'function' AND code_level = '类' AND in_city_scope AND comparable
  AND budget_document_id IS NOT NULL AND final_document_id IS NOT NULL
GROUP BY fiscal_year, table_id, measure, code;

COMMENT ON VIEW v_city_execution_function_lei IS 'City-wide execution by function 类, per year, table and measure: Σ 年初预算 and Σ 决算 over the units that published both a budget and final accounts for the year (both in city scope, tables on the same basis), exact execution_rate_pct, units. A 类 only one side prints counts as blank (0) on the other side.';

CREATE OR REPLACE VIEW v_execution_coverage AS
SELECT
    coalesce(f.fiscal_year, b.fiscal_year) AS fiscal_year,
    count(*) FILTER (WHERE f.document_id IS NOT NULL AND b.document_id IS NOT NULL) AS units_with_both,
    count(*) FILTER (WHERE b.document_id IS NULL) AS units_final_only,
    count(*) FILTER (WHERE f.document_id IS NULL) AS units_budget_only
FROM (SELECT fiscal_year, unit_id, document_id FROM v_city_scope WHERE in_city_scope AND unit_id IS NOT NULL) AS f
FULL OUTER JOIN (SELECT fiscal_year, unit_id, document_id FROM v_budget_scope WHERE in_budget_scope AND unit_id IS NOT NULL) AS b
  ON b.unit_id = f.unit_id AND b.fiscal_year = f.fiscal_year
GROUP BY ALL;

COMMENT ON VIEW v_execution_coverage IS 'Per fiscal year: how many units in city scope published both a budget and final accounts (the units the city execution views compare), only final accounts, or only a budget.';
