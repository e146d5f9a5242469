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


# A row printed by name only whose name no catalogue entry codes (juesuan/code_names.py),
# placed under the row printed above it that we could key: '204>监狱' is the 款 监狱 of
# 204 公共安全支出, '204>监狱>行政运行' its 项. The key says where the figure sits in the
# printed tree without claiming a code nobody printed; it never enters views by code.
NAME_STEP = ">"


def is_named_path(key: str) -> bool:
    """A key placed by printed name under a coded row ('204>监狱', '20408>强制隔离戒毒人员生活')."""
    root, step, rest = key.partition(NAME_STEP)
    return bool(step and rest) and root.isdigit()


def tree_parent(key: str) -> str | None:
    """One level up in the printed tree: a named path's parent ('204>监狱' → '204'), else the code's."""
    if is_named_path(key):
        return key.rpartition(NAME_STEP)[0]
    return parent(key)


def root_code(key: str) -> str:
    """The code a key hangs from: itself, or a named path's coded root ('204>监狱>行政运行' → '204')."""
    return key.partition(NAME_STEP)[0]
