"""Last year's records of a unit, for the narrative's year-on-year claims.

The narrative says "与上年相比，减少71.81万元，减少15.30%"; the rate can be checked from
the sentence alone, the change itself only against last year's tables. Workers have no
warehouse, so the ingest flow (the single writer, which holds the connection) looks the
previous year up here and hands the records to `juesuan.pipeline.apply_previous_year`.
"""

from __future__ import annotations

import logging
from decimal import Decimal

import duckdb

import sql
from juesuan.model import ExtractedDocument, Record
from warehouse.errors import WarehouseError
from warehouse.units import unit_key

_CENT = Decimal("0.01")
log = logging.getLogger(__name__)


def previous_year_records(con: duckdb.DuckDBPyConnection, unit_name: str | None,
                          fiscal_year: int | None, scope: str | None = None,
                          doc_type: str | None = "final") -> list[Record]:
    """The canonical records of the unit's current, usable document for fiscal_year − 1
    (same scope and type), in printed order; [] when there is none or the unit is unknown."""
    if not unit_name or not unit_name.strip() or fiscal_year is None:
        return []
    try:
        key = unit_key(unit_name)
    except WarehouseError:
        return []
    rows = con.execute(sql.load("load/previous_year_records"), {
        "unit_key": key, "fiscal_year": int(fiscal_year) - 1, "scope": scope,
        "doc_type": doc_type}).fetchall()
    return [Record(table_id, row_key, column_key, printed_amount(amount), row_label or "", page)
            for table_id, row_key, column_key, amount, row_label, page in rows]


def previous_year_for(con: duckdb.DuckDBPyConnection, doc: ExtractedDocument) -> list[Record]:
    """previous_year_records for an extracted document. A failed read only costs the
    cross-year checks of this one document, so it is logged and the load goes on."""
    try:
        return previous_year_records(con, doc.unit_name, doc.fiscal_year, doc.scope, doc.doc_type)
    except duckdb.Error as exc:
        log.warning("previous-year records of %s %s could not be read: %s", doc.unit_name,
                    doc.fiscal_year, exc)
        return []


def printed_amount(value: Decimal | None) -> Decimal | None:
    """DECIMAL(18,6) back to the printed precision: 397.440000 → 397.44 (exact either way)."""
    if value is None:
        return None
    cents = value.quantize(_CENT)
    return cents if cents == value else value.normalize()
