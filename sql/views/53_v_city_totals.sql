-- One row per fiscal year: the city's headline figures from each document's total rows.
CREATE OR REPLACE VIEW v_city_totals AS
SELECT
    fiscal_year,
    count(DISTINCT document_id) AS documents,
    coalesce(sum(amount) FILTER (WHERE table_id = '02' AND row_key = '合计'
                                   AND column_key = '本年收入合计'), 0) AS "本年收入合计",
    coalesce(sum(amount) FILTER (WHERE table_id = '03' AND row_key = '合计'
                                   AND column_key = '本年支出合计'), 0) AS "本年支出合计",
    coalesce(sum(amount) FILTER (WHERE table_id = '03' AND row_key = '合计'
                                   AND column_key = '基本支出'), 0)     AS "基本支出",
    coalesce(sum(amount) FILTER (WHERE table_id = '03' AND row_key = '合计'
                                   AND column_key = '项目支出'), 0)     AS "项目支出",
    coalesce(sum(amount) FILTER (WHERE table_id = '05' AND row_key = '合计'
                                   AND column_key = '合计'), 0)         AS "一般公共预算财政拨款支出",
    coalesce(sum(amount) FILTER (WHERE table_id = '06' AND row_key = '人员经费合计'), 0) AS "人员经费合计",
    coalesce(sum(amount) FILTER (WHERE table_id = '06' AND row_key = '公用经费合计'), 0) AS "公用经费合计"
FROM v_line_items_current
WHERE row_key IN ('合计', '人员经费合计', '公用经费合计')
GROUP BY fiscal_year;

COMMENT ON VIEW v_city_totals IS 'City-wide headline figures per fiscal year from each document total rows (02/03/05 合计, 06 人员经费合计/公用经费合计), 万元, city scope only; documents = documents with any such row.';
