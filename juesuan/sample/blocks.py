"""The page-independent content of a document: headings, paragraphs, ruled tables.

A document is first assembled as a list of blocks (no coordinates, no fonts), then drawn.
The split lets the font be subset to exactly the characters the blocks contain before
drawing starts, and lets tests inspect a document's content without a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1  # only header rows span rows
    align: str = "C"  # 'L', 'C' or 'R'


@dataclass
class PendingRecord:
    """A canonical record waiting for the page its row lands on."""

    table_id: str
    row_key: str
    column_key: str
    amount: Decimal | None  # in 万元
    row_label: str


@dataclass
class TRow:
    cells: list[Cell]
    records: list[PendingRecord] = field(default_factory=list)


@dataclass
class Table:
    """A ruled grid with its title block and notes.

    table_id is the canonical id for the nine tables and None for other grids (the
    self-evaluation forms), whose cells yield no records.
    """

    table_id: str | None
    title: str
    widths: list[float]  # relative column widths
    header: list[TRow]
    body: list[TRow]
    number: str = ""  # '公开01表', '表7', …
    unit_line: str = ""  # '部门：…' / '编制单位：…'
    amount_line: str = ""  # '单位：万元'
    notes: list[str] = field(default_factory=list)
    landscape: bool = False
    size: float = 7.5
    new_page: bool = True
    tag: str | None = None
    # How continuation pages look (Layout.continuation, continuation_codes): 'plain', or
    # 'repeat'/'repeat_total' to draw the title block and header again, plus the first
    # `repeat_rows` body rows (the 合计 row) without new records; `merge_codes` > 1 prints
    # that many leading code cells as one whole code on continuation pages.
    continuation: str = "plain"
    repeat_rows: int = 0
    merge_codes: int = 0
    title_after_body: bool = False  # the title block enters the content stream last
    break_before: int | None = None  # body row that must start a new page (Layout.break_before)
    open_breaks: bool = False  # no rule between the rows either side of a page break


@dataclass
class Heading:
    text: str
    level: int = 1  # 0: part title (large, centred); 1: section; 2: subsection
    new_page: bool = False
    tag: str | None = None


@dataclass
class Paragraph:
    text: str
    indent: bool = True  # first-line indent of two characters
    size: float = 10.5
    align: str = "L"  # 'L' or 'C'
    tag: str | None = None  # pages where it lands are reported under this tag
    # Habits of some producers that text extraction must survive (narrative traps):
    # extra space after every character (letter-spaced text: PDFium reads "9 9 9.8 3万元"),
    # and lines that break inside a figure ("29" / "40.05万元").
    char_spacing: float = 0.0
    break_in_figures: bool = False


@dataclass
class Cover:
    unit_name: str
    title: str  # '2023年度部门决算'
    issuer: str = ""  # e.g. the date line


@dataclass
class PageBreak:
    landscape: bool = False


Block = Table | Heading | Paragraph | Cover | PageBreak


def block_text(block: Block) -> str:
    """All characters a block will draw (for the font subset)."""
    if isinstance(block, Table):
        parts = [block.title, block.number, block.unit_line, block.amount_line, *block.notes]
        for row in block.header + block.body:
            parts += [c.text for c in row.cells]
        return "".join(parts)
    if isinstance(block, Cover):
        return block.unit_name + block.title + block.issuer
    if isinstance(block, (Heading, Paragraph)):
        return block.text
    return ""
