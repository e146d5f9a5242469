"""Tidying a budget's grids before their tables are located: title, numbering and unit lines
printed inside the ruled grid lifted out of it, narrow empty margin columns dropped, and
sliver columns (rules a few points apart) merged into their neighbours.

Spreadsheet exports (Beijing's 预算01表…, Jiangsu's 公开02表) rule every cell, so the
table's title, its number, "部门：…" and "金额单位：万元" sit in the grid's first rows.
Read as header rows they would name every column "收支总表"; lifted above the grid they
are what they are, the title lines that locate.py and the unit detection read.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from juesuan.extract.budget.titles import classify_budget_title
from juesuan.extract.grid import Cell, Grid
from juesuan.extract.header import is_amount_text
from juesuan.text import normalise_text, printed_label

_NUMBER_ONLY = re.compile(r"^(?:预算|公开|附)?(?:\d+表|表\d+|表[一二三四五六七八九十]{1,3})[:：]?$")
_LABELLED = re.compile(r"^(?:金额)?单位[:：]|^(?:部门|单位|预算单位|编制单位|填报单位|部门\(单位\))(?:名称)?[:：]")
_MAX_BANNER_ROWS = 6


def _is_banner_text(text: str) -> bool:
    return bool(_NUMBER_ONLY.match(text) or _LABELLED.match(text) or classify_budget_title(text))


def _lines(cell: Cell) -> list[tuple[str, str]]:
    """(normalised, as printed) per text line of a cell: a title and the unit line below
    it may share one cell."""
    return [(normalise_text(line), printed_label(line)) for line in cell.text.splitlines() if normalise_text(line)]


def _banner_row(grid: Grid, row: int) -> bool:
    texts = {t for c in grid.row_cells(row) for t, _ in _lines(c)}
    if any(is_amount_text(t) for t in texts):
        return False
    return all(_is_banner_text(t) for t in texts)


def lift_banner_rows(grid: Grid) -> Grid:
    """The grid without its leading title/unit rows, their texts added to lines_above."""
    count = 0
    while count < min(_MAX_BANNER_ROWS, grid.n_rows - 1) and _banner_row(grid, count):
        count += 1
    lifted: list[tuple[str, str]] = []
    for row in range(count):
        for cell in grid.row_cells(row):
            if cell.row == row:
                lifted.extend(line for line in _lines(cell) if line not in lifted)
    if not lifted:
        return grid
    return _without_top_rows(grid, count, [t for t, _ in reversed(lifted)], [lab for _, lab in reversed(lifted)])


def _without_top_rows(grid: Grid, count: int, lines: list[str], labels: list[str]) -> Grid:
    cells: list[Cell] = []
    matrix: list[list[Cell | None]] = [[None] * grid.n_cols for _ in range(grid.n_rows - count)]
    for old in grid.cells:
        if old.row_end <= count:
            continue
        if old.row < count and _lines(old) and all(_is_banner_text(t) for t, _ in _lines(old)):
            continue  # a frame ruled around title and table: its text is the title, lifted
        cell = Cell(max(old.row, count) - count, old.col, old.row_end - count, old.col_end,
                    old.text, old.norm, old.label, old.bbox, old.text_x0)
        cells.append(cell)
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows - count, n_cols=grid.n_cols, cells=cells,
                col_edges=grid.col_edges, lines_above=lines + grid.lines_above,
                labels_above=labels + grid.labels_above, matrix=matrix)


_MARGIN_WIDTH = 12.0  # points: narrower than any column that prints a figure


def drop_blank_columns(grid: Grid) -> Grid:
    """The grid without its margin columns: narrow columns that hold nothing in any row,
    which some exports rule on some pages only, so that continuation pages line up."""
    blank = [c for c in range(grid.n_cols)
             if grid.col_edges[c + 1] - grid.col_edges[c] < _MARGIN_WIDTH
             and all(cell is None or (not cell.norm and cell.col == c and cell.col_end == c + 1)
                     for cell in (grid.matrix[r][c] for r in range(grid.n_rows)))]
    if not blank or len(blank) == grid.n_cols:
        return grid
    keep = [c for c in range(grid.n_cols) if c not in blank]
    new_index = {c: i for i, c in enumerate(keep)}
    cells: list[Cell] = []
    matrix: list[list[Cell | None]] = [[None] * len(keep) for _ in range(grid.n_rows)]
    for old in grid.cells:
        kept = [c for c in range(old.col, old.col_end) if c in new_index]
        if not kept:
            continue
        cell = Cell(old.row, new_index[kept[0]], old.row_end, new_index[kept[-1]] + 1, old.text, old.norm,
                    old.label, old.bbox, old.text_x0)
        cells.append(cell)
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    edges = [grid.col_edges[c] for c in keep] + [grid.col_edges[keep[-1] + 1]]
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows, n_cols=len(keep), cells=cells,
                col_edges=edges, lines_above=grid.lines_above, labels_above=grid.labels_above, matrix=matrix)


_SLIVER = 7.0  # points: rules closer than this bound one column, not two


def merge_sliver_columns(grid: Grid) -> Grid:
    """The grid on column edges at least _SLIVER apart, each cell placed by its own box.

    Old spreadsheet exports draw a row's rules a few points off the next row's (81 and 86,
    227, 232 and 237): the finest division then yields sliver columns, and a figure's
    column depends on its row. Merged, every row lines up with its header again.
    """
    edges = grid.col_edges
    kept = [edges[0]]
    for x in edges[1:]:
        if x - kept[-1] >= _SLIVER:
            kept.append(x)
        elif x == edges[-1]:
            kept[-1] = x  # the right border stays the border
    if len(kept) == len(edges) or len(kept) < 2:
        return grid
    n_cols = len(kept) - 1

    def column(x: float) -> int:
        return max(0, min(n_cols - 1, bisect_right(kept, x) - 1))

    cells: list[Cell] = []
    matrix: list[list[Cell | None]] = [[None] * n_cols for _ in range(grid.n_rows)]
    # Where a sliver cell and a printed cell land on one position, the printed one keeps it.
    for old in sorted(grid.cells, key=lambda c: (not c.norm, _area(c))):
        # The cell's rules on this grid: its own box, or where body_columns placed a header cell.
        left, right = edges[old.col], edges[old.col_end]
        c0, c1 = column(left + _SLIVER), column(right - _SLIVER) + 1
        if c1 <= c0:
            c1 = c0 + 1
        cell = Cell(old.row, c0, old.row_end, c1, old.text, old.norm, old.label, old.bbox, old.text_x0)
        cells.append(cell)
        for r in range(cell.row, cell.row_end):
            for c in range(c0, c1):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows, n_cols=n_cols, cells=cells,
                col_edges=kept, lines_above=grid.lines_above, labels_above=grid.labels_above, matrix=matrix)


def body_columns(grid: Grid) -> Grid:
    """The grid on the column rules of its body, the header's cells placed over them.

    Some exports rule the header on other verticals than the body (Jiangsu's 2017-2019
    tables: 功能科目代码 ruled 84-159 over codes printed 79-146, 金额 from 362 over figures
    from 351), so the finest division splits each body column in two and a header names
    two columns or none. The body's rules are the table's columns; a header cell spans the
    body columns whose middles it covers (or, covering none, the one under its middle).
    """
    start = next((r for r in range(grid.n_rows)
                  if any(is_amount_text(c.norm) for c in grid.row_cells(r) if c.norm)), None)
    if start is None or start == 0:
        return grid
    edges = grid.col_edges
    body = [c for c in grid.cells if c.row >= start and (c.norm or edges[c.col_end] - edges[c.col] >= _SLIVER)]
    used = sorted({c.col for c in body} | {c.col_end for c in body} | {0, grid.n_cols})
    head = [c for c in grid.cells if c.row < start and (c.norm or edges[c.col_end] - edges[c.col] >= _SLIVER)]
    if len(used) == grid.n_cols + 1 or set(used) <= {c.col for c in head} | {c.col_end for c in head}:
        return grid  # no rule of the body off the header's (a total-only body is merely coarser)
    kept = [edges[i] for i in used]
    n_cols = len(kept) - 1
    middles = [(kept[i] + kept[i + 1]) / 2 for i in range(n_cols)]

    def span(cell: Cell) -> tuple[int, int] | None:
        x0, x1 = edges[cell.col], edges[cell.col_end]
        if cell.row >= start:
            return used.index(cell.col) if cell.col in used else None, used.index(cell.col_end) if cell.col_end in used else None
        covered = [i for i, m in enumerate(middles) if x0 <= m <= x1]
        if covered:
            return covered[0], covered[-1] + 1
        if not cell.norm:
            return None
        i = max(0, min(n_cols - 1, bisect_right(kept, (x0 + x1) / 2) - 1))
        return i, i + 1

    cells: list[Cell] = []
    matrix: list[list[Cell | None]] = [[None] * n_cols for _ in range(grid.n_rows)]
    for old in sorted(grid.cells, key=lambda c: (not c.norm, _area(c))):
        found = span(old)
        if found is None or found[0] is None or found[1] is None:
            if old.norm:
                return grid  # a printed body cell off the body's rules: leave the grid be
            continue
        c0, c1 = found
        cell = Cell(old.row, c0, old.row_end, c1, old.text, old.norm, old.label, old.bbox, old.text_x0)
        cells.append(cell)
        for r in range(cell.row, cell.row_end):
            for c in range(c0, c1):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows, n_cols=n_cols, cells=cells,
                col_edges=kept, lines_above=grid.lines_above, labels_above=grid.labels_above, matrix=matrix)


def _area(cell: Cell) -> float:
    if cell.bbox is None:
        return float((cell.row_end - cell.row) * (cell.col_end - cell.col))
    return (cell.bbox[2] - cell.bbox[0]) * (cell.bbox[3] - cell.bbox[1])
