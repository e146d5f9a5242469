-- Units ranked within each fiscal year (city-scope documents, so a department's
-- consolidated package ranks as one unit).
CREATE OR REPLACE VIEW v_unit_ranking AS
SELECT
    fiscal_year, unit_id, unit_name, document_id,
    "本年支出合计",
    rank() OVER (PARTITION BY fiscal_year ORDER BY "本年支出合计" DESC NULLS LAST) AS expenditure_rank,
    CAST(round(100 * "基本支出" / nullif("本年支出合计", 0), 2) AS DECIMAL(12,2)) AS basic_share_pct,
    "三公决算数",
    rank() OVER (PARTITION BY fiscal_year ORDER BY "三公决算数" DESC NULLS LAST) AS sangong_rank,
    CAST(round(100 * "三公决算数" / nullif("三公预算数", 0), 2) AS DECIMAL(12,2)) AS sangong_completion_pct,
    "公务接待费决算数"
FROM v_unit_year
WHERE in_city_scope;

COMMENT ON VIEW v_unit_ranking IS 'Units (city-scope documents) ranked per fiscal year by table 03 本年支出合计 and by 三公 决算数, with the 基本支出 share and 三公 completion rate.';
