"""Budget header paths to column keys, by meaning (docs/BUDGETS.md is the contract).

A budget prints the same ideas in many words and shapes: the income sources as columns
(财政拨款 › 一般公共预算拨款 …) or under groups (本年收入 / 上年结转结余 / 单位资金), the
basic expenditure split into 人员经费 and 公用经费 (人员支出, 日常公用支出 …). A path is
read from its most specific cell upwards; the groups above it only qualify it (a 小计
under 基本支出 is 基本支出, under 财政拨款 it is 财政拨款收入). None means the header
names nothing we know: the caller reports it.
"""

from __future__ import annotations

import re

from juesuan.canonical import BUDGET_AMOUNT, CHANGE, PREVIOUS_BUDGET

TOTAL = "合计"
_TOTAL_WORDS = ("合计", "小计", "总计", "金额", "预算数", "预算", "收入总计", "支出总计", "本年支出合计",
                "本年收入合计", "合计数", "预算金额")
_OF_WHICH = re.compile(r"^其中[:：]")
_YEAR = re.compile(r"((?:19|20)\d{2})年")

# Income sources, most specific wording first: (words, key).
INCOME_SOURCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("一般公共预算",), "一般公共预算财政拨款收入"),
    (("公共财政",), "一般公共预算财政拨款收入"),
    (("政府性基金",), "政府性基金预算财政拨款收入"),
    (("国有资本经营",), "国有资本经营预算财政拨款收入"),
    (("财政专户",), "财政专户管理资金收入"),
    (("财政", "专户"), "财政专户管理资金收入"),  # 财政转专户管理资金 (Jiangsu 2017)
    (("事业单位经营",), "经营收入"),
    (("经营收入",), "经营收入"),
    (("经营服务收入",), "经营收入"),
    (("事业收入",), "事业收入"),
    (("上级补助",), "上级补助收入"),
    (("附属单位",), "附属单位上缴收入"),
    (("其他收入",), "其他收入"),
    (("其它收入",), "其他收入"),
    (("用事业基金弥补",), "用事业基金弥补收支差额"),
    (("使用非财政拨款结余",), "使用非财政拨款结余"),
    (("单位资金",), "单位资金"),
    (("其他资金",), "单位资金"),  # Jiangsu: 其他资金 over 事业收入, 经营收入, 其他收入
    (("财政拨款",), "财政拨款收入"),
    (("预算拨款",), "财政拨款收入"),  # Guangdong: 预算拨款 for 财政拨款
)
OPENING_BALANCE = "年初结转和结余"
_BALANCE_WORDS = ("上年结转", "上年结余", "结转结余", "年初结转")


def _of_which(part: str) -> str | None:
    return "其中：" + _OF_WHICH.sub("", part) if _OF_WHICH.match(part) else None


def income_source(text: str) -> str | None:
    for words, key in INCOME_SOURCES:
        if all(w in text for w in words):
            return key
    return None


def is_previous_year(path: tuple[str, ...], fiscal_year: int | None) -> bool:
    """A column of last year's budget: 上年预算数, or a year before the one budgeted."""
    for part in path:
        if "上年" in part and not any(w in part for w in _BALANCE_WORDS):
            return True
        match = _YEAR.search(part)
        if match and fiscal_year and int(match.group(1)) < fiscal_year:
            return True
    return False


def _qualified(key: str | None, path: tuple[str, ...], fiscal_year: int | None) -> str | None:
    """Prefix a column of last year's budget or of the change against it."""
    if key is None:
        return None
    if any("增减" in p or "增长" in p or "变动" in p for p in path):
        return CHANGE if key == BUDGET_AMOUNT else f"{CHANGE}/{key}"
    if is_previous_year(path, fiscal_year):
        return PREVIOUS_BUDGET if key == BUDGET_AMOUNT else f"{PREVIOUS_BUDGET}/{key}"
    return key


def income_key(path: tuple[str, ...], fiscal_year: int | None = None) -> str | None:
    """02 (收入总表) columns: 合计, 本年收入合计, the sources, 年初结转和结余[/source]."""
    if not path:
        return None
    text = "".join(path)
    balance = any(w in text for w in _BALANCE_WORDS)
    leaf = path[-1]
    sub = _of_which(leaf)
    source = None
    for part in reversed(path):
        if any(w in part for w in _BALANCE_WORDS):
            break
        source = income_source(part)
        if source:
            break
    group = next((income_source(p) for p in path[:-1] if income_source(p)), None)
    if sub:
        parent = next((income_source(p) for p in reversed(path[:-1]) if income_source(p)), None)
        base = parent or (OPENING_BALANCE if balance else None)
        key = f"{base}/{sub}" if base else None
    elif group and income_source(leaf) in (None, group) and not balance and leaf not in _TOTAL_WORDS:
        key = f"{group}/{leaf}"  # a source under a group, named as printed (财政专户 › 教育收费)
    elif balance:
        key = f"{OPENING_BALANCE}/{source}" if source else OPENING_BALANCE
    elif source:
        key = source
    elif "本年收入" in text and leaf in _TOTAL_WORDS + ("本年收入",):
        key = "本年收入合计"
    elif leaf in _TOTAL_WORDS or "总计" in leaf or "合计" in leaf:
        key = TOTAL
    else:
        key = None
    return _qualified(key, path, fiscal_year)


