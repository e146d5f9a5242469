-- sheet: 预算执行-单位科目
-- Execution per unit, year, table, measure and code, each side's document and page, and why
-- a side or the rate is missing.
SELECT * FROM v_execution_unit_code
ORDER BY fiscal_year, unit_name, table_id, measure, code_system, code;
