"""What the headings and dates say about the document itself: its year and its unit.

A 2024 document whose 情况说明 is headed "2023年度…情况说明", or that counts its vehicles
"截至2023年12月31日", was copied from last year's and not brought up to date; one headed
"上海市XX局…" was published from the template with the unit never filled in. Neither
changes a figure, but a reviewer must know: the words around the figures cannot be
trusted to describe this year or this unit.

Each is reported only when certain:

- **a wrong year** (N.year): the heading (numbered, or a part title) names the year of
  the document's own accounts ("2023年度部门决算", "2023年度…情况说明") and no other;
  it makes no comparison (与上年相比, 较2023年, 同比 …); and the document's fiscal year
  is the one its headings name most often, at least twice — so a misread fiscal year
  never turns every heading into a finding. A year-end date ("截至2023年12月31日") is
  wrong when its clause compares nothing, is not the opening balance (年初, 结转), and the
  year is not the fiscal year.
- **a placeholder unit name** (N.placeholder): "XX", "××", "某某" standing for a name
  inside a heading ("上海市XX局", "XX单位"), or "20XX年度" for the year.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Iterator

from juesuan.model import Finding
from juesuan.validate.narrative.context import Claim
from juesuan.validate.narrative.text import heading_level, page_lines, quote

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_OWN_ACCOUNTS = re.compile(r"((?:19|20)\d{2})年度?(?:[^，。；]{0,24}?)(决算|情况说明|自评)")
_COMPARISON = re.compile(r"相比|比较|同比|对比|上年|上一年|去年|增减|变动|变化|较|比上|与(?:19|20)\d{2}")
# last year's year-end is this year's opening balance: '年初结转和结余（截至2023年12月31日）'
_OPENING = re.compile(r"年初|期初|上年末|结转")
_YEAR_END = re.compile(r"截[至止](?:到)?((?:19|20)\d{2})年12月31日")
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])((?:X{2,}|x{2,}|×{2,}|Ｘ{2,}|ｘ{2,}|某某)(?=[\u4e00-\u9fff])|(?:19|20)?(?:XX|xx|××)(?=年))")
_CITY_BEFORE = re.compile(r"(?:[\u4e00-\u9fff]{1,2}[省市区县]){0,2}$")
_NAME_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,4}?(局|委员会|委|办公室|办|厅|中心|单位|部门|部|院|所|站|处|"
                         r"会|署|学校|医院|公司|年度|年)")


def _headings(narrative: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(page, heading without spaces): numbered headings and part titles."""
    out = []
    for page, text in sorted(narrative, key=lambda item: item[0]):
        for line in page_lines(text):
            if heading_level(line) is not None:
                out.append((page, re.sub(r"\s", "", line)))
    return out


def _heading_year(heading: str) -> int | None:
    """The year of the accounts a heading names, or None (several years, a comparison)."""
    years = set(_YEAR.findall(heading))
    match = _OWN_ACCOUNTS.search(heading)
    if match is None or len(years) != 1 or _COMPARISON.search(heading):
        return None
    return int(match.group(1))


def year_claims(narrative: list[tuple[int, str]], fiscal_year: int | None) -> Iterator[Claim]:
    if fiscal_year is None:
        return
    headings = [(page, h, _heading_year(h)) for page, h in _headings(narrative)]
    counts = Counter(year for _, _, year in headings if year is not None)
    certain = counts and counts.most_common(1)[0][0] == fiscal_year and counts[fiscal_year] >= 2
    for page, heading, year in headings:
        if year is None:
            continue
        yield "N.year", None
        if certain and year != fiscal_year:
            message = (f"p{page}: the heading names the accounts of {year}, but this document's are "
                       f"{fiscal_year}'s (named by {counts[fiscal_year]} other headings)")
            yield "N.year", Finding("N.year", "error", message, (), (page,), Decimal(fiscal_year),
                                    Decimal(year), location=quote(heading))
    yield from _year_end_claims(narrative, fiscal_year)


def _year_end_claims(narrative: list[tuple[int, str]], fiscal_year: int) -> Iterator[Claim]:
    for page, text in sorted(narrative, key=lambda item: item[0]):
        flat = re.sub(r"\s", "", "".join(page_lines(text)))
        for match in _YEAR_END.finditer(flat):
            clause = re.split(r"[，。；;,]", flat[:match.start()])[-1] + match.group(0)
            after = re.split(r"[，。；;,]", flat[match.end():])[0]
            if _COMPARISON.search(clause + after) or _OPENING.search(clause + after):
                continue
            yield "N.year", None
            year = int(match.group(1))
            if year != fiscal_year:
                sentence = flat[max(0, match.start() - 20):match.end() + 30]
                message = (f"p{page}: a year-end date {match.group(0)[2:]} in the accounts of "
                           f"{fiscal_year} (their year-end is {fiscal_year}年12月31日)")
                yield "N.year", Finding("N.year", "error", message, (), (page,), Decimal(fiscal_year),
                                        Decimal(year), location=quote(sentence))


def placeholder_claims(narrative: list[tuple[int, str]]) -> Iterator[Claim]:
    """One finding per placeholder name, with every page whose headings print it."""
    pages: dict[str, list[int]] = defaultdict(list)
    for page, heading in _headings(narrative):
        for match in _PLACEHOLDER.finditer(heading):
            before = _CITY_BEFORE.search(heading[:match.start()]).group(0)
            after = _NAME_AFTER.match(heading[match.end():])
            if after is None:
                continue
            name = before + match.group(0) + after.group(0)
            if page not in pages[name]:
                pages[name].append(page)
    for name, where in pages.items():
        message = (f"headings print the placeholder “{name}” (p{', '.join(map(str, where))}): the "
                   "document was published from a template without the unit's own name or year")
        yield "N.placeholder", Finding("N.placeholder", "error", message, (), tuple(where),
                                       location=name)


def heading_claims(narrative: list[tuple[int, str]], fiscal_year: int | None) -> Iterator[Claim]:
    yield from year_claims(narrative, fiscal_year)
    yield from placeholder_claims(narrative)
