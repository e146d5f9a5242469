"""Where on its pages a finding or a problem is: the boxes a reviewer's page image marks.

Pure functions over what the warehouse and the page hold; nothing is drawn here.

- **Table findings** name their cells in `location` ("03 row 2010301 (行政运行), column
  基本支出", "01 支出/一般公共服务支出 vs 03 201/本年支出合计", "table 06"). The names are
  matched against the row and column keys the document actually has (longest key first),
  never parsed by guessing, and the cells' boxes come from extraction (`line_items.cell_*`).
  A row without a column marks the row, a column without a row the column, a bare table
  the table's extent with nothing singled out.
- **Narrative findings** quote their sentence; it has no stored box, so it is searched on
  the page's characters (PDFium, display orientation) after the same normalisation the
  checks use. A quote trimmed in the middle ("head…tail") is found by its two ends. If
  the sentence is not on the page, the target says so and marks nothing: a highlight in
  the wrong place would be worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.report.data import CellRow
from juesuan.text import normalise_text

Box = tuple[float, float, float, float]  # (x0, top, x1, bottom), points, origin top-left

MIN_PIECE = 6  # a quoted piece shorter than this (normalised) could match anywhere
TABLE_REF = re.compile(r"^(\d{2}) (.+)$")
TABLE_ONLY = re.compile(r"^table (\d{2})$")
NOT_PRINTED = " (row not printed: 0)"


@dataclass(frozen=True)
class Target:
    """What to show on one page: the boxes to mark and the area around them.

    `note` says what could not be marked (a quote not found on this page) or what is
    marked (a whole table), in words for the reviewer.
    """

    page: int
    boxes: tuple[Box, ...] = ()
    context: Box | None = None
    note: str | None = None


# --- table cells ----------------------------------------------------------------------

def _longest_prefix(text: str, keys: set[str], followers: tuple[str, ...]) -> str | None:
    """The longest key that `text` is, or starts with followed by one of `followers`."""
    for key in sorted(keys, key=len, reverse=True):
        if text == key or any(text.startswith(key + f) for f in followers):
            return key
    return None


def _cells_of_reference(reference: str, cells: list[CellRow]) -> tuple[str | None, list[CellRow]]:
    """('03', [cells]) for one "TT …" reference; [] when it names a table only."""
    whole = TABLE_ONLY.match(reference)
    if whole:
        return whole.group(1), []
    match = TABLE_REF.match(reference)
    if not match:
        return None, []
    table_id, rest = match.groups()
    table = [c for c in cells if c.table_id == table_id]
    if not table:
        return table_id, []
    rest = rest.removeprefix("row ").removesuffix(NOT_PRINTED)
    rows = {c.row_key for c in table}
    columns = {c.column_key for c in table}
    column = None
    if ", column " in rest:
        rest, column = rest.rsplit(", column ", 1)
    row = _longest_prefix(rest, rows, (" (", "/"))
    if row is not None and column is None and rest.startswith(row + "/"):
        column = rest[len(row) + 1:]
    if row is None and column is None and rest in columns:
        column, rest = rest, ""  # "06 决算数": a whole column
    if (column is not None and column not in columns) or (row is None and rest):
        return table_id, []  # it names a cell this document has no figure for: mark nothing
    return table_id, [c for c in table
                      if (row is None or c.row_key == row) and (column is None or c.column_key == column)]


def table_targets(location: str, pages: tuple[int, ...], cells: list[CellRow]) -> list[Target] | None:
    """Targets for a finding that names table cells; None when `location` names no table
    (then it is a quoted sentence)."""
    references = [part.strip() for part in re.split(r" vs | ≤ ", location)]
    named_tables: list[str] = []
    marked: list[CellRow] = []
    names_cells = False
    for reference in references:
        table_id, found = _cells_of_reference(reference, cells)
        if table_id is not None:
            named_tables.append(table_id)
            marked += found
            names_cells = names_cells or not TABLE_ONLY.match(reference)
    if not named_tables:
        return None
    placed = [c for c in marked if c.page is not None and c.box is not None]
    if placed:
        return [Target(page, tuple(c.box for c in placed if c.page == page),
                       table_extent(cells, named_tables, page))
                for page in sorted({c.page for c in placed})]
    what = "table " + ", ".join(dict.fromkeys(named_tables))
    note = (f"{what}: the cell the finding names was not read with a position; the table is outlined"
            if names_cells else f"{what} as a whole: the finding names no single cell")
    shown = sorted(pages) or sorted(_table_pages(cells, named_tables))[:1]
    return [Target(page, (), table_extent(cells, named_tables, page), note) for page in shown]


def _table_pages(cells: list[CellRow], tables: list[str]) -> set[int]:
    return {c.page for c in cells if c.table_id in tables and c.page is not None and c.box is not None}


def table_extent(cells: list[CellRow], tables: list[str] | tuple[str, ...], page: int) -> Box | None:
    """The union of the boxes of these tables' cells on one page."""
    boxes = [c.box for c in cells if c.table_id in tables and c.page == page and c.box is not None]
    return union(boxes) if boxes else None


