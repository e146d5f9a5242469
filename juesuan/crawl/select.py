"""Which disclosure a portal entry is, by the words it is listed with: finals or budgets.

Portals often list 部门决算 and 部门预算 in one column. A profile's `disclosures` chooses
finals, budgets or both; what an entry is comes from its listed title (the detail link's
text, then the attachment's). Only a title that names one kind and not the other decides;
anything else — both words (预决算, "2024年预算及2023年决算"), neither, a 预算执行 report — is
kept: the document's own cover decides at extraction, so nothing is dropped on a guess.
"""

from __future__ import annotations

import re

from juesuan.text import normalise_text

FINALS, BUDGETS, BOTH = "finals", "budgets", "both"
CHOICES = (FINALS, BUDGETS, BOTH)

_FINAL = re.compile(r"(?<!预)决算")  # 预决算 names both
_BUDGET = re.compile(r"预算(?!执行|调整)")  # a 预算执行 / 预算调整 report is not a budget package


def listed_kind(title: str | None) -> str | None:
    """'final', 'budget', or None when the title does not say one kind for certain."""
    text = normalise_text(title or "").replace(" ", "")
    final, budget = bool(_FINAL.search(text)), bool(_BUDGET.search(text))
    if final and not budget:
        return "final"
    if budget and not final:
        return "budget"
    return None


def not_selected(choice: str, *titles: str | None) -> str | None:
    """Why an entry listed with these titles is left out under `choice`; None to keep it.
    The first title that decides a kind is used (the detail link, then the attachment)."""
    if choice == BOTH:
        return None
    for title in titles:
        kind = listed_kind(title)
        if kind is None:
            continue
        wanted = "final" if choice == FINALS else "budget"
        if kind != wanted:
            listed_as = "final accounts (决算)" if kind == "final" else "a budget (预算)"
            return f"not selected: listed as {listed_as} ({title!r}), the profile selects {choice}"
        return None
    return None
