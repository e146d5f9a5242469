"""The narrative's text: every page without a table, and the prose under a page's last table.

A 情况说明 often starts on the page where the last table ends (Jiangsu's budgets print the
tail of their 政府采购预算表 and then '第三部分 … 情况说明' on one page). Dropping every page
a table touches loses the first paragraphs of the narrative, which are the ones stating
the totals. Text above a table (titles, 单位：万元) and beside it is not narrative; text
below the lowest grid is, when it runs to prose rather than a one-line note.
"""

from __future__ import annotations

from juesuan.extract.grid import Grid
from juesuan.extract.printed import TextLine
from juesuan.extract.scan import PageScan
from juesuan.text import has_cjk, normalise_text

# Below this many characters the text under a table is a note or a page number, not prose.
MIN_PROSE_CHARS = 60


def narrative_pages(scans: list[PageScan], table_pages: set[int], grids: list[Grid],
                    outside: dict[int, list[TextLine]]) -> list[tuple[int, str]]:
    """(page, text) of the narrative, in page order."""
    lowest: dict[int, float] = {}
    for grid in grids:
        if grid.page in table_pages:
            lowest[grid.page] = max(lowest.get(grid.page, 0.0), grid.bbox[3])
    pages = []
    for scan in scans:
        if not scan.norm:
            continue
        if scan.number not in table_pages:
            pages.append((scan.number, scan.text))
            continue
        below = text_below(outside.get(scan.number, []), lowest.get(scan.number))
        if below:
            pages.append((scan.number, as_printed(scan.text, below)))
    return pages


def text_below(lines: list[TextLine], bottom: float | None) -> list[TextLine]:
    """The lines under `bottom` (a grid's lower edge), when they hold prose."""
    if bottom is None:
        return []
    kept = [line for line in lines if line.top >= bottom]
    norm = normalise_text("".join(line.text for line in kept))
    if len(norm) < MIN_PROSE_CHARS or not has_cjk(norm):
        return []
    return kept


def as_printed(page_text: str, lines: list[TextLine]) -> str:
    """The page's own text (PDFium's, as every other narrative page) from where `lines`
    begin: the lines themselves are NFKC-folded (，→ ,), which would change the wording a
    finding quotes. Falls back to the lines when the start is not found in the page text."""
    norm_chars, starts = [], []
    for index, char in enumerate(page_text):
        for piece in normalise_text(char):
            norm_chars.append(piece)
            starts.append(index)
    head = normalise_text("".join(line.text for line in lines[:2]))
    found = "".join(norm_chars).find(head) if head else -1
    if found < 0:
        return "\n".join(line.text for line in lines)
    return page_text[starts[found]:]
