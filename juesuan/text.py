"""Two normalisations of printed text: one for matching, one for keeping.

Matching (`normalise_text`) folds everything that varies between printers: NFKC turns
full-width digits and brackets into ASCII and CJK radical look-alikes (⻔ ⻋) into the
ordinary characters; whitespace goes. Keeping (`printed_label`) is what a person would
copy from the page: full-width punctuation stays as printed, only line breaks and spaces
that wrapping put inside a cell go, and radical look-alikes are repaired.
"""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
# Kangxi radicals and CJK radicals supplement: look-alikes some PDF fonts map to.
_RADICALS = re.compile(r"[\u2e80-\u2fdf]")
# NFKC folds the Kangxi block but not the supplement; these are the simplified forms
# seen in government PDFs.
_SUPPLEMENT = str.maketrans({
    "⻔": "门", "⻋": "车", "⻅": "见", "⻓": "长", "⻆": "角", "⻘": "青", "⻝": "食", "⻢": "马",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻥": "鱼", "⻦": "鸟", "⻨": "麦", "⻩": "黄", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻳": "龟", "⻉": "贝", "⻈": "讠", "⺠": "民", "⻄": "西",
    "⻙": "韦", "⻗": "雨", "⻤": "鬼", "⻣": "骨", "⻌": "辶", "⺁": "厂", "⺇": "几", "⺌": "小",
    "⺕": "彐", "⺢": "水", "⺮": "竹", "⺶": "羊", "⺺": "聿", "⻁": "虎", "⻊": "足",
})


def _repair_radicals(text: str) -> str:
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group().translate(_SUPPLEMENT)), text)


_CJK = re.compile(r"[\u3400-\u9fff]")


def normalise_text(text: str | None) -> str:
    """NFKC and no whitespace at all: the form every comparison uses."""
    if not text:
        return ""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text.translate(_SUPPLEMENT)))


def printed_label(text: str | None) -> str:
    """A label as printed, minus the whitespace that line wrapping put inside it."""
    if not text:
        return ""
    return _WHITESPACE.sub("", _repair_radicals(text))


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
