-- Table 02 (收入决算表): one row per document and printed row (合计 or function code).
CREATE OR REPLACE VIEW v_t02_income AS
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    row_key, any_value(row_label) AS row_label, code_level, parent_code,
    min(ordinal) AS print_order,
    sum(amount) FILTER (WHERE column_key = '本年收入合计')     AS "本年收入合计",
    sum(amount) FILTER (WHERE column_key = '财政拨款收入')     AS "财政拨款收入",
    sum(amount) FILTER (WHERE column_key = '上级补助收入')     AS "上级补助收入",
    sum(amount) FILTER (WHERE column_key = '事业收入')         AS "事业收入",
    sum(amount) FILTER (WHERE column_key = '经营收入')         AS "经营收入",
    sum(amount) FILTER (WHERE column_key = '附属单位上缴收入') AS "附属单位上缴收入",
    sum(amount) FILTER (WHERE column_key = '其他收入')         AS "其他收入"
FROM v_line_items_unit
WHERE table_id = '02'
GROUP BY ALL;

COMMENT ON VIEW v_t02_income IS 'Table 02 收入决算表 per document and row (合计 or function code 类/款/项), income sources as columns, 万元.';
