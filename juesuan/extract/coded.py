"""Tables keyed by function code: 02 收入, 03 支出, 05 一般公共预算支出, 07 政府性基金, 08 国有资本经营.

Each body row is a code (whole, or split over 类/款/项 columns) with its name, or the 合计
row; each value column is mapped by its header's meaning. Rows that are neither (notes
printed inside the grid) are reported if they carry figures, never keyed by guess.
"""

from __future__ import annotations

from juesuan.codes import FUNCTION, as_code, join_code
from juesuan.extract.columns import VALUE_COLUMN_KEYS
from juesuan.extract.emit import TableOutput
from juesuan.extract.grid import Grid
from juesuan.extract.header import (CODE_PART_WORDS, ColumnInfo, body_starts, code_parts, column_roles,
                                    header_paths, is_index_row, strip_numbering)

TOTAL_LABELS = frozenset({"合计", "总计", "本年收入合计", "本年支出合计", "合计数"})
_NOTE_PREFIXES = ("注", "说明", "备注")


def read_coded_table(table_id: str, grids: list[Grid], unit: str, *, column_key=None,
                     row_keyer=None, first_body_row: int | None = None) -> TableOutput:
    """`column_key(path)` and `row_keyer(columns)` (an object with .key(grid, row)) replace the
    finals' column vocabulary and row keying, `first_body_row` where the first grid's body
    starts: budgets pass theirs (juesuan.extract.budget)."""
    out = TableOutput(table_id, unit)
    starts = body_starts(grids, first_body_row)
    columns = column_roles(grids, starts, header_paths(grids[0], starts[0]))
    code_cols = [c for c in columns if c.role == "code"]
    name_cols = [c for c in columns if c.role == "name"]
    value_cols = _value_columns(table_id, columns, out, grids[0].page, column_key)
    if not value_cols:
        out.problem("table_unreadable", "no value column could be mapped", grids[0].page)
        return out
    keyer = row_keyer(columns) if row_keyer else None
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            if is_index_row(grid, row):
                continue
            key, label = keyer.key(grid, row) if keyer else _row_key(grid, row, code_cols, name_cols)
            if key is None:
                _report_unkeyed(grid, row, value_cols, label, out)
                continue
            for col, column_key in value_cols:
                cell = grid.cell(row, col.index) if grid.owns(row, col.index) else None
                out.add(key, column_key, cell, label, grid.page)
    return out


def _value_columns(table_id: str, columns: list[ColumnInfo], out: TableOutput, page: int, mapper=None):
    mapper = mapper or VALUE_COLUMN_KEYS[table_id]
    mapped = []
    for col in columns:
        if col.role != "value":
            continue
        key = mapper(col.path)
        if key is None:
            out.problem("unknown_column", f"column {col.index + 1} header {col.header!r} not recognised", page)
            continue
        if any(key == k for _, k in mapped):
            out.problem("unknown_column", f"two columns map to {key!r} (header {col.header!r})", page)
            continue
        mapped.append((col, key))
    return mapped


def _row_key(grid: Grid, row: int, code_cols: list[ColumnInfo], name_cols: list[ColumnInfo]):
    """(row_key, row_label) of a body row; (None, label) when it is neither a code nor 合计."""
    parts = code_parts(grid, row, code_cols)
    if len(parts) > 1:
        code = join_code(parts)
    else:
        code = as_code(parts[0], FUNCTION) if parts else None
    name_cell = next((grid.cell(row, c.index) for c in name_cols if grid.owns(row, c.index)), None)
    name = name_cell.label if name_cell is not None else ""
    if code is None and len(parts) == 1 and parts[0] and not name:
        # A whole code and its name printed together in one cell ("2010301 行政运行").
        head = parts[0][:7].rstrip()
        if as_code(head):
            code, name = head, grid.cell(row, code_cols[0].index).label[len(head):]
    if code is not None:
        return code, name
    texts = [grid.text(row, c.index) for c in code_cols + name_cols]
    label = next((t for t in texts if t and t not in CODE_PART_WORDS), "")
    if strip_numbering(label) in TOTAL_LABELS:
        return "合计", "合计"
    return None, label


def _report_unkeyed(grid: Grid, row: int, value_cols, label: str, out: TableOutput) -> None:
    has_values = any(grid.text(row, c.index) for c, _ in value_cols if grid.owns(row, c.index))
    if not has_values or label.startswith(_NOTE_PREFIXES):
        return  # a spacer or a note printed inside the grid: nothing to key
    out.problem("unknown_row", f"row {row + 1} ({label or 'no label'}) has figures but no code", grid.page)
