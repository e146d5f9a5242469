"""Table 06 一般公共预算财政拨款基本支出决算(明细)表: economic codes in side-by-side groups.

The table prints two or three column groups (code, name, 决算数) next to each other, and
a bottom row with 人员经费合计 and 公用经费合计 whose values sit in whichever value column
follows each label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.canonical import AMOUNT, PERSONNEL_TOTAL, PUBLIC_FUNDS_TOTAL
from juesuan.codes import ECONOMIC, as_code, join_code
from juesuan.extract.emit import TableOutput
from juesuan.extract.grid import Grid
from juesuan.extract.header import (ColumnInfo, body_starts, code_parts, column_roles, header_paths, is_index_row,
                                    strip_numbering)

_TOTALS = {"人员经费合计": PERSONNEL_TOTAL, "人员经费": PERSONNEL_TOTAL,
           "公用经费合计": PUBLIC_FUNDS_TOTAL, "公用经费": PUBLIC_FUNDS_TOTAL}


@dataclass
class _Group:
    codes: list[ColumnInfo] = field(default_factory=list)
    name: ColumnInfo | None = None
    value: ColumnInfo | None = None


def read_economic_table(grids: list[Grid], unit: str) -> TableOutput:
    out = TableOutput("06", unit)
    starts = body_starts(grids)
    columns = column_roles(grids, starts, header_paths(grids[0], starts[0]))
    groups = _groups(columns)
    if not groups:
        out.problem("table_unreadable", "no code / name / 决算数 column group found", grids[0].page)
        return out
    value_cols = [g.value.index for g in groups]
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            if is_index_row(grid, row):
                continue
            if _read_totals(grid, row, value_cols, out):
                continue
            for group in groups:
                _read_item(grid, row, group, out)
    return out


def _groups(columns: list[ColumnInfo]) -> list[_Group]:
    groups: list[_Group] = []
    current = _Group()
    for col in columns:
        if col.role == "code":
            if current.value is not None or current.name is not None:
                groups.append(current)
                current = _Group()
            current.codes.append(col)
        elif col.role == "name" and current.name is None:
            current.name = col
        elif col.role == "value" and current.value is None:
            current.value = col
    groups.append(current)
    return [g for g in groups if g.codes and g.value is not None]


def _read_totals(grid: Grid, row: int, value_cols: list[int], out: TableOutput) -> bool:
    cells = grid.row_cells(row)
    labels = [(i, c) for i, c in enumerate(cells) if strip_numbering(c.norm) in _TOTALS]
    if not labels:
        return False
    for n, (i, cell) in enumerate(labels):
        stop = labels[n + 1][1].col if n + 1 < len(labels) else grid.n_cols
        candidates = [c for c in value_cols if cell.col_end <= c < stop and grid.owns(row, c)]
        chosen = next((c for c in candidates if grid.text(row, c)), candidates[0] if candidates else None)
        key = _TOTALS[strip_numbering(cell.norm)]
        value_cell = grid.cell(row, chosen) if chosen is not None else None
        if value_cell is None and stop > cell.col_end:
            # The value may share the label's row but sit in a column no group claims.
            value_cell = next((c for c in cells[i + 1:] if c.col < stop and c.norm), None)
        out.add(key, AMOUNT, value_cell, cell.label, grid.page)
    return True


def _read_item(grid: Grid, row: int, group: _Group, out: TableOutput) -> None:
    parts = code_parts(grid, row, group.codes)
    code = join_code(parts) if len(parts) > 1 else as_code(parts[0], ECONOMIC)
    if code is not None and len(code) > 5:
        code = None
    name = ""
    if group.name is not None and grid.owns(row, group.name.index):
        name = grid.cell(row, group.name.index).label
    value_cell = grid.cell(row, group.value.index) if grid.owns(row, group.value.index) else None
    if code is None:
        if value_cell is not None and value_cell.norm and (name or any(parts)):
            out.problem("unknown_row", f"row {row + 1} ({name or parts}) has a figure but no code", grid.page)
        return
    out.add(code, AMOUNT, value_cell, name, grid.page)
