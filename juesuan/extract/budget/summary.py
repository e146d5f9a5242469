"""Budget tables 01 (收支总表) and 04 (财政拨款收支总表): the finals' reader, budget keys.

The two-sided layout is the same as in final accounts; the words differ. Lines are keyed
by meaning so that a budget's 01 joins a final's: the income sources take the finals'
line labels (一般公共预算资金 → 一般公共预算财政拨款收入), the opening balance is
年初结转和结余 however it is worded (上年结转, 上年结余、结转), the grand totals
总计/收入 and 总计/支出. Budgets often print the 款 of each 类 under it on 01's
expenditure side; such a line is keyed '<类 line>/<款 name>' so that it never passes for a
class line. In 04 the fund lines take the fund names (as in finals), under the opening
balance '年初财政拨款结转和结余/<fund>'.
"""

from __future__ import annotations

import re

from juesuan.canonical import (CLOSING_BALANCE, CLOSING_FISCAL_BALANCE, EXPENDITURE_TOTAL, GRAND_TOTAL_EXPENDITURE,
                               GRAND_TOTAL_INCOME, INCOME_TOTAL, OPENING_BALANCE, OPENING_FISCAL_BALANCE,
                               USE_OF_NON_FISCAL_BALANCE)
from juesuan.classnames import class_code
from juesuan.extract.budget.split_lines import join_split_lines
from juesuan.extract.budget.columns import (amount_key, fiscal_expenditure_key, fund_of, income_source, spending_key,
                                            without_index)
from juesuan.extract.grid import Grid
from juesuan.extract.header import strip_numbering
from juesuan.extract.summary import Side, read_summary_table

_NOTE = re.compile(r"[（(][^)）]*[)）]$")
_ELIDED = frozenset({"……", "…", "...", "......", "…………"})
_GRAND = frozenset({"总计", "收入总计", "支出总计", "收入总计合计", "支出总计合计", "收入合计总计"})
_INCOME_TOTAL = frozenset({"本年收入", "本年收入合计", "收入合计", "本年收入小计", "当年收入合计", "当年收入小计"})
_EXPENDITURE_TOTAL = frozenset({"本年支出", "本年支出合计", "支出合计", "本年支出小计", "当年支出合计",
                                "当年支出小计"})
_OPENING = ("上年结转", "上年结余", "年初结转", "结转结余", "上年财政拨款结转", "年初财政拨款结转")
_CLOSING = ("结转下年", "年末结转", "年末结余", "年终结转", "年终结余", "年末财政拨款结转")
_FIRST_LEVEL = re.compile(r"^[一二三四五六七八九十]+、")
_SUB_NUMBERING = re.compile(r"^(?:\d+[.、．]|[(（]\d+[)）]|[(（][一二三四五六七八九十]+[)）])")
SUBLINE_SEPARATOR = "/"


def _clean(label: str) -> str:
    text = strip_numbering(label.replace(" ", ""))
    text = _NOTE.sub("", text)
    return text.replace("(", "（").replace(")", "）")


