"""The data contract: canonical table ids, column keys and line labels (../shared/docs/DOMAIN.md).

Every module that names a table, a column or a line imports it from here, so a wording
decision is made once. Nothing here knows about PDFs, Prefect or DuckDB.
"""

from __future__ import annotations

TABLE_IDS: tuple[str, ...] = ("01", "02", "03", "04", "05", "06", "07", "08", "09")

TABLE_TITLES: dict[str, str] = {
    "01": "收入支出决算总表",
    "02": "收入决算表",
    "03": "支出决算表",
    "04": "财政拨款收入支出决算总表",
    "05": "一般公共预算财政拨款支出决算表",
    "06": "一般公共预算财政拨款基本支出决算明细表",
    "07": "政府性基金预算财政拨款收入支出决算表",
    "08": "国有资本经营预算财政拨款收入支出决算表",
    "09": "财政拨款“三公”经费支出决算表",
}

# Tables whose body rows are keyed by a function classification code (功能分类).
FUNCTION_CODED_TABLES = frozenset({"02", "03", "05", "07", "08"})
# Table 06 rows are economic classification codes (经济分类).
ECONOMIC_CODED_TABLES = frozenset({"06"})

TOTAL = "合计"

# --- columns -------------------------------------------------------------------------

AMOUNT = "决算数"  # the single value column of 01, 06 and of 04's income side

COLUMNS_02 = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
              "附属单位上缴收入", "其他收入")
COLUMNS_03 = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
              "对附属单位补助支出")
FUND_COLUMNS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
COLUMNS_04_EXPENDITURE = ("合计",) + FUND_COLUMNS
COLUMNS_05 = ("合计", "基本支出", "项目支出")
COLUMNS_07 = ("年初结转和结余", "本年收入", "本年支出/小计", "本年支出/基本支出",
              "本年支出/项目支出", "年末结转和结余")
COLUMNS_08 = COLUMNS_07

SANGONG_ITEMS = ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费",
                 "公务用车运行费", "公务接待费")
BUDGET, FINAL = "预算数", "决算数"
COLUMNS_09 = tuple(f"{side}/{item}" for side in (BUDGET, FINAL) for item in SANGONG_ITEMS)

CANONICAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "01": (AMOUNT,),
    "02": COLUMNS_02,
    "03": COLUMNS_03,
    "04": (AMOUNT,) + COLUMNS_04_EXPENDITURE,
    "05": COLUMNS_05,
    "06": (AMOUNT,),
    "07": COLUMNS_07,
    "08": COLUMNS_08,
    "09": COLUMNS_09,
}

# --- lines of the two summary tables (01, 04) -----------------------------------------

INCOME_LINES_01 = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入",
                   "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                   "附属单位上缴收入", "其他收入")
INCOME_TOTAL = "本年收入合计"
EXPENDITURE_TOTAL = "本年支出合计"
USE_OF_NON_FISCAL_BALANCE = "使用非财政拨款结余"
OPENING_BALANCE = "年初结转和结余"
CLOSING_BALANCE = "年末结转和结余"
SURPLUS_DISTRIBUTION = "结余分配"
GRAND_TOTAL_INCOME = "总计/收入"
GRAND_TOTAL_EXPENDITURE = "总计/支出"

OPENING_FISCAL_BALANCE = "年初财政拨款结转和结余"
CLOSING_FISCAL_BALANCE = "年末财政拨款结转和结余"

PERSONNEL_TOTAL = "人员经费合计"
PUBLIC_FUNDS_TOTAL = "公用经费合计"

# Function 类 (3-digit) names as the national classification prints them in recent years.
# Used by the sample renderer and to recognise 01/04 expenditure lines; documents may
# print older wordings, which are kept as printed.
FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "229": "其他支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "234": "抗疫特别国债安排的支出",
}
FUNCTION_CLASS_BY_NAME = {name: code for code, name in FUNCTION_CLASSES.items()}

# Economic 类 whose sums make up 06's two totals.
PERSONNEL_ECONOMIC_CLASSES = ("301", "303")
PUBLIC_ECONOMIC_CLASSES = ("302", "307", "309", "310", "399")

