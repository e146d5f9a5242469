-- The dimension rows for one code system ('function' or 'economic'), as a table macro
-- so dim_function_code and dim_economic_code are built by the same query.
-- Names drift between years and printers: the name printed by most documents wins
-- (ties: the most recent year, then alphabetical); every spelling is kept, most common first.
-- Current versions only (superseded_by IS NULL), quarantined documents included.
CREATE OR REPLACE TEMP MACRO printed_code_dimension(wanted_system) AS TABLE
WITH printed AS (
    SELECT li.row_key AS code, li.code_level AS level, li.parent_code,
           regexp_replace(coalesce(li.row_label, ''), '\s+', '', 'g') AS name,
           li.document_id, d.fiscal_year
    FROM line_items AS li
    JOIN documents AS d ON d.document_id = li.document_id
    WHERE li.code_system = wanted_system
      AND d.superseded_by IS NULL
      AND d.status IN ('loaded', 'loaded_with_warnings', 'quarantined')
),
by_name AS (
    SELECT code, name, count(DISTINCT document_id) AS docs, max(fiscal_year) AS last_year
    FROM printed
    WHERE name <> ''
    GROUP BY code, name
),
names AS (
    SELECT code,
           first(name ORDER BY docs DESC, last_year DESC NULLS LAST, name) AS name,
           list(name ORDER BY docs DESC, last_year DESC NULLS LAST, name) AS name_variants
    FROM by_name
    GROUP BY code
),
codes AS (
    SELECT code, min(level) AS level, min(parent_code) AS parent_code,
           count(DISTINCT document_id) AS documents,
           min(fiscal_year) AS first_year, max(fiscal_year) AS last_year
    FROM printed
    GROUP BY code
)
SELECT c.code, n.name, c.level, c.parent_code, coalesce(n.name_variants, []),
       c.documents, c.first_year, c.last_year
FROM codes AS c
LEFT JOIN names AS n ON n.code = c.code;
