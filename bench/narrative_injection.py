"""Mistakes injected into real documents' narratives: does a checker notice each one?

Prints figures; it is not a test. For every real final in ../shared/realpdfs/final, each
kind of mistake below is injected, one at a time, into the page text the narrative checks
read (in memory; the PDF is untouched), where the document offers a place for it, and
the narrative re-checked. Caught: a new `error` or `warning` of the expected rule.

    heading_year     the year of the first heading naming this year's accounts, minus one
    year_end         the year of the first "截至YYYY年12月31日", minus one
    placeholder      the unit's name in the first heading that prints it → its city + "XX局"
    direction        the first "决算数小于预算数" (or 大于) beside unequal figures, flipped
    share            the first "占NN.NN%" after an amount, plus one point
    total            the first "本年支出合计N万元", plus 10

    python bench/narrative_injection.py
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from juesuan.extract import extract_document  # noqa: E402
from juesuan.model import ExtractedDocument  # noqa: E402
from juesuan.validate.narrative import narrative_findings  # noqa: E402

FINALS = REPO.parent / "shared" / "realpdfs" / "final"
Edit = Callable[[str, ExtractedDocument], str | None]  # page text → changed text, or None


def _first(pattern: str, replace: Callable[[re.Match], str]) -> Edit:
    def edit(text: str, doc: ExtractedDocument) -> str | None:
        match = re.search(pattern, text, re.M)
        return None if match is None else text[:match.start()] + replace(match) + text[match.end():]
    return edit


def _heading_year(text: str, doc: ExtractedDocument) -> str | None:
    year = doc.fiscal_year
    match = re.search(rf"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、).*?({year})\s*年度.*?(决算|情况说明)",
                      text, re.M)
    return None if match is None else text[:match.start(2)] + str(year - 1) + text[match.end(2):]


def _placeholder(text: str, doc: ExtractedDocument) -> str | None:
    name = doc.unit_name or ""
    for match in re.finditer(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、).*$", text, re.M):
        at = re.sub(r"\s", "", match.group(0)).find(name)
        if name and at >= 0 and name in match.group(0):
            city = re.match(r"^.{1,3}?[省市]", name)
            stand_in = (city.group(0) if city else "") + "XX局"
            return text.replace(match.group(0), match.group(0).replace(name, stand_in), 1)
    return None


_FLIP = {"小于": "大于", "大于": "小于", "低于": "高于", "高于": "低于"}


def _direction(text: str, doc: ExtractedDocument) -> str | None:
    match = re.search(r"决算数?(小于|大于|低于|高于)(年初|全年)?预算数?", text)
    if match is None:
        return None
    return text[:match.start(1)] + _FLIP[match.group(1)] + text[match.end(1):]


KINDS: dict[str, tuple[Edit, str]] = {
    "heading_year": (_heading_year, "N.year"),
    "year_end": (_first(r"截[至止]\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日",
                        lambda m: m.group(0).replace(m.group(1), str(int(m.group(1)) - 1), 1)), "N.year"),
    "placeholder": (_placeholder, "N.placeholder"),
    "direction": (_direction, "N.completion_rate"),
    "share": (_first(r"(?<=万元，占)\s*(\d{1,2}\.\d{2})(?=\s*%)",
                     lambda m: f"{Decimal(m.group(1)) + 1:.2f}"), "N.share"),
    "total": (_first(r"(?<=本年支出合计)\s*(\d[\d,]*\.\d{2})(?=\s*万元)",
                     lambda m: f"{Decimal(m.group(1).replace(',', '')) + 10:.2f}"), "N.total"),
}


def _key(f) -> tuple:
    return (f.rule_id, f.location, f.actual, f.pages)


def inject(doc: ExtractedDocument, kind: str) -> tuple[bool, list] | None:
    """(caught, new findings), or None when the document offers no place for the kind."""
    edit, rule = KINDS[kind]
    before = {_key(f) for f in narrative_findings(doc) if f.severity in ("error", "warning")}
    for index, (page, text) in enumerate(doc.narrative):
        changed = edit(text, doc)
        if changed is None or changed == text:
            continue
        mutated = copy.copy(doc)
        mutated.narrative = list(doc.narrative)
        mutated.narrative[index] = (page, changed)
        new = [f for f in narrative_findings(mutated) if f.severity in ("error", "warning")
               and _key(f) not in before]
        return any(f.rule_id == rule for f in new), new
    return None


def main() -> int:
    files = sorted(FINALS.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {FINALS}")
        return 0
    caught = tried = 0
    for path in files:
        doc = extract_document(path)
        for kind in KINDS:
            outcome = inject(doc, kind)
            if outcome is None:
                continue
            ok, new = outcome
            tried += 1
            caught += ok
            rules = ", ".join(sorted({f.rule_id for f in new})) or "nothing"
            print(f"  {'caught' if ok else 'MISSED':<6} {path.name[:30]:<30} {kind:<13} {rules}")
    print(f"injected mistakes caught: {caught}/{tried}" + (f" ({caught / tried:.1%})" if tried else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
