-- City-wide basic expenditure (table 06, 一般公共预算财政拨款基本支出) by economic code; a 类
-- a document does not print over 款 it prints is derived from them (v_coded_items_complete).
CREATE OR REPLACE VIEW v_city_economic AS
SELECT
    li.fiscal_year,
    li.code_level,
    li.row_key AS code,
    coalesce(any_value(dim.name), any_value(li.row_label)) AS name,
    li.parent_code,
    coalesce(sum(li.amount), 0) AS "决算数",
    count(DISTINCT li.document_id) FILTER (WHERE li.amount <> 0) AS units,
    count(DISTINCT li.document_id) FILTER (WHERE li.derived) AS derived_units
FROM v_coded_items_complete AS li
LEFT JOIN dim_economic_code AS dim ON dim.code = li.row_key
WHERE li.table_id = '06'
  AND li.code_system = 'economic'
GROUP BY li.fiscal_year, li.code_level, li.row_key, li.parent_code;

COMMENT ON VIEW v_city_economic IS 'City-wide table 06 basic expenditure by economic code and level (类/款) per fiscal year, 决算数 in 万元, units = documents with a non-zero figure, derived_units = documents that print 款 under this 类 but not the 类 (their figure is Σ of those 款). Never sum across levels.';

CREATE OR REPLACE VIEW v_city_economic_lei AS
SELECT fiscal_year, code, name, "决算数", units, derived_units
FROM v_city_economic
WHERE code_level = '类';

COMMENT ON VIEW v_city_economic_lei IS 'City-wide table 06 basic expenditure by economic 类 (301 工资福利支出, 302 商品和服务支出, …) per fiscal year, 万元.';

CREATE OR REPLACE VIEW v_city_economic_kuan AS
SELECT fiscal_year, code, name, parent_code, "决算数", units
FROM v_city_economic
WHERE code_level = '款';

COMMENT ON VIEW v_city_economic_kuan IS 'City-wide table 06 basic expenditure by economic 款 (30101 基本工资, 30217 公务接待费, …) per fiscal year, 万元.';
