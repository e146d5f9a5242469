-- Coded rows (function: 02 03 05 07 08; economic: 06) of the documents in city scope, at
-- every level, printed or derived.
--
-- Every figure counts exactly once per level. A document may print a 款 (or 项) whose 类
-- (or 款) it does not print: a row lost at a page break, or a layout that leaves a level
-- out (validation reports it: hierarchy.parent_missing). Summing only the rows printed at a
-- level would drop those figures from that level's city view; so the missing parent is
-- derived as Σ of its children one level down (printed, or themselves derived) and marked
-- derived. A printed parent is never re-derived: it already equals Σ its children.
--
-- complete_code_tree(rows) does this for any relation of coded rows (its name: a view with
-- fiscal_year, document_id, table_id, code_system, row_key, column_key, amount, row_label,
-- page, code_level, parent_code); the final accounts' and the budgets' views both use it.
-- A derived row has no page of its own (NULL).
CREATE OR REPLACE MACRO complete_code_tree(rows) AS TABLE
WITH printed AS (
    SELECT fiscal_year, document_id, table_id, code_system, row_key, column_key, amount,
           row_label, page, code_level, parent_code
    FROM query_table(rows)
    WHERE code_system IS NOT NULL
),
printed_rows AS (
    SELECT DISTINCT document_id, table_id, row_key FROM printed
),
kuan_derived AS (
    -- 款 not printed in a document's table, from the 项 printed under it
    SELECT x.fiscal_year, x.document_id, x.table_id, x.code_system, left(x.row_key, 5) AS row_key,
           x.column_key, sum(x.amount) AS amount
    FROM printed AS x
    WHERE x.code_level = '项'
      AND NOT EXISTS (SELECT 1 FROM printed_rows AS r
                      WHERE r.document_id = x.document_id AND r.table_id = x.table_id
                        AND r.row_key = left(x.row_key, 5))
    GROUP BY x.fiscal_year, x.document_id, x.table_id, x.code_system, left(x.row_key, 5), x.column_key
),
kuan_all AS (
    SELECT fiscal_year, document_id, table_id, code_system, row_key, column_key, amount
    FROM printed WHERE code_level = '款'
    UNION ALL
    SELECT fiscal_year, document_id, table_id, code_system, row_key, column_key, amount FROM kuan_derived
),
lei_derived AS (
    -- 类 not printed, from its 款 (printed or derived)
    SELECT k.fiscal_year, k.document_id, k.table_id, k.code_system, left(k.row_key, 3) AS row_key,
           k.column_key, sum(k.amount) AS amount
    FROM kuan_all AS k
    WHERE NOT EXISTS (SELECT 1 FROM printed_rows AS r
                      WHERE r.document_id = k.document_id AND r.table_id = k.table_id
                        AND r.row_key = left(k.row_key, 3))
    GROUP BY k.fiscal_year, k.document_id, k.table_id, k.code_system, left(k.row_key, 3), k.column_key
)
SELECT fiscal_year, document_id, table_id, code_system, row_key, column_key, amount, row_label,
       code_level, parent_code, false AS derived, page
FROM printed
UNION ALL
SELECT fiscal_year, document_id, table_id, code_system, row_key, column_key, amount, NULL, '款',
       left(row_key, 3), true, NULL
FROM kuan_derived
UNION ALL
SELECT fiscal_year, document_id, table_id, code_system, row_key, column_key, amount, NULL, '类',
       NULL, true, NULL
FROM lei_derived;

COMMENT ON MACRO TABLE complete_code_tree IS 'The coded rows of a view named by its argument, completed with the 款 and 类 rows a document leaves out (derived = true, Σ of the level below, no page).';

CREATE OR REPLACE VIEW v_coded_items_complete AS
SELECT * FROM complete_code_tree('v_line_items_current');

COMMENT ON VIEW v_coded_items_complete IS 'Coded rows (function: 02 03 05 07 08; economic: 06) of the documents in city scope at every level: the printed rows, plus each 类/款 a document does not print but prints rows under (derived = true, amount = Σ of those rows). Each level sums every figure exactly once.';
