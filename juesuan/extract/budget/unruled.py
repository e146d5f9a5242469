"""Coded rows printed outside every ruled table on a budget's table page: never silent.

A page may print a second table without rules of its own, or inside a frame we do not
read as a grid. Its rows ('301 工资福利支出 2,928.98') are then in no grid and no record.
Such a line has the shape of a coded table row: a classification code, a name, and amounts
with cents; prose (sentences of the 情况说明) does not. (The case that prompted this,
江苏省人大 2017 p11, turned out to be an export's overflow drawn below the page, which no
reader sees: such content is no longer read at all, see extract/pdfium_page.py.)
"""

from __future__ import annotations

import re

from juesuan.extract.printed import TextLine
from juesuan.model import Problem

_CODED_ROW = re.compile(r"^(\d{3}|\d{5}|\d{7})\s+[\u4e00-\u9fff][^，。,;；]*?\d{1,3}(?:,\d{3})*\.\d{2}$")


def coded_rows_outside_tables(outside: dict[int, list[TextLine]], table_pages: set[int]) -> list[Problem]:
    """A table_unreadable problem per table page that prints coded rows outside its grids."""
    problems = []
    for page in sorted(table_pages):
        rows = [line.text.strip() for line in outside.get(page, []) if _CODED_ROW.match(line.text.strip())]
        if rows:
            problems.append(Problem(
                "table_unreadable", f"{len(rows)} coded row(s) with figures are printed outside every ruled "
                f"table on page {page} (first: '{rows[0]}'): a table we do not read; its figures are not "
                "extracted", page=page))
    return problems
