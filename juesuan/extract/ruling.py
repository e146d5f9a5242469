"""Closing a ruled table whose outer rule is missing, before its cells are found.

Around a page break, spreadsheet exports often draw the border between two rows on
neither page: the last row of a page has no rule under it, the first row of the next
page none above it, while the column rules still run down (or up) to the row's edge. A
cell needs four rules, so such a row is no cell at all: its figures lie outside the grid
and are lost without a trace (issue 12, class 1). The same happens to a column when a
table is printed without its left or right border.

The column rules say where the missing rule was: several vertical rules that end at the
same height without meeting a horizontal rule (nor continuing in another segment) mark
the edge of an open row, and a horizontal rule is added across them; likewise a vertical
rule where several horizontal rules end at one x. A rule is added only where two or more
rules of a ruled table end together AND printed text lies in the strip it closes, so a
text underline, a three-line table (no column rules) or a rule that merely overshoots an
empty margin changes nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from juesuan.extract.pdfium_page import edge

# pdfplumber's snap/join/intersection tolerance (grid.TABLE_SETTINGS): an end closer than
# this to a crossing rule meets it.
MEET_TOLERANCE = 3.0
_SAME_END = 1.5  # ends closer than this (points) are one edge of the table


@dataclass(frozen=True, slots=True)
class _Line:
    """A rule on one axis: `position` across it, from `start` to `stop` along it."""

    position: float
    start: float
    stop: float


class _Lines:
    """Rules of one direction, sorted by position, for range look-ups."""

    def __init__(self, lines: list[_Line]):
        self.lines = sorted(lines, key=lambda line: line.position)
        self.positions = [line.position for line in self.lines]

    def near(self, position: float, tolerance: float = MEET_TOLERANCE) -> list[_Line]:
        lo = bisect_left(self.positions, position - tolerance)
        return self.lines[lo:bisect_right(self.positions, position + tolerance)]

    def between(self, low: float, high: float) -> list[_Line]:
        return self.lines[bisect_left(self.positions, low):bisect_right(self.positions, high)]


def _covers(line: _Line, at: float) -> bool:
    return line.start - MEET_TOLERANCE <= at <= line.stop + MEET_TOLERANCE


def _any_covers(lines: list[_Line], at: float) -> bool:
    for line in lines:
        if line.start - MEET_TOLERANCE <= at <= line.stop + MEET_TOLERANCE:
            return True
    return False


def _continues(pieces: list[_Line], rule: _Line, end: float, inward: int) -> bool:
    """Another segment of the same rule carries on past this end (rules drawn per row).

    The segment must reach beyond the end: a rule drawn as a thin filled rectangle has two
    edges side by side that end together, and neither carries the other on."""
    for piece in pieces:
        if piece == rule or not piece.start - MEET_TOLERANCE <= end <= piece.stop + MEET_TOLERANCE:
            continue
        beyond = piece.start < end - MEET_TOLERANCE if inward > 0 else piece.stop > end + MEET_TOLERANCE
        if beyond:
            return True
    return False


def close_open_ends(h_edges: list[dict], v_edges: list[dict],
                    chars: list[dict] | None = None) -> tuple[list[dict], list[dict]]:
    """The edges plus a closing rule wherever ≥2 rules of one direction end together
    without meeting a rule of the other direction, and text lies in the strip the new
    rule closes (pdfplumber edge dicts and char dicts, display space). Without `chars`
    the text condition is not applied."""
    if not h_edges or len(v_edges) < 2:
        return h_edges, v_edges
    horizontal = [_Line(e["top"], e["x0"], e["x1"]) for e in h_edges]
    vertical = [_Line(e["x0"], e["top"], e["bottom"]) for e in v_edges]

    def centres(flip: bool) -> list[tuple[float, float]] | None:
        """Character centres as (along the dangling rules, across them); made only when a
        closing rule is in question (most pages have none)."""
        if chars is None:
            return None
        points = [((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2) for c in chars]
        return [(x, y) for y, x in points] if flip else points

    added_h = [edge("h", *line) for line in _closing_lines(vertical, horizontal, lambda: centres(False))]
    added_v = [edge("v", *line) for line in _closing_lines(horizontal, vertical, lambda: centres(True))]
    return h_edges + added_h, v_edges + added_v


def _closing_lines(rules: list[_Line], crossing: list[_Line],
                   centres_of) -> list[tuple[float, float, float]]:
    """(position, start, stop) of each rule that closes dangling ends of `rules`.

    `rules` run along one axis (say vertical: position = x, start/stop = y); `crossing`
    are the rules of the other axis; `centres_of()` gives the character centres as (y, x)
    for that example, i.e. (along `rules`, across them), or None for no text condition."""
    crossings, pieces = _Lines(crossing), _Lines(rules)
    dangling: list[tuple[float, float, int]] = []  # (end, rule position, inward direction)
    for rule in rules:
        open_ends = [(end, inward) for end, inward in ((rule.start, +1), (rule.stop, -1))
                     if not _any_covers(crossings.near(end), rule.position)
                     and not _continues(pieces.near(rule.position), rule, end, inward)]
        if not open_ends:
            continue  # the common case: both ends meet a crossing rule
        if len(open_ends) < 2 or _any_covers(crossings.between(rule.start, rule.stop), rule.position):
            dangling += [(end, rule.position, inward) for end, inward in open_ends]
    closing = []
    centres = centres_of() if len(dangling) >= 2 else None
    # what a new rule closes is judged against whole rules, a rule drawn cell by cell joined
    spans = _Lines(_joined(crossing)) if centres is not None else crossings
    for group in _groups(sorted(dangling)):
        if len(group) < 2:
            continue
        end = sum(e for e, _, _ in group) / len(group)
        lo, hi = min(p for _, p, _ in group), max(p for _, p, _ in group)
        if hi - lo < MEET_TOLERANCE:
            continue
        inward = 1 if sum(d for _, _, d in group) >= 0 else -1
        if _text_in_strip(end, inward, lo, hi, spans, centres):
            closing.append((end, *_widened(end, inward, lo, hi, rules, spans, centres)))
    return closing


def _widened(end: float, inward: int, lo: float, hi: float, rules: list[_Line], crossings: _Lines,
             centres: list[tuple[float, float]] | None) -> tuple[float, float]:
    """[lo, hi] reaching on to the nearest rule either side that ends at the same height.

    That rule met a crossing rule there (the border of the part of the table that is
    closed), so it was not dangling; the cell between it and the dangling group is open
    all the same ('金额' beside '项目名称' at the top of a continued header) and the
    closing rule runs on to it, when text lies in that cell too."""
    ending, passing = [], []
    for rule in rules:
        if abs((rule.start if inward > 0 else rule.stop) - end) <= _SAME_END:
            ending.append(rule.position)
        elif rule.start + MEET_TOLERANCE < end < rule.stop - MEET_TOLERANCE:
            passing.append(rule.position)
    right = min((p for p in ending + passing if p > hi + MEET_TOLERANCE), default=None)
    if right is not None and right not in passing and _text_in_strip(end, inward, hi, right, crossings, centres):
        hi = right
    left = max((p for p in ending + passing if p < lo - MEET_TOLERANCE), default=None)
    if left is not None and left not in passing and _text_in_strip(end, inward, left, lo, crossings, centres):
        lo = left
    return lo, hi


def _text_in_strip(end: float, inward: int, lo: float, hi: float, crossings: _Lines,
                   centres: list[tuple[float, float]] | None) -> bool:
    """Whether characters lie between the closing rule and the nearest crossing rule
    inward that spans [lo, hi] (the open row or column the rule would close); always
    true without a text condition (`centres` None)."""
    if centres is None:
        return True
    spanning = [c.position for c in crossings.lines if c.start <= lo + MEET_TOLERANCE
                and c.stop >= hi - MEET_TOLERANCE and (c.position - end) * inward > MEET_TOLERANCE]
    if not spanning:
        return False
    inner = min(spanning, key=lambda p: abs(p - end))
    low, high = sorted((end, inner))
    return any(low < along < high and lo < across < hi for along, across in centres)


def _joined(lines: list[_Line]) -> list[_Line]:
    """Collinear segments that meet, joined into one rule: a row's rule drawn cell by cell
    (one segment per cell, each stopping short of the column rules) spans the row."""
    joined: list[_Line] = []
    for group in _collinear(lines):
        for line in sorted(group, key=lambda seg: seg.start):
            last = joined[-1] if joined and joined[-1].position == group[0].position else None
            if last is not None and line.start <= last.stop + MEET_TOLERANCE:
                joined[-1] = _Line(last.position, last.start, max(last.stop, line.stop))
            else:
                joined.append(_Line(group[0].position, line.start, line.stop))
    return joined


def _collinear(lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped by position (closer than _SAME_END: one rule), in position order."""
    groups: list[list[_Line]] = []
    for line in sorted(lines, key=lambda seg: seg.position):
        if groups and line.position - groups[-1][-1].position <= _SAME_END:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _groups(ends: list[tuple[float, float, int]]) -> list[list[tuple[float, float, int]]]:
    groups: list[list[tuple[float, float, int]]] = []
    for end in ends:
        if groups and end[0] - groups[-1][-1][0] <= _SAME_END:
            groups[-1].append(end)
        else:
            groups.append([end])
    return groups
