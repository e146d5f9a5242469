-- Table 05 (一般公共预算财政拨款支出决算表).
CREATE OR REPLACE VIEW v_t05_general_budget AS
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    row_key, any_value(row_label) AS row_label, code_level, parent_code,
    min(ordinal) AS print_order,
    sum(amount) FILTER (WHERE column_key = '合计')     AS "合计",
    sum(amount) FILTER (WHERE column_key = '基本支出') AS "基本支出",
    sum(amount) FILTER (WHERE column_key = '项目支出') AS "项目支出"
FROM v_line_items_unit
WHERE table_id = '05'
GROUP BY ALL;

COMMENT ON VIEW v_t05_general_budget IS 'Table 05 一般公共预算财政拨款支出决算表 per document and row (合计 or function code): 合计, 基本支出, 项目支出, 万元.';
