-- Dashboard: the largest year-on-year changes of a unit's 本年支出合计 (table 03 合计) into
-- one fiscal year, largest absolute change first, 万元. params: $fiscal_year, $limit
SELECT unit_name, "本年支出合计", "上年本年支出合计", "本年支出合计_change", "本年支出合计_change_pct"
FROM v_yoy_unit
WHERE fiscal_year = $fiscal_year AND "上年本年支出合计" IS NOT NULL
ORDER BY abs("本年支出合计_change") DESC, unit_name
LIMIT $limit;
