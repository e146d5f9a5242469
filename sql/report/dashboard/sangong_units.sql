-- Dashboard: the units with the largest 三公经费 决算数 in one fiscal year (each unit's
-- primary document), with the items and the budget. params: $fiscal_year, $limit
SELECT unit_name, "预算数/合计", "决算数/合计",
       "决算数/因公出国（境）费", "决算数/公务用车购置及运行费", "决算数/公务接待费",
       completion_pct
FROM v_sangong_unit
WHERE fiscal_year = $fiscal_year AND unit_primary AND "决算数/合计" IS NOT NULL
ORDER BY "决算数/合计" DESC, unit_name
LIMIT $limit;
