"""Classification codes (功能分类 / 经济分类): joining split columns, levels, parents."""

from __future__ import annotations

import re

from juesuan.money import normalise_text

FUNCTION = "function"
ECONOMIC = "economic"

_DIGITS = re.compile(r"^\d+$")
_FUNCTION_LENGTHS = {3: "类", 5: "款", 7: "项"}
_ECONOMIC_LENGTHS = {3: "类", 5: "款"}


def join_code(parts: list[str | None]) -> str | None:
    """'201','03','01' printed in split 类/款/项 columns → '2010301'.

    Returns None unless the parts form a code: the first part three digits, each later
    part two digits, blanks allowed only at the end (a 类 row leaves 款 and 项 empty).
    """
    cleaned = [normalise_text(p) for p in parts]
    while cleaned and cleaned[-1] == "":
        cleaned.pop()
    if not cleaned or len(cleaned[0]) != 3 or not all(_DIGITS.match(p) for p in cleaned):
        return None
    if any(len(p) != 2 for p in cleaned[1:]):
        return None
    return "".join(cleaned)


def as_code(text: str | None, system: str = FUNCTION) -> str | None:
    """A whole printed code ('2010301', '201 03 01') or None if the text is not one."""
    cleaned = normalise_text(text)
    lengths = _FUNCTION_LENGTHS if system == FUNCTION else _ECONOMIC_LENGTHS
    if _DIGITS.match(cleaned) and len(cleaned) in lengths:
        return cleaned
    return None


def level(code: str, system: str = FUNCTION) -> str:
    """类 / 款 / 项 from the code's length."""
    lengths = _FUNCTION_LENGTHS if system == FUNCTION else _ECONOMIC_LENGTHS
    return lengths[len(code)]


def parent(code: str) -> str | None:
    """The code one level up ('2010301' → '20103'; a 类 has none)."""
    return code[:-2] if len(code) > 3 else None


def class_of(code: str) -> str:
    return code[:3]