# Document types.
DOC_FINAL = "final"
DOC_BUDGET = "budget"
DOC_UNKNOWN = "unknown"

# Printed amount units and their factor to 万元.
UNIT_WAN = "万元"
UNIT_YUAN = "元"

TRUTH_KEYS = ("document", "unit_name", "fiscal_year", "doc_type", "amount_unit_printed",
              "tables_present", "tables_empty", "tables_absent", "records")

# --- budgets (部门预算 / 单位预算): docs/BUDGETS.md is the contract ------------------------
#
# A budget's tables take the same ids as a final's (DOMAIN.md). Its amounts are 预算数 for
# the year budgeted; a column keeps the final's key where it means the same, 决算数 becomes
# 预算数, and a coded table's row total is 合计.

BUDGET_AMOUNT = "预算数"          # the single value column of 01, 04's income side, 06's total
PREVIOUS_BUDGET = "上年预算数"     # last year's budget printed beside this year's
CHANGE = "比上年增减"             # this year's budget minus last year's, as printed

# Local extras some provinces print, kept under ids of their own.
BUDGET_EXTRA_TABLES: dict[str, str] = {
    "F05": "财政拨款支出表（按功能分类）",          # all fiscal funds by function code, as 05
    "F06": "财政拨款基本支出表（按经济分类）",      # all fiscal funds' basic expenditure, as 06
    "E05": "一般公共预算支出表（按经济分类）",      # 05 by economic code: 合计 / 基本 / 项目
    "R09": "机关运行经费预算表",                  # running costs of the offices, by economic code
}
BUDGET_FUNCTION_CODED_TABLES = FUNCTION_CODED_TABLES | {"F05"}
BUDGET_ECONOMIC_CODED_TABLES = ECONOMIC_CODED_TABLES | {"F06", "E05", "R09"}
BUDGET_TABLE_IDS: tuple[str, ...] = TABLE_IDS + tuple(BUDGET_EXTRA_TABLES)

# Column keys of budget tables (docs/BUDGETS.md). A key may also carry a prefix
# 上年预算数/ or 比上年增减/ (last year's budget, the change) and a suffix /其中：… .
BUDGET_INCOME_COLUMNS = (
    "合计", "本年收入合计", "财政拨款收入", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入", "财政专户管理资金收入", "单位资金", "事业收入", "经营收入",
    "上级补助收入", "附属单位上缴收入", "其他收入", "用事业基金弥补收支差额", "使用非财政拨款结余",
    "年初结转和结余",
)
BUDGET_SPENDING_COLUMNS = (
    "合计", "基本支出", "基本支出/人员经费", "基本支出/公用经费", "项目支出", "上缴上级支出", "经营支出",
    "对附属单位补助支出", "结转下年", "单位预留机动经费", "政府采购",
)
BUDGET_ECONOMIC_COLUMNS = (BUDGET_AMOUNT, "人员经费", "公用经费", "基本支出", "项目支出")
BUDGET_CANONICAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "01": (BUDGET_AMOUNT,) + BUDGET_SPENDING_COLUMNS[1:],  # expenditure lines split 基本 / 项目
    "02": BUDGET_INCOME_COLUMNS,
    "03": BUDGET_SPENDING_COLUMNS,
    "04": (BUDGET_AMOUNT, "合计") + FUND_COLUMNS,
    "05": BUDGET_SPENDING_COLUMNS,
    "06": BUDGET_ECONOMIC_COLUMNS,
    "07": BUDGET_SPENDING_COLUMNS,
    "08": BUDGET_SPENDING_COLUMNS,
    "F05": BUDGET_SPENDING_COLUMNS,
    "F06": BUDGET_ECONOMIC_COLUMNS,
    "E05": BUDGET_ECONOMIC_COLUMNS,
    "R09": BUDGET_ECONOMIC_COLUMNS,
}
BUDGET_SANGONG_SIDES = (BUDGET, PREVIOUS_BUDGET, "上年决算数", CHANGE)
