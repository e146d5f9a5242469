-- Table 03 (支出决算表): one row per document and printed row (合计 or function code).
CREATE OR REPLACE VIEW v_t03_expenditure AS
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    row_key, any_value(row_label) AS row_label, code_level, parent_code,
    min(ordinal) AS print_order,
    sum(amount) FILTER (WHERE column_key = '本年支出合计')       AS "本年支出合计",
    sum(amount) FILTER (WHERE column_key = '基本支出')           AS "基本支出",
    sum(amount) FILTER (WHERE column_key = '项目支出')           AS "项目支出",
    sum(amount) FILTER (WHERE column_key = '上缴上级支出')       AS "上缴上级支出",
    sum(amount) FILTER (WHERE column_key = '经营支出')           AS "经营支出",
    sum(amount) FILTER (WHERE column_key = '对附属单位补助支出') AS "对附属单位补助支出"
FROM v_line_items_unit
WHERE table_id = '03'
GROUP BY ALL;

COMMENT ON VIEW v_t03_expenditure IS 'Table 03 支出决算表 per document and row (合计 or function code 类/款/项): 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出, 万元.';
