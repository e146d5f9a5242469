"""Budget table 02 printed with the income sources as rows (Jiangsu's 收入预算总表:
一般公共预算资金 › 小计 / 公共财政拨款(补助)资金 …, one 金额 column).

The same facts as the usual 02, whose sources are columns of its 合计 row, so they get the
same keys: the row's labels are read as a header path by columns.income_key, and each
figure becomes the record ('合计', <source key>). A 02 laid out this way and one laid out
the other way join on the same keys.
"""

from __future__ import annotations

from juesuan.canonical import TOTAL
from juesuan.extract.budget.columns import income_key, income_source
from juesuan.extract.emit import TableOutput
from juesuan.extract.grid import Grid
from juesuan.extract.header import ColumnInfo, body_starts, column_roles, header_paths, strip_numbering

_MIN_SOURCE_ROWS = 3


def _labels(grid: Grid, row: int, label_cols: list[ColumnInfo]) -> tuple[str, ...]:
    seen, path = set(), []
    for col in label_cols:
        cell = grid.cell(row, col.index)
        if cell is not None and cell.norm and id(cell) not in seen:
            seen.add(id(cell))
            path.append(strip_numbering(cell.norm))
    return tuple(path)


def sources_as_rows(grids: list[Grid]) -> bool:
    """True for a 02 without codes, one value column, and rows that name income sources."""
    starts = body_starts(grids)
    columns = column_roles(grids, starts, header_paths(grids[0], starts[0]))
    if any(c.role == "code" for c in columns) or sum(c.role == "value" for c in columns) != 1:
        return False
    labels = [c for c in columns if c.role == "name"]
    paths = [_labels(g, r, labels) for g, s in zip(grids, starts) for r in range(s, g.n_rows)]
    return sum(1 for p in paths if any(income_source(x) for x in p)) >= _MIN_SOURCE_ROWS


def read_sources_as_rows(grids: list[Grid], unit: str, fiscal_year: int | None) -> TableOutput:
    out = TableOutput("02", unit)
    starts = body_starts(grids)
    columns = column_roles(grids, starts, header_paths(grids[0], starts[0]))
    labels = [c for c in columns if c.role == "name"]
    value = next(c for c in columns if c.role == "value")
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            path = _labels(grid, row, labels)
            cell = grid.cell(row, value.index) if grid.owns(row, value.index) else None
            if not path:
                if cell is not None and cell.norm:
                    out.problem("unknown_row", f"row {row + 1} has a figure but no label", grid.page)
                continue
            key = income_key(path, fiscal_year)
            if key == TOTAL and len(path) > 1:
                key = None  # 小计 under a group naming no source we know: not the table's total
            if key is None:
                if cell is not None and cell.norm:
                    out.problem("unknown_row", f"row {row + 1} ({'/'.join(path)}) names no income source",
                                grid.page)
                continue
            out.add(TOTAL, key, cell, "/".join(path), grid.page)
    return out
