-- City-wide expenditure by function code (table 03), at each printed level.
-- Each level view selects the rows printed AT that level, never a parent with its
-- children, so nothing is counted twice (a parent row already equals Σ its children).
CREATE OR REPLACE VIEW v_city_function AS
SELECT
    li.fiscal_year,
    li.code_level,
    li.row_key AS code,
    coalesce(any_value(dim.name), any_value(li.row_label)) AS name,
    li.parent_code,
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '本年支出合计'), 0) AS "本年支出合计",
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '基本支出'), 0)     AS "基本支出",
    coalesce(sum(li.amount) FILTER (WHERE li.column_key = '项目支出'), 0)     AS "项目支出",
    count(DISTINCT li.document_id) FILTER (WHERE li.amount <> 0)              AS units
FROM v_line_items_current AS li
LEFT JOIN dim_function_code AS dim ON dim.code = li.row_key
WHERE li.table_id = '03'
  AND li.code_system = 'function'
GROUP BY li.fiscal_year, li.code_level, li.row_key, li.parent_code;

COMMENT ON VIEW v_city_function IS 'City-wide table 03 expenditure by function code and level (类/款/项) per fiscal year: 本年支出合计, 基本支出, 项目支出 in 万元 (blank cells sum as 0), units = documents with a non-zero figure. Never sum across levels.';

CREATE OR REPLACE VIEW v_city_function_lei AS
SELECT fiscal_year, code, name, "本年支出合计", "基本支出", "项目支出", units
FROM v_city_function
WHERE code_level = '类';

COMMENT ON VIEW v_city_function_lei IS 'City-wide table 03 expenditure by function 类 (3-digit code) per fiscal year, 万元, with the number of units contributing. Sums the 类 rows documents print.';

CREATE OR REPLACE VIEW v_city_function_kuan AS
SELECT fiscal_year, code, name, parent_code, "本年支出合计", "基本支出", "项目支出", units
FROM v_city_function
WHERE code_level = '款';

COMMENT ON VIEW v_city_function_kuan IS 'City-wide table 03 expenditure by function 款 (5-digit code) per fiscal year, 万元, with the number of units contributing.';

CREATE OR REPLACE VIEW v_city_function_xiang AS
SELECT fiscal_year, code, name, parent_code, "本年支出合计", "基本支出", "项目支出", units
FROM v_city_function
WHERE code_level = '项';

COMMENT ON VIEW v_city_function_xiang IS 'City-wide table 03 expenditure by function 项 (7-digit code) per fiscal year, 万元, with the number of units contributing.';
