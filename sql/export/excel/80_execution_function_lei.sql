-- sheet: 预算执行-类
-- City-wide budget execution by function 类: Σ 年初预算 (budgets) beside Σ 决算 (final
-- accounts) over the units that published both, with the exact 执行率.
SELECT * FROM v_city_execution_function_lei ORDER BY fiscal_year, table_id, measure, code;
