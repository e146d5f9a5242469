"""Title, numbering and unit lines printed inside the ruled grid, lifted out of it.

Spreadsheet exports (Beijing's 预算01表…, Jiangsu's 公开02表) rule every cell, so the
table's title, its number, "部门：…" and "金额单位：万元" sit in the grid's first rows.
Read as header rows they would name every column "收支总表"; lifted above the grid they
are what they are, the title lines that locate.py and the unit detection read.
"""

from __future__ import annotations

import re

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
        cell = Cell(max(old.row, count) - count, old.col, old.row_end - count, old.col_end,
                    old.text, old.norm, old.label, old.bbox)
        cells.append(cell)
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows - count, n_cols=grid.n_cols, cells=cells,
                col_edges=grid.col_edges, lines_above=lines + grid.lines_above,
                labels_above=labels + grid.labels_above, matrix=matrix)
