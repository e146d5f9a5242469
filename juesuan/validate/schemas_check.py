"""Run the pandera schemas over a document's records and turn failures into Findings.

Validation is lazy (every failure collected), table by table. pandera reports a
dataframe-level check once per column of each failing row; we report once per record.
A check that fails on many records (a whole table of floats, say) is capped so one
mistake does not bury the report: the first MAX_PER_CHECK records, then a summary.

Rule ids: schema.<table>.<check> (see schemas.tables for the checks); severity 'error'
except amount_sign ('warning'). Columns missing or of the wrong dtype are reported as
schema.<table>.structure.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd
import pandera.pandas as pa

from juesuan.model import Finding, Record
from juesuan.validate.rules import pages_of
from schemas import CHECK_DESCRIPTIONS, WARNING_CHECKS, records_frame, schema_for
from schemas.keys import missing_required_rows, row_key_rule

MAX_PER_CHECK = 20


def schema_findings(records: list[Record]) -> tuple[list[Finding], list[str]]:
    """Findings of all schemas, and the tables that were validated."""
    if not records:
        return [], []
    frame = records_frame(records)
    findings: list[Finding] = []
    validated: list[str] = []
    for table_id, part in frame.groupby("table_id", sort=True):
        try:
            model = schema_for(str(table_id))
        except KeyError:
            findings.append(_unknown_table(str(table_id), [records[i] for i in part.index]))
            continue
        validated.append(str(table_id))
        try:
            model.validate(part, lazy=True)
        except pa.errors.SchemaErrors as exc:
            findings.extend(_to_findings(str(table_id), exc.failure_cases, records, part))
    return findings, validated


def _unknown_table(table_id: str, recs: list[Record]) -> Finding:
    return Finding(f"schema.{table_id}.table_id_value", "error",
                   f"{len(recs)} records carry table_id {table_id!r}, not a canonical table",
                   table_ids=(table_id,), pages=pages_of(recs), location=f"table {table_id}")


def _check_name(raw) -> str:
    name = str(raw)
    return name if name in CHECK_DESCRIPTIONS else "structure"


def _to_findings(table_id: str, cases: pd.DataFrame, records: list[Record],
                 part: pd.DataFrame) -> Iterable[Finding]:
    cases = cases.assign(rule=cases["check"].map(_check_name))
    for check, group in cases.groupby("rule", sort=True):
        rule_id = f"schema.{table_id}.{check}"
        severity = "warning" if check in WARNING_CHECKS else "error"
        rows = [i for i in dict.fromkeys(group["index"].tolist())
                if i is not None and not pd.isna(i)]
        if not rows:  # a table-wide failure (required rows, a missing column)
            yield _table_finding(table_id, check, rule_id, severity, group, records, part)
            continue
        for position in rows[:MAX_PER_CHECK]:
            rec = records[int(position)]
            value = group.loc[group["index"] == position, "failure_case"].iloc[0]
            location = f"{table_id} row {rec.row_key}, column {rec.column_key}"
            yield Finding(rule_id, severity,
                          f"schema {table_id}: {CHECK_DESCRIPTIONS[check]}: {location} "
                          f"({_describe(check, table_id, rec, value)})",
                          table_ids=(table_id,), pages=pages_of([rec]), location=location)
        if len(rows) > MAX_PER_CHECK:
            rest = [records[int(p)] for p in rows[MAX_PER_CHECK:]]
            yield Finding(rule_id, severity,
                          f"schema {table_id}: {CHECK_DESCRIPTIONS[check]}: "
                          f"{len(rest)} more records", table_ids=(table_id,),
                          pages=pages_of(rest), location=f"table {table_id}")


def _describe(check: str, table_id: str, rec: Record, value) -> str:
    if check == "row_key_format":
        return f"{rec.row_key!r} is not {row_key_rule(table_id)}"
    if check in ("amount_decimal", "amount_precision", "amount_sign"):
        return f"amount {rec.amount!r}"
    if check == "page_positive":
        return f"page {rec.page}"
    if check == "column_key_canonical":
        return f"{rec.column_key!r}"
    return f"{value}"


def _table_finding(table_id: str, check: str, rule_id: str, severity: str,
                   group: pd.DataFrame, records: list[Record], part: pd.DataFrame) -> Finding:
    recs = [records[i] for i in part.index]
    if check == "required_rows":
        detail = "missing " + ", ".join(missing_required_rows(table_id, part["row_key"]))
    else:
        pairs = zip(group["column"], group["failure_case"])
        detail = "; ".join(sorted({f"{column}: {case}" for column, case in pairs}))
    return Finding(rule_id, severity, f"schema {table_id}: {CHECK_DESCRIPTIONS[check]} ({detail})",
                   table_ids=(table_id,), pages=pages_of(recs), location=f"table {table_id}")
