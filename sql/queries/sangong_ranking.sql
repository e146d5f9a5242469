-- Units ranked by 三公经费 决算数 in a fiscal year, with budget completion rates.
-- params: $year (INTEGER), $limit (INTEGER)
SELECT sangong_rank, unit_name, "三公决算数", sangong_completion_pct, "公务接待费决算数",
       "本年支出合计", expenditure_rank
FROM v_unit_ranking
WHERE fiscal_year = $year
ORDER BY sangong_rank, unit_name
LIMIT $limit;
