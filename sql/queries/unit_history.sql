-- One unit's headline figures across years (matched by normalised name).
-- params: $unit (VARCHAR, part of the unit name, e.g. '财政局')
SELECT unit_name, fiscal_year, "本年支出合计", "上年本年支出合计", "本年支出合计_change_pct",
       "基本支出", "项目支出", "三公决算数", in_city_scope, document_id
FROM v_yoy_unit
WHERE unit_name LIKE '%' || $unit || '%'
ORDER BY unit_name, fiscal_year;
