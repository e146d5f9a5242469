-- sheet: 预算执行-覆盖
-- Per year: units with both a budget and final accounts, with only one of them.
SELECT * FROM v_execution_coverage ORDER BY fiscal_year;
