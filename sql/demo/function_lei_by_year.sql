-- City-wide expenditure by function 类 per fiscal year, split 基本/项目 (万元), city scope.
SELECT fiscal_year      AS "年度",
       code             AS "功能分类",
       name             AS "科目名称",
       "本年支出合计",
       "基本支出",
       "项目支出",
       units            AS "单位数"
FROM v_city_function_lei
ORDER BY fiscal_year, code;
