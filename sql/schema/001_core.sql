-- juesuan warehouse schema, version 1.
-- Idempotent: every statement is CREATE … IF NOT EXISTS, so opening a warehouse runs it.
-- Money is DECIMAL(18,6) in 万元 (six places keep a 元 figure exact); NULL = blank cell.
-- No FOREIGN KEY constraints: DuckDB cannot update a referenced row, and a re-publication
-- must update the old document's superseded_by. Integrity is kept by the loader's
-- single transaction per document.

CREATE SEQUENCE IF NOT EXISTS seq_unit_id START 1;
CREATE SEQUENCE IF NOT EXISTS seq_run_id START 1;

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER   NOT NULL,
    applied_at  TIMESTAMP NOT NULL          -- UTC
);

-- One row per budget unit, matched across years by a normalised name key
-- (NFKC, no spaces, one bracket style, no trailing 本级).
CREATE TABLE IF NOT EXISTS units (
    unit_id       INTEGER   PRIMARY KEY DEFAULT nextval('seq_unit_id'),
    unit_key      VARCHAR   NOT NULL UNIQUE,
    display_name  VARCHAR   NOT NULL,       -- the name printed in the latest year seen
    display_year  INTEGER,                  -- the fiscal year display_name comes from
    names_seen    VARCHAR[] NOT NULL,       -- every distinct printed name, verbatim
    created_at    TIMESTAMP NOT NULL
);

-- Every file the pipeline handled, including failures; old versions stay (superseded_by).
CREATE TABLE IF NOT EXISTS documents (
    document_id          VARCHAR   PRIMARY KEY,   -- first 16 hex digits of sha256
    sha256               VARCHAR   UNIQUE,
    unit_name            VARCHAR,                 -- as printed
    unit_id              INTEGER,                 -- → units
    fiscal_year          INTEGER,
    doc_type             VARCHAR,                 -- 'final' | 'budget' | 'unknown'
    scope                VARCHAR CHECK (scope IS NULL OR scope IN ('部门', '单位')),
    consolidated         BOOLEAN   NOT NULL DEFAULT false,
    source_uri           VARCHAR,
    file_name            VARCHAR,
    page_count           INTEGER,
    amount_unit_printed  VARCHAR,
    tables_present       VARCHAR[],
    tables_empty         VARCHAR[],
    tables_absent        VARCHAR[],
    line_item_count      INTEGER   NOT NULL DEFAULT 0,
    status               VARCHAR   NOT NULL CHECK (status IN
                             ('loaded', 'loaded_with_warnings', 'quarantined', 'failed', 'rejected')),
    status_reason        VARCHAR,
    ingested_at          TIMESTAMP NOT NULL,      -- UTC
    run_id               INTEGER,                 -- → ingest_runs
    superseded_by        VARCHAR,                 -- newer version's document_id; NULL = current
    superseded_at        TIMESTAMP,
    released_by          VARCHAR,                 -- operator who released a quarantined document
    released_at          TIMESTAMP
);

-- Member units listed by a consolidated (汇总) department package.
CREATE TABLE IF NOT EXISTS document_members (
    document_id       VARCHAR NOT NULL,
    ordinal           INTEGER NOT NULL,
    member_unit_name  VARCHAR NOT NULL,           -- as printed
    member_unit_id    INTEGER                     -- → units (same key rules)
);

-- The canonical records, one per printed cell. Kept for superseded versions too.
CREATE TABLE IF NOT EXISTS line_items (
    document_id  VARCHAR       NOT NULL,
    ordinal      INTEGER       NOT NULL,          -- position in the extracted record list
    table_id     VARCHAR       NOT NULL,          -- '01'…'09'
    row_key      VARCHAR       NOT NULL,
    column_key   VARCHAR       NOT NULL,
    amount       DECIMAL(18,6),                   -- 万元; NULL = blank cell
    row_label    VARCHAR,
    page         INTEGER,
    code_system  VARCHAR CHECK (code_system IS NULL OR code_system IN ('function', 'economic')),
    code_level   VARCHAR CHECK (code_level IS NULL OR code_level IN ('类', '款', '项')),
    parent_code  VARCHAR
);

CREATE TABLE IF NOT EXISTS findings (
    document_id  VARCHAR   NOT NULL,
    ordinal      INTEGER   NOT NULL,
    rule_id      VARCHAR   NOT NULL,
    severity     VARCHAR   NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    message      VARCHAR   NOT NULL,
    expected     DECIMAL(18,6),
    actual       DECIMAL(18,6),
    tolerance    DECIMAL(18,6),
    table_ids    VARCHAR[],
    pages        INTEGER[],
    location     VARCHAR
);

CREATE TABLE IF NOT EXISTS problems (
    document_id  VARCHAR NOT NULL,
    ordinal      INTEGER NOT NULL,
    code         VARCHAR NOT NULL,
    message      VARCHAR NOT NULL,
    table_id     VARCHAR,
    page         INTEGER,
    fatal        BOOLEAN NOT NULL
);

-- Classification dimensions, rebuilt from what current documents print
-- (warehouse.dimensions.refresh_dimensions): the most common printed name wins,
-- the others are kept in name_variants.
CREATE TABLE IF NOT EXISTS dim_function_code (
    code           VARCHAR PRIMARY KEY,
    name           VARCHAR,
    level          VARCHAR,
    parent_code    VARCHAR,
    name_variants  VARCHAR[],
    documents      INTEGER,
    first_year     INTEGER,
    last_year      INTEGER
);

CREATE TABLE IF NOT EXISTS dim_economic_code (
    code           VARCHAR PRIMARY KEY,
    name           VARCHAR,
    level          VARCHAR,
    parent_code    VARCHAR,
    name_variants  VARCHAR[],
    documents      INTEGER,
    first_year     INTEGER,
    last_year      INTEGER
);

CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id        INTEGER   PRIMARY KEY DEFAULT nextval('seq_run_id'),
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    note          VARCHAR,
    seen          INTEGER,
    skipped       INTEGER,
    loaded        INTEGER,
    loaded_with_warnings INTEGER,
    quarantined   INTEGER,
    failed        INTEGER,
    rejected      INTEGER,
    replaced      INTEGER
);

-- Written into each published snapshot only: when, from what.
CREATE TABLE IF NOT EXISTS snapshot_info (
    published_at    TIMESTAMP NOT NULL,
    schema_version  INTEGER   NOT NULL,
    documents       BIGINT,
    line_items      BIGINT,
    last_run_id     INTEGER
);
