"""One pandera DataFrameModel per canonical table: the structure a record set must have.

Every check is named (and its method carries the same name, so pandera reports it the
same whichever label it uses), and a failure becomes a stable rule id
schema.<table>.<check> (juesuan.validate.schemas_check).

Amounts are checked as the Decimal objects they are, never as floats (float would make
0.1 + 0.2 ≠ 0.3 and lose blank vs 0.00): the amount column has object dtype and the
checks are element-wise Python (isinstance, digit counts) or dataframe-level functions
that handle None themselves. amount_decimal runs with ignore_na=False because pandas
counts float('nan') and Decimal('NaN') as missing, and only None is a blank cell.

The base model validates a whole document (all tables) in one call, each row against
its own table's rules; Table01Records … Table09Records add that every row belongs to
their table.

Check names and what they mean:
  table_id_value        every row belongs to this table
  row_key_format        coded tables: 合计 or a function code (3/5/7 digits); 06: an
                        economic code (3/5 digits) or 人员经费合计/公用经费合计 (budgets:
                        also member-unit sections, schemas.keys)
  column_key_canonical  a canonical column of the table, or a documented extra
                        (09 预算数/… 决算数/…; university <column>/其中：…)
  required_rows         the total rows the table always prints
  unique_cell           no (row_key, column_key) twice
  amount_decimal        an amount is a finite Decimal (or blank)
  amount_precision      at most 6 decimal places in 万元 (0.01 元)
  amount_sign           negative only on a 结余/结转 line or column (a warning)
  page_positive         page ≥ 1 when known
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from juesuan.canonical import BUDGET_TABLE_IDS, DOC_FINAL, TABLE_IDS
from schemas import keys

CHECK_DESCRIPTIONS: dict[str, str] = {
    "table_id_value": "row of another table",
    "row_key_format": "row_key is not a valid key for this table",
    "column_key_canonical": "column_key is not a canonical column of this table",
    "required_rows": "a total row the table always prints is missing",
    "unique_cell": "the same (row_key, column_key) occurs more than once",
    "amount_decimal": "amount is not a finite Decimal",
    "amount_precision": "amount has more than 6 decimal places (finer than 0.01 元)",
    "amount_sign": "negative amount outside a 结余/结转 line or column",
    "page_positive": "page number below 1",
    "structure": "column missing or of the wrong type",
}
WARNING_CHECKS = frozenset({"amount_sign"})


class CanonicalRecords(pa.DataFrameModel):
    """Records of any canonical tables, each row checked against its own table's keys.

    This model validates a whole document in one pass (pandera's fixed cost per call is
    ~7 ms, so nine calls per document cost more than the checks themselves); the
    per-table subclasses below add only that every row belongs to their table.
    """

    _TABLE = ""  # set by _model(); "" = any canonical table. Underscore: not a pandera field

    table_id: Series[str]
    row_key: Series[str]
    column_key: Series[str]
    amount: Series[object] = pa.Field(nullable=True)
    row_label: Series[str] = pa.Field(nullable=True)
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("table_id", name="table_id_value")
    def table_id_value(cls, series: pd.Series) -> pd.Series:
        return series == cls._TABLE if cls._TABLE else series.isin(BUDGET_TABLE_IDS)

    @pa.dataframe_check(name="row_key_format")
    def row_key_format(cls, df: pd.DataFrame) -> pd.Series:
        return _per_row(df, keys.valid_row_key, "row_key")

    @pa.dataframe_check(name="column_key_canonical")
    def column_key_canonical(cls, df: pd.DataFrame) -> pd.Series:
        return _per_row(df, keys.valid_column_key, "column_key")

    @pa.check("amount", element_wise=True, ignore_na=False, name="amount_decimal")
    def amount_decimal(cls, value) -> bool:
        # ignore_na=False: pandas counts float('nan') and Decimal('NaN') as missing, but
        # only None is a blank cell; anything else must be a finite Decimal.
        return value is None or keys.is_decimal(value)

    @pa.check("amount", element_wise=True, name="amount_precision")
    def amount_precision(cls, value) -> bool:
        return not keys.is_decimal(value) or keys.within_precision(value)

    @pa.check("page", name="page_positive")
    def page_positive(cls, series: pd.Series) -> pd.Series:
        return series >= 1

    @pa.dataframe_check(name="unique_cell")
    def unique_cell(cls, df: pd.DataFrame) -> pd.Series:
        return ~df.duplicated(["table_id", "row_key", "column_key"], keep=False)

    @pa.dataframe_check(name="required_rows")
    def required_rows(cls, df: pd.DataFrame) -> pd.Series:
        # Every row of a table that lacks one of its total rows fails (the finding is
        # reported once per table by juesuan.validate.schemas_check).
        row_keys: dict[str, set[str]] = {}
        for table_id, row_key in zip(df["table_id"].tolist(), df["row_key"].tolist()):
            row_keys.setdefault(table_id, set()).add(row_key)
        doc_type = doc_type_of(df)
        incomplete = {t for t, present in row_keys.items() if keys.missing_required_rows(t, present, doc_type)}
        return ~df["table_id"].isin(incomplete)

    @pa.dataframe_check(name="amount_sign")
    def amount_sign(cls, df: pd.DataFrame) -> pd.Series:
        fine = [not keys.is_decimal(value) or value >= 0 or keys.may_be_negative(row_key, column_key)
                for value, row_key, column_key
                in zip(df["amount"].tolist(), df["row_key"].tolist(), df["column_key"].tolist())]
        return pd.Series(fine, index=df.index, dtype=bool)


def doc_type_of(df: pd.DataFrame) -> str:
    """The document type the frame was built for (records_frame's doc_type; finals by default)."""
    if "doc_type" in df.columns and len(df):
        return str(df["doc_type"].iloc[0])
    return DOC_FINAL


def _per_row(df: pd.DataFrame, predicate, column: str) -> pd.Series:
    """predicate(table_id, value, doc_type) for every row, as a boolean Series on df's index.

    The columns are read with tolist(): iterating a pandas string column element by
    element goes through its Arrow array one Python object at a time, several times slower.
    """
    doc_type = doc_type_of(df)
    return pd.Series([bool(predicate(t, v, doc_type)) for t, v in zip(df["table_id"].tolist(), df[column].tolist())],
                     index=df.index, dtype=bool)


def _model(table_id: str) -> type[CanonicalRecords]:
    name = f"Table{table_id}Records"
    doc = f"Canonical records of table {table_id}."
    return type(name, (CanonicalRecords,), {"_TABLE": table_id, "__doc__": doc,
                                           "__module__": __name__})


Table01Records = _model("01")
Table02Records = _model("02")
Table03Records = _model("03")
Table04Records = _model("04")
Table05Records = _model("05")
Table06Records = _model("06")
Table07Records = _model("07")
Table08Records = _model("08")
Table09Records = _model("09")

MODELS: dict[str, type[CanonicalRecords]] = {
    m._TABLE: m for m in (Table01Records, Table02Records, Table03Records, Table04Records,
                            Table05Records, Table06Records, Table07Records, Table08Records,
                            Table09Records)
}
if tuple(MODELS) != TABLE_IDS:  # one model per canonical table, in canonical order
    raise RuntimeError(f"schema models {tuple(MODELS)} do not match {TABLE_IDS}")
