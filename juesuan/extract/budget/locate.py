"""Assigning a budget's grids to tables: the finals' continuation logic, budget titles.

A table we do not key (绩效目标表, 政府采购预算表, 项目支出表 …) is still located, under
the id 'skip:<title>', so that its continuation pages are recognised as its own and not
taken for pages of the table before it; the document then reports it as skipped. A row
that a page break cut in two is joined again (juesuan.extract.split_rows).
"""

from __future__ import annotations

from juesuan.extract.budget.pieces import join_split_headers
from juesuan.extract.budget.tidy import body_columns, drop_blank_columns, lift_banner_rows, merge_sliver_columns
from juesuan.extract.budget.titles import SKIP, BudgetTitle, classify_budget_title
from juesuan.extract.grid import Grid
from juesuan.extract.locate import LocatedTable, locate_tables
from juesuan.extract.split_rows import join_rows_cut_by_page_breaks

SKIP_PREFIX = SKIP + ":"


def grid_title(grid: Grid) -> BudgetTitle | None:
    """The budget title nearest above a grid (joined pieces too, as locate.title_of)."""
    for line in grid.lines_above[:6]:
        found = classify_budget_title(line)
        if found:
            return found
    joined = "".join(reversed(grid.lines_above[:3]))
    for start in range(len(joined)):
        found = classify_budget_title(joined[start:])
        if found:
            return found
    return _wrapped_title(grid.lines_above[1:4])


def _wrapped_title(lines: list[str]) -> BudgetTitle | None:
    """A title wrapped onto two lines above the 部门 / 单位 line ('“三公”经费、会议费、培训费
    支出预算' over '表', 江苏省人大 2017 p20): the joined pieces above can end only with
    that line, which is no title, so the wrapped lines are joined on their own."""
    for first in range(len(lines) - 1):
        found = classify_budget_title(lines[first + 1] + lines[first])
        if found:
            return found
    return None


def budget_table_id(grid: Grid) -> str | None:
    found = grid_title(grid)
    if found is None:
        return None
    return SKIP_PREFIX + found.text if found.table_id == SKIP else found.table_id


def locate_budget_tables(grids: list[Grid]) -> tuple[dict[str, LocatedTable], list[Grid]]:
    """Budget tables by id ('01'…'09', extras, 'skip:<title>'), and the unassigned grids."""
    lifted = [drop_blank_columns(lift_banner_rows(merge_sliver_columns(body_columns(g)))) for g in grids]
    joined = join_split_headers(lifted, titled=lambda g: grid_title(g) is not None)
    tables, unassigned = locate_tables(joined, title=budget_table_id)
    for table in tables.values():
        table.grids = join_rows_cut_by_page_breaks(table.grids)
    return tables, unassigned


def is_skipped(table_id: str) -> bool:
    return table_id.startswith(SKIP_PREFIX)
