"""A table title printed at the foot of one page, its table on the next.

Spreadsheet exports break pages by rows, not by tables: the title of a table (and its
部门 / 单位 line) can end one page while its grid starts the next, under nothing
(江苏省人大 2017: 财政拨款基本支出预算表 at the foot of p12, its grid on pp13-15;
一般公共预算机关运行经费支出预算表 at the foot of p18, its grid on p19). Read page by
page, the grid has no title: a budget reported it as 'a ruled table under no recognised
title'; a final took it for more rows of the table before it when the columns matched
(locate.py: an untitled grid that follows a table continues it), or left it unassigned.

A reader takes the title across the page break, and so does this: the first grid of a
page, under no title of its own, gets the lines that end the previous page below its
last grid when those lines are a table title followed by at most two short lines
(the 部门 / 单位 line, a page number) and no figure. Nothing else moves: a title followed by
prose or figures is something else (a narrative, an unruled table) and stays where it is,
and a continuation page (no title ending the page before it) is left to continue.

Finals and budgets name their tables differently, so the caller says what a title is:
`grid_title` (the title above a grid, None if none) and `line_title` (the title one
printed line names, None if it is none): extract.locate's title_of / classify_title for
finals, extract.budget.locate's grid_title and budget.titles' classify_budget_title for
budgets.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from juesuan.extract.grid import Grid
from juesuan.extract.printed import TextLine
from juesuan.text import normalise_text, printed_label

_MAX_LINES_AFTER_TITLE = 2
_FIGURE = re.compile(r"\d\.\d{2}(?!\d)")  # an amount with cents: a table row, not a heading


def carry_foot_titles(grids: list[Grid], outside: dict[int, list[TextLine]], *,
                      grid_title: Callable[[Grid], object | None],
                      line_title: Callable[[str], object | None]) -> list[Grid]:
    """The grids, the first grid of a page given the title ending the previous page
    (as lines above it, after its own) where the rule above applies."""
    lowest: dict[int, float] = {}
    first: dict[int, int] = {}
    for index, grid in enumerate(grids):
        lowest[grid.page] = max(lowest.get(grid.page, 0.0), grid.bbox[3])
        if grid.page not in first or grid.bbox[1] < grids[first[grid.page]].bbox[1]:
            first[grid.page] = index
    carried = list(grids)
    for page, index in first.items():
        grid = grids[index]
        if grid_title(grid) is not None or page - 1 not in lowest:
            continue
        foot = foot_title(outside.get(page - 1, []), lowest[page - 1], line_title)
        if foot:
            nearest_first = list(reversed(foot))
            carried[index] = dataclasses.replace(
                grid, lines_above=grid.lines_above + [normalise_text(ln.text) for ln in nearest_first],
                labels_above=grid.labels_above + [printed_label(ln.text) for ln in nearest_first])
    return carried


def foot_title(lines: list[TextLine], bottom: float, line_title: Callable[[str], object | None]) -> list[TextLine]:
    """The title and the lines after it that end a page below its last grid (`bottom`),
    or [] when the page does not end with a table title (as `line_title` knows them)."""
    below = [ln for ln in lines if ln.top >= bottom]
    for start in range(len(below) - 1, max(-1, len(below) - 2 - _MAX_LINES_AFTER_TITLE), -1):
        if line_title(normalise_text(below[start].text)) is None:
            continue
        tail = below[start:]
        if any(_FIGURE.search(normalise_text(ln.text)) for ln in tail):
            return []
        return tail
    return []
