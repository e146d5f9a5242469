"""Which function 类 a printed line label names (一般公共服务支出 → 201).

Summary tables (01, 04) key their rows by the printed label, so extraction (budget lines
under a class) and validation (class lines against the coded tables) must both recognise
a class by its name. Wording drifts between years and printers (资源勘探信息等支出 for
资源勘探工业信息等支出, a typo like 抗役 for 抗疫, older names like 医疗卫生与计划生育支出):
known historical names map exactly, anything else only through a close, unambiguous
fuzzy match.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from juesuan import canonical as C
from juesuan.text import normalise_text

# Class names printed in earlier years of the national classification (and 233, which
# canonical.FUNCTION_CLASSES does not list).
HISTORICAL_CLASS_NAMES: dict[str, str] = {
    "文化体育与传媒支出": "207",
    "医疗卫生与计划生育支出": "210",
    "医疗卫生支出": "210",
    "资源勘探信息等支出": "215",
    "资源勘探电力信息等支出": "215",
    "国土海洋气象等支出": "220",
    "国土资源气象等支出": "220",
    "债务发行费用支出": "233",
}
FUZZY_THRESHOLD = 0.8

_NUMBERING = re.compile(r"^([一二三四五六七八九十百]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


def _clean(label: str) -> str:
    text = normalise_text(label)
    text = _NUMBERING.sub("", text)
    return _BRACKETS.sub("", text)


_EXACT: dict[str, str] = {_clean(n): c for n, c in C.FUNCTION_CLASS_BY_NAME.items()}
_EXACT.update({_clean(n): c for n, c in HISTORICAL_CLASS_NAMES.items()})


def class_code(label: str, *, fuzzy: bool = True) -> str | None:
    """The 3-digit function class a line label names, or None when unsure.

    fuzzy=False accepts only the names themselves: where 款 lines are printed among the
    classes (a budget's 01), 其他一般公共服务支出 is a 款, not a misprint of 一般公共服务支出."""
    text = _clean(label)
    if not text:
        return None
    if text in _EXACT:
        return _EXACT[text]
    if not fuzzy:
        return None
    scored = sorted(((SequenceMatcher(None, text, name).ratio(), code)
                     for name, code in _EXACT.items()), reverse=True)
    best_ratio, best_code = scored[0]
    if best_ratio < FUZZY_THRESHOLD:
        return None
    runner_up = next((r for r, c in scored[1:] if c != best_code), 0.0)
    if runner_up >= FUZZY_THRESHOLD:
        return None  # two classes fit: do not guess
    return best_code
