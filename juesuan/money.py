"""Printed amounts to exact decimals in 万元.

A cell is text on paper. Its value is a Decimal, never a float; a blank cell is None,
which is a different fact from 0.00 (DOMAIN.md). Units are converted by shifting the
decimal point, so a 元 figure stays exact in 万元.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from juesuan.canonical import UNIT_WAN, UNIT_YUAN
from juesuan.text import normalise_text

DASHES = {"-", "—", "–", "－", "─", "——", "--", "/"}
# Thousands separators, also when a spreadsheet export prints only the last one
# (125360,898 for 125,360,898): a comma followed by exactly three digits groups thousands.
_AMOUNT = re.compile(r"^[+-]?(\d+(,\d{3})+|\d+)(\.\d+)?$")


class NotAnAmount(ValueError):
    """The text of a value cell is not a number (a label, a note, a stray word)."""


def parse_amount(text: str | None) -> Decimal | None:
    """Exact value of a printed cell; None for a blank one.

    A dash printed alone states "nothing" and is read as 0 (it is not blank paper).
    Parenthesised figures are negative, as accountants print them.
    """
    cleaned = normalise_text(text)
    if cleaned == "":
        return None
    if cleaned in DASHES:
        return Decimal("0.00")
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    if not _AMOUNT.match(cleaned):
        raise NotAnAmount(f"not an amount: {text!r}")
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid text
        raise NotAnAmount(f"not an amount: {text!r}") from exc
    return -value if negative else value


def looks_like_amount(text: str | None) -> bool:
    try:
        return parse_amount(text) is not None
    except NotAnAmount:
        return False


def to_wan(value: Decimal | None, unit_printed: str) -> Decimal | None:
    """Convert a printed value to 万元 exactly (元 → 万元 shifts four places)."""
    if value is None:
        return None
    if unit_printed == UNIT_WAN:
        return value
    if unit_printed == UNIT_YUAN:
        return value.scaleb(-4)
    raise ValueError(f"unknown amount unit {unit_printed!r}")


def format_amount(value: Decimal | None) -> str | None:
    """The string form used in JSON and truth files: plain notation, no exponent."""
    if value is None:
        return None
    return format(value, "f")


def rounding_step(unit_printed: str | None) -> Decimal:
    """The size, in 万元, of the last printed digit: the rounding error of one figure."""
    if unit_printed == UNIT_YUAN:
        return Decimal("0.000001")
    return Decimal("0.01")
