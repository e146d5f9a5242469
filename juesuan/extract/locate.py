"""Which of the nine tables a ruled grid is, from its title and from where it sits.

Titles contain one another (支出决算表 is inside 政府性基金预算财政拨款收入支出决算表), so the
most specific wording is tested first. A grid with no title above it continues the
table of the previous grid when it follows it directly and has compatible columns:
continuation pages carry no header and no 续表 mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.extract.grid import Grid, regrid

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_NUMBERING = re.compile(r"^(公开)?(附)?表?[0-9一二三四五六七八九十]+(表)?[、.：:]?")

# (table id, words that must all appear), most specific first.
_TITLE_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("09", ("三公", "决算")),
    ("07", ("政府性基金预算财政拨款", "决算")),
    ("08", ("国有资本经营预算财政拨款", "决算")),
    ("06", ("一般公共预算财政拨款基本支出", "决算")),
    ("05", ("一般公共预算财政拨款支出决算",)),
    ("05", ("高等学校财政拨款支出决算",)),
    ("04", ("财政拨款收入支出决算总表",)),
    ("04", ("财政拨款收支决算总表",)),
    ("01", ("收入支出决算总表",)),
    ("01", ("收支决算总表",)),
    ("02", ("收入决算表",)),
    ("03", ("支出决算表",)),
]
_BUDGET_WORDS = ("预算表", "预算总表", "预算明细表")
_MAX_TITLE_LENGTH = 48


def clean_title(text: str) -> str:
    return _QUOTES.sub("", text)


def classify_title(text: str) -> str | None:
    """The canonical id of a final-accounts table title, or None if the text is not one."""
    t = clean_title(text)
    if not t or len(t) > _MAX_TITLE_LENGTH or not t.endswith(("表", "表)", "表）")):
        return None
    if t.startswith(("第一部分", "第二部分", "第三部分")) or "部门决算表" in t or "单位决算表" in t:
        return None
    for table_id, words in _TITLE_RULES:
        if all(w in t for w in words):
            return table_id
    return None


def is_budget_title(text: str) -> bool:
    """A budget-package table title (收入支出预算总表 …): the document is not final accounts."""
    t = clean_title(text)
    return len(t) <= _MAX_TITLE_LENGTH and "决算" not in t and any(w in t for w in _BUDGET_WORDS)


def title_of(grid: Grid) -> str | None:
    """The table id named by the nearest title line above the grid (joined pieces too)."""
    for line in grid.lines_above[:6]:
        table_id = classify_title(line)
        if table_id:
            return table_id
    # A title printed in pieces ("财政拨款 三公 经费支出决算表" and its quotes on another line).
    joined = "".join(reversed(grid.lines_above[:3]))
    for start in range(len(joined)):
        table_id = classify_title(joined[start:])
        if table_id:
            return table_id
    return None


@dataclass
class LocatedTable:
    table_id: str
    grids: list[Grid] = field(default_factory=list)
    title: str = ""

    @property
    def pages(self) -> list[int]:
        return sorted({g.page for g in self.grids})


def _compatible(previous: Grid, grid: Grid) -> bool:
    """A continuation grid has the same column layout as the grid it continues."""
    if previous.n_cols != grid.n_cols:
        return False
    width = previous.col_edges[-1] - previous.col_edges[0]
    return all(abs(a - b) <= max(6.0, width * 0.02)
               for a, b in zip(previous.col_edges, grid.col_edges))


def locate_tables(grids: list[Grid], title=title_of) -> tuple[dict[str, LocatedTable], list[Grid]]:
    """Assign grids (in page order) to tables; returns the tables and the unassigned grids.

    `title(grid)` names the table a grid's title lines announce (finals by default;
    budgets pass their own, juesuan.extract.budget.locate).

    Continuation pages usually carry no title; some repeat title and header, which is
    still a continuation when the grid follows directly with the same columns. A table
    printed twice elsewhere keeps its first printing; the second comes back unassigned
    so the caller can report it.
    """
    tables: dict[str, LocatedTable] = {}
    unassigned: list[Grid] = []
    current: LocatedTable | None = None
    for grid in grids:
        table_id = title(grid)
        if table_id is not None:
            if table_id in tables:
                last = tables[table_id].grids[-1]
                if current is tables[table_id] and grid.page == last.page + 1 and _compatible(last, grid):
                    current.grids.append(grid)  # a continuation page that repeats title and header
                    continue
                unassigned.append(grid)
                current = None
                continue
            current = LocatedTable(table_id, [grid])
            tables[table_id] = current
            continue
        last = current.grids[-1] if current else None
        if last is not None and grid.page in (last.page, last.page + 1) and _compatible(last, grid):
            current.grids.append(grid)
        elif last is not None and grid.page in (last.page, last.page + 1) and grid.n_cols < last.n_cols and \
                (finer := regrid(grid, last.col_edges)) is not None:
            current.grids.append(finer)
        else:
            unassigned.append(grid)
            current = None
    return tables, unassigned
