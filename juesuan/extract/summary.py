"""The two side-by-side summary tables: 01 收入支出决算总表 and 04 财政拨款收入支出决算总表.

Each grid row carries an income line on the left and an expenditure line on the right.
Lines are keyed by their label without numbering (DOMAIN.md "Canonical keys in detail"):
old wordings map to the current ones, the two 总计 are told apart by side, fund lines
under the opening balance of 04 are prefixed with it, and an elided "……" line keeps its 行次.

A line is keyed by its section as well as its label: a label printed again further down
the same side is a line of the section the line before it opened (04 prints the fund
lines under 年初财政拨款结转和结余 with exactly the income lines' labels, sometimes with no
numbering and no indent), never the same line twice (issue 12, class 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.canonical import (AMOUNT, CLOSING_FISCAL_BALANCE, FUND_COLUMNS, GRAND_TOTAL_EXPENDITURE,
                               GRAND_TOTAL_INCOME, OPENING_FISCAL_BALANCE)
from juesuan.extract.columns import key_04_expenditure
from juesuan.extract.emit import TableOutput
from juesuan.extract.grid import Grid
from juesuan.extract.header import ColumnInfo, body_starts, column_roles, header_paths, is_index_row, strip_numbering

_NOTE_IN_BRACKETS = re.compile(r"[（(]含[^)）]*[)）]")
_ELIDED = frozenset({"……", "…", "...", "......", "…………"})
_RENAMES = {
    "用事业基金弥补收支差额": "使用非财政拨款结余",
    "上年结转和结余": "年初结转和结余",
    "上年结转": "年初结转和结余",
    "上年财政拨款结转和结余": OPENING_FISCAL_BALANCE,
}
_FUND_SHORT = {f: f for f in FUND_COLUMNS}
_FUND_SHORT.update({f + "收入": f for f in FUND_COLUMNS})


@dataclass
class Side:
    name: str  # '收入' | '支出'
    label_col: ColumnInfo
    line_col: ColumnInfo | None
    values: list[tuple[ColumnInfo, str]] = field(default_factory=list)
    under: str | None = None  # the balance line whose fund lines follow
    has_grand_total: bool = False
    keys: set[str] = field(default_factory=set)  # lines keyed so far on this side
    previous: str | None = None  # the key of the line above
    section: str | None = None  # the line heading a run of repeated labels


def _final_value_key(table_id: str, side: Side, path: tuple[str, ...]) -> str | None:
    if table_id == "04" and side.name == "支出":
        return key_04_expenditure(path)
    return AMOUNT if not side.values else None


def read_summary_table(table_id: str, grids: list[Grid], unit: str, *, value_key=None,
                       line_key=None, max_sides: int = 2) -> TableOutput:
    """`value_key(table_id, side, path)` and `line_key(label, side, line_no, has_values)` replace
    the finals' column and line keys: budgets pass theirs (juesuan.extract.budget.summary).
    `max_sides`: budgets may print a third side (支出用途: 基本支出, 项目支出 …) beside the
    expenditure by function, whose totals share one label cell with it."""
    out = TableOutput(table_id, unit)
    starts = body_starts(grids)
    columns = column_roles(grids, starts, header_paths(grids[0], starts[0]))
    sides = _sides(table_id, columns, out, grids[0].page, value_key or _final_value_key, max_sides)
    if not 2 <= len(sides) <= max_sides:
        out.problem("table_unreadable", f"expected an income and an expenditure side, found {len(sides)}",
                    grids[0].page)
        return out
    for side in sides:
        side.has_grand_total = any(
            _clean(grid.cell(r, side.label_col.index).label) == "总计"
            for grid, start in zip(grids, starts) for r in range(start, grid.n_rows)
            if grid.owns(r, side.label_col.index))
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            if is_index_row(grid, row):
                continue
            covered_to = -1
            for i, side in enumerate(sides):
                if side.label_col.index < covered_to:
                    continue  # its label cell belongs to the side before (a shared total line)
                label = grid.cell(row, side.label_col.index) if grid.owns(row, side.label_col.index) else None
                covered = [s for s in sides[i + 1:] if label is not None and s.label_col.index < label.col_end]
                covered_to = label.col_end if covered else -1
                _read_line(grid, row, side, out, line_key or _final_line_key(table_id),
                           covered[-1] if covered else None)
    return out


def _sides(table_id: str, columns: list[ColumnInfo], out: TableOutput, page: int, value_key,
           max_sides: int = 2) -> list[Side]:
    labels = [c for c in columns if c.role == "name"]
    sides: list[Side] = []
    for i, label_col in enumerate(labels[:max_sides]):
        end = labels[i + 1].index if i + 1 < len(labels) else len(columns)
        span = [c for c in columns if label_col.index < c.index < end]
        line_col = next((c for c in span if c.role == "line_no"), None)
        side = Side("收入" if i == 0 else "支出", label_col, line_col)
        for col in span:
            if col.role != "value":
                continue
            key = value_key(table_id, side, col.path)
            if key is None:
                out.problem("unknown_column", f"column {col.index + 1} header {col.header!r} not recognised", page)
                continue
            side.values.append((col, key))
        sides.append(side)
    return sides


def _clean(label: str) -> str:
    return _NOTE_IN_BRACKETS.sub("", strip_numbering(label))


def _read_line(grid: Grid, row: int, side: Side, out: TableOutput, line_key, covered: Side | None = None) -> None:
    """One side's line of a row. `covered`: a later side whose label cell this side's label
    spans (当年支出小计 over both expenditure sides), whose figures are the line's when the
    side's own cells print none."""
    col = side.label_col.index
    label = grid.cell(row, col).label if grid.owns(row, col) else ""
    cells = [(grid.cell(row, c.index) if grid.owns(row, c.index) else None, key) for c, key in side.values]
    if covered is not None and not any(cell is not None and cell.norm for cell, _ in cells):
        cells = [(grid.cell(row, c.index) if grid.owns(row, c.index) else None, key) for c, key in covered.values]
    has_values = any(cell is not None and cell.norm for cell, _ in cells)
    line_no = grid.text(row, side.line_col.index) if side.line_col is not None else ""
    key = line_key(label, side, line_no, has_values)
    if key is None:
        if has_values:
            out.problem("unknown_row", f"{side.name} row {row + 1} has figures but no label", grid.page)
        return
    for cell, column_key in cells:
        out.add(key, column_key, cell, label, grid.page)


