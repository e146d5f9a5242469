"""Numbers as printed on a table page: in ruled cells, and in the text lines around grids.

The completeness audit (completeness.py) needs every number a page prints, with where it
is. Inside a ruled grid a number's place is its cell (a record carries the same box);
outside, text lines are rebuilt from characters with the gaps between them kept as
spaces, so two figures printed side by side stay two numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from juesuan.extract.grid import Grid
from juesuan.extract.pdfium_page import PageContent
from juesuan.text import has_cjk

_LINE_TOLERANCE = 3.0  # points: characters whose baselines differ less share a line
_GAP = 0.6  # a gap wider than this many character heights separates two words
# A printed number: digits with thousands separators and decimals, or a bare integer.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DASH_ONLY = re.compile(r"^[-—–－─]+$")
_MONEY = re.compile(r"\.\d|\d,\d{3}")


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text outside every grid: its words joined by single spaces, its box,
    and the x-extent of each character of `text` (None for an inserted space)."""

    page: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    spans: tuple[tuple[float, float] | None, ...]


@dataclass(frozen=True, slots=True)
class PrintedNumber:
    text: str  # as matched, NFKC ('1,234.56', '2023', '-')
    start: int  # offset in its context text
    end: int
    context: str  # the cell's text or the line's text (NFKC)

    @property
    def money_like(self) -> bool:
        """Decimals or thousands separators (or a dash standing for zero): how figures
        are printed, unlike indexes, codes, years and page numbers."""
        return bool(_MONEY.search(self.text)) or bool(_DASH_ONLY.match(self.text))

    @property
    def digits_only(self) -> bool:
        return self.text.isdigit()

    def followed_by(self, words: tuple[str, ...], adjacent: bool = False) -> bool:
        """The text right after the number starts with one of `words` (after spaces,
        unless `adjacent`: in a rebuilt line a space is a gap between two cells)."""
        rest = self.context[self.end:]
        return (rest if adjacent else rest.lstrip()).startswith(words)

    def preceded_by(self, words: tuple[str, ...]) -> bool:
        return self.context[:self.start].rstrip().endswith(words)

    @property
    def in_words(self) -> bool:
        """Printed against a CJK character with no gap (…支出123.45，…): a figure inside a
        sentence. In a line rebuilt from a table row, cells are separated by gaps."""
        before = self.context[self.start - 1:self.start]
        after = self.context[self.end:self.end + 1]
        return has_cjk(before + after)


def numbers_in(text: str) -> list[PrintedNumber]:
    """Every number printed in a piece of text (NFKC first: full-width digits count); a
    text that is only a dash is one number, the zero some layouts print as '-'."""
    norm = unicodedata.normalize("NFKC", text or "")
    stripped = norm.strip()
    if stripped and _DASH_ONLY.match(stripped):
        start = norm.index(stripped)
        return [PrintedNumber(stripped, start, start + len(stripped), norm)]
    return [PrintedNumber(m.group(), m.start(), m.end(), norm) for m in NUMBER.finditer(norm)]


def count_numbers(text: str) -> int:
    """How many numbers `numbers_in(text)` finds, without building them (the audit's hot
    path: every cell that holds a record)."""
    if text.isascii():
        norm = text
    else:
        norm = unicodedata.normalize("NFKC", text)
    stripped = norm.strip()
    if stripped and _DASH_ONLY.match(stripped):
        return 1
    return len(NUMBER.findall(norm))


def lines_outside(content: PageContent, grids: list[Grid]) -> list[TextLine]:
    """Text lines of the characters that fall in no grid on the page, top to bottom."""
    boxes = [g.bbox for g in grids]
    chars = []
    for ch in content.chars:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            chars.append(ch)
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["baseline"], c["x0"])):
        if lines and ch["baseline"] - lines[-1][0]["baseline"] <= _LINE_TOLERANCE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [_text_line(content.number, sorted(line, key=lambda c: c["x0"])) for line in lines]


def _text_line(page: int, chars: list[dict]) -> TextLine:
    text: list[str] = []
    spans: list[tuple[float, float] | None] = []
    previous = None
    # The line's type size, from its tallest glyph: a '.' or '、' has a tiny glyph box.
    height = max(c["bottom"] - c["top"] for c in chars) or 1.0
    for ch in chars:
        if previous is not None and ch["x0"] - previous["x1"] > _GAP * height:
            text.append(" ")
            spans.append(None)
        for piece in unicodedata.normalize("NFKC", ch["text"]):
            text.append(piece)
            spans.append((ch["x0"], ch["x1"]))
        previous = ch
    return TextLine(page, "".join(text), min(c["x0"] for c in chars), min(c["top"] for c in chars),
                    max(c["x1"] for c in chars), max(c["bottom"] for c in chars), tuple(spans))


def x_extent(line: TextLine, number: PrintedNumber) -> tuple[float, float]:
    spans = [s for s in line.spans[number.start:number.end] if s is not None]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (line.x0, line.x1)
