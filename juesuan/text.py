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
_CJK = re.compile(r"[\u3400-\u9fff]")


def normalise_text(text: str | None) -> str:
    """NFKC and no whitespace at all: the form every comparison uses."""
    if not text:
        return ""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def printed_label(text: str | None) -> str:
    """A label as printed, minus the whitespace that line wrapping put inside it."""
    if not text:
        return ""
    repaired = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _WHITESPACE.sub("", repaired)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
