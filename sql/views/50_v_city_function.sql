-- City-wide expenditure by function code (table 03), at each level. Each level view sums
-- the rows documents print at that level plus, where a document prints rows under a 类
-- or 款 but not the 类 or 款 itself, the parent derived from them (v_coded_items_complete),
-- so every figure counts exactly once per level.
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
    count(DISTINCT li.document_id) FILTER (WHERE li.amount <> 0)              AS units,
    count(DISTINCT li.document_id) FILTER (WHERE li.derived)                  AS derived_units
FROM v_coded_items_complete AS li
LEFT JOIN dim_function_code AS dim ON dim.code = li.row_key
WHERE li.table_id = '03'
  AND li.code_system = 'function'
GROUP BY li.fiscal_year, li.code_level, li.row_key, li.parent_code;

COMMENT ON VIEW v_city_function IS 'City-wide table 03 expenditure by function code and level (类/款/项) per fiscal year: 本年支出合计, 基本支出, 项目支出 in 万元 (blank cells sum as 0), units = documents with a non-zero figure, derived_units = documents that print rows under this code but not the code itself (their figure is Σ of those rows). Never sum across levels.';

CREATE OR REPLACE VIEW v_city_function_lei AS
SELECT fiscal_year, code, name, "本年支出合计", "基本支出", "项目支出", units, derived_units
FROM v_city_function
WHERE code_level = '类';

COMMENT ON VIEW v_city_function_lei IS 'City-wide table 03 expenditure by function 类 (3-digit code) per fiscal year, 万元, with the number of units contributing. Sums the 类 rows documents print, and for a document that prints 款 rows without their 类, the 类 derived from them (derived_units counts those documents).';

CREATE OR REPLACE VIEW v_city_function_kuan AS
SELECT fiscal_year, code, name, parent_code, "本年支出合计", "基本支出", "项目支出", units, derived_units
FROM v_city_function
WHERE code_level = '款';

COMMENT ON VIEW v_city_function_kuan IS 'City-wide table 03 expenditure by function 款 (5-digit code) per fiscal year, 万元, with the number of units contributing (derived_units: documents whose 款 is derived from the 项 they print under it).';

CREATE OR REPLACE VIEW v_city_function_xiang AS
SELECT fiscal_year, code, name, parent_code, "本年支出合计", "基本支出", "项目支出", units
FROM v_city_function
WHERE code_level = '项';

COMMENT ON VIEW v_city_function_xiang IS 'City-wide table 03 expenditure by function 项 (7-digit code) per fiscal year, 万元, with the number of units contributing.';

-- Does the city 类 view add up to the documents' own totals? Per document in city scope:
-- 03 合计 本年支出合计 against Σ of its 类 (printed or derived). The bound is the one a
-- document loads within: Tcode.total_sum reports a difference beyond its rounding
-- tolerance (1.1 printed steps per non-zero figure, the total included: 0.011 万元, or
-- 0.000011 万元 for a 元 document) and quarantines one beyond twice that.
CREATE OR REPLACE VIEW v_function_reconciliation_document AS
WITH lei AS (
    SELECT document_id,
           sum(amount) AS lei_sum,
           count(*) FILTER (WHERE amount <> 0) AS lei_figures,
           count(*) FILTER (WHERE derived) AS derived_lei
    FROM v_coded_items_complete
    WHERE table_id = '03' AND code_level = '类' AND column_key = '本年支出合计'
    GROUP BY document_id
),
total AS (
    SELECT document_id, amount AS total_03
    FROM v_line_items_current
    WHERE table_id = '03' AND row_key = '合计' AND column_key = '本年支出合计'
)
SELECT
    s.fiscal_year,
    s.document_id,
    s.unit_name,
    t.total_03,
    coalesce(l.lei_sum, 0) AS lei_sum,
    coalesce(l.lei_sum, 0) - coalesce(t.total_03, 0) AS difference,
    coalesce(l.derived_lei, 0) AS derived_lei,
    CAST(2 * 1.1 * (CASE WHEN d.amount_unit_printed = '元' THEN 0.000001 ELSE 0.01 END)
         * (coalesce(l.lei_figures, 0) + CASE WHEN coalesce(t.total_03, 0) <> 0 THEN 1 ELSE 0 END)
         AS DECIMAL(18,6)) AS tolerance
FROM v_city_scope AS s
JOIN documents AS d ON d.document_id = s.document_id
LEFT JOIN total AS t ON t.document_id = s.document_id
LEFT JOIN lei AS l ON l.document_id = s.document_id
WHERE s.in_city_scope AND (t.document_id IS NOT NULL OR l.document_id IS NOT NULL);

COMMENT ON VIEW v_function_reconciliation_document IS 'Per document in city scope: table 03 合计 本年支出合计 against Σ of its 类 (printed or derived from the 款/项 it prints), the difference, how many 类 are derived, and the rounding bound within which a document loads (twice 1.1 printed steps per non-zero figure).';

CREATE OR REPLACE VIEW v_city_function_reconciliation AS
SELECT
    fiscal_year,
    count(*) AS documents,
    sum(coalesce(total_03, 0)) AS total_03,
    sum(lei_sum) AS lei_sum,
    sum(lei_sum) - sum(coalesce(total_03, 0)) AS difference,
    sum(derived_lei) AS derived_lei,
    sum(tolerance) AS tolerance,
    abs(sum(lei_sum) - sum(coalesce(total_03, 0))) <= sum(tolerance) AS reconciled
FROM v_function_reconciliation_document
GROUP BY fiscal_year;

COMMENT ON VIEW v_city_function_reconciliation IS 'Per fiscal year: Σ of the city 类 view (v_city_function_lei 本年支出合计) against Σ of the 03 合计 本年支出合计 of the documents in scope, the difference and the rounding bound; reconciled = within it. sql/tests/city_function_lei_reconciles.sql holds it.';
