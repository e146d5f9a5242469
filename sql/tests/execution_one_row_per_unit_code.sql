-- Data test (zero rows = pass): the execution view pairs one budget figure with one final
-- figure per unit, year, table, measure and code; a second row would count a figure twice.
SELECT fiscal_year, unit_id, table_id, measure, code_system, code, count(*) AS rows
FROM v_execution_unit_code
GROUP BY ALL
HAVING count(*) > 1;
