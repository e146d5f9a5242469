"""The unit's own name printed two ways ("规划和自然资源局" / "规划与自然资源局").

DOMAIN.md lists it among the mistakes real documents make in words. Only the narrowest,
reliable form is checked: a string as long as the unit's name that differs from it in
exactly one Chinese character, inside the name (not its city prefix, not its last
character: "…自然资源管理事务中心" is another body, not a misprint), while the name
itself is printed correctly at least twice. Reported as a 'warning': the figures are not
affected, the document's care is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from juesuan.model import ExtractedDocument, Finding
from juesuan.money import normalise_text

MIN_NAME_LENGTH = 8
MIN_OFFICIAL = 2
PREFIX = 3  # 上海市 / 株洲市: the city is not where a misprint of the unit's name hides
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _variant_at(window: str, name: str) -> bool:
    diff = [k for k, (a, b) in enumerate(zip(window, name)) if a != b]
    return (len(diff) == 1 and PREFIX <= diff[0] < len(name) - 1
            and bool(_CJK.match(window[diff[0]])))


def _starts_of(text: str, prefix: str) -> Iterator[int]:
    i = text.find(prefix)
    while i >= 0:
        yield i
        i = text.find(prefix, i + 1)


def unit_name_claims(doc: ExtractedDocument) -> Iterator[tuple[str, Finding | None]]:
    name = normalise_text(doc.unit_name)
    if len(name) < MIN_NAME_LENGTH:
        return
    official = 0
    variants: dict[str, list[int]] = defaultdict(list)
    for page, text in doc.narrative:
        flat = normalise_text(text)
        official += flat.count(name)
        for i in _starts_of(flat, name[:PREFIX]):  # a variant keeps the city prefix
            window = flat[i:i + len(name)]
            if len(window) == len(name) and window != name and _variant_at(window, name):
                variants[window].append(page)
    if official < MIN_OFFICIAL:
        return
    yield "N.unit_name", None
    for variant, pages in variants.items():
        where = sorted(set(pages))
        message = (f"the unit's name is printed as “{variant}” ({len(pages)}× on p"
                   f"{', '.join(map(str, where))}) and as “{name}” elsewhere ({official}×)")
        yield "N.unit_name", Finding("N.unit_name", "warning", message, (), tuple(where),
                                     location=variant)
