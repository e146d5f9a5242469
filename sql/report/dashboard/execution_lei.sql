-- Dashboard: city-wide budget execution by function 类 per fiscal year — the
-- 一般公共预算财政拨款 expenditure (table 05) the units budgeted against what their final
-- accounts report, over the units that published both. params: none
SELECT fiscal_year, code, name, "年初预算", "决算",
       coalesce("决算", 0) - coalesce("年初预算", 0) AS difference,
       execution_rate_pct, units
FROM v_city_execution_function_lei
WHERE table_id = '05' AND measure = '一般公共预算财政拨款支出'
ORDER BY fiscal_year, code;
