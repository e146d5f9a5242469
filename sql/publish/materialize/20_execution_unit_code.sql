-- Budget execution per unit and code, computed once per snapshot (see 10_…).
CREATE TABLE snapshot_execution_unit_code AS SELECT * FROM v_execution_unit_code;
CREATE OR REPLACE VIEW v_execution_unit_code AS SELECT * FROM snapshot_execution_unit_code;
COMMENT ON VIEW v_execution_unit_code IS 'Budget execution per unit, year, table (03 all funds, 05 一般公共预算财政拨款, 06 basic expenditure by economic code), measure and code: 年初预算 from the unit''s budget, 决算 from its final accounts, difference, exact execution_rate_pct (NULL when a side is missing, blank or 0, or not comparable), each side''s document and page, and why a side or the rate is missing. Computed once when the snapshot was published (sql/views/92_v_execution.sql).';
