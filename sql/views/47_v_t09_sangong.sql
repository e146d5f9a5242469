-- Table 09 (财政拨款"三公"经费支出决算表): budget and final per item, per printed row
-- (合计, or one row per sub-unit where a document prints them).
CREATE OR REPLACE VIEW v_t09_sangong AS
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    row_key, any_value(row_label) AS row_label,
    min(ordinal) AS print_order,
    sum(amount) FILTER (WHERE column_key = '预算数/合计')               AS "预算数/合计",
    sum(amount) FILTER (WHERE column_key = '预算数/因公出国（境）费')   AS "预算数/因公出国（境）费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务用车购置及运行费') AS "预算数/公务用车购置及运行费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务用车购置费')     AS "预算数/公务用车购置费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务用车运行费')     AS "预算数/公务用车运行费",
    sum(amount) FILTER (WHERE column_key = '预算数/公务接待费')         AS "预算数/公务接待费",
    sum(amount) FILTER (WHERE column_key = '决算数/合计')               AS "决算数/合计",
    sum(amount) FILTER (WHERE column_key = '决算数/因公出国（境）费')   AS "决算数/因公出国（境）费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务用车购置及运行费') AS "决算数/公务用车购置及运行费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务用车购置费')     AS "决算数/公务用车购置费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务用车运行费')     AS "决算数/公务用车运行费",
    sum(amount) FILTER (WHERE column_key = '决算数/公务接待费')         AS "决算数/公务接待费"
FROM v_line_items_unit
WHERE table_id = '09'
GROUP BY ALL;

COMMENT ON VIEW v_t09_sangong IS 'Table 09 三公经费 per document and printed row: 预算数/… and 决算数/… for 合计, 因公出国（境）费, 公务用车购置及运行费 (购置费, 运行费), 公务接待费, 万元.';
