-- Which documents the city-wide totals use, per fiscal year, and why: one rule for each
-- kind of disclosure (final accounts in v_city_scope, budgets in v_budget_scope), so
-- budgets are never mixed into the final-account views and neither counts a unit twice.
--
-- A department's consolidated 部门决算 (consolidated = true, member units listed in
-- document_members) already contains its member units' figures. Adding the members'
-- own 单位决算 would count them twice. The rule, applied per fiscal year:
--   1. only current, usable (not quarantined-unreleased, not failed/rejected) documents
--      of the kind (doc_type final or budget) with a known year are candidates;
--   2. a unit listed as a member of a candidate consolidated package is covered by
--      it (transitively: members of a member's own package are covered too), and its
--      documents are excluded;
--   3. of several candidates for the same unit-year, one counts: consolidated package,
--      then 部门, then 单位, then the latest loaded (a department's 本级 单位决算 is part
--      of its own 部门决算).
-- A member whose package is quarantined stays in: the city total never loses it.
CREATE OR REPLACE MACRO disclosure_scope(kind) AS TABLE
WITH RECURSIVE
candidates AS (
    SELECT *
    FROM v_documents_current
    WHERE usable
      AND fiscal_year IS NOT NULL
      AND part_of IS NULL
      AND coalesce(doc_type, 'final') = kind
),
member_edges AS (
    -- package (of package_unit_id) lists unit_id as a member, in fiscal_year
    SELECT DISTINCT p.fiscal_year, p.document_id AS package_id,
           p.unit_id AS package_unit_id, m.member_unit_id AS unit_id
    FROM candidates AS p
    JOIN document_members AS m ON m.document_id = p.document_id
    WHERE p.consolidated
      AND m.member_unit_id IS NOT NULL
      AND m.member_unit_id IS DISTINCT FROM p.unit_id
),
covered(fiscal_year, unit_id, package_id) AS (
    SELECT fiscal_year, unit_id, package_id FROM member_edges
    UNION
    -- a covered unit's own package passes the cover on to its members
    SELECT e.fiscal_year, e.unit_id, c.package_id
    FROM covered AS c
    JOIN member_edges AS e
      ON e.fiscal_year = c.fiscal_year AND e.package_unit_id = c.unit_id
),
coverage AS (
    SELECT fiscal_year, unit_id, min(package_id) AS covered_by
    FROM covered
    GROUP BY fiscal_year, unit_id
),
ranked AS (
    SELECT
        c.document_id,
        row_number() OVER unit_year AS unit_rank,
        first_value(c.document_id) OVER unit_year AS unit_primary_id
    FROM candidates AS c
    WINDOW unit_year AS (
        PARTITION BY coalesce(CAST(c.unit_id AS VARCHAR), 'document:' || c.document_id),
                     c.fiscal_year
        ORDER BY c.consolidated DESC, (c.scope = '部门') DESC NULLS LAST,
                 c.ingested_at DESC, c.document_id
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT
    d.fiscal_year,
    d.document_id,
    d.unit_id,
    d.unit_name,
    d.scope,
    d.consolidated,
    d.status,
    r.document_id IS NOT NULL AS usable,
    (r.document_id IS NOT NULL AND cov.covered_by IS NULL AND r.unit_rank = 1) AS in_scope,
    coalesce(r.unit_rank = 1, false) AS unit_primary,
    CASE
        WHEN d.status IN ('failed', 'rejected')
            THEN d.status || ': ' || coalesce(d.status_reason, '')
        WHEN d.status = 'quarantined' AND NOT d.usable
            THEN 'quarantined, not released: ' || coalesce(d.status_reason, '')
        WHEN d.fiscal_year IS NULL THEN 'fiscal year unknown'
        WHEN d.part_of IS NOT NULL
            THEN 'an attachment without figures (情况说明) of document ' || d.part_of
        WHEN r.document_id IS NULL
            THEN CASE kind WHEN 'final' THEN 'not final accounts' ELSE 'not a ' || kind END
                 || ' (' || coalesce(d.doc_type, '?') || ')'
        WHEN cov.covered_by IS NOT NULL
            THEN 'member unit of consolidated package ' || cov.covered_by
        WHEN r.unit_rank > 1
            THEN 'same unit-year counted through document ' || r.unit_primary_id
                 || ' (consolidated > 部门 > 单位 > latest)'
        WHEN d.consolidated THEN 'consolidated department package'
        ELSE 'standalone ' || coalesce(d.scope, 'document')
    END || CASE WHEN d.status = 'quarantined' AND d.usable
                THEN ' (quarantined, released by ' || d.released_by || ')' ELSE '' END
        AS reason,
    coalesce(cov.covered_by,
             CASE WHEN r.unit_rank > 1 THEN r.unit_primary_id END) AS covered_by
FROM v_documents_current AS d
LEFT JOIN ranked AS r ON r.document_id = d.document_id
LEFT JOIN coverage AS cov ON cov.fiscal_year = d.fiscal_year AND cov.unit_id = d.unit_id;

COMMENT ON MACRO TABLE disclosure_scope IS 'Scope of every current document of one kind (''final'' or ''budget''): in_scope, reason, unit_primary; one rule for both so budgets are never double counted where finals would not be.';

CREATE OR REPLACE VIEW v_city_scope AS
SELECT fiscal_year, document_id, unit_id, unit_name, scope, consolidated, status, usable,
       in_scope AS in_city_scope, unit_primary, reason, covered_by
FROM disclosure_scope('final');

COMMENT ON VIEW v_city_scope IS 'Every current document with in_city_scope (whether city-wide totals use it) and the reason. No double counting: a consolidated department package (consolidated, members listed) counts and the 单位决算 of its listed member units (transitively) are excluded for that year; per unit-year only one document counts (consolidated > 部门 > 单位 > latest loaded). Quarantined documents count only once released. unit_primary marks the one document per unit-year used for per-unit year-on-year views.';