def union(boxes) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


# --- quoted sentences -----------------------------------------------------------------

@dataclass(frozen=True)
class PageText:
    """A page's characters in content order, normalised, each mapped to its box."""

    text: str
    boxes: tuple[Box, ...]      # per normalised character
    baselines: tuple[float, ...]

    @classmethod
    def from_chars(cls, chars: list[dict]) -> "PageText":
        text, boxes, baselines = [], [], []
        for ch in chars:
            for folded in normalise_text(ch["text"]):
                text.append(folded)
                boxes.append((ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
                baselines.append(ch.get("baseline", ch["bottom"]))
        return cls("".join(text), tuple(boxes), tuple(baselines))

    def column(self) -> tuple[float, float] | None:
        """Left and right edge of the page's text."""
        if not self.boxes:
            return None
        return min(b[0] for b in self.boxes), max(b[2] for b in self.boxes)

    def extent(self) -> Box | None:
        """Where the page has text at all (the page without its blank margins)."""
        return union(self.boxes) if self.boxes else None


def quote_pieces(quote: str) -> list[tuple[str, str | None]]:
    """(head, tail) pairs to search: one per '；'-joined part, tail set where the quote was
    trimmed in the middle ('head…tail')."""
    pieces = []
    for part in quote.split("；"):
        head, _, tail = part.partition("…")
        head, tail = normalise_text(head), normalise_text(tail)
        if len(head) < MIN_PIECE and len(tail) >= MIN_PIECE:
            head, tail = tail, ""
        if len(head) >= MIN_PIECE:
            pieces.append((head, tail if len(tail) >= MIN_PIECE else None))
    return pieces


def _longest_occurring(text: str, piece: str, prefix: bool) -> int:
    """Length of the longest prefix (or suffix) of `piece` that occurs in `text`: occurrence
    is monotone in length, so a binary search finds it."""
    low, high = 0, len(piece)
    while low < high:
        middle = (low + high + 1) // 2
        part = piece[:middle] if prefix else piece[-middle:]
        if part in text:
            low = middle
        else:
            high = middle - 1
    return low


def _occurrences(text: str, part: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(part)
    while start >= 0:
        spans.append((start, start + len(part)))
        start = text.find(part, start + len(part))
    return spans


def find_quote(page: PageText, quote: str) -> tuple[list[tuple[int, int]], bool]:
    """Spans (start, end) of normalised characters that the quote covers on this page, and
    whether only part of it was found (a sentence running over a page break, or printed
    differently from how the check read it)."""
    spans: list[tuple[int, int]] = []
    partial = False
    for head, tail in quote_pieces(quote):
        found = []
        for start, end in _occurrences(page.text, head):
            if tail:
                # the trimmed middle is at most a long sentence away
                tail_at = page.text.find(tail, end, end + 400 + len(tail))
                end = tail_at + len(tail) if tail_at >= 0 else end
            found.append((start, end))
        if tail and not found:
            found = _occurrences(page.text, tail)  # the sentence began on the previous page
            partial = partial or bool(found)
        if not found:
            # its beginning ends this page, or its end begins it: the longest part found,
            # if long enough not to be a coincidence
            for piece, is_prefix in ((head, True), (tail or head, False)):
                length = _longest_occurring(page.text, piece, is_prefix)
                if length >= max(2 * MIN_PIECE, len(piece) * 3 // 10):
                    part = piece[:length] if is_prefix else piece[-length:]
                    found += _occurrences(page.text, part)
            partial = partial or bool(found)
        spans += found
    return sorted(set(spans)), partial


def line_boxes(page: PageText, start: int, end: int) -> list[Box]:
    """One box per printed line of the characters start..end (a new line where the
    baseline moves by more than half a character or the text runs back left)."""
    boxes: list[Box] = []
    current: list[Box] = []
    baseline = None
    for i in range(start, end):
        box = page.boxes[i]
        height = max(box[3] - box[1], 1.0)
        if current and (abs(page.baselines[i] - baseline) > height / 2 or box[0] < current[-1][0] - height):
            boxes.append(union(current))
            current = []
        if not current:
            baseline = page.baselines[i]
        current.append(box)
    if current:
        boxes.append(union(current))
    return boxes


def sentence_target(page_number: int, page: PageText | None, quote: str) -> Target:
    """The quote's lines on the page, or a note that it is not there."""
    if page is None or not page.text:
        return Target(page_number, note=f"page {page_number} has no text to search; the page is shown unmarked")
    spans, partial = find_quote(page, quote)
    if not spans:
        return Target(page_number, note=f"the quoted text was not found on page {page_number}; "
                                        "the page is shown unmarked")
    boxes = tuple(b for start, end in spans for b in line_boxes(page, start, end))
    left, right = page.column()
    marked = union(boxes)
    note = ("only part of the quoted sentence is printed on this page as quoted; that part is marked"
            if partial else None)
    return Target(page_number, boxes, (left, marked[1], right, marked[3]), note)
