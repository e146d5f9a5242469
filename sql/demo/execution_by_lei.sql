-- City-wide budget execution by function 类 per fiscal year: the 一般公共预算财政拨款
-- expenditure each unit budgeted (its 部门预算, table 05) against what its final accounts
-- report (决算 table 05), over the units that published both. Exact rate, two decimals.
SELECT e.fiscal_year                 AS "年度",
       e.code                        AS "功能分类",
       e.name                        AS "科目名称",
       round(e."年初预算", 2)        AS "年初预算",
       round(e."决算", 2)            AS "决算",
       e.execution_rate_pct          AS "执行率%",
       e.units                       AS "单位数"
FROM v_city_execution_function_lei AS e
WHERE e.table_id = '05' AND e.measure = '一般公共预算财政拨款支出'
ORDER BY e.fiscal_year, e.code;
