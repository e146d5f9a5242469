"""Table 09 财政拨款“三公”经费支出决算表: 预算数 and 决算数 of six items, in any header order.

Whether 预算数/决算数 head two groups of six columns or sit under each item (interleaved),
and whichever item comes first, each column's header path names both its side and its
item. One data row is keyed 合计; a document printing one row per sub-unit keys each row
by the sub-unit's name. A transposed layout (rows 预算数 / 决算数) is read as well.
"""

from __future__ import annotations

from juesuan.canonical import BUDGET, FINAL, TOTAL
from juesuan.extract.columns import key_09
from juesuan.extract.emit import TableOutput
from juesuan.extract.grid import Grid
from juesuan.extract.header import body_starts, column_roles, header_paths, is_amount_text, is_index_row, strip_numbering


_HEADER_WORDS = ("预算", "决算", "合计", "出国", "公务", "小计", "接待", "经费", "栏次", "购置", "运行", "项目")


def sangong_body_start(grid: Grid) -> int:
    """09's header is full of words (合计, 小计) that start bodies elsewhere: the body is the
    first row with a figure, or, in a table printed without figures, the row after the header."""
    last_header = -1
    for row in range(grid.n_rows):
        texts = [c.norm for c in grid.row_cells(row) if c.norm]
        if any(is_amount_text(t) for t in texts):
            return row
        if is_index_row(grid, row) or any(w in t for t in texts for w in _HEADER_WORDS):
            last_header = row
    return last_header + 1


def read_sangong_table(grids: list[Grid], unit: str) -> TableOutput:
    out = TableOutput("09", unit)
    starts = body_starts(grids, sangong_body_start(grids[0]))
    first = grids[0]
    columns = column_roles(grids, starts, header_paths(first, starts[0]))
    if _is_transposed(first, starts[0]):
        return _read_transposed(grids, starts, columns, out)
    mapped = []
    for col in columns:
        if col.role == "name":
            continue
        key = key_09(col.path)
        if key is None:
            if col.role == "value":
                out.problem("unknown_column", f"column {col.index + 1} header {col.header!r} not recognised",
                            first.page)
            continue
        if any(k == key for _, k in mapped):
            out.problem("unknown_column", f"two columns map to {key!r}", first.page)
            continue
        mapped.append((col, key))
    name_cols = [c for c in columns if c.role == "name"]
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            if is_index_row(grid, row):
                continue
            label = ""
            for c in name_cols:
                if grid.owns(row, c.index) and grid.text(row, c.index):
                    label = grid.cell(row, c.index).label
                    break
            if label.startswith(("注", "说明")):
                continue
            key = TOTAL if not label or strip_numbering(label) in ("合计", "总计") else label
            for col, column_key in mapped:
                cell = grid.cell(row, col.index) if grid.owns(row, col.index) else None
                out.add(key, column_key, cell, label or TOTAL, grid.page)
    return out


def _is_transposed(grid: Grid, start: int) -> bool:
    """Rows headed 预算数 / 决算数 instead of columns."""
    heads = [grid.text(r, 0) for r in range(start, grid.n_rows)]
    return any(h.startswith("预算") for h in heads) and any(h.startswith("决算") for h in heads)


def _read_transposed(grids, starts, columns, out: TableOutput) -> TableOutput:
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            head = grid.text(row, 0)
            side = BUDGET if head.startswith("预算") else FINAL if head.startswith("决算") else None
            if side is None:
                continue
            for col in columns[1:]:
                key = key_09((side,) + col.path)
                if key is None:
                    continue
                cell = grid.cell(row, col.index) if grid.owns(row, col.index) else None
                out.add(TOTAL, key, cell, TOTAL, grid.page)
    return out
