"""Characters and ruling lines of a page, read with PDFium instead of pdfminer.

pdfplumber's own page parse (pdfminer, pure Python) costs ~120 ms on a ruled table page;
PDFium (C) gives the same characters and path geometry in ~20 ms. The table algorithm
stays pdfplumber's (TableFinder with explicit edges, see grid.py); only the reading of
the page content changes. Coordinates follow pdfplumber's convention: origin top-left,
`top`/`bottom` measured down from the top of the page.

Only paths that put ink on the page give rules. Spreadsheet exports paint every cell's
background as a white filled rectangle, often several per cell (a padding frame around
the text area, a text area split per printed line), and draw the visible rules as thin
black rectangles. Taken as rules, those white rectangles cut a cell that prints a wrapped
header ('因公出国' over '（境）费') into one cell per line, and the header is read as its
last line. A path filled white (or transparent) and not stroked, or stroked white and not
filled, draws nothing on white paper, so its edges are not rules.

Only what lies on the visible page is read. A page shows its crop box (within its media
box); content drawn outside it is in the file but never printed or displayed. Spreadsheet
exports leave such overflow behind: 江苏省人大 2017 p11 carries, below its 841.9 pt page,
another 1,800 pt of content (a second copy of 财政拨款基本支出预算表, the header of the
next table), which no reader sees. Characters and rules wholly outside the visible box are
dropped here, at the lowest level, so that no grid, narrative or completeness check sees
them; what is partly visible (a glyph cut by the page edge) is kept. The scan
(juesuan.extract.scan) keeps the same rule for the page text.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

_AXIS_TOLERANCE = 1.0  # a segment within 1 pt of horizontal/vertical is a rule
_MIN_EDGE = 1.0
_WHITE = 250  # every RGB channel at least this: white paint, no ink on white paper
# A box lying less than this beyond the visible area still touches it: a rule drawn on the
# page edge, half its stroke inside.
EDGE_SLACK = 1.0
Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in display space


@dataclass(slots=True)
class PageContent:
    number: int
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)  # {'text', 'x0', 'x1', 'top', 'bottom', 'baseline'}
    edges: list[dict] = field(default_factory=list)  # pdfplumber edge dicts, orientation 'h' | 'v'
    unmapped_chars: int = 0  # glyphs without a Unicode mapping (pdfminer's "(cid:NNN)")
    hidden_chars: int = 0  # characters drawn wholly outside the visible page, not read


def read_page(pdf, index: int) -> PageContent:
    """Characters (with boxes) and straight path segments of one page of a PdfDocument,
    in the page's display orientation (its /Rotate applied, as a reader sees it)."""
    page = pdf[index]
    try:
        width, height = page.get_size()  # as displayed, i.e. after /Rotate
        content = PageContent(index + 1, width, height)
        left, bottom, _, _ = page.get_bbox()
        to_display = display_transform(page.get_rotation(), width, height, origin=(left, bottom))
        _read_paths(page.raw, to_display, content.edges)
        textpage = page.get_textpage()
        try:
            content.unmapped_chars = _read_chars(textpage.raw, to_display, content.chars)
        finally:
            textpage.close()
        _keep_visible(content, visible_box(page, to_display))
    finally:
        page.close()
    return content


def visible_box(page, to_display) -> Box:
    """The page's visible area in display space: its crop box clipped to its media box
    (PDFium's page bounding box), through the same transform as the characters."""
    left, bottom, right, top = page.get_bbox()
    (xa, ya), (xb, yb) = to_display(left, bottom), to_display(right, top)
    return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def touches(x0: float, top: float, x1: float, bottom: float, box: Box) -> bool:
    """Whether a box (display space) reaches into the visible area: partly visible counts."""
    left, upper, right, lower = box
    return (x1 >= left - EDGE_SLACK and x0 <= right + EDGE_SLACK
            and bottom >= upper - EDGE_SLACK and top <= lower + EDGE_SLACK)


def _keep_visible(content: PageContent, box: Box) -> None:
    """Drop the characters and rules lying wholly outside the visible page; count the
    characters dropped (the scan reports hidden figures, see juesuan.extract.scan)."""
    shown = [c for c in content.chars if touches(c["x0"], c["top"], c["x1"], c["bottom"], box)]
    content.hidden_chars = len(content.chars) - len(shown)
    content.chars = shown
    content.edges = [e for e in content.edges if touches(e["x0"], e["top"], e["x1"], e["bottom"], box)]


