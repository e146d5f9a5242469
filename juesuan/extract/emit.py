"""Collecting records and problems while a table is read.

One place turns a cell into a record: it parses the amount exactly, converts the printed
unit to 万元, keeps blank as None, and reports a cell that is not a number instead of
dropping or guessing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.extract.grid import Cell
from juesuan.model import Problem, Record
from juesuan.money import NotAnAmount, parse_amount, to_wan


@dataclass
class TableOutput:
    table_id: str
    unit: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _seen: dict[tuple[str, str], object] = field(default_factory=dict)

    def add(self, row_key: str, column_key: str, cell: Cell | None, row_label: str, page: int) -> None:
        text = cell.norm if cell is not None else ""
        try:
            amount = to_wan(parse_amount(text), self.unit)
        except NotAnAmount:
            self.problem("bad_cell", f"{row_label or row_key} / {column_key}: {text!r} is not a number", page)
            return
        key = (row_key, column_key)
        if key in self._seen:
            # Continuation pages of some layouts repeat the 合计 row: the same figure again is
            # no news; a different one is a conflict the reader must not resolve by guessing.
            if self._seen[key] != amount:
                self.problem("unknown_row", f"row {row_key!r} column {column_key!r} printed twice with "
                             f"different figures ({self._seen[key]} and {amount})", page)
            return
        self._seen[key] = amount
        self.records.append(Record(self.table_id, row_key, column_key, amount, row_label, page,
                                   cell.bbox if cell is not None else None))

    def problem(self, code: str, message: str, page: int | None) -> None:
        self.problems.append(Problem(code, message, self.table_id, page))
