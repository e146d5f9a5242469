-- Table 06 (一般公共预算财政拨款基本支出决算表): economic codes and the two totals.
CREATE OR REPLACE VIEW v_t06_basic_economic AS
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    row_key, any_value(row_label) AS row_label, code_level, parent_code,
    min(ordinal) AS print_order,
    sum(amount) AS "决算数"
FROM v_line_items_unit
WHERE table_id = '06'
GROUP BY ALL;

COMMENT ON VIEW v_t06_basic_economic IS 'Table 06 一般公共预算财政拨款基本支出决算明细表 per document and row: economic codes 类/款 and 人员经费合计/公用经费合计, 决算数 in 万元.';
