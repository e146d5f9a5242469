"""Rules are what a page inks: white cell fills are not rules (Jiangsu 2017-2019 exports).

Those exports paint each cell's background as white filled rectangles, a padding frame
around the text area and one rectangle per printed line, and draw the visible rules as
thin black rectangles. Taken as rules, the white rectangles cut a header printed on two
lines ('因公出国' over '（境）费') into two cells, and the column was read as '（境）费'
only. The generated page below draws such a table; its grid must be the one a reader
sees, while a cell background in a visible colour still gives its edges.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

fpdf = pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")
pdfplumber = pytest.importorskip("pdfplumber")

from juesuan.extract.grid import grids_on_page  # noqa: E402
from juesuan.extract.pdfium_page import read_page  # noqa: E402
from juesuan.sample.font import font_file  # noqa: E402

LEFT, TOP, HEADER, BODY = 50.0, 100.0, 40.0, 20.0
WIDTH = 100.0
PAD = 5.0  # the padding frame the export paints inside each cell
HEADERS = (("合计",), ("因公出国", "（境）费"), ("公务接", "待费"))
FIGURES = ("2,599.37", "180.00", "185.72")
RULE = 0.5


def _table_pdf(path, background: tuple[int, int, int]) -> None:
    chars = {ch for lines in HEADERS for line in lines for ch in line} | set("".join(FIGURES))
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("cjk", "", str(font_file(chars)))
    pdf.add_page()
    pdf.set_font("cjk", size=9)
    right, bottom = LEFT + WIDTH * len(HEADERS), TOP + HEADER + BODY
    for col, lines in enumerate(HEADERS):
        x = LEFT + col * WIDTH
        _cell_backgrounds(pdf, x, TOP, HEADER, len(lines), background)
        _cell_backgrounds(pdf, x, TOP + HEADER, BODY, 1, background)
        for i, line in enumerate(lines):
            pdf.text(x + (WIDTH - pdf.get_string_width(line)) / 2, TOP + PAD + 12 + 15 * i, line)
        figure = FIGURES[col]
        pdf.text(x + WIDTH - PAD - pdf.get_string_width(figure), TOP + HEADER + 14, figure)
    pdf.set_fill_color(0, 0, 0)  # the visible rules: thin black rectangles
    for y in (TOP, TOP + HEADER, bottom):
        pdf.rect(LEFT, y, right - LEFT, RULE, style="F")
    for col in range(len(HEADERS) + 1):
        pdf.rect(LEFT + col * WIDTH, TOP, RULE, bottom - TOP + RULE, style="F")
    pdf.output(str(path))


def _cell_backgrounds(pdf, x: float, y: float, height: float, lines: int, colour) -> None:
    """The export's fills for one cell: a padding frame, then one rectangle per text line."""
    pdf.set_fill_color(*colour)
    pdf.rect(x + RULE, y + RULE, WIDTH - RULE, PAD, style="F")  # top padding
    pdf.rect(x + RULE, y + height - PAD, WIDTH - RULE, PAD, style="F")  # bottom padding
    inner = height - 2 * PAD - RULE
    pdf.rect(x + RULE, y + RULE + PAD, PAD, inner, style="F")  # left padding
    pdf.rect(x + WIDTH - PAD, y + RULE + PAD, PAD, inner, style="F")  # right padding
    for i in range(lines):
        step = inner / lines
        pdf.rect(x + RULE + PAD, y + RULE + PAD + i * step, WIDTH - 2 * PAD - RULE, step, style="F")


def _grids(path):
    doc = pdfium.PdfDocument(str(path))
    try:
        content = read_page(doc, 0)
        with pdfplumber.open(path) as plumber:
            return content, grids_on_page(content, plumber.pages[0])
    finally:
        doc.close()


def test_white_cell_fills_are_not_rules(tmp_path):
    path = tmp_path / "white.pdf"
    _table_pdf(path, (255, 255, 255))
    content, grids = _grids(path)
    # no edge where the white line rectangles meet inside the wrapped header cells
    split = TOP + RULE + PAD + (HEADER - 2 * PAD - RULE) / 2
    assert not [e for e in content.edges if e["orientation"] == "h" and abs(e["top"] - split) < 1]
    assert len(grids) == 1
    grid = grids[0]
    assert (grid.n_rows, grid.n_cols) == (2, 3)
    assert [grid.text(0, c) for c in range(3)] == ["合计", "因公出国(境)费", "公务接待费"]
    assert [grid.text(1, c) for c in range(3)] == list(FIGURES)


def test_cell_backgrounds_in_a_visible_colour_keep_their_edges(tmp_path):
    path = tmp_path / "grey.pdf"
    _table_pdf(path, (200, 200, 200))
    _, grids = _grids(path)
    # a grey fill is ink: its edges stay rules, and the wrapped header cell is split by them
    header_cells = [c.norm for g in grids for c in g.cells if c.norm]
    assert "因公出国" in header_cells and "(境)费" in header_cells
