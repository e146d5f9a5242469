"""A cheap first pass over every page with PDFium: text, drawings, images.

Laying out a page with pdfminer (what pdfplumber does) costs ~30 ms; PDFium's text and
object counts cost a fraction of that. The scan tells which pages hold ruled tables (many
path objects), which are scans (images, no text), and gives the narrative text, so the
expensive parse runs only on table pages.

What a page holds outside its visible box (crop box within media box) is not part of the
printed page (see juesuan.extract.pdfium_page): its text is kept out of the page's text
(so out of titles, metadata and the narrative) and its path objects out of the counts. The
check is per object, so a page whose objects all lie on it costs nothing more; only a page
that spills is read character by character.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from juesuan.extract.pdfium_page import EDGE_SLACK
from juesuan.text import has_cjk, normalise_text

# A page with at least this many path objects carries ruled graphics worth parsing; so
# does one whose few path objects draw many segments (a whole table's rules as one path).
MIN_PATHS_FOR_TABLE = 8
MIN_SEGMENTS_FOR_TABLE = 24
# A figure with cents ('2,928.98'): hidden text holding one may be a table's copy.
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)|\d+\.\d{2}(?!\d)")
UserBox = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space


class UnreadableDocument(Exception):
    """The file cannot be read as a PDF; `code` is a juesuan.model.PROBLEM_CODES key."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class PageScan:
    number: int  # 1-based
    text: str  # PDFium's text, line breaks kept
    norm: str  # normalised (NFKC, no whitespace)
    paths: int
    images: int
    replacement_chars: int  # U+FFFD and control chars: text without a Unicode map
    segments: int = 0  # line segments of all path objects
    hidden: str = ""  # text drawn wholly outside the visible page (not in `text`)

    @property
    def ruled(self) -> bool:
        """Ruled graphics worth parsing for tables."""
        return self.paths >= MIN_PATHS_FOR_TABLE or self.segments >= MIN_SEGMENTS_FOR_TABLE

    @property
    def image_only(self) -> bool:
        return self.images > 0 and len(self.norm) < 10

    @property
    def unmapped_text(self) -> bool:
        """Glyphs present but no usable Unicode (what pdfminer prints as (cid:NNN))."""
        return self.replacement_chars > 20 and not has_cjk(self.norm)

    @property
    def hidden_figures(self) -> list[str]:
        """Figures with cents in the text the page carries outside its visible box."""
        return _FIGURE.findall(self.hidden)


def sniff(path: Path) -> None:
    """Reject what is not a PDF before handing it to a parser, with a specific reason."""
    size = path.stat().st_size
    if size == 0:
        raise UnreadableDocument("unreadable", "the file is empty (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype" in lowered or b"<head" in lowered:
            raise UnreadableDocument("not_pdf", "the file is an HTML page, not a PDF (an error page saved as .pdf?)")
        if head.startswith(b"PK\x03\x04"):
            raise UnreadableDocument("not_pdf", "the file is a ZIP archive (or XLSX/DOCX), not a PDF")
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnreadableDocument("not_pdf", "the file is an OLE document (XLS/DOC), not a PDF")
        raise UnreadableDocument("not_pdf", "the file does not start with a PDF header")


def scan_pdf(path: Path, max_pages: int | None = None) -> list[PageScan]:
    sniff(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise UnreadableDocument("unreadable", "the PDF is encrypted (password required)") from exc
        raise UnreadableDocument("unreadable", f"the PDF cannot be opened: {message}") from exc
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableDocument("unreadable", "the PDF has no pages")
        if max_pages is not None and count > max_pages:
            raise UnreadableDocument("too_large", f"{count} pages, more than the bound of {max_pages}")
        return [_scan_page(pdf, i) for i in range(count)]
    finally:
        pdf.close()


def _scan_page(pdf, index: int) -> PageScan:
    page = pdf[index]
    try:
        box = page.get_bbox()
        objects = [pdfium_c.FPDFPage_GetObject(page.raw, i)
                   for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))]
        placed = list(zip(objects, _placements(objects, box)))
        paths, images, segments = _count_objects([obj for obj, where in placed if where != "outside"])
        textpage = page.get_textpage()
        try:
            if all(where == "inside" for _, where in placed):
                text, hidden = textpage.get_text_range(), ""
            else:
                text, hidden = visible_text(textpage.raw, box)
        finally:
            textpage.close()
    finally:
        page.close()
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t"))
    return PageScan(index + 1, text, normalise_text(text), paths, images, bad, segments, hidden)


def _placements(objects: list, box: UserBox) -> list[str]:
    """'inside', 'partly' or 'outside' the visible box for each object, from its bounds in
    user space (an object PDFium cannot bound counts as inside). One set of out-parameters
    serves the whole page, and 'inside' (nearly every object) is decided first: a page
    holds thousands of objects, and the scan is the cheap pass."""
    low_x, low_y, high_x, high_y = _slack(box)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    out = []
    for obj in objects:
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            out.append("inside")
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if x0 >= low_x and x1 <= high_x and y0 >= low_y and y1 <= high_y:
            out.append("inside")
        else:
            out.append(_where(x0, y0, x1, y1, box))
    return out


def _slack(box: UserBox) -> UserBox:
    """The visible box widened by EDGE_SLACK on every side."""
    b_left, b_bottom, b_right, b_top = box
    return b_left - EDGE_SLACK, b_bottom - EDGE_SLACK, b_right + EDGE_SLACK, b_top + EDGE_SLACK


def _where(x0: float, y0: float, x1: float, y1: float, box: UserBox) -> str:
    low_x, low_y, high_x, high_y = _slack(box)
    if x1 < low_x or x0 > high_x or y1 < low_y or y0 > high_y:
        return "outside"
    if x0 >= low_x and x1 <= high_x and y0 >= low_y and y1 <= high_y:
        return "inside"
    return "partly"


def visible_text(textpage, box: UserBox) -> tuple[str, str]:
    """The page's text without the characters lying wholly outside `box`, and those
    characters. A character PDFium generated (a space or line break it inferred) or cannot
    bound goes with the character before it."""
    shown: list[str] = []
    hidden: list[str] = []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    visible = True
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        if not pdfium_c.FPDFText_IsGenerated(textpage, i) and \
                pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top):
            visible = _where(left.value, bottom.value, right.value, top.value, box) != "outside"
        (shown if visible else hidden).append(char)
    return "".join(shown), "".join(hidden)


def _count_objects(objects) -> tuple[int, int, int]:
    """Path objects, image objects and path segments, counting inside form XObjects: some
    producers wrap a whole table page (rules and text) in one form, which holds every path.
    The caller leaves out the page's objects lying outside its visible box."""
    paths = images = segments = 0
    stack = list(objects)
    while stack:
        obj = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            segments += pdfium_c.FPDFPath_CountSegments(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            stack.extend(pdfium_c.FPDFFormObj_GetObject(obj, i)
                         for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)))
    return paths, images, segments
