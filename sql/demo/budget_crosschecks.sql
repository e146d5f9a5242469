-- Cross-document checks, per year: what the finals say of their budget against the units'
-- own published budgets (三公 预算数 in table 09; the 年初预算 their narratives quote), for
-- the units that published both.
SELECT fiscal_year AS "年度", '三公 预算数 (09)' AS "核对",
       count(*) FILTER (WHERE agrees)     AS "一致",
       count(*) FILTER (WHERE NOT agrees) AS "不一致",
       count(*) FILTER (WHERE agrees IS NULL) AS "未比较"
FROM v_budget_final_crosscheck GROUP BY fiscal_year
UNION ALL
SELECT fiscal_year, '年初预算 (情况说明 vs 05)',
       count(*) FILTER (WHERE agrees),
       count(*) FILTER (WHERE NOT agrees),
       count(*) FILTER (WHERE agrees IS NULL)
FROM v_budget_narrative_crosscheck WHERE budget_document_id IS NOT NULL GROUP BY fiscal_year
ORDER BY 1, 2;
