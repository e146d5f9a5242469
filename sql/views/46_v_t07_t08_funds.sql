-- Tables 07 (政府性基金) and 08 (国有资本经营): the same columns, often empty, so one
-- query shapes both and each table's view selects its rows.
CREATE OR REPLACE VIEW v_t07_t08_funds AS
SELECT
    table_id, fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    row_key, any_value(row_label) AS row_label, code_level, parent_code,
    min(ordinal) AS print_order,
    sum(amount) FILTER (WHERE column_key = '年初结转和结余')    AS "年初结转和结余",
    sum(amount) FILTER (WHERE column_key = '本年收入')          AS "本年收入",
    sum(amount) FILTER (WHERE column_key = '本年支出/小计')     AS "本年支出/小计",
    sum(amount) FILTER (WHERE column_key = '本年支出/基本支出') AS "本年支出/基本支出",
    sum(amount) FILTER (WHERE column_key = '本年支出/项目支出') AS "本年支出/项目支出",
    sum(amount) FILTER (WHERE column_key = '年末结转和结余')    AS "年末结转和结余"
FROM v_line_items_unit
WHERE table_id IN ('07', '08')
GROUP BY ALL;

COMMENT ON VIEW v_t07_t08_funds IS 'Tables 07 and 08 together (table_id says which) per document and row, 万元; v_t07_gov_fund and v_t08_state_capital show one each.';

CREATE OR REPLACE VIEW v_t07_gov_fund AS
SELECT * EXCLUDE (table_id) FROM v_t07_t08_funds WHERE table_id = '07';

COMMENT ON VIEW v_t07_gov_fund IS 'Table 07 政府性基金预算财政拨款收入支出决算表 per document and row, 万元; an empty table shows its 合计 row with NULLs.';

CREATE OR REPLACE VIEW v_t08_state_capital AS
SELECT * EXCLUDE (table_id) FROM v_t07_t08_funds WHERE table_id = '08';

COMMENT ON VIEW v_t08_state_capital IS 'Table 08 国有资本经营预算财政拨款收入支出决算表 per document and row, 万元; an empty table shows its 合计 row with NULLs.';