def display_transform(rotation: int, width: float, height: float,
                      origin: Point = (0.0, 0.0)) -> Callable[[float, float], Point]:
    """A function from PDF user space (origin bottom-left) to display space (origin top-left,
    y down) for a page shown rotated clockwise by `rotation` degrees; width and height are
    the displayed size, `origin` the lower-left corner of the visible box in user space.

    A landscape table is often stored as a portrait page with /Rotate 90 (printer drivers
    do this): its text runs up the page in user space, and read unrotated no table is found.
    A page box need not start at (0, 0) (8bc0e59b2fc6: at (-12, 12)); display space starts
    at its corner, as the rendered page does, so that a figure's box marks it on the image.
    """
    dx, dy = origin
    if rotation == 90:
        return lambda x, y: (y - dy, x - dx)
    if rotation == 180:
        return lambda x, y: (width - (x - dx), y - dy)
    if rotation == 270:
        return lambda x, y: (width - (y - dy), height - (x - dx))
    return lambda x, y: (x - dx, height - (y - dy))


def _read_chars(textpage, to_display, out: list[dict]) -> int:
    """Visible characters with their glyph box and baseline; returns the unmapped count.

    The baseline (the glyph origin) groups characters into lines: glyph boxes of one
    line differ in height ('一' is flat, '般' is tall) but share the baseline.
    """
    unmapped = 0
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        if pdfium_c.FPDFText_IsGenerated(textpage, i):
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1:
            unmapped += 1
            continue
        if code in (0, 0xFFFE, 0xFFFF) or chr(code).isspace():
            continue
        if not pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top):
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, origin_x, origin_y)
        (xa, ya), (xb, yb) = to_display(left.value, bottom.value), to_display(right.value, top.value)
        out.append({"text": chr(code), "x0": min(xa, xb), "x1": max(xa, xb), "top": min(ya, yb),
                    "bottom": max(ya, yb), "baseline": to_display(origin_x.value, origin_y.value)[1]})
    return unmapped


def _read_paths(container, to_display, out: list[dict], form=None, parent=None) -> None:
    count = (pdfium_c.FPDFFormObj_CountObjects(form) if form is not None
             else pdfium_c.FPDFPage_CountObjects(container))
    for i in range(count):
        obj = (pdfium_c.FPDFFormObj_GetObject(form, i) if form is not None
               else pdfium_c.FPDFPage_GetObject(container, i))
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, to_display, out, parent)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            matrix = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            _read_paths(container, to_display, out, form=obj, parent=_compose(own, parent))


def _compose(inner, outer):
    """Matrix product inner × outer (PDF row-vector convention); outer None = identity."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _paints_nothing(obj) -> bool:
    """A path that leaves no visible mark: neither filled nor stroked in a dark enough
    colour (white or fully transparent paint on white paper)."""
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroked):
        return False
    fills = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE and not _blank_paint(
        pdfium_c.FPDFPageObj_GetFillColor, obj)
    strokes = bool(stroked.value) and not _blank_paint(pdfium_c.FPDFPageObj_GetStrokeColor, obj)
    return not (fills or strokes)


def _blank_paint(get_colour, obj) -> bool:
    """Whether the paint is white or fully transparent; a colour PDFium cannot tell (a
    pattern) counts as ink."""
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not get_colour(obj, red, green, blue, alpha):
        return False
    return alpha.value == 0 or min(red.value, green.value, blue.value) >= _WHITE


def _path_edges(obj, to_display, out: list[dict], parent) -> None:
    if _paints_nothing(obj):
        return
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), parent)
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for j in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, j)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = to_display(m[0] * x.value + m[2] * y.value + m[4], m[1] * x.value + m[3] * y.value + m[5])
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = previous = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            _add_edge(previous, point, out)
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_edge(point, start, out)
            previous = start


def edge(orientation: str, position: float, lo: float, hi: float) -> dict:
    """A rule as pdfplumber describes one: 'h' at y = position from x = lo to hi, 'v' at
    x = position from top = lo to bottom = hi (display space)."""
    if orientation == "h":
        return {"x0": lo, "x1": hi, "top": position, "bottom": position, "width": hi - lo,
                "height": 0.0, "orientation": "h", "object_type": "line"}
    return {"x0": position, "x1": position, "top": lo, "bottom": hi, "width": 0.0,
            "height": hi - lo, "orientation": "v", "object_type": "line"}


def _add_edge(p, q, out: list[dict]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= _AXIS_TOLERANCE and abs(x1 - x0) >= _MIN_EDGE:
        out.append(edge("h", (y0 + y1) / 2, *sorted((x0, x1))))
    elif abs(x0 - x1) <= _AXIS_TOLERANCE and abs(y1 - y0) >= _MIN_EDGE:
        out.append(edge("v", (x0 + x1) / 2, *sorted((y0, y1))))
