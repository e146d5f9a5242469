"""A summary-table line cut in two by a page break, joined again.

Jiangsu's provincial exports break pages inside a row: '八、社会保障和就' with its figure
at the foot of one page, '业支出' alone at the head of the next; '当 年 收 入' beside
its figure, then '小计' over empty cells. Read as printed, the first half is a line nobody
knows and the second a blank line of its own (or a total row 'missing').

The head of the continuation is joined to the foot of the page before only where the
page break is the sole explanation: the continuation row prints no figure, each of its
words sits in a column whose cell in the row before is a label, and in every such column
the two halves together name a line (`is_line`: a class, a total) while the second half
alone names none. Anything else is left as printed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from juesuan.extract.grid import Cell, Grid
from juesuan.extract.header import body_starts, is_amount_text
from juesuan.text import normalise_text, printed_label


def join_split_lines(grids: list[Grid], is_line: Callable[[str], bool]) -> list[Grid]:
    """The grids of one table, with each line cut by a page break joined on the earlier page
    and its second half blanked on the later one."""
    if len(grids) < 2:
        return grids
    starts = body_starts(grids)
    joined = [grids[0]]
    for grid, start in zip(grids[1:], starts[1:]):
        pair = _join(joined[-1], grid, start, is_line)
        if pair is not None:
            joined[-1], grid = pair
        joined.append(grid)
    return joined


def _join(before: Grid, after: Grid, row: int, is_line) -> tuple[Grid, Grid] | None:
    if row >= after.n_rows or before.n_rows == 0 or before.n_cols != after.n_cols:
        return None
    last = before.n_rows - 1
    halves = [c for c in after.row_cells(row) if c.norm]
    if not halves or any(is_amount_text(c.norm) for c in halves):
        return None
    firsts = []
    for second in halves:
        first = before.cell(last, second.col) if before.owns(last, second.col) else None
        if first is None or not first.norm or is_amount_text(first.norm) or first.col_end != second.col_end:
            return None
        if is_line(printed_label(second.text)) or not is_line(printed_label(first.text + second.text)):
            return None
        firsts.append(first)
    before = _with_texts(before, {id(f): f.text + "\n" + s.text for f, s in zip(firsts, halves)})
    after = _with_texts(after, {id(s): "" for s in halves})
    return before, after


def _with_texts(grid: Grid, texts: dict[int, str]) -> Grid:
    """A copy of the grid whose cells (by id) print the given texts."""
    copies: dict[int, Cell] = {}
    for cell in grid.cells:
        if id(cell) in texts:
            raw = texts[id(cell)]
            copies[id(cell)] = dataclasses.replace(cell, text=raw, norm=normalise_text(raw), label=printed_label(raw))
        else:
            copies[id(cell)] = cell
    matrix = [[copies[id(c)] if c is not None else None for c in row] for row in grid.matrix]
    return dataclasses.replace(grid, cells=list(copies.values()), matrix=matrix)
