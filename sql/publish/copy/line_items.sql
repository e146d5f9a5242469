-- Sorted by table and level so DuckDB's per-row-group min/max skip everything but the
-- table a query asks for (city roll-ups read table 03 at one level).
INSERT INTO snap.line_items BY NAME
SELECT * FROM line_items
ORDER BY table_id, code_system, code_level, row_key, document_id, ordinal;
