"""How sentences phrase the claims several checkers read: comparisons, shares, budgets.

One place for the wording, so a figure that sits inside a comparison ("比上年增加1.2万元")
is treated the same by the checker of restated figures and by the walk that remembers
the block's figures.
"""

from __future__ import annotations

import re

from juesuan.validate.narrative.figures import Figure

SHARE = re.compile(r"占(?P<whole>[^，,；;。%]{0,24}?)(的|比)?$")
LEAD_YEAR = re.compile(r"(与|同|较|比)(上年|上一年度?|去年|上年度|(19|20)\d{2}年度?)(决算数?|同期)?(相比|比较|对比)?")
LEAD_BUDGET = re.compile(r"(与|同|较|比)(年初)?预算数?(相比|比较)?")
FLAT_YEAR = re.compile(r"(?<!基本)持平")


def after_comparison(text: str, fig: Figure) -> bool:
    """A figure inside a comparison ('比上年…1.2万元') is a change or a budget, not a level."""
    clause = re.split(r"[，,；;。]", text[:fig.start])[-1]
    return bool(LEAD_YEAR.search(clause) or LEAD_BUDGET.search(clause))


def is_part(figs: list[Figure], n: int) -> bool:
    """A figure followed by its own share ('基本支出222.47万元，占55.98%') is an item of an
    enumeration, not the whole the next item is a share of."""
    following = figs[n + 1] if n + 1 < len(figs) else None
    return bool(following is not None and following.is_percent and SHARE.search(following.label))


def budget_kind(fig: Figure) -> str:
    """Which budget a figure is: '年初', '全年' (调整后) or '' (not said)."""
    tail = fig.tail
    if "年初" in tail:
        return "年初"
    if "全年" in tail or "调整" in tail:
        return "全年"
    return ""