# Expenditure columns: (words in a header cell, key), most specific first.
_SPENDING: tuple[tuple[tuple[str, ...], str], ...] = (
    (("人员经费",), "基本支出/人员经费"),
    (("人员支出",), "基本支出/人员经费"),
    (("人员类",), "基本支出/人员经费"),
    (("工资福利",), "基本支出/人员经费"),
    (("公用经费",), "基本支出/公用经费"),
    (("公用支出",), "基本支出/公用经费"),
    (("基本支出",), "基本支出"),
    (("项目支出",), "项目支出"),
    (("上缴上级",), "上缴上级支出"),
    (("经营支出",), "经营支出"),
    (("对附属单位",), "对附属单位补助支出"),
    (("对下级单位",), "对附属单位补助支出"),
    (("结转下年",), "结转下年"),
    (("预留机动",), "单位预留机动经费"),
    (("政府采购",), "政府采购"),
)


def _spending_word(part: str) -> str | None:
    for words, key in _SPENDING:
        if all(w in part for w in words):
            return key
    return None


def _is_total(part: str) -> bool:
    return part in _TOTAL_WORDS or "合计" in part or "总计" in part


def spending_key(path: tuple[str, ...], fiscal_year: int | None = None) -> str | None:
    """03, 05, 07, 08, F05 columns: 合计, 基本支出[/人员经费|/公用经费], 项目支出, … ."""
    if not path:
        return None
    leaf = path[-1]
    sub = _of_which(leaf)
    key = None
    parent = next((_spending_word(p) for p in reversed(path[:-1]) if _spending_word(p)), None)
    if sub and parent:
        key = f"{parent}/{sub}"
    elif sub:
        key = _spending_word(leaf)  # 小计 | 其中：基本支出 | 项目支出: the 其中 is the column itself
    elif parent and _spending_word(leaf) is None and not _is_total(leaf):
        key = f"{parent}/{leaf}"  # a column under 项目支出 named as printed (扣除基建项目后预算数)
    else:
        for part in reversed(path):
            word = _spending_word(part)
            if word:
                key = word
                break
            if _is_total(part):
                continue  # a total cell: a group above may say whose total it is
        if key is None and (leaf in _TOTAL_WORDS or "合计" in leaf or "总计" in leaf or "预算" in leaf
                            or leaf.endswith("支出")):
            key = TOTAL
    return _qualified(key, path, fiscal_year)


def economic_key(path: tuple[str, ...], fiscal_year: int | None = None) -> str | None:
    """06, F06, R09, E05 columns: 预算数 (the row's total), 人员经费, 公用经费, 基本支出, 项目支出."""
    if not path:
        return None
    key = None
    leaf = path[-1]
    if leaf in _TOTAL_WORDS or "合计" in leaf or "总计" in leaf:
        return _qualified(BUDGET_AMOUNT, path, fiscal_year)  # the total under a 基本支出 heading
    for part in reversed(path):
        word = _spending_word(part)
        if word:
            key = word.split("/")[-1]
            break
    if key is None:
        if leaf in _TOTAL_WORDS or "合计" in leaf or "总计" in leaf or "预算" in leaf or "经费" in leaf \
                or leaf.endswith("支出"):
            key = BUDGET_AMOUNT
    return _qualified(key, path, fiscal_year)


FUNDS = (("一般公共预算", "一般公共预算财政拨款"), ("公共财政", "一般公共预算财政拨款"),
         ("政府性基金", "政府性基金预算财政拨款"), ("国有资本经营", "国有资本经营预算财政拨款"))


def fund_of(text: str) -> str | None:
    for word, fund in FUNDS:
        if word in text:
            return fund
    return None


def fiscal_expenditure_key(path: tuple[str, ...], fiscal_year: int | None = None) -> str | None:
    """04's expenditure side: 合计 and the three fund columns (the finals' keys)."""
    if not path:
        return None
    fund = next((fund_of(p) for p in reversed(path) if fund_of(p)), None)
    leaf = path[-1]
    key = fund if fund else TOTAL if (leaf in _TOTAL_WORDS or "合计" in leaf or "总计" in leaf) else None
    return _qualified(key, path, fiscal_year)


def amount_key(path: tuple[str, ...], fiscal_year: int | None = None) -> str | None:
    """The single value column of a line table (01, 04's income side): 预算数."""
    if not path:
        return BUDGET_AMOUNT
    leaf = path[-1]
    if leaf in _TOTAL_WORDS or "预算" in leaf or "金额" in leaf or leaf in ("收入", "支出"):
        return _qualified(BUDGET_AMOUNT, path, fiscal_year)
    return _qualified(BUDGET_AMOUNT, path, fiscal_year) if is_previous_year(path, fiscal_year) else None


_INDEX_PART = re.compile(r"^(?:\d{1,2}|\*+|栏次)$")


def without_index(path: tuple[str, ...]) -> tuple[str, ...]:
    """A header path without the 栏次 cells some budgets print under it (1, 2 … or **)."""
    return tuple(p for p in path if not _INDEX_PART.match(p))


COLUMN_KEYS = {"02": income_key, "03": spending_key, "05": spending_key, "07": spending_key,
               "08": spending_key, "F05": spending_key, "06": economic_key, "F06": economic_key,
               "R09": economic_key, "E05": economic_key}
