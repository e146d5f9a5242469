"""The portal's listing against the document: a note when they disagree, never an override.

A listing can file a unit under the wrong year or a shortened name; the document's own
title is the authority (DOMAIN.md), but a disagreement is worth an operator's look.
"""

from __future__ import annotations

from juesuan.text import normalise_text


def listing_note(listed_unit: str | None, listed_year: int | None,
                 unit_name: str | None, fiscal_year: int | None) -> str | None:
    notes = []
    if listed_year and fiscal_year and listed_year != fiscal_year:
        notes.append(f"the portal lists it under {listed_year}, the document prints {fiscal_year}")
    listed, printed = normalise_text(listed_unit), normalise_text(unit_name)
    if listed and printed and printed not in listed and listed not in printed:
        notes.append(f"the portal lists it as “{listed_unit}”, the document prints “{unit_name}”")
    return "cross-check: " + "; ".join(notes) if notes else None
