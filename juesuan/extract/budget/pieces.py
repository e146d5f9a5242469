"""A table whose header is broken by a page break: the two pieces joined into one grid.

Jiangsu's 2018 exports print 财政拨款收支预算总表's title and its first header row
(收入 | 支出) at the foot of a page and the rest of the header (项目名称, 金额, 支出用途 …)
with the body on the next page. The first piece has no body row, the second no title:
located apart, the titled piece holds no figure and the figures fall under no title.
Stacked, they are the table as printed, its columns' header paths complete
('收入/金额', '支出/支出用途/金额').

The pieces are joined only when the first is a titled header without a body, the last
grid of its page, and the second is the first grid of the next page, untitled, starts
with header rows, and divides the same width more finely (each of the first piece's
column rules is one of its own).
"""

from __future__ import annotations

from collections.abc import Callable

from juesuan.extract.grid import Cell, Grid, regrid
from juesuan.extract.header import body_start


def join_split_headers(grids: list[Grid], titled: Callable[[Grid], bool]) -> list[Grid]:
    """The grids in order, each header piece stacked onto the grid that continues it."""
    out: list[Grid] = []
    for index, grid in enumerate(grids):
        if out and _continues_header(out[-1], grid, grids, index, titled):
            joined = stack(out[-1], grid)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(grid)
    return out


def _continues_header(piece: Grid, grid: Grid, grids: list[Grid], index: int, titled) -> bool:
    first_on_page = index == 0 or grids[index - 1].page != grid.page
    return (grid.page == piece.page + 1 and first_on_page and titled(piece) and not titled(grid)
            and body_start(piece) == piece.n_rows and 0 < body_start(grid) < grid.n_rows)


def stack(top: Grid, bottom: Grid) -> Grid | None:
    """`top`'s rows above `bottom`'s, on `bottom`'s column edges; None if top's column rules
    are not among bottom's. The grid is `bottom`'s page (where its figures are printed),
    under `top`'s title lines."""
    upper = regrid(top, bottom.col_edges)
    if upper is None:
        return None
    shift = upper.n_rows
    lower = [Cell(c.row + shift, c.col, c.row_end + shift, c.col_end, c.text, c.norm, c.label, c.bbox,
                  c.text_x0)
             for c in bottom.cells]
    n_rows = shift + bottom.n_rows
    matrix: list[list[Cell | None]] = [[None] * bottom.n_cols for _ in range(n_rows)]
    for cell in upper.cells + lower:
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(page=bottom.page, bbox=bottom.bbox, n_rows=n_rows, n_cols=bottom.n_cols,
                cells=upper.cells + lower, col_edges=list(bottom.col_edges), lines_above=top.lines_above,
                labels_above=top.labels_above, matrix=matrix)
