"""The 年度资金总额 row of a self-evaluation table, read by its header, not by position.

Why: the row is printed as a table flattened into one text line ("年度资金总额（万元） 224.46
397.44 397.44 10 100% 10"), and a blank cell leaves no trace in it. When a table leaves
年初预算数 empty, reading by position shifts every figure one column left: 全年预算数
becomes 年初, 全年执行数 becomes 全年预算数, and the 分值 (a score, 10) becomes
全年执行数 — a false error on the 执行率 and on every project total built from it.

So the columns come from the header line printed above the row ("年初预算数 全年预算数
全年执行数 分值 执行率 得分"). When the row has fewer values than the header has
columns, every way of leaving columns blank is tried, and a reading is kept only if it
makes sense: a percentage only under 执行率 and nothing else there, a 得分 not above its
分值, and the printed 执行率 equal to 全年执行数 / 全年预算数 within rounding. Exactly one
sensible reading (or several that agree on the money) is used; otherwise the row is
left unread. 分值 and 得分 are scores, never money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import combinations

from juesuan.money import normalise_text
from juesuan.validate.narrative.figures import Figure, Ratio, TO_WAN, percent_verdict

MONEY_COLUMNS = ("initial", "full_year", "spent")
_NAMES = (("年初预算数", "initial"), ("全年预算数", "full_year"), ("调整后预算数", "full_year"),
          ("全年执行数", "spent"), ("实际执行数", "spent"), ("执行数", "spent"), ("预算数", "full_year"),
          ("分值", "weight"), ("执行率", "rate"), ("得分", "score"))
_HEADER = re.compile("|".join(name for name, _ in _NAMES))
_COLUMN = dict(_NAMES)
_VALUE = re.compile(r"^((\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?|——|—|-|--|－)$")
_MAX_BLANKS = 2


def header_columns(line: str) -> list[str] | None:
    """The columns a header line names, in order ('initial', 'full_year', 'spent',
    'weight', 'rate', 'score'); None unless it names a 执行数 and two more columns."""
    names = [_COLUMN[m.group(0)] for m in _HEADER.finditer(re.sub(r"\s", "", normalise_text(line)))]
    if "spent" not in names or len(names) < 3 or len(set(names)) != len(names):
        return None
    return names


def row_values(line: str) -> list[str]:
    """The values printed after a row's label ('年度资金总额（万元） 0 48.75 …')."""
    tokens = line.split()
    values = []
    while tokens and _VALUE.match(tokens[-1]):
        values.insert(0, tokens.pop())
    return values


@dataclass(frozen=True)
class FundsRow:
    """The row's money by column (None: blank or a dash) and its printed 执行率."""

    initial: Figure | None
    full_year: Figure | None
    spent: Figure | None
    rate: Figure | None


def _money(token: str, unit: str) -> Figure | None:
    if token.endswith("%") or not token[0].isdigit():
        return None
    plain = token.replace(",", "")
    printed = Decimal(plain)
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Figure(printed * TO_WAN[unit], printed, decimals, unit, 0, len(token), "", token)


def _rate(token: str) -> Figure | None:
    if not token.endswith("%"):
        return None
    plain = token[:-1].replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return Figure(Decimal(plain), Decimal(plain), decimals, "%", 0, len(token), "", token)


def _score(token: str) -> Decimal | None:
    try:
        return Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None


def _reading(columns: list[str], values: list[str], unit: str) -> FundsRow | None:
    """The row read with values under `columns` (same length), or None if senseless."""
    cells = dict(zip(columns, values))
    for column, token in cells.items():
        if (column == "rate") != token.endswith("%"):
            return None
    weight = _score(cells["weight"]) if "weight" in cells else None
    score = _score(cells["score"]) if "score" in cells else None
    if weight is not None and (weight > 100 or (score is not None and score > weight)):
        return None
    money = {c: _money(cells[c], unit) if c in cells else None for c in MONEY_COLUMNS}
    return FundsRow(**money, rate=_rate(cells["rate"]) if "rate" in cells else None)


def read_row(columns: list[str], values: list[str], unit: str) -> FundsRow | None:
    """The row by its header; None when no single sensible reading exists."""
    if not values or len(values) > len(columns):
        return None
    blanks = len(columns) - len(values)
    if blanks == 0:
        return _reading(columns, values, unit)
    if blanks > _MAX_BLANKS:
        return None
    readings = []
    for left_out in combinations(range(len(columns)), blanks):
        kept = [c for n, c in enumerate(columns) if n not in left_out]
        reading = _reading(kept, values, unit)
        if reading is not None and _rate_fits(reading):
            readings.append(reading)
    money = {tuple(f.printed if f is not None else None
                   for f in (r.initial, r.full_year, r.spent)) for r in readings}
    return readings[0] if len(money) == 1 else None


def _rate_fits(row: FundsRow) -> bool:
    """A reading with a gap is believed only if its printed 执行率 agrees with its money."""
    if row.rate is None or row.full_year is None or row.spent is None or row.full_year.value <= 0:
        return False
    severity, _ = percent_verdict(row.rate, Ratio(row.spent.value, row.full_year.value,
                                                  row.spent.half_unit, row.full_year.half_unit))
    return severity != "error"
