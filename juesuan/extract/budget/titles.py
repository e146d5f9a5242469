"""Which budget table a title names: one of the nine canonical ids, a keyed extra, or a
table we report as skipped.

Budget titles vary far more than final-accounts titles (收支总表, 部门财务收支预算总表,
2026年部门收支总体情况表, 表1：2026年市级部门收支预算总表 …) and contain one another
(支出总表 is inside 财政拨款收支总表 and 一般公共预算基本支出表), so the most specific
wording is tested first, after numbering, years and the unit's name are stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.canonical import BUDGET_EXTRA_TABLES
from juesuan.extract.locate import clean_title

# Numbering and prefixes printed before the title proper: 预算01表, 公开05表, 表1：, 表七,
# 附表3, 一、, a year (2026年, 2026年度), a level (市级, 区级).
_PREFIX = re.compile(
    r"^(?:预算\d+表|公开\d+表[:：]?|附?表(?:\d+|[一二三四五六七八九十]{1,3}(?=[:：.、]|$))[:：.、]?|[一二三四五六七八九十]+、"
    r"|\d+[、.．]|第[一二三四五六七八九十]+部分)")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_MAX_TITLE_LENGTH = 60

SKIP = "skip"


@dataclass(frozen=True, slots=True)
class BudgetTitle:
    """What a title line names: `table_id` is '01'…'09', an extra id, or SKIP."""

    table_id: str
    kind: str  # 'canonical' | 'extra' | 'skip'
    text: str  # the title as cleaned


# (id, words that must all appear, words that must not), most specific first.
_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("09", ("三公",), ()),
    (SKIP, ("绩效",), ()),
    (SKIP, ("政府采购",), ()),
    (SKIP, ("项目支出",), ("一般公共预算", "经济")),
    ("R09", ("机关运行经费",), ()),
    ("07", ("政府性基金",), ()),
    ("08", ("国有资本经营",), ()),
    ("04", ("财政拨款收支",), ()),
    ("04", ("财政拨款收入支出",), ()),
    ("06", ("一般公共预算", "基本支出"), ()),
    ("E05", ("一般公共预算", "项目支出", "经济"), ()),
    ("E05", ("一般公共预算", "支出", "经济"), ()),
    ("05", ("一般公共预算", "支出"), ()),
    ("05", ("一般公共预算", "拨款"), ("收入", "收支")),
    ("F06", ("财政拨款", "基本支出"), ()),
    ("F05", ("财政拨款", "支出"), ("收入", "收支")),
    (SKIP, ("基本支出",), ()),
    ("01", ("收支",), ()),
    ("01", ("收入支出",), ()),
    ("02", ("收入",), ()),
    ("03", ("支出",), ()),
)
_ENDINGS = ("表",)
_TRAILING_NOTE = re.compile(r"[(（][^()（）]{1,12}[)）]$")  # (功能科目), (按经济分类), (汇总)
_NOT_TITLES = ("说明", "情况如下", "详见", "见表", "。", "；", "，")


def _core(text: str) -> str:
    t = clean_title(text)
    previous = None
    while previous != t:
        previous = t
        t = _PREFIX.sub("", t)
        t = _YEAR.sub("", t, count=1) if t.startswith(("19", "20")) else t
    return t


def classify_budget_title(text: str) -> BudgetTitle | None:
    """The budget table a printed title names, or None if the text is not a table title."""
    t = _core(text)
    if not t or len(t) > _MAX_TITLE_LENGTH or not _TRAILING_NOTE.sub("", t).endswith(_ENDINGS):
        return None
    if any(w in t for w in _NOT_TITLES) or "决算" in t:
        return None
    if not any(w in t for w in ("预算", "总表", "情况表", "支出表", "收入表", "经费表", "明细表", "目标表")):
        return None
    if t in ("部门预算表", "单位预算表", "预算表", "部门预算报表"):
        return None  # a section heading over the package, not one table
    for table_id, required, excluded in _RULES:
        if all(w in t for w in required) and not any(w in t for w in excluded):
            kind = SKIP if table_id == SKIP else "extra" if table_id in BUDGET_EXTRA_TABLES else "canonical"
            return BudgetTitle(table_id, kind, t)
    return BudgetTitle(SKIP, SKIP, t)
