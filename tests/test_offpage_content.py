"""What is not on the visible page is not printed, so it is not read.

A spreadsheet export can leave content below the page (江苏省人大 2017 p11: a second copy of
a table drawn from 841 pt to 2,685 pt on an 841.9 pt page). Nobody sees it; read as page
text it gave 'coded rows outside every table' and titles that are not printed. The
generated pages below draw a visible table, text and rules wholly off the page, and a
line cut by the page edge (partly visible: kept); a crop box hides content the media box
still holds.
"""

from __future__ import annotations

from datetime import datetime, timezone

import re

import pytest

fpdf = pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")

from juesuan.extract.document import _report_hidden_figures  # noqa: E402
from juesuan.extract.pdfium_page import read_page  # noqa: E402
from juesuan.extract.scan import scan_pdf  # noqa: E402
from juesuan.model import ExtractedDocument  # noqa: E402
from juesuan.sample.font import font_file  # noqa: E402

PAGE_HEIGHT = 841.89  # A4 in points
SHOWN = ("财政拨款支出预算表", "201 一般公共服务支出 10,528.33")
HIDDEN = ("财政拨款基本支出预算表", "301 工资福利支出 2,928.98")
CUT = "边缘"  # baseline 4 pt below the page's bottom edge: its top shows


def _pdf(path, crop_top: float | None = None) -> None:
    chars = {ch for text in SHOWN + HIDDEN + (CUT,) for ch in text}
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", "", str(font_file(chars)))
    pdf.add_page()
    pdf.set_font("cjk", size=10)
    pdf.text(60, 80, SHOWN[0])
    pdf.text(60, 120, SHOWN[1])
    for y in (100, 130):
        pdf.line(50, y, 400, y)
    pdf.text(60, PAGE_HEIGHT + 4, CUT)
    # the overflow: a title, a coded row and its rules, wholly below the page
    pdf.text(60, PAGE_HEIGHT + 60, HIDDEN[0])
    pdf.text(60, PAGE_HEIGHT + 100, HIDDEN[1])
    for y in (PAGE_HEIGHT + 80, PAGE_HEIGHT + 110):
        pdf.line(50, y, 400, y)
    pdf.line(50, PAGE_HEIGHT + 80, 50, PAGE_HEIGHT + 110)
    data = bytes(pdf.output())
    if crop_top is not None:  # show only the page below crop_top (display space)
        data = _with_crop_box(data, f"[0 0 595.28 {PAGE_HEIGHT - crop_top:.2f}]")
    path.write_bytes(data)


def _with_crop_box(data: bytes, box: str) -> bytes:
    """fpdf2 writes no crop box: add one to the page tree (inherited by the page) and
    write the cross-reference table again for the shifted objects."""
    data = data.replace(b"/Type /Pages", b"/CropBox " + box.encode() + b"\n/Type /Pages", 1)
    body = data[:data.index(b"xref\n")]
    offsets = {int(m.group(1)): m.start(1) for m in re.finditer(rb"(?m)^(\d+) 0 obj", body)}
    xref = [b"xref\n", f"0 {len(offsets) + 1}\n".encode(), b"0000000000 65535 f \n"]
    xref += [f"{offsets[n]:010d} 00000 n \n".encode() for n in sorted(offsets)]
    trailer = data[data.index(b"trailer"):data.index(b"startxref")]
    return body + b"".join(xref) + trailer + f"startxref\n{len(body)}\n%%EOF\n".encode()


def _content(path):
    doc = pdfium.PdfDocument(str(path))
    try:
        return read_page(doc, 0)
    finally:
        doc.close()


def _text(content) -> str:
    return "".join(c["text"] for c in sorted(content.chars, key=lambda c: (round(c["baseline"]), c["x0"])))


def test_characters_and_rules_below_the_page_are_not_read(tmp_path):
    path = tmp_path / "overflow.pdf"
    _pdf(path)
    content = _content(path)
    text = _text(content)
    assert "财政拨款支出预算表" in text and "10,528.33" in text
    assert "基本支出" not in text and "2,928.98" not in text
    assert CUT in text  # cut by the page edge: partly visible, kept
    assert content.hidden_chars == len("".join(HIDDEN).replace(" ", ""))
    assert all(e["top"] <= PAGE_HEIGHT + 1 for e in content.edges)
    assert sum(e["orientation"] == "h" for e in content.edges) == 2


def test_the_scan_keeps_hidden_text_out_of_the_page_text_and_notes_its_figures(tmp_path):
    path = tmp_path / "overflow.pdf"
    _pdf(path)
    [scan] = scan_pdf(path)
    assert "财政拨款支出预算表" in scan.norm and CUT in scan.norm
    assert "基本支出" not in scan.norm and "2,928.98" not in scan.text
    assert scan.hidden_figures == ["2,928.98"]
    doc = ExtractedDocument(document="overflow.pdf")
    _report_hidden_figures([scan], doc)
    [note] = doc.problems
    assert note.code == "hidden_text" and note.page == 1 and "2,928.98" in note.message and not note.fatal


def test_a_crop_box_hides_what_the_media_box_holds(tmp_path):
    path = tmp_path / "cropped.pdf"
    _pdf(path, crop_top=100)  # the title at 80 pt is cut away; the row at 120 pt shows
    text = _text(_content(path))
    assert "财政拨款支出预算表" not in text and "10,528.33" in text
    [scan] = scan_pdf(path)
    assert "财政拨款支出预算表" not in scan.norm and "10,528.33" in scan.text


def test_a_page_with_nothing_outside_reads_as_before(tmp_path):
    path = tmp_path / "plain.pdf"
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("cjk", "", str(font_file(set(SHOWN[0]))))
    pdf.add_page()
    pdf.set_font("cjk", size=10)
    pdf.text(60, 80, SHOWN[0])
    pdf.output(str(path))
    [scan] = scan_pdf(path)
    assert scan.norm == SHOWN[0] and scan.hidden == ""
    assert _content(path).hidden_chars == 0


def test_a_page_box_not_at_the_origin_is_read_from_its_corner(tmp_path):
    """Display space starts at the visible box's top-left corner, as the rendered page does:
    a figure's box then marks the figure on the review page's image."""
    plain, shifted = tmp_path / "plain.pdf", tmp_path / "shifted.pdf"
    _pdf(plain)
    path_data = plain.read_bytes()
    shifted.write_bytes(_with_crop_box(path_data, f"[30 40 565 {PAGE_HEIGHT - 41.89:.2f}]"))

    def first(path, text):
        return next(c for c in _content(path).chars if c["text"] == text[0])

    before, after = first(plain, SHOWN[1]), first(shifted, SHOWN[1])
    assert after["x0"] == pytest.approx(before["x0"] - 30, abs=0.01)
    assert after["top"] == pytest.approx(before["top"] - 41.89, abs=0.01)


def test_display_space_turns_and_shifts_with_the_page():
    from juesuan.extract.pdfium_page import display_transform

    # a box from (-12, 12) to (830, 607): its top-left corner is (0, 0) on screen
    assert display_transform(0, 842, 595, origin=(-12, 12))(-12, 607) == (0, 0)
    # turned a quarter clockwise, the box's lower-left corner shows top-left
    assert display_transform(90, 595, 842, origin=(-12, 12))(-12, 12) == (0, 0)
    assert display_transform(180, 842, 595, origin=(-12, 12))(830, 12) == (0, 0)
    assert display_transform(270, 595, 842, origin=(-12, 12))(830, 607) == (0, 0)
