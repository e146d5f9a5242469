"""Matching a unit across years and spellings.

The same bureau prints its name slightly differently from year to year (full-width vs
half-width brackets, stray spaces, a trailing 本级). One normalised key maps those to
one `units` row, so year-on-year views compare the same unit. The key is conservative:
it never merges names that differ in words.
"""

from __future__ import annotations

import re
import unicodedata

import duckdb

import sql
from warehouse.errors import WarehouseError
from warehouse.schema import utcnow

# After NFKC, （）become (); the other CJK bracket pairs are unified here.
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")",
                           "［": "(", "］": ")", "﹙": "(", "﹚": ")"})
_TRAILING_OWN_LEVEL = re.compile(r"(\(本级\)|本级)$")


def unit_key(name: str) -> str:
    """Normalised key of a printed unit name.

    NFKC (full-width forms, radical look-alikes), no whitespace, one bracket style,
    and no trailing 本级 / （本级）: "XX局本级" is the bureau's own accounts, the same unit
    as "XX局" (its scope column says which document is which).
    """
    text = unicodedata.normalize("NFKC", name or "")
    text = re.sub(r"\s+", "", text).translate(_BRACKETS)
    key = _TRAILING_OWN_LEVEL.sub("", text)
    if not key:
        raise WarehouseError(f"unit name {name!r} has no usable characters")
    return key


def resolve_unit(con: duckdb.DuckDBPyConnection, name: str,
                 fiscal_year: int | None = None) -> int:
    """The unit_id for a printed name, creating the unit or recording the spelling.

    Runs inside the caller's transaction (load_document), so a failed load leaves no
    orphan unit behind.
    """
    printed = name.strip()
    key = unit_key(printed)
    row = con.execute(sql.load("load/unit_by_key"), {"unit_key": key}).fetchone()
    if row is None:
        return con.execute(sql.load("load/insert_unit"), {
            "unit_key": key, "display_name": printed, "display_year": fiscal_year,
            "created_at": utcnow()}).fetchone()[0]
    unit_id, display_name, display_year, names_seen = row
    # The display name follows the latest year; within one year a department's own name
    # ("XX局") wins over its 本级 unit's ("XX局（本级）"), which its package covers.
    same_year_plainer = (fiscal_year == display_year and len(printed) < len(display_name))
    newer = fiscal_year is not None and (display_year is None or fiscal_year > display_year
                                         or same_year_plainer)
    new_spelling = printed not in names_seen
    new_display = newer and (display_name, display_year) != (printed, fiscal_year)
    if not (new_spelling or new_display):
        return unit_id  # nothing new: write nothing, so reloads change zero rows
    con.execute(sql.load("load/update_unit"),
                {"unit_id": unit_id, "name": printed, "fiscal_year": fiscal_year})
    return unit_id
