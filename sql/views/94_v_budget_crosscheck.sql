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
