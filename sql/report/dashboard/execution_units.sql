-- Dashboard: the units furthest from their budget in one fiscal year — Σ over 类 of table 05
-- (一般公共预算财政拨款) 决算 against 年初预算, units with both documents in city scope.
-- params: $fiscal_year, $limit
SELECT unit_name, sum("年初预算") AS "年初预算", sum("决算") AS "决算",
       coalesce(sum("决算"), 0) - coalesce(sum("年初预算"), 0) AS difference,
       exact_percent(sum("决算"), sum("年初预算")) AS execution_rate_pct
FROM v_execution_unit_code
WHERE fiscal_year = $fiscal_year AND table_id = '05' AND measure = '一般公共预算财政拨款支出'
  AND code_level = '类' AND in_city_scope AND comparable
  AND budget_document_id IS NOT NULL AND final_document_id IS NOT NULL
GROUP BY unit_id, unit_name
ORDER BY abs(coalesce(sum("决算"), 0) - coalesce(sum("年初预算"), 0)) DESC, unit_name
LIMIT $limit;
