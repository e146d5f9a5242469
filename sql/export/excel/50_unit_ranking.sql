-- sheet: 单位排名
-- Units ranked by expenditure and 三公 per fiscal year.
SELECT * FROM v_unit_ranking ORDER BY fiscal_year, expenditure_rank, unit_name;
