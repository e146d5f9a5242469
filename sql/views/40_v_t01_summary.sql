-- Table 01 (收入支出决算总表), one row per document, its main lines as columns.
CREATE OR REPLACE VIEW v_t01_summary AS
SELECT
    fiscal_year, unit_id, unit_name, document_id, scope, in_city_scope, unit_primary,
    sum(amount) FILTER (WHERE row_key = '一般公共预算财政拨款收入')     AS "一般公共预算财政拨款收入",
    sum(amount) FILTER (WHERE row_key = '政府性基金预算财政拨款收入')   AS "政府性基金预算财政拨款收入",
    sum(amount) FILTER (WHERE row_key = '国有资本经营预算财政拨款收入') AS "国有资本经营预算财政拨款收入",
    sum(amount) FILTER (WHERE row_key = '上级补助收入')                 AS "上级补助收入",
    sum(amount) FILTER (WHERE row_key = '事业收入')                     AS "事业收入",
    sum(amount) FILTER (WHERE row_key = '经营收入')                     AS "经营收入",
    sum(amount) FILTER (WHERE row_key = '附属单位上缴收入')             AS "附属单位上缴收入",
    sum(amount) FILTER (WHERE row_key = '其他收入')                     AS "其他收入",
    sum(amount) FILTER (WHERE row_key = '本年收入合计')                 AS "本年收入合计",
    sum(amount) FILTER (WHERE row_key = '使用非财政拨款结余')           AS "使用非财政拨款结余",
    sum(amount) FILTER (WHERE row_key = '年初结转和结余')               AS "年初结转和结余",
    sum(amount) FILTER (WHERE row_key = '总计/收入')                    AS "总计/收入",
    sum(amount) FILTER (WHERE row_key = '本年支出合计')                 AS "本年支出合计",
    sum(amount) FILTER (WHERE row_key = '结余分配')                     AS "结余分配",
    sum(amount) FILTER (WHERE row_key = '年末结转和结余')               AS "年末结转和结余",
    sum(amount) FILTER (WHERE row_key = '总计/支出')                    AS "总计/支出"
FROM v_line_items_unit
WHERE table_id = '01'
GROUP BY ALL;

COMMENT ON VIEW v_t01_summary IS 'Table 01 收入支出决算总表 per document (unit-year): income lines, totals and balances as columns, 万元; NULL = blank or not printed.';
