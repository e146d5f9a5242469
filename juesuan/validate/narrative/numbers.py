"""Figures printed in pieces, put back together before anything reads them.

Why: a figure read in pieces is a wrong figure, and a wrong figure compared with the
tables is a false alarm. Three habits of real producers split them:

- **Letter spacing.** Paragraphs set with extra space after every character come out of
  a text extractor as "9 9 9.8 3万元" (the space after '.' is often too narrow to count).
  Read as it stands, the figure would be "3万元".
- **Line breaks inside a figure.** Justified text may break "2940.05" as "29" / "40.05万元".
- **Full-width digits and points** ("１２．５万元"), folded to ASCII by the page reader
  (text.page_lines); the full-width point only between digits, because "1．" also
  numbers a list.

Joining is done only where it is certain: a letter-spaced run is single characters (at
most one piece of two or three, "9.8"), the joined digits form one well-formed number,
and a unit (万元/元/亿元/%) follows at once; a line break is closed only between a figure
glued to the words before it and digits running into a unit. Anything else stays as
printed, and the figure reader refuses a figure that directly follows another number
and a space (figures._FIGURE), so a run that cannot be joined yields no figure rather
than a wrong one.
"""

from __future__ import annotations

import re

_UNIT_AHEAD = r"(?=(?:万元|亿元|元|%))"
# single characters (or one short piece like '9.8') separated by one space or line break
_SPACED_RUN = re.compile(r"(?<![\d.,])([\d.,]{1,3}(?:[ \n][\d.,]{1,3})+)" + _UNIT_AHEAD)
# a figure glued to the words before it, broken at the end of the line
_BROKEN = re.compile(r"(?<=[^\d.,\s])(\d[\d.,]*)\n(\d[\d.,]*)" + _UNIT_AHEAD)
_NUMBER = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SEPARATOR = re.compile(r"[ \n]")
_FULLWIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")


def fold_points(line: str) -> str:
    """'１２．５' (digits already folded) → '12.5'; '1．' (a list number) stays."""
    return _FULLWIDTH_POINT.sub(".", line)


def _letter_spaced(run: str) -> bool:
    pieces = _SEPARATOR.split(run)
    return sum(len(p) > 1 for p in pieces) <= 1 and bool(_NUMBER.match("".join(pieces)))


def join_pieces(text: str, pages: list[int]) -> tuple[str, list[int]]:
    """`text` with the separators inside split figures removed (and `pages` kept aligned).

    `text` is squeezed block text: whitespace survives only between figure characters,
    as ' ' within a line and '\\n' at a line break. Remaining line breaks become spaces.
    """
    drop: set[int] = set()
    for match in _SPACED_RUN.finditer(text):
        if _letter_spaced(match.group(1)):
            drop.update(i for i in range(match.start(1), match.end(1)) if text[i] in " \n")
    for match in _BROKEN.finditer(text):
        if _NUMBER.match(match.group(1) + match.group(2)):
            drop.add(match.end(1))
    if not drop and "\n" not in text:
        return text, pages
    kept = [(" " if ch == "\n" else ch, page) for i, (ch, page) in enumerate(zip(text, pages))
            if i not in drop]
    return "".join(ch for ch, _ in kept), [page for _, page in kept]
