-- City-wide expenditure by function 类 per fiscal year, split 基本/项目, city scope.
-- Shown in 万元 to two decimals; the warehouse keeps the exact figures (元 documents
-- convert to six decimals of 万元).
SELECT fiscal_year                        AS "年度",
       code                               AS "功能分类",
       name                               AS "科目名称",
       round("本年支出合计", 2)           AS "本年支出合计",
       round("基本支出", 2)               AS "基本支出",
       round("项目支出", 2)               AS "项目支出",
       units                              AS "单位数"
FROM v_city_function_lei
ORDER BY fiscal_year, code;
