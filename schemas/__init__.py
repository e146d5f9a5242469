"""pandera schemas of the canonical record, one per table (see schemas.tables)."""

from __future__ import annotations

from schemas.frame import records_frame
from schemas.tables import CHECK_DESCRIPTIONS, MODELS, WARNING_CHECKS, CanonicalRecords


def schema_for(table_id: str) -> type[CanonicalRecords]:
    """The DataFrameModel of one canonical table ('01'…'09'); KeyError for others."""
    return MODELS[table_id]


__all__ = ["CHECK_DESCRIPTIONS", "CanonicalRecords", "MODELS", "WARNING_CHECKS", "records_frame", "schema_for"]
