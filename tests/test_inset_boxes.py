"""Text boxes ruled inside cells, and double rules open at a page break (Jiangsu 2017-2019).

Jiangsu's provincial budget exports rule some cells twice: the cell, and inside it a text
box inset 3 pt from its top and bottom and 5 pt from its sides, whose rules run across the
whole cell. Read as rules of the table, one printed row became three grid rows (the code
and name cells spanning all three beside a blank, the figure, a blank): the code repeated
on blank copies and the table fell into '第n组' blocks. Every column rule gained a sliver
column beside it, so a titled page's columns no longer matched its continuation page's.

The same exports draw every rule double (0.5 pt apart) and cell by cell; the first row of
a continuation page has no rule above it, and its figures were lost.

The pages here are drawn with fpdf in that manner and read with the project's grid reader.
"""

from __future__ import annotations

import io

import pytest

fpdf = pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")
pdfplumber = pytest.importorskip("pdfplumber")

from juesuan.extract import grid as grid_module  # noqa: E402
from juesuan.extract.grid import _phantom_groups, grids_on_page  # noqa: E402
from juesuan.extract.pdfium_page import read_page  # noqa: E402

COLUMNS = (60.0, 200.0, 370.0, 510.0)
ROW_HEIGHT = 22.0
ROWS = [("204", "Public security", "16,444.36"), ("20404", "Procuratorate", "16,444.36"),
        ("2040401", "Operations", "10,883.36")]


def _double_line(pdf, x0: float, y0: float, x1: float, y1: float) -> None:
    dx, dy = (0.0, 0.5) if y0 == y1 else (0.5, 0.0)
    pdf.line(x0, y0, x1, y1)
    pdf.line(x0 + dx, y0 + dy, x1 + dx, y1 + dy)


def _draw_table(pdf, top: float, rows, boxed: set[tuple[int, int]], open_top: bool = False) -> None:
    """Rows of (code, name, figure), each cell ruled on its own with double rules; the
    cells in `boxed` also get a text box inset in them; `open_top`: no rule above row 0."""
    for i, texts in enumerate(rows):
        y0, y1 = top + i * ROW_HEIGHT, top + (i + 1) * ROW_HEIGHT
        for j, text in enumerate(texts):
            x0, x1 = COLUMNS[j], COLUMNS[j + 1]
            if not (open_top and i == 0):
                _double_line(pdf, x0, y0, x1, y0)
            _double_line(pdf, x0, y1, x1, y1)
            _double_line(pdf, x0, y0, x0, y1)
            _double_line(pdf, x1, y0, x1, y1)
            if (i, j) in boxed:  # the text box: rules across the cell 3 pt in (past the double rule), sides 5.4 pt in
                pdf.line(x0, y0 + 3.6, x1, y0 + 3.6)
                pdf.line(x0, y1 - 3.2, x1, y1 - 3.2)
                pdf.line(x0 + 5.4, y0 + 3.6, x0 + 5.4, y1 - 3.2)
                pdf.line(x1 - 5.4, y0 + 3.6, x1 - 5.4, y1 - 3.2)
            pdf.text(x0 + 8, y0 + 14.5, text)


def _grids(draw) -> list:
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    pdf.set_line_width(0.4)
    draw(pdf)
    data = bytes(pdf.output())
    document = pdfium.PdfDocument(data)
    try:
        content = read_page(document, 0)
    finally:
        document.close()
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        return grids_on_page(content, plumber.pages[0])


def _rows(grid) -> list[list[str]]:
    return [[cell.norm for cell in grid.row_cells(r)] for r in range(grid.n_rows)]


def test_a_figure_in_a_text_box_leaves_its_row_one_row():
    [grid] = _grids(lambda pdf: _draw_table(pdf, 100, ROWS, boxed={(0, 2)}))
    assert _rows(grid) == [["204", "Publicsecurity", "16,444.36"], ["20404", "Procuratorate", "16,444.36"],
                           ["2040401", "Operations", "10,883.36"]]
    assert [round(x) for x in grid.col_edges] == [60, 200, 370, 510]


def test_without_the_merge_the_boxed_row_reads_as_three(monkeypatch):
    monkeypatch.setattr(grid_module, "merge_phantom_lines", lambda grid, rows, cols: grid)
    [grid] = _grids(lambda pdf: _draw_table(pdf, 100, ROWS, boxed={(0, 2)}))
    assert grid.n_rows == 5  # 204 spans three grid rows: a blank, the figure, a blank
    assert grid.n_cols > 3  # and the text box adds sliver columns beside the column rules


def test_a_row_boxed_in_every_cell_and_a_plain_page_share_their_columns():
    [boxed] = _grids(lambda pdf: _draw_table(pdf, 100, ROWS, boxed={(0, 0), (0, 1), (0, 2), (2, 2)}))
    [plain] = _grids(lambda pdf: _draw_table(pdf, 100, ROWS, boxed=set()))
    # boxed in every cell, the row's strips above and below its text run across the whole
    # table: blank rows of their own (no cell runs across them), read as such and keyed nowhere
    assert [row for row in _rows(boxed) if any(row)] == _rows(plain)
    assert all(abs(a - b) < 1.0 for a, b in zip(boxed.col_edges, plain.col_edges))
    assert boxed.n_cols == plain.n_cols == 3


def test_the_first_row_of_a_continuation_page_open_above_is_read():
    # double rules drawn cell by cell, no rule above the first row (a page break)
    rows = [("2210201", "Housing fund", "1,029.15"), ("2210202", "Rent subsidy", "1,959.99")]
    [grid] = _grids(lambda pdf: _draw_table(pdf, 71, rows, boxed=set(), open_top=True))
    assert _rows(grid) == [["2210201", "Housingfund", "1,029.15"], ["2210202", "Rentsubsidy", "1,959.99"]]


# --- the merge on bare spans ---------------------------------------------------------------

def test_a_phantom_line_joins_the_neighbour_its_cells_run_into():
    # lines 0..4: a cell spans 1-3 (the code), line 2 prints the figure, 1 and 3 print nothing
    assert _phantom_groups(5, [(0, 1), (1, 4), (1, 2), (2, 3), (3, 4), (4, 5)], {0, 2, 4}) == [0, 1, 1, 1, 2]


def test_printed_lines_and_blank_lines_of_their_own_are_never_merged():
    # two printed lines under one spanning cell stay two; a blank line no cell runs across stays
    assert _phantom_groups(3, [(0, 2), (0, 1), (1, 2), (2, 3)], {0, 1}) is None
    # a phantom line between two printed ones joins one of them only
    assert _phantom_groups(3, [(0, 3), (0, 1), (1, 2), (2, 3)], {0, 2}) in ([0, 0, 1], [0, 1, 1])
