"""What the publisher says about when a document was published, and whether it corrects another.

Portals list newest first, so a crawl meets a corrected re-publication before the original
it corrects: "loaded last" is the wrong test of "newest". The publisher's own word is the
right one, and it comes in a few forms, strongest first:

- a labelled date on the detail page (发布时间：2025-06-20, 发布日期, 发文日期, 日期：);
- the one date printed beside the document's link in the listing (a date span);
- a manifest's `published` column;
- a correction mark in a title or file name (更正, 更正版, 修订, 修正, 重新公开, 重新发布);
- the server's Last-Modified header, only when nothing else is known (a re-upload or a
  server migration changes it).

Pure functions of text; used by the crawler (juesuan.crawl), manifests (juesuan.sources)
and the warehouse, which orders versions with them (warehouse.versions).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from juesuan.text import normalise_text

# Where a publication date came from, strongest first.
DETAIL_PAGE, LISTING, MANIFEST, LAST_MODIFIED = "detail page", "listing", "manifest", "Last-Modified"
SOURCE_STRENGTH = {DETAIL_PAGE: 3, LISTING: 2, MANIFEST: 3, LAST_MODIFIED: 1}

_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*"
                   r"(?P<d>\d{1,2})(?!\d)\s*日?")
# Labels of a publication date, strongest first; a weaker label counts only without a stronger.
_LABELS = (re.compile(r"(?:发布|发文|公开|印发)\s*(?:时间|日期)\s*[:]?"),
           re.compile(r"(?:上传|更新)\s*(?:时间|日期)\s*[:]?"),
           re.compile(r"(?<![截至止])(?:日期|时间)\s*:"))
_LABEL_GAP = 12  # at most this many characters between a label and its date ("发布时间：")
_CORRECTION = re.compile(r"更正版?|修订版?|修正版?|重新公开|重新发布|重新上传")


@dataclass(frozen=True)
class Publication:
    """When the publisher says a document was published, from where, and its correction mark."""

    published_on: date | None = None
    source: str | None = None  # DETAIL_PAGE | LISTING | MANIFEST | LAST_MODIFIED
    evidence: str | None = None  # the text the date was read from
    correction_mark: str | None = None  # e.g. "更正" when a title marks a correction

    @property
    def known(self) -> bool:
        return self.published_on is not None or self.correction_mark is not None

    def describe(self) -> str:
        parts = []
        if self.published_on:
            parts.append(f"published {self.published_on.isoformat()} ({self.source})")
        if self.correction_mark:
            parts.append(f"marked {self.correction_mark}")
        return ", ".join(parts) or "no publication date"


def dates_in(text: str | None, today: date | None = None) -> list[tuple[date, str]]:
    """Every plausible calendar date written in the text, with the text it was read from.

    Plausible: a real day of 2000 or later, and not after tomorrow (a date in the future is
    a deadline or a typo, not a publication).
    """
    text = unicodedata.normalize("NFKC", text) if text else ""
    latest = (today or date.today()) + timedelta(days=1)
    found = []
    for m in _DATE.finditer(text):
        try:
            day = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        if date(2000, 1, 1) <= day <= latest:
            found.append((day, m.group(0).strip()))
    return found


def the_one_date(text: str | None, today: date | None = None) -> tuple[date, str] | None:
    """The date of a listing entry: exactly one distinct date in it, or none (ambiguous)."""
    found = dates_in(text, today)
    if len({day for day, _ in found}) != 1:
        return None
    return found[0]


def labelled_date(text: str | None, today: date | None = None) -> tuple[date, str] | None:
    """The date a page labels as its publication (发布时间：…); None if absent or ambiguous.

    Only dates right after a label count, so a date inside the body (截至2024年12月31日)
    is never taken for the publication. Two labelled dates that disagree give None.
    """
    text = unicodedata.normalize("NFKC", text) if text else ""
    for label in _LABELS:
        found: dict[date, str] = {}
        for seen in label.finditer(text):
            window = text[seen.end():seen.end() + _LABEL_GAP + 12]
            first = _DATE.search(window)
            if first is None or first.start() > _LABEL_GAP:
                continue
            for day, _ in dates_in(first.group(0), today):
                found.setdefault(day, (seen.group(0) + window[:first.end()]).strip())
        if len(found) == 1:
            return next(iter(found.items()))
        if found:
            return None  # two dates under labels of the same strength: ambiguous
    return None


def correction_mark(*titles: str | None) -> str | None:
    """The correction mark a title or file name carries (更正, 修订, 重新公开…), if any."""
    for title in titles:
        m = _CORRECTION.search(normalise_text(title) if title else "")
        if m:
            return m.group(0)
    return None


def parse_published(value: object) -> date | None:
    """A manifest's `published` cell: a date, a datetime, or text holding one date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = the_one_date(str(value))
    if found is None:
        raise ValueError(f"`published` must hold one date like 2025-06-20, not {value!r}")
    return found[0]


def from_last_modified(header: str | None) -> Publication:
    """A Last-Modified header as the weakest evidence of publication."""
    if not header:
        return Publication()
    try:
        moment = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return Publication()
    return Publication(moment.date(), LAST_MODIFIED, f"Last-Modified: {header}")


def combine(*candidates: Publication) -> Publication:
    """The strongest date among the candidates, and any correction mark one of them carries."""
    dated = [c for c in candidates if c.published_on is not None]
    best = max(dated, key=lambda c: SOURCE_STRENGTH.get(c.source or "", 0), default=Publication())
    mark = next((c.correction_mark for c in candidates if c.correction_mark), None)
    return replace(best, correction_mark=mark)
