"""Collecting records and problems while a table is read.

One place turns a cell into a record: it parses the amount exactly, converts the printed
unit to 万元, keeps blank as None, and reports a cell that is not a number instead of
dropping or guessing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.canonical import (EXPENDITURE_TOTAL, GRAND_TOTAL_EXPENDITURE, GRAND_TOTAL_INCOME, INCOME_TOTAL,
                               PERSONNEL_TOTAL, PUBLIC_FUNDS_TOTAL, TOTAL)
from juesuan.extract.grid import Cell
from juesuan.model import Problem, Record
from juesuan.money import NotAnAmount, parse_amount, to_wan


# Total rows a layout may print twice with the same figures.
REPEATABLE_ROWS = frozenset({TOTAL, INCOME_TOTAL, EXPENDITURE_TOTAL, GRAND_TOTAL_INCOME, GRAND_TOTAL_EXPENDITURE,
                             PERSONNEL_TOTAL, PUBLIC_FUNDS_TOTAL})


@dataclass
class TableOutput:
    table_id: str
    unit: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (page, cell box) of cells met again with the same figure (a repeated 合计 row): no
    # new record, but accounted for (completeness.py).
    repeats: list[tuple[int, tuple]] = field(default_factory=list)
    _seen: dict[tuple[str, str], tuple[object, int]] = field(default_factory=dict)  # key → (amount, page)
    _last_row: tuple[str, int] | None = None  # (row key, page) of the last cell added
    _row_columns: set[str] = field(default_factory=set)  # columns added to the current row
    _row_follows_its_twin: bool = False  # the current row repeats the key of the row just above
    _echoes: set[tuple[str, int]] = field(default_factory=set)  # rows already noted as repeated

    def add(self, row_key: str, column_key: str, cell: Cell | None, row_label: str, page: int) -> None:
        text = cell.norm if cell is not None else ""
        try:
            amount = to_wan(parse_amount(text), self.unit)
        except NotAnAmount:
            self.problem("bad_cell", f"{row_label or row_key} / {column_key}: {text!r} is not a number", page)
            return
        key = (row_key, column_key)
        if (row_key, page) != self._last_row or column_key in self._row_columns:  # a new printed row
            self._row_follows_its_twin = (row_key, page) == self._last_row
            self._row_columns = set()
        self._row_columns.add(column_key)
        self._last_row = (row_key, page)
        if key in self._seen:
            # Some layouts repeat the 合计 row (on continuation pages, or at the foot as well
            # as the head): the same figure again is no news. A different figure is a
            # conflict the reader must not resolve by guessing, and any other row keyed
            # twice on one page is two lines read as one: both are reported, never dropped
            # in silence.
            first, first_page = self._seen[key]
            if first != amount:
                self.problem("unknown_row", f"row {row_key!r} column {column_key!r} printed twice with "
                             f"different figures ({first} and {amount})", page)
            elif page == first_page and self._row_follows_its_twin and row_key not in REPEATABLE_ROWS:
                # The very next line repeats the row (a 项 printed with its 款's code or name,
                # 其他支出 under 其他支出): one row. Were they two, the parent's sum would
                # fail, so counting it once hides nothing; the repeat is noted.
                if (row_key, page) not in self._echoes:
                    self._echoes.add((row_key, page))
                    self.problem("row_repeated", f"row {row_key!r} printed again on the next line of page "
                                 f"{page} with the same figures; counted once", page)
                if cell is not None and cell.bbox is not None:
                    self.repeats.append((page, cell.bbox))
            elif page == first_page and row_key not in REPEATABLE_ROWS:
                self.problem("unknown_row", f"row {row_key!r} column {column_key!r} printed twice on "
                             f"page {page}; the second is not counted", page)
            elif cell is not None and cell.bbox is not None:
                self.repeats.append((page, cell.bbox))
            return
        self._seen[key] = (amount, page)
        self.records.append(Record(self.table_id, row_key, column_key, amount, row_label, page,
                                   cell.bbox if cell is not None else None))

    def problem(self, code: str, message: str, page: int | None) -> None:
        self.problems.append(Problem(code, message, self.table_id, page))
