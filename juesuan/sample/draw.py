"""Drawing blocks onto A4 pages with fpdf2: text, wrapped cells, ruled grids.

Tables are drawn the way spreadsheet exports are: every cell a ruled rectangle, text
vertically centred, long labels wrapped inside the cell. A table longer than the page
simply continues on the next page — no repeated header, no 续表 mark — because that is
what real packages do and what extractors must cope with. Each body row reports the page
it landed on, which becomes the `page` of its records.

Reproducibility: the creation date is fixed by the caller and fpdf2 derives the file /ID
from the content and that date, so identical blocks give identical bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import TextMode

from juesuan.model import Record
from juesuan.sample.blocks import Block, Cell, Cover, Heading, PageBreak, Paragraph, Table, TRow

MARGIN_X = 56.0
MARGIN_TOP = 60.0
MARGIN_BOTTOM = 56.0
PAD = 2.0
LINE = 1.3  # line height as a multiple of the font size
ASCENT = 0.88  # baseline below the top of a line box, in em
NO_LINE_START = set("，。、；：？！）》」』”’％%,.;:)")
NO_LINE_END = set("（《「『“‘(")
FONT = "noto"


@dataclass
class DrawResult:
    records: list[Record] = field(default_factory=list)
    tag_pages: dict[str, list[int]] = field(default_factory=dict)
    table_pages: dict[str, list[int]] = field(default_factory=dict)
    page_count: int = 0


class Canvas:
    """A thin layer over FPDF that knows where the pen is and which page it is on."""

    def __init__(self, font_path: str, creation_date: datetime, title: str, page_numbers: bool):
        pdf = FPDF(unit="pt", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_creation_date(creation_date)
        pdf.set_title(title)
        pdf.set_creator("juesuan.sample")
        pdf.add_font(FONT, "", font_path)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.5)
        self.pdf = pdf
        self.page_numbers = page_numbers
        self.y = MARGIN_TOP
        self.landscape = False
        self.result = DrawResult()

    # --- pages --------------------------------------------------------------------------

    @property
    def page(self) -> int:
        return self.pdf.page

    @property
    def width(self) -> float:
        return self.pdf.w

    @property
    def bottom(self) -> float:
        return self.pdf.h - MARGIN_BOTTOM

    def new_page(self, landscape: bool | None = None) -> None:
        if landscape is not None:
            self.landscape = landscape
        self.pdf.add_page(orientation="L" if self.landscape else "P")
        self.y = MARGIN_TOP
        if self.page_numbers:
            self.text_centered(f"- {self.page} -", self.pdf.h - 30, 9)

    def ensure(self, height: float) -> None:
        if self.page == 0 or self.y + height > self.bottom:
            self.new_page()

    # --- text ---------------------------------------------------------------------------

    def width_of(self, text: str, size: float) -> float:
        self.pdf.set_font(FONT, size=size)
        return self.pdf.get_string_width(text)

    def text_at(self, x: float, baseline: float, text: str, size: float, bold: bool = False):
        if not text:
            return
        self.pdf.set_font(FONT, size=size)
        if not bold:
            self.pdf.text(x, baseline, text)
            return
        # Faux bold by filling and stroking the outlines, inside q…Q: fpdf2 never resets
        # the text render mode itself, so it must not leak into the following text.
        with self.pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * 0.03):
            self.pdf.text(x, baseline, text)

    def text_centered(self, text: str, baseline: float, size: float, bold: bool = False):
        self.text_at((self.width - self.width_of(text, size)) / 2, baseline, text, size, bold)

    def wrap(self, text: str, width: float, size: float, break_in_figures: bool = False) -> list[str]:
        """Greedy line breaking: CJK between any characters, ASCII runs (figures) kept
        whole unless `break_in_figures`, and the usual 禁则: no line opens with closing
        punctuation or ends with an opening bracket — the token before such a break moves
        down with it."""
        if not text:
            return [""]
        tokens: list[str] = []
        for ch in text:
            if tokens and not break_in_figures and ch.isascii() and ch != " " \
                    and tokens[-1][-1:].isascii() and tokens[-1][-1:] != " ":
                tokens[-1] += ch
            else:
                tokens.append(ch)
        lines: list[str] = []
        current: list[str] = []
        for tok in tokens:
            if current and self.width_of("".join(current) + tok, size) > width:
                carry: list[str] = []
                head = tok
                while len(current) > 1 and (head[0] in NO_LINE_START
                                            or current[-1][-1] in NO_LINE_END):
                    head = current.pop()
                    carry.insert(0, head)
                lines.append("".join(current))
                current = carry + [tok.lstrip(" ")] if carry or tok != " " else []
            else:
                current.append(tok)
        lines.append("".join(current))
        return lines

    # --- blocks -------------------------------------------------------------------------

    def cover(self, block: Cover) -> None:
        self.new_page(landscape=False)
        self.text_centered(block.title, 300, 26, bold=True)
        size = 22 if len(block.unit_name) <= 16 else 18
        self.text_centered(block.unit_name, 250, size, bold=True)
        if block.issuer:
            self.text_centered(block.issuer, 560, 14)
        self.y = self.bottom  # next block starts a page

    def heading(self, block: Heading) -> None:
        if block.new_page or self.page == 0 or self.landscape:
            self.new_page(landscape=False)
        size = {0: 18.0, 1: 13.0, 2: 11.0}[block.level]
        gap = size * 1.2
        self.ensure(gap + size * 2.5)
        self.y += gap if self.y > MARGIN_TOP else 0
        baseline = self.y + ASCENT * size
        if block.level == 0:
            self.text_centered(block.text, baseline, size, bold=True)
        else:
            self.text_at(MARGIN_X, baseline, block.text, size, bold=True)
        self._tag(block.tag)
        self.y += size * LINE

    def paragraph(self, block: Paragraph) -> None:
        if self.page == 0 or self.landscape:
            self.new_page(landscape=False)
        size = block.size
        indent = 2 * size if block.indent else 0.0
        available = self.width - 2 * MARGIN_X
        spacing = block.char_spacing
        if spacing:
            # wrap as if every character were `spacing` wider than its glyph
            available *= size / (size + spacing)
            indent *= size / (size + spacing)
        first, *rest = self.wrap(block.text, available - indent, size, block.break_in_figures) or [""]
        lines = [(indent, first)]
        if rest:
            rest = self.wrap("".join(rest), available, size, block.break_in_figures)
            lines += [(0.0, ln) for ln in rest]
        self.y += size * 0.4
        for offset, line in lines:
            self.ensure(size * LINE)
            baseline = self.y + ASCENT * size
            if spacing:
                self._letter_spaced(MARGIN_X + offset * (size + spacing) / size, baseline, line,
                                    size, spacing)
            elif block.align == "C":
                self.text_centered(line, baseline, size)
            else:
                self.text_at(MARGIN_X + offset, baseline, line, size)
            self._tag(block.tag)
            self.y += size * LINE

    def _letter_spaced(self, x: float, baseline: float, line: str, size: float, spacing: float) -> None:
        """Each character placed on its own, `spacing` points after the previous glyph: the
        gaps a text extractor sees (and may read as spaces) are in the page, not in Tc."""
        for ch in line:
            if ch != " ":
                self.text_at(x, baseline, ch, size)
            x += self.width_of(ch, size) + spacing

    def _tag(self, tag: str | None) -> None:
        if tag:
            pages = self.result.tag_pages.setdefault(tag, [])
            if self.page not in pages:
                pages.append(self.page)

    # --- tables -------------------------------------------------------------------------

    def table(self, block: Table) -> None:
        size = block.size
        if block.new_page or self.page == 0 or self.landscape != block.landscape:
            self.new_page(landscape=block.landscape)
        avail = self.width - 2 * (MARGIN_X * (0.6 if block.landscape else 0.8))
        x0 = (self.width - avail) / 2
        total = sum(block.widths)
        widths = [w * avail / total for w in block.widths]
        header_heights = self._header_heights(block.header, widths, size)
        first_body = self._row_height(block.body[0], widths, size) if block.body else 0
        self.ensure(64 + sum(header_heights) + first_body)
        title_at = (self.page, self.y)
        self._title_block(block, x0, avail, draw=not block.title_after_body)
        if block.tag:
            self._tag(block.tag)
        if block.table_id:
            self._table_page(block.table_id)
        self._draw_header(block.header, header_heights, widths, x0, size)
        rules = _Rules(x0, widths)
        first_page = self.page
        for i, row in enumerate(block.body):
            h = self._row_height(row, widths, size)
            if self.y + h > self.bottom or (i == block.break_before and i > 0):
                rules.flush(self.pdf, close_bottom=not block.open_breaks)
                rules.open_top = block.open_breaks
                self.new_page()
                if block.continuation != "plain":
                    self._repeat_top(block, rules, header_heights, widths, x0, avail, size)
            cells = row.cells
            if block.merge_codes and self.page != first_page:
                cells = _merged_codes(cells, block.merge_codes)
            rules.add(cells, self.y, h)
            self._draw_row(cells, widths, x0, self.y, h, size)
            self.y += h
            if block.table_id:
                self._table_page(block.table_id)
            if block.tag:
                self._tag(block.tag)
            for rec in row.records:
                self.result.records.append(Record(
                    table_id=rec.table_id, row_key=rec.row_key, column_key=rec.column_key,
                    amount=rec.amount, row_label=rec.row_label, page=self.page))
        rules.flush(self.pdf)
        if block.title_after_body:
            self._draw_late_title(block, title_at, x0, avail)
        note_size = max(size, 8.0)
        self.y += 3
        for note in block.notes:
            for line in self.wrap(note, avail, note_size):
                self.ensure(note_size * LINE)
                self.text_at(x0, self.y + ASCENT * note_size, line, note_size)
                if block.tag:
                    self._tag(block.tag)
                self.y += note_size * LINE

    def _table_page(self, table_id: str) -> None:
        pages = self.result.table_pages.setdefault(table_id, [])
        if self.page not in pages:
            pages.append(self.page)

    def _title_block(self, block: Table, x0: float, avail: float, draw: bool = True) -> None:
        """Title, number and unit lines; with draw=False only the room they take."""
        title_size = 15.0
        if draw:
            self.text_centered(block.title, self.y + ASCENT * title_size, title_size, bold=True)
        self.y += title_size * 1.6
        small = 9.0
        if block.number:
            if draw:
                w = self.width_of(block.number, small)
                self.text_at(x0 + avail - w, self.y + ASCENT * small, block.number, small)
            self.y += small * LINE
        if block.unit_line or block.amount_line:
            if draw:
                self.text_at(x0, self.y + ASCENT * small, block.unit_line, small)
                w = self.width_of(block.amount_line, small)
                self.text_at(x0 + avail - w, self.y + ASCENT * small, block.amount_line, small)
            self.y += small * LINE
        self.y += 2

    def _draw_late_title(self, block: Table, title_at: tuple[int, float], x0: float,
                         avail: float) -> None:
        """Draw the title block where it was reserved, after the grid in the content stream:
        above the table on the page, last in reading order (as Excel exports do)."""
        here = (self.page, self.y)
        self.pdf.page, self.y = title_at
        self.pdf.current_font_is_set_on_page = False  # that page's stream has its own state
        self._title_block(block, x0, avail)
        self.pdf.page, self.y = here
        self.pdf.current_font_is_set_on_page = False

    def _repeat_top(self, block: Table, rules: "_Rules", header_heights: list[float],
                    widths: list[float], x0: float, avail: float, size: float) -> None:
        """A continuation page that repeats the title block, the header and (repeat_total)
        the leading 合计 row: the same figures again, so no new records."""
        self._title_block(block, x0, avail)
        self._draw_header(block.header, header_heights, widths, x0, size)
        for row in block.body[:block.repeat_rows]:
            h = self._row_height(row, widths, size)
            rules.add(row.cells, self.y, h)
            self._draw_row(row.cells, widths, x0, self.y, h, size)
            self.y += h

    def _cell_height(self, cell: Cell, width: float, size: float) -> float:
        lines = self.wrap(cell.text, width - 2 * PAD, size)
        return len(lines) * size * LINE + 2 * PAD + 2

    def _row_height(self, row: TRow, widths: list[float], size: float) -> float:
        heights = [size * LINE + 2 * PAD + 4]
        for cell, col in _placements(row.cells, [0] * len(widths)):
            heights.append(self._cell_height(cell, sum(widths[col:col + cell.colspan]), size))
        return max(heights)

    def _header_heights(self, rows: list[TRow], widths: list[float], size: float) -> list[float]:
        grid = _header_grid(rows, len(widths))
        heights = [size * LINE + 2 * PAD + 4 for _ in rows]
        for r, placed in enumerate(grid):
            for cell, col in placed:
                if cell.rowspan == 1:
                    w = sum(widths[col:col + cell.colspan])
                    heights[r] = max(heights[r], self._cell_height(cell, w, size))
        for r, placed in enumerate(grid):
            for cell, col in placed:
                if cell.rowspan > 1:
                    w = sum(widths[col:col + cell.colspan])
                    need = self._cell_height(cell, w, size)
                    have = sum(heights[r:r + cell.rowspan])
                    if need > have:
                        heights[r + cell.rowspan - 1] += need - have
        return heights

    def _draw_header(self, rows: list[TRow], heights: list[float], widths: list[float],
                     x0: float, size: float) -> None:
        grid = _header_grid(rows, len(widths))
        top = self.y
        for r, placed in enumerate(grid):
            y = top + sum(heights[:r])
            for cell, col in placed:
                self._draw_cell(cell, x0 + sum(widths[:col]), y,
                                sum(widths[col:col + cell.colspan]),
                                sum(heights[r:r + cell.rowspan]), size)
        self.y = top + sum(heights)

    def _draw_row(self, cells: list[Cell], widths: list[float], x0: float, y: float,
                  height: float, size: float) -> None:
        """A body row's text; its rules are drawn by `_Rules`, merged down the page."""
        for cell, col in _placements(cells, [0] * len(widths)):
            self._draw_cell(cell, x0 + sum(widths[:col]), y,
                            sum(widths[col:col + cell.colspan]), height, size, rule=False)

    def _draw_cell(self, cell: Cell, x: float, y: float, w: float, h: float, size: float,
                   rule: bool = True):
        if rule:
            self.pdf.rect(x, y, w, h)
        if not cell.text:
            return
        lines = self.wrap(cell.text, w - 2 * PAD, size)
        block_h = len(lines) * size * LINE
        ty = y + (h - block_h) / 2
        widest = max(self.width_of(line, size) for line in lines)
        if widest > w - 2 * PAD:  # one figure wider than its column: shrink to fit
            size = size * (w - 2 * PAD) / widest
        for line in lines:
            baseline = ty + (LINE - 1) * size / 2 + ASCENT * size
            lw = self.width_of(line, size)
            if cell.align == "L":
                tx = x + PAD
            elif cell.align == "R":
                tx = x + w - PAD - lw
            else:
                tx = x + (w - lw) / 2
            self.text_at(tx, baseline, line, size)
            ty += size * LINE


