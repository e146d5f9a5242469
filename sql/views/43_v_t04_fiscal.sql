-- Table 04 (财政拨款收入支出决算总表): income lines carry 决算数, expenditure lines the
-- total and the three fund columns.
CREATE OR REPLACE VIEW v_t04_fiscal AS
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    row_key, any_value(row_label) AS row_label,
    min(ordinal) AS print_order,
    sum(amount) FILTER (WHERE column_key = '决算数')                   AS "决算数",
    sum(amount) FILTER (WHERE column_key = '合计')                     AS "合计",
    sum(amount) FILTER (WHERE column_key = '一般公共预算财政拨款')     AS "一般公共预算财政拨款",
    sum(amount) FILTER (WHERE column_key = '政府性基金预算财政拨款')   AS "政府性基金预算财政拨款",
    sum(amount) FILTER (WHERE column_key = '国有资本经营预算财政拨款') AS "国有资本经营预算财政拨款"
FROM v_line_items_unit
WHERE table_id = '04'
GROUP BY ALL;

COMMENT ON VIEW v_t04_fiscal IS 'Table 04 财政拨款收入支出决算总表 per document and line: 决算数 on the income side; 合计 and the three fund columns on the expenditure side, 万元.';
