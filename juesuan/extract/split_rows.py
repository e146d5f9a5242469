"""A row that a page break cuts in two, joined again.

A tall row (a long name wrapped over three lines, a figure wrapped in a narrow column)
may straddle a page break: the page prints the first lines of each cell, the next page
the rest, each part ruled as a row of its own. Hangzhou's 表2 prints 杭州市机动 /
12,437.3 at the foot of p21 and 车驾驶员考试服务中心 / 6 at the top of p22: read apart,
'6' is a row of its own and 12,437.3 a wrong figure.

Only a cut that the figures prove is joined: every figure the next page's first row
prints must complete the figure above it in the same column (neither part alone has
the number of decimals every other figure of the table prints; together they do), that
row prints at least one such figure, and each of its cells continues a printed cell of
the same columns. A first row that could be a row of its own (its figures complete, or
text where the row above prints nothing) is left as it is.
"""

from __future__ import annotations

import re
from collections import Counter

from juesuan.extract.grid import Cell, Grid
from juesuan.text import normalise_text, printed_label

_FIGURE_PART = re.compile(r"^[\d,.]+$")
_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})*(?:\.(\d+))?$|^\d+(?:\.(\d+))?$")
_MIN_FIGURES = 5  # figures that must agree on their decimals before a short one is a cut


def _decimals(text: str) -> int | None:
    """Decimals of a well-formed amount ('12,437.36' → 2, '6' → 0), None if not one."""
    match = _AMOUNT.match(text)
    if not match:
        return None
    places = match.group(1) or match.group(2)
    return len(places) if places else 0


def _table_decimals(grids: list[Grid]) -> int | None:
    """The decimals every figure of the table has, if they all agree (the rows either
    side of a page break, where a figure may be cut, aside)."""
    counts = Counter(d for g in grids for c in g.cells if c.norm and "." in c.norm
                     and 0 < c.row and c.row_end < g.n_rows for d in (_decimals(c.norm),) if d is not None)
    if len(counts) != 1:
        return None
    decimals, seen = next(iter(counts.items()))
    return decimals if seen >= _MIN_FIGURES else None


def _own_cells(grid: Grid, row: int) -> list[Cell] | None:
    """The row's cells, or None if a cell spans into another row (no clean cut there)."""
    cells = grid.row_cells(row)
    if any(c.row != row or c.row_end != row + 1 for c in cells):
        return None
    return cells


def _cut_row(above: Grid, below: Grid, decimals: int) -> list[tuple[Cell, Cell]] | None:
    """(cell above, cell below) of each printed part of a row cut by the page break
    between `above` (its last row) and `below` (its first), or None if the figures do
    not prove the cut."""
    if above.n_cols != below.n_cols or above.n_rows < 1 or below.n_rows < 2:
        return None
    tops, bottoms = _own_cells(above, above.n_rows - 1), _own_cells(below, 0)
    if tops is None or bottoms is None:
        return None
    by_columns = {(c.col, c.col_end): c for c in tops}
    pairs: list[tuple[Cell, Cell]] = []
    figures = 0
    for part in bottoms:
        if not part.norm:
            continue
        top = by_columns.get((part.col, part.col_end))
        if top is None or not top.norm:
            return None  # text under nothing: the first row may be a row of its own
        if _FIGURE_PART.match(part.norm) or _FIGURE_PART.match(top.norm):
            if not (_FIGURE_PART.match(part.norm) and _FIGURE_PART.match(top.norm)):
                return None
            if _decimals(top.norm) == decimals or _decimals(part.norm) == decimals \
                    or _decimals(top.norm + part.norm) != decimals:
                return None
            figures += 1
        pairs.append((top, part))
    return pairs if figures else None


def _joined_last_row(grid: Grid, pairs: list[tuple[Cell, Cell]]) -> Grid:
    replaced: dict[int, Cell] = {}
    for top, part in pairs:
        raw = top.text + "\n" + part.text
        replaced[id(top)] = Cell(top.row, top.col, top.row_end, top.col_end, raw, normalise_text(raw),
                                 printed_label(raw), top.bbox, top.text_x0)
    cells = [replaced.get(id(c), c) for c in grid.cells]
    matrix = [[replaced.get(id(c), c) if c is not None else None for c in line] for line in grid.matrix]
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows, n_cols=grid.n_cols, cells=cells,
                col_edges=grid.col_edges, lines_above=grid.lines_above, labels_above=grid.labels_above,
                matrix=matrix)


def _without_first_row(grid: Grid) -> Grid:
    cells = [Cell(c.row - 1, c.col, c.row_end - 1, c.col_end, c.text, c.norm, c.label, c.bbox,
                  c.text_x0)
             for c in grid.cells if c.row >= 1]
    matrix: list[list[Cell | None]] = [[None] * grid.n_cols for _ in range(grid.n_rows - 1)]
    for cell in cells:
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows - 1, n_cols=grid.n_cols, cells=cells,
                col_edges=grid.col_edges, lines_above=grid.lines_above, labels_above=grid.labels_above,
                matrix=matrix)


def join_rows_cut_by_page_breaks(grids: list[Grid]) -> list[Grid]:
    """A table's grids (in order) with each row that a page break cut joined on the page
    where it starts, its part on the next page removed."""
    decimals = _table_decimals(grids)
    if decimals is None or len(grids) < 2:
        return grids
    joined = list(grids)
    for i in range(1, len(joined)):
        above, below = joined[i - 1], joined[i]
        if below.page != above.page + 1:
            continue
        pairs = _cut_row(above, below, decimals)
        if pairs:
            joined[i - 1], joined[i] = _joined_last_row(above, pairs), _without_first_row(below)
    return joined
