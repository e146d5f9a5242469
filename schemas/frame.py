"""Records as a pandas DataFrame, in the dtypes the schemas expect.

amount stays a column of Decimal objects (object dtype): converting to float would turn
0.1 + 0.2 into 0.30000000000000004 and hide the difference between blank and 0.00.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from juesuan.canonical import DOC_FINAL
from juesuan.model import Record

COLUMNS = ("table_id", "row_key", "column_key", "amount", "row_label", "page", "doc_type")


def records_frame(records: Iterable[Record], doc_type: str = DOC_FINAL) -> pd.DataFrame:
    """One row per record, in the given order (the frame index is the record's position).
    doc_type ('final' | 'budget') selects the key rules the schemas apply."""
    rows = list(records)
    return pd.DataFrame({
        "table_id": pd.Series([r.table_id for r in rows], dtype="str"),
        "row_key": pd.Series([r.row_key for r in rows], dtype="str"),
        "column_key": pd.Series([r.column_key for r in rows], dtype="str"),
        "amount": pd.Series([r.amount for r in rows], dtype=object),
        "row_label": pd.Series([r.row_label or "" for r in rows], dtype="str"),
        "page": pd.Series(pd.array([r.page for r in rows], dtype="Int64")),
        "doc_type": pd.Series([doc_type] * len(rows), dtype="str"),
    })