def _final_line_key(table_id: str):
    """The finals' line key for one table (a line_key of read_summary_table)."""
    return lambda label, side, line_no, has_values: _line_key(table_id, label, side, line_no, has_values)


def _line_key(table_id: str, label: str, side: Side, line_no: str, has_values: bool) -> str | None:
    cleaned = _clean(label)
    if cleaned in _ELIDED or (not cleaned and has_values):
        return f"……/行次{line_no}" if line_no else None
    if not cleaned or cleaned in ("项目", "栏次"):
        return None
    cleaned = _RENAMES.get(cleaned, cleaned)
    if table_id == "04":
        cleaned = fiscal_balance_line(cleaned)
    if cleaned == "总计" or (cleaned == "合计" and not side.has_grand_total):
        side.under = None
        return GRAND_TOTAL_INCOME if side.name == "收入" else GRAND_TOTAL_EXPENDITURE
    if cleaned in (OPENING_FISCAL_BALANCE, CLOSING_FISCAL_BALANCE):
        side.under = cleaned
        return _keyed(side, cleaned)
    if side.under and cleaned in _FUND_SHORT:
        return f"{side.under}/{_FUND_SHORT[cleaned]}"
    return _keyed(side, cleaned)


def _keyed(side: Side, key: str) -> str:
    """`key`, or `<section>/<key>` when the side already has a line `key`: a repeated
    label belongs to the section the line above its run opened."""
    if key in side.keys and side.previous is not None:
        side.section = side.section or side.previous
        return f"{side.section}/{key}"
    side.section = None
    side.keys.add(key)
    side.previous = key
    return key


_OPENING_WORDING = re.compile(r"^(年初|上年)(财政拨款)?结转(和|及|与)?结余$|^(年初|上年)(财政拨款)?结转$")
_CLOSING_WORDING = re.compile(r"^年末(财政拨款)?结转(和|及|与)?结余$|^年末(财政拨款)?结转$")


def fiscal_balance_line(label: str) -> str:
    """In 04 every balance is a 财政拨款 balance: 年初结转和结余, 上年结转, 年初财政拨款结转及结余 …
    are its opening line, 年末… its closing line (DOMAIN.md); other labels unchanged."""
    if _OPENING_WORDING.match(label):
        return OPENING_FISCAL_BALANCE
    if _CLOSING_WORDING.match(label):
        return CLOSING_FISCAL_BALANCE
    return label
