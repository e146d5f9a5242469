"""Canonical records, findings and problems as Arrow tables for bulk insertion.

DuckDB inserts a registered Arrow table zero-copy (`INSERT … BY NAME SELECT * FROM t`),
which is far faster than row-by-row parameters. Money goes in as decimal128(18,6) built
from Decimal, never through float, so every figure stays exactly as printed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable

import pyarrow as pa

from juesuan.canonical import ECONOMIC_CODED_TABLES, FUNCTION_CODED_TABLES
from juesuan.codes import ECONOMIC, FUNCTION, as_code, level, parent
from juesuan.model import Finding, Problem, Record
from warehouse.errors import WarehouseError

MONEY = pa.decimal128(18, 6)
_CELL_COLUMNS = ("cell_x0", "cell_top", "cell_x1", "cell_bottom")
_SCALE = Decimal("0.000001")

LINE_ITEMS_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("ordinal", pa.int32()), ("table_id", pa.string()),
    ("row_key", pa.string()), ("column_key", pa.string()), ("amount", MONEY),
    ("row_label", pa.string()), ("page", pa.int32()), ("code_system", pa.string()),
    ("code_level", pa.string()), ("parent_code", pa.string()),
    ("cell_x0", pa.float32()), ("cell_top", pa.float32()), ("cell_x1", pa.float32()),
    ("cell_bottom", pa.float32()),
])
FINDINGS_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("ordinal", pa.int32()), ("rule_id", pa.string()),
    ("severity", pa.string()), ("message", pa.string()), ("expected", MONEY),
    ("actual", MONEY), ("tolerance", MONEY), ("table_ids", pa.list_(pa.string())),
    ("pages", pa.list_(pa.int32())), ("location", pa.string()), ("follows", pa.string()),
])
PROBLEMS_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("ordinal", pa.int32()), ("code", pa.string()),
    ("message", pa.string()), ("table_id", pa.string()), ("page", pa.int32()),
    ("fatal", pa.bool_()),
])

QUOTED_BUDGETS_SCHEMA = pa.schema([
    ("document_id", pa.string()), ("ordinal", pa.int32()), ("table_id", pa.string()),
    ("row_key", pa.string()), ("column_key", pa.string()), ("amount", pa.decimal128(18, 6)),
    ("page", pa.int32()), ("quote", pa.string()),
])


@lru_cache(maxsize=65536)
def classify(table_id: str, row_key: str) -> tuple[str | None, str | None, str | None]:
    """(code_system, code_level, parent_code) of a row, or Nones for a labelled line.

    Only rows of coded tables whose key is exactly a code count: 01/04 lines named after
    a 类 stay labels (their key is the name, not the code).
    """
    if table_id in FUNCTION_CODED_TABLES:
        system = FUNCTION
    elif table_id in ECONOMIC_CODED_TABLES:
        system = ECONOMIC
    else:
        return None, None, None
    if as_code(row_key, system) != row_key:
        return None, None, None
    return system, level(row_key, system), parent(row_key)


def exact_amount(value: Decimal | None, what: str) -> Decimal | None:
    """A printed amount at the warehouse's scale; refuses anything that would round."""
    if value is None:
        return None
    try:
        scaled = value.quantize(_SCALE)
    except InvalidOperation as exc:
        raise WarehouseError(f"{what}: {value} is not a storable amount") from exc
    if scaled != value:
        raise WarehouseError(f"{what}: {value} has more than 6 decimal places (万元)")
    return scaled


def rounded_amount(value: Decimal | None) -> Decimal | None:
    """A finding's expected/actual/tolerance: diagnostic, so rounding to 6 places is fine."""
    if value is None:
        return None
    try:
        return value.quantize(_SCALE)
    except InvalidOperation as exc:
        raise WarehouseError(f"finding amount {value} is not storable") from exc


def line_items_table(document_id: str, records: Iterable[Record]) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in LINE_ITEMS_SCHEMA.names}
    for ordinal, record in enumerate(records):
        system, code_level, parent_code = classify(record.table_id, record.row_key)
        columns["document_id"].append(document_id)
        columns["ordinal"].append(ordinal)
        columns["table_id"].append(record.table_id)
        columns["row_key"].append(record.row_key)
        columns["column_key"].append(record.column_key)
        columns["amount"].append(exact_amount(
            record.amount, f"table {record.table_id} {record.row_key}/{record.column_key}"))
        columns["row_label"].append(record.row_label)
        columns["page"].append(record.page)
        columns["code_system"].append(system)
        columns["code_level"].append(code_level)
        columns["parent_code"].append(parent_code)
        box = record.bbox or (None, None, None, None)
        for name, value in zip(_CELL_COLUMNS, box):
            columns[name].append(value)
    return _table(columns, LINE_ITEMS_SCHEMA)


def findings_table(document_id: str, findings: Iterable[Finding]) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in FINDINGS_SCHEMA.names}
    for ordinal, finding in enumerate(findings):
        columns["document_id"].append(document_id)
        columns["ordinal"].append(ordinal)
        columns["rule_id"].append(finding.rule_id)
        columns["severity"].append(finding.severity)
        columns["message"].append(finding.message)
        columns["expected"].append(rounded_amount(finding.expected))
        columns["actual"].append(rounded_amount(finding.actual))
        columns["tolerance"].append(rounded_amount(finding.tolerance))
        columns["table_ids"].append(list(finding.table_ids))
        columns["pages"].append(list(finding.pages))
        columns["location"].append(finding.location)
        columns["follows"].append(finding.follows)
    return _table(columns, FINDINGS_SCHEMA)


def problems_table(document_id: str, problems: Iterable[Problem]) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in PROBLEMS_SCHEMA.names}
    for ordinal, problem in enumerate(problems):
        columns["document_id"].append(document_id)
        columns["ordinal"].append(ordinal)
        columns["code"].append(problem.code)
        columns["message"].append(problem.message)
        columns["table_id"].append(problem.table_id)
        columns["page"].append(problem.page)
        columns["fatal"].append(bool(problem.fatal))
    return _table(columns, PROBLEMS_SCHEMA)


def quoted_budgets_table(document_id: str, quoted: Iterable) -> pa.Table:
    """A final narrative's 年初预算 figures (juesuan.validate.narrative.quoted.QuotedBudget)."""
    columns: dict[str, list] = {name: [] for name in QUOTED_BUDGETS_SCHEMA.names}
    for ordinal, q in enumerate(quoted):
        columns["document_id"].append(document_id)
        columns["ordinal"].append(ordinal)
        columns["table_id"].append(q.table_id)
        columns["row_key"].append(q.row_key)
        columns["column_key"].append(q.column_key)
        columns["amount"].append(rounded_amount(q.amount))
        columns["page"].append(q.page)
        columns["quote"].append(q.quote)
    return _table(columns, QUOTED_BUDGETS_SCHEMA)


def _table(columns: dict[str, list], schema: pa.Schema) -> pa.Table:
    try:
        return pa.table(columns, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise WarehouseError(f"cannot build the {', '.join(schema.names[:3])}… rows: {exc}") from exc
