-- Cross-document check: what a unit's final accounts print as its budget for the year
-- against the budget the unit itself published for that year.
--
-- The pair is bound by unit and fiscal year (each side its unit_primary document), and
-- each figure by the same table, row and column key: table 09's 预算数/<item> (the 三公
-- budget both documents print). It is never an error: a final's 预算数 may be the budget
-- as adjusted during the year (全年预算数), which the spring budget cannot show; a
-- difference is information for the reviewer, with both documents and pages named.
-- Not compared here: the year-start budget a final's narrative quotes (年初预算为X万元) —
-- the warehouse keeps a narrative's findings, not its figures.

CREATE OR REPLACE VIEW v_budget_final_crosscheck AS
WITH final_side AS (
    SELECT fiscal_year, unit_id, unit_name, document_id, table_id, row_key, column_key, amount, page
    FROM v_line_items_unit
    WHERE unit_primary AND unit_id IS NOT NULL AND table_id = '09' AND column_key LIKE '预算数/%'
),
budget_side AS (
    SELECT fiscal_year, unit_id, document_id, table_id, row_key, column_key, amount, page
    FROM v_budget_line_items
    WHERE unit_primary AND unit_id IS NOT NULL AND table_id = '09' AND column_key LIKE '预算数/%'
),
steps AS (
    SELECT document_id, CASE WHEN amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END AS step
    FROM documents
)
SELECT
    f.fiscal_year, f.unit_id, f.unit_name, f.table_id, f.row_key, f.column_key,
    f.amount AS final_amount, f.document_id AS final_document_id, f.page AS final_page,
    b.amount AS budget_amount, b.document_id AS budget_document_id, b.page AS budget_page,
    f.amount - b.amount AS difference,
    CASE
        WHEN f.amount IS NULL OR b.amount IS NULL THEN NULL
        ELSE abs(f.amount - b.amount) <= sf.step + sb.step
    END AS agrees,
    CASE
        WHEN f.amount IS NULL OR b.amount IS NULL THEN 'not compared: a blank cell'
        WHEN abs(f.amount - b.amount) <= sf.step + sb.step THEN 'agrees'
        ELSE 'info: the final accounts print ' || f.column_key || ' ' || CAST(f.amount AS VARCHAR)
             || ' 万元 (page ' || coalesce(CAST(f.page AS VARCHAR), '?') || '), the unit''s budget '
             || CAST(b.amount AS VARCHAR) || ' 万元 (page ' || coalesce(CAST(b.page AS VARCHAR), '?')
             || '); the final''s figure may include in-year adjustments'
    END AS finding
FROM final_side AS f
JOIN budget_side AS b
  ON b.unit_id = f.unit_id AND b.fiscal_year = f.fiscal_year AND b.table_id = f.table_id
 AND b.row_key = f.row_key AND b.column_key = f.column_key
JOIN steps AS sf ON sf.document_id = f.document_id
JOIN steps AS sb ON sb.document_id = b.document_id;

COMMENT ON VIEW v_budget_final_crosscheck IS 'Per unit-year with both documents: each 三公 budget figure (table 09 预算数/<item>) the final accounts print against the same cell of the unit''s own budget; agrees within the two documents'' rounding steps; a difference is info (the final may print the adjusted budget), naming both documents and pages.';

