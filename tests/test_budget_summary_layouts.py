"""Jiangsu's provincial budget exports (2017-2019): cells padded with white rectangles, a
three-sided 01 (收入 | 支出 by function | 支出 by purpose), rows split by a page break, and
02 printed as a list of sources (一般公共预算资金 › 小计 …).

Each mechanism is tested on a PDF the test draws or on grids built from boxes.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

fpdf = pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")

from juesuan.extract.document import read_grids  # noqa: E402
from juesuan.extract.pdfium_page import read_page  # noqa: E402
from juesuan.extract.scan import scan_pdf  # noqa: E402
from juesuan.model import ExtractedDocument  # noqa: E402
from juesuan.sample.font import font_file  # noqa: E402

ROWS = [["项目名称", "金额", "功能科目名称", "金额"],
        ["一、财政拨款", "24,169.74", "一、一般公共服务支出", "16,593.12"],
        ["当年收入小计", "24,169.74", "当年支出小计", "24,169.74"]]
WIDTHS = [110.0, 70.0, 140.0, 70.0]
HEIGHT = 22.0
PAD = 5.4  # Jiangsu's white padding inside each cell


def _padded_table(path, *, stroke_padding: bool = False) -> None:
    """A ruled table whose every cell is tiled with white rectangles, as Jiangsu's export
    draws them: a strip PAD points wide inside each side rule, one 3.5 points high under
    the top rule, the rest between (filled only; or stroked, which shows)."""
    chars = {c for row in ROWS for text in row for c in text}
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.add_font("cjk", "", str(font_file(chars)))
    pdf.set_font("cjk", size=9)
    pdf.set_line_width(0.5)
    for r, row in enumerate(ROWS):
        x, y = 60.0, 100.0 + r * HEIGHT
        for width, text in zip(WIDTHS, row):
            pdf.set_fill_color(255, 255, 255)
            pdf.set_draw_color(255, 255, 255)
            for box in ((x, y, PAD, HEIGHT), (x + width - PAD, y, PAD, HEIGHT), (x + PAD, y, width - 2 * PAD, 3.5),
                        (x + PAD, y + 3.5, width - 2 * PAD, HEIGHT - 3.5)):
                pdf.rect(*box, style="DF" if stroke_padding else "F")
            pdf.set_draw_color(0, 0, 0)
            pdf.rect(x, y, width, HEIGHT, style="D")
            pdf.text(x + PAD + 1, y + HEIGHT / 2 + 3, text)
            x += width
    pdf.output(str(path))


def _grids(path):
    return read_grids(path, scan_pdf(path), ExtractedDocument(document=path.name))[0]


def test_white_padding_rectangles_are_no_rules(tmp_path):
    path = tmp_path / "padded.pdf"
    _padded_table(path)
    [grid] = _grids(path)
    assert (grid.n_rows, grid.n_cols) == (3, 4)
    assert [grid.text(1, c) for c in range(4)] == ["一、财政拨款", "24,169.74", "一、一般公共服务支出", "16,593.12"]


def test_a_stroked_rectangle_is_a_rule_whatever_its_fill(tmp_path):
    path = tmp_path / "stroked.pdf"
    _padded_table(path, stroke_padding=True)
    pdf = pdfium.PdfDocument(str(path))
    try:
        content = read_page(pdf, 0)
    finally:
        pdf.close()
    xs = {round(e["x0"], 1) for e in content.edges if e["orientation"] == "v"}
    assert 60.0 + PAD in xs  # the padding's stroke is drawn (white on white, but drawn): kept
