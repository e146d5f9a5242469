-- 三公 expenditure per unit-year and city-wide. A document printing one row per
-- sub-unit and no 合计 row is summed over its rows; otherwise its 合计 row is used.
CREATE OR REPLACE VIEW v_sangong_unit AS
WITH rows AS (
    SELECT *, bool_or(row_key = '合计') OVER (PARTITION BY document_id) AS has_total
    FROM v_line_items_unit
    WHERE table_id = '09'
)
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    sum(amount) FILTER (WHERE column_key = '预算数/合计')                 AS "预算数/合计",
    sum(amount) FILTER (WHERE column_key = '决算数/合计')                 AS "决算数/合计",
    sum(amount) FILTER (WHERE column_key = '预算数/因公出国（境）费')     AS "预算数/因公出国（境）费",
    sum(amount) FILTER (WHERE column_key = '决算数/因公出国（境）费')     AS "决算数/因公出国（境）费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务用车购置及运行费') AS "预算数/公务用车购置及运行费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务用车购置及运行费') AS "决算数/公务用车购置及运行费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务用车购置费')       AS "预算数/公务用车购置费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务用车购置费')       AS "决算数/公务用车购置费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务用车运行费')       AS "预算数/公务用车运行费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务用车运行费')       AS "决算数/公务用车运行费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务接待费')           AS "预算数/公务接待费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务接待费')           AS "决算数/公务接待费",
    CAST(round(100 * sum(amount) FILTER (WHERE column_key = '决算数/合计')
               / nullif(sum(amount) FILTER (WHERE column_key = '预算数/合计'), 0), 2)
         AS DECIMAL(12,2)) AS completion_pct
FROM rows
WHERE row_key = '合计' OR NOT has_total
GROUP BY ALL;

COMMENT ON VIEW v_sangong_unit IS '三公经费 per document (unit-year): 预算数 and 决算数 of 合计 and each item in 万元, and completion_pct = 决算数/预算数 合计 × 100 (NULL when the budget is 0 or blank).';

CREATE OR REPLACE VIEW v_city_sangong AS
WITH rows AS (
    SELECT *, bool_or(row_key = '合计') OVER (PARTITION BY document_id) AS has_total
    FROM v_line_items_current
    WHERE table_id = '09'
),
items AS (
    SELECT fiscal_year, document_id, amount,
           split_part(column_key, '/', 1) AS side,
           split_part(column_key, '/', 2) AS item
    FROM rows
    WHERE row_key = '合计' OR NOT has_total
)
SELECT
    fiscal_year,
    item,
    coalesce(sum(amount) FILTER (WHERE side = '预算数'), 0) AS "预算数",
    coalesce(sum(amount) FILTER (WHERE side = '决算数'), 0) AS "决算数",
    CAST(round(100 * sum(amount) FILTER (WHERE side = '决算数')
               / nullif(sum(amount) FILTER (WHERE side = '预算数'), 0), 2)
         AS DECIMAL(12,2)) AS completion_pct,
    count(DISTINCT document_id) FILTER (WHERE side = '决算数' AND amount <> 0) AS units
FROM items
GROUP BY fiscal_year, item;

COMMENT ON VIEW v_city_sangong IS 'City-wide 三公经费 per fiscal year and item (合计, 因公出国（境）费, 公务用车…, 公务接待费, and any extra printed item): 预算数, 决算数 in 万元, completion_pct, units with a non-zero 决算数. City scope only (no double counting).';