-- The 年初预算 a final's narrative quotes (quoted_budgets: the 一般公共预算财政拨款支出 total,
-- or one 项, each bound to its table 05 cell) against that cell of the unit's own budget
-- for the year. The narrative may sit in the final itself or in its 情况说明 attachment
-- (documents.part_of). Bound by unit, year, subject and base (年初 = the published
-- budget); a difference is a warning when both documents are of the same scope (部门 or 单位)
-- and info otherwise (a 部门 final quoting against a 单位 budget compares different
-- wholes). Budgets whose 05 is on another basis (problem table_basis) are not compared.
CREATE OR REPLACE VIEW v_budget_narrative_crosscheck AS
WITH finals AS (
    SELECT s.fiscal_year, s.unit_id, s.unit_name, s.document_id, d.scope
    FROM v_city_scope AS s JOIN documents AS d USING (document_id)
    WHERE s.unit_primary AND s.unit_id IS NOT NULL
),
quoted AS (
    SELECT f.fiscal_year, f.unit_id, f.unit_name, f.document_id AS final_document_id, f.scope AS final_scope,
           q.document_id AS narrative_document_id, q.table_id, q.row_key, q.column_key, q.amount, q.page, q.quote
    FROM finals AS f
    JOIN documents AS part ON part.document_id = f.document_id
                           OR (part.part_of = f.document_id AND part.superseded_by IS NULL)
    JOIN quoted_budgets AS q ON q.document_id = part.document_id
),
budgets AS (
    SELECT s.fiscal_year, s.unit_id, s.document_id, d.scope, d.amount_unit_printed
    FROM v_budget_scope AS s JOIN documents AS d USING (document_id)
    WHERE s.unit_primary AND s.unit_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM problems AS p
                      WHERE p.document_id = s.document_id AND p.code = 'table_basis' AND p.table_id = '05')
),
-- a budget's 05 by code (summed over its sections where it prints them: v_budget_code_basis)
-- and its 合计 row
budget_cells AS (
    SELECT document_id, table_id, row_key, column_key, amount, page
    FROM v_budget_coded_items WHERE table_id = '05'
    UNION ALL
    SELECT document_id, table_id, row_key, column_key, amount, page
    FROM line_items WHERE table_id = '05' AND row_key = '合计'
)
SELECT
    q.fiscal_year, q.unit_id, q.unit_name, q.table_id, q.row_key, q.column_key,
    q.amount AS quoted_amount, q.narrative_document_id, q.page AS narrative_page, q.quote,
    li.amount AS budget_amount, b.document_id AS budget_document_id, li.page AS budget_page,
    q.amount - li.amount AS difference,
    CASE WHEN li.amount IS NULL THEN NULL
         ELSE abs(q.amount - li.amount) <= 0.005 + CASE WHEN b.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END
    END AS agrees,
    CASE
        WHEN b.document_id IS NULL THEN NULL
        WHEN li.document_id IS NULL AND q.amount = 0 THEN NULL  -- no row for a 项 budgeted at 0
        WHEN li.document_id IS NULL THEN 'info'
        WHEN abs(q.amount - li.amount) <= 0.005 + CASE WHEN b.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END
            THEN NULL
        WHEN q.final_scope IS NOT DISTINCT FROM b.scope THEN 'warning'
        ELSE 'info'
    END AS severity,
    CASE
        WHEN b.document_id IS NULL THEN 'not compared: no budget of this unit and year is in the warehouse (or its 05 is on another basis)'
        WHEN li.document_id IS NULL THEN 'not compared: the budget prints no figure for 05 ' || q.row_key
             || CASE WHEN q.amount = 0 THEN ' (the narrative quotes 0)' ELSE '' END
        WHEN abs(q.amount - li.amount) <= 0.005 + CASE WHEN b.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END
            THEN 'agrees'
        ELSE 'the final''s narrative (page ' || coalesce(CAST(q.page AS VARCHAR), '?') || ') quotes 年初预算 '
             || CAST(q.amount AS VARCHAR) || ' 万元 for 05 ' || q.row_key || '; the unit''s budget prints '
             || CAST(li.amount AS VARCHAR) || ' 万元 (page ' || coalesce(CAST(li.page AS VARCHAR), '?') || ')'
    END AS finding
FROM quoted AS q
LEFT JOIN budgets AS b ON b.unit_id = q.unit_id AND b.fiscal_year = q.fiscal_year
LEFT JOIN budget_cells AS li ON li.document_id = b.document_id AND li.table_id = q.table_id
                          AND li.row_key = q.row_key AND li.column_key = q.column_key;

COMMENT ON VIEW v_budget_narrative_crosscheck IS 'Each 年初预算 a final''s narrative quotes (total 一般公共预算财政拨款支出 or one 项, table 05) against the unit''s own budget for the year: agrees within rounding, else a warning (same scope) or info, naming both documents and pages; not compared when there is no budget or it prints no such row.';
