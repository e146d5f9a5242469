-- Line items with their document's year and unit, for usable current documents.
CREATE OR REPLACE VIEW v_line_items_unit AS
SELECT
    s.fiscal_year,
    s.unit_id,
    s.unit_name,
    s.document_id,
    s.scope,
    s.consolidated,
    s.in_city_scope,
    s.unit_primary,
    li.table_id,
    li.row_key,
    li.column_key,
    li.amount,
    li.row_label,
    li.page,
    li.code_system,
    li.code_level,
    li.parent_code,
    li.ordinal
FROM line_items AS li
JOIN v_city_scope AS s ON s.document_id = li.document_id
WHERE s.usable;

COMMENT ON VIEW v_line_items_unit IS 'Line items (万元, NULL = blank cell) of every current, usable document, including member units excluded from city totals: filter in_city_scope for city sums, unit_primary for one document per unit-year.';

CREATE OR REPLACE VIEW v_line_items_current AS
SELECT *
FROM v_line_items_unit
WHERE in_city_scope;

COMMENT ON VIEW v_line_items_current IS 'Line items that city-wide sums use: current versions, not quarantined (unless released), final accounts, without double counting (see v_city_scope). Amounts in 万元; NULL = blank cell.';