class _Rules:
    """The ruling of a run of body rows on one page, as few line segments as possible.

    Every cell is bordered, exactly as with one rectangle per cell, but a column boundary
    shared by consecutive rows is one vertical line and each row adds one horizontal line:
    the same picture for a fraction of the bytes.
    """

    def __init__(self, x0: float, widths: list[float]):
        self.edges = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
        self.right = self.edges[-1]
        self.x0 = x0
        self.ncols = len(widths)
        self.rows: list[tuple[float, float]] = []
        self.verticals: dict[int, list[list[float]]] = {}
        self.open_top = False  # the next run starts a page without the rule above its first row

    def add(self, cells: list[Cell], y: float, h: float) -> None:
        self.rows.append((y, h))
        bounds = {col for _, col in _placements(cells, [0] * self.ncols)} | {self.ncols}
        for col in sorted(bounds):
            runs = self.verticals.setdefault(col, [])
            if runs and abs(runs[-1][1] - y) < 0.01:
                runs[-1][1] = y + h
            else:
                runs.append([y, y + h])

    def flush(self, pdf: FPDF, close_bottom: bool = True) -> None:
        """Draw the run; without `close_bottom` the last row has no rule under it, and a
        run flagged `open_top` has none above its first row (rules open at a page break)."""
        if not self.rows:
            return
        for n, (y, _) in enumerate(self.rows):
            if n == 0 and self.open_top:
                continue
            pdf.line(self.x0, y, self.right, y)
        last_y, last_h = self.rows[-1]
        if close_bottom:
            pdf.line(self.x0, last_y + last_h, self.right, last_y + last_h)
        self.open_top = False
        for col in sorted(self.verticals):
            for top, bottom in self.verticals[col]:
                pdf.line(self.edges[col], top, self.edges[col], bottom)
        self.rows = []
        self.verticals = {}