class SummaryKeys:
    """Column and line keys of one budget summary table (the reader calls them in order)."""

    def __init__(self, table_id: str, fiscal_year: int | None):
        self.table_id = table_id
        self.fiscal_year = fiscal_year
        self._emitted: dict[str, set[str]] = {}  # keys given so far, per side

    def value_key(self, table_id: str, side: Side, path: tuple[str, ...]) -> str | None:
        path = without_index(path)
        if table_id == "04" and side.name == "支出":
            key = fiscal_expenditure_key(path, self.fiscal_year)
            return key if key is not None or side.values else "合计"
        key = amount_key(path, self.fiscal_year)
        if key is None and not side.values:
            return amount_key((), self.fiscal_year)
        if key is None or any(k == key for _, k in side.values):
            # Further columns of one side: 01's expenditure split into 基本支出 / 项目支出.
            key = spending_key(path, self.fiscal_year) if side.name == "支出" else None
            return None if key in (None, "合计") or any(k == key for _, k in side.values) else key
        return key

    def line_key(self, label: str, side: Side, line_no: str, has_values: bool) -> str | None:
        text = _clean(label)
        if text in _ELIDED or (not text and has_values):
            return f"……/行次{line_no}" if line_no else None
        if not text or text in ("项目", "栏次", "收入", "支出", "项目名称", "支出用途"):
            return None
        this_year = INCOME_TOTAL if side.name == "收入" else EXPENDITURE_TOTAL
        grand = text in _GRAND or (text == "合计" and not side.has_grand_total) or (
            text in ("收入合计", "支出合计") and this_year in self._emitted.get(side.name, ()))
        if grand:  # 收入合计 after 本年收入 is the side's grand total
            side.under = None
            key = GRAND_TOTAL_INCOME if side.name == "收入" else GRAND_TOTAL_EXPENDITURE
        elif side.name == "收入":
            key = self._income_line(text, side, label)
        else:
            key = self._expenditure_line(text, side, label)
        self._emitted.setdefault(side.name, set()).add(key)
        return key

    def _income_line(self, text: str, side: Side, label: str) -> str:
        if text in _INCOME_TOTAL:
            side.under = None
            return INCOME_TOTAL
        if any(w in text for w in _OPENING):
            side.under = OPENING_FISCAL_BALANCE if self.table_id == "04" else OPENING_BALANCE
            return side.under
        if side.under and self.table_id == "01" and _SUB_NUMBERING.match(label.strip()) and "结" in text:
            # 1.财政拨款结余、结转 / 2.非财政拨款结余、结转 under 上年结余、结转
            part = "非财政拨款结转和结余" if "非财政" in text else "财政拨款结转和结余" if "财政" in text else text
            return f"{side.under}/{part}"
        if "用事业基金弥补" in text or "非财政拨款结余" in text:
            side.under = None
            return USE_OF_NON_FISCAL_BALANCE
        if self.table_id == "04":
            fund = fund_of(text)
            if fund:
                return f"{side.under}/{fund}" if side.under else fund
        source = income_source(text)
        if side.under and self.table_id == "01" and source:
            return f"{side.under}/{source}"
        return source or text

    def _expenditure_line(self, text: str, side: Side, label: str) -> str:
        if text in _EXPENDITURE_TOTAL:
            side.under = None
            return EXPENDITURE_TOTAL
        if any(w in text for w in _CLOSING):
            side.under = None
            return CLOSING_FISCAL_BALANCE if self.table_id == "04" else CLOSING_BALANCE
        if class_code(text, fuzzy=False):
            side.under = text
            return text
        if _FIRST_LEVEL.match(label.strip()):
            side.under = None  # a numbered line of its own (上缴上级支出 …), not a 款
            return text
        if side.under:
            key = f"{side.under}{SUBLINE_SEPARATOR}{text}"
            # A 项 may repeat its 款's name (其他…支出 under 其他…支出): number the repeat.
            seen = self._emitted.get(side.name, set())
            n = 2
            while key in seen:
                key = f"{side.under}{SUBLINE_SEPARATOR}{text}（{n}）"
                n += 1
            return key
        return text


def names_a_line(label: str) -> bool:
    """A label that names a line of 01 or 04 by itself: a total, a balance or a function class."""
    text = _clean(label)
    return (text in _GRAND or text in _INCOME_TOTAL or text in _EXPENDITURE_TOTAL
            or any(w in text for w in _OPENING + _CLOSING) or class_code(text, fuzzy=False) is not None)


def read_budget_summary(table_id: str, grids: list[Grid], unit: str, fiscal_year: int | None):
    keys = SummaryKeys(table_id, fiscal_year)
    return read_summary_table(table_id, join_split_lines(grids, names_a_line), unit, value_key=keys.value_key,
                              line_key=keys.line_key, max_sides=3)
