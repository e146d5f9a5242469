"""Reading the label-keyed lines of tables 01 and 04: which side, which 类.

01 and 04 key their rows by the printed line label (DOMAIN.md), so an identity over
"the expenditure lines" or "the line of 类 205" must first recognise them. Wording
drifts between years and printers (资源勘探信息等支出 for 资源勘探工业信息等支出, a
typo like 抗役 for 抗疫, older names like 医疗卫生与计划生育支出): known historical
names map exactly, anything else only through a close, unambiguous fuzzy match
(juesuan.classnames, which extraction shares).
"""

from __future__ import annotations

from juesuan import canonical as C
# Re-exported: the narrative checks read the exact-name table (_EXACT, _clean) from here.
from juesuan.classnames import _EXACT, FUZZY_THRESHOLD, HISTORICAL_CLASS_NAMES, _clean, class_code  # noqa: F401

TOTAL_LINES_01 = frozenset({
    C.INCOME_TOTAL, C.EXPENDITURE_TOTAL, C.USE_OF_NON_FISCAL_BALANCE, C.OPENING_BALANCE,
    C.CLOSING_BALANCE, C.SURPLUS_DISTRIBUTION, C.GRAND_TOTAL_INCOME, C.GRAND_TOTAL_EXPENDITURE,
})
TOTAL_LINES_04 = frozenset({
    C.INCOME_TOTAL, C.EXPENDITURE_TOTAL, C.OPENING_FISCAL_BALANCE, C.CLOSING_FISCAL_BALANCE,
    C.GRAND_TOTAL_INCOME, C.GRAND_TOTAL_EXPENDITURE,
})
# Expenditure lines that are not function classes: a layout printing them on 01 is not
# the class layout our sums assume.
NON_CLASS_EXPENDITURE_LINES = frozenset({"基本支出", "项目支出", "上缴上级支出", "经营支出",
                                         "对附属单位补助支出"})
# The university 01 prints one 财政拨款收入 line instead of the three fund lines.
FISCAL_INCOME_LINE = "财政拨款收入"

INCOME, EXPENDITURE, TOTAL, PLACEHOLDER, SUBLINE, OTHER = (
    "income", "expenditure", "total", "placeholder", "subline", "other")


def line_kind(row_key: str, totals: frozenset[str] = TOTAL_LINES_01) -> str:
    """Which part of a summary table (01 or 04) a row_key belongs to."""
    if row_key in totals or row_key.startswith(("总计", C.OPENING_FISCAL_BALANCE,
                                                  C.CLOSING_FISCAL_BALANCE)):
        return TOTAL
    if row_key.startswith("……") or row_key.startswith("..."):
        return PLACEHOLDER
    if "/" in row_key:
        return SUBLINE  # a budget's 款 under its 类 line ('<类 line>/<款>'), a line under a subtotal
    if row_key.startswith("其中"):
        return SUBLINE
    if row_key.endswith("收入"):
        return INCOME
    if row_key.endswith("支出"):
        return EXPENDITURE
    return OTHER


def income_lines_01(row_keys: list[str]) -> list[str]:
    return [k for k in row_keys if line_kind(k) == INCOME]


def expenditure_lines(row_keys: list[str], totals: frozenset[str] = TOTAL_LINES_01) -> list[str]:
    return [k for k in row_keys if line_kind(k, totals) == EXPENDITURE]
