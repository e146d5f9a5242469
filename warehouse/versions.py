"""Which version of a unit-year's document is current: the publisher's order, not arrival's.

A corrected re-publication often reaches us before the original it corrects (portals
list newest first). So the current version is decided from what the publisher says, and
never from load order while the publisher says anything. For two versions, in this order:

1. an operator's choice (`juesuan make-current`) holds against every version that
   existed when it was made;
2. publication dates the publisher gives (detail page, listing, manifest), when both
   versions have one and they differ: the later wins;
3. a correction mark (更正, 修订, 重新公开…) in one title and not the other: the marked wins;
4. any dates both have, Last-Modified included (the last resort), when they differ;
5. load order: the later load wins — a folder without dates keeps today's behaviour.

Pure: the loader (warehouse.load) reads the versions, asks `current_of`, and stores the
answer with its reason, so `documents` says why each version is or is not current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cmp_to_key

from juesuan.publication import LAST_MODIFIED


@dataclass(frozen=True)
class Version:
    """One stored version of a unit-year's document, with what decides its order."""

    document_id: str
    ingested_at: datetime
    published_on: date | None = None
    published_source: str | None = None
    correction_mark: str | None = None
    chosen_by: str | None = None
    chosen_why: str | None = None
    chosen_at: datetime | None = None

    @property
    def publisher_date(self) -> date | None:
        return self.published_on if self.published_source not in (None, LAST_MODIFIED) else None

    def dated(self) -> str:
        return f"{self.published_on.isoformat()} ({self.published_source})" if self.published_on else "no date"


def compare(a: Version, b: Version) -> tuple[int, str]:
    """(+1 if a is newer, -1 if b is) and, in words, what decided it."""
    for choice, other, sign in ((a, b, 1), (b, a, -1)):
        if choice.chosen_at is not None and other.ingested_at <= choice.chosen_at and (
                other.chosen_at is None or other.chosen_at < choice.chosen_at):
            return sign, (f"chosen by {choice.chosen_by} on {choice.chosen_at:%Y-%m-%d %H:%M} UTC"
                          + (f": {choice.chosen_why}" if choice.chosen_why else ""))
    if a.publisher_date and b.publisher_date and a.publisher_date != b.publisher_date:
        newer, older = (a, b) if a.publisher_date > b.publisher_date else (b, a)
        return (1 if newer is a else -1), f"published {newer.dated()}, after {older.dated()}"
    if bool(a.correction_mark) != bool(b.correction_mark):
        marked, plain = (a, b) if a.correction_mark else (b, a)
        return (1 if marked is a else -1), f"its title marks a correction ({marked.correction_mark})"
    if a.published_on and b.published_on and a.published_on != b.published_on:
        newer, older = (a, b) if a.published_on > b.published_on else (b, a)
        return (1 if newer is a else -1), f"published {newer.dated()}, after {older.dated()}"
    newer, older = (a, b) if (a.ingested_at, a.document_id) > (b.ingested_at, b.document_id) else (b, a)
    return (1 if newer is a else -1), "loaded later; the publisher gives nothing to order them by"


@dataclass(frozen=True)
class Decision:
    current: Version
    why_current: str  # over the strongest rival, or "the only version"
    why_superseded: dict[str, str]  # document_id of each other version → why it is not current


def current_of(versions: list[Version]) -> Decision:
    """The current version among one unit-year's versions, and the reasons, in words."""
    if not versions:
        raise ValueError("no versions to choose from")
    ordered = sorted(versions, key=cmp_to_key(lambda a, b: compare(a, b)[0]))
    current = ordered[-1]
    if len(ordered) == 1:
        return Decision(current, "the only version", {})
    why = {}
    for other in ordered[:-1]:
        sign, reason = compare(current, other)
        why[other.document_id] = (f"superseded by {current.document_id}: {reason}" if sign > 0 else
                                  f"superseded by {current.document_id} (the publisher's order is "
                                  f"circular here; {reason} speaks for this one)")
    _, over_next = compare(current, ordered[-2])
    return Decision(current, f"current over {ordered[-2].document_id}: {over_next}", why)