def _merged_codes(cells: list[Cell], n: int) -> list[Cell]:
    """The first n split code cells (201 | 03 | 01) as one cell holding the whole code."""
    head = cells[:n]
    code = "".join(c.text for c in head)
    if len(head) < n or any(c.colspan != 1 for c in head) or not code.isdigit():
        return cells
    return [Cell(code, colspan=n, align="L")] + cells[n:]


def _placements(cells: list[Cell], occupied: list[int]) -> list[tuple[Cell, int]]:
    """Left-to-right column positions of a row's cells, skipping columns still covered by
    a row-spanning cell from above (occupied[col] > 0)."""
    placed = []
    col = 0
    for cell in cells:
        while col < len(occupied) and occupied[col] > 0:
            col += 1
        placed.append((cell, col))
        col += cell.colspan
    return placed


def _header_grid(rows: list[TRow], ncols: int) -> list[list[tuple[Cell, int]]]:
    occupied = [0] * ncols
    grid = []
    for row in rows:
        placed = _placements(row.cells, occupied)
        occupied = [max(0, o - 1) for o in occupied]
        for cell, col in placed:
            for c in range(col, min(ncols, col + cell.colspan)):
                occupied[c] = cell.rowspan - 1
        grid.append(placed)
    return grid


def draw(blocks: list[Block], font_path: str, out_path: str, creation_date: datetime,
         title: str, page_numbers: bool = True,
         before_output: Callable[[FPDF], None] | None = None) -> DrawResult:
    """Draw blocks into a PDF at out_path; report records with pages and tagged pages.

    `before_output` may adjust the finished FPDF before it is written (the trap
    generators use it to encrypt a document)."""
    canvas = Canvas(font_path, creation_date, title, page_numbers)
    for block in blocks:
        if isinstance(block, Cover):
            canvas.cover(block)
        elif isinstance(block, Heading):
            canvas.heading(block)
        elif isinstance(block, Paragraph):
            canvas.paragraph(block)
        elif isinstance(block, Table):
            canvas.table(block)
        elif isinstance(block, PageBreak):
            canvas.new_page(landscape=block.landscape)
        else:  # pragma: no cover - Block is a closed union
            raise TypeError(f"unknown block {block!r}")
    if before_output is not None:
        before_output(canvas.pdf)
    canvas.pdf.output(out_path)
    canvas.result.page_count = canvas.page
    return canvas.result
