"""Run the pandera schemas over a document's records and turn failures into Findings.

Validation is lazy (every failure collected), the whole document in one pandera call,
failures reported table by table. pandera reports a
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

from juesuan.canonical import DOC_FINAL
from juesuan.model import Finding, Record
from juesuan.validate.rules import pages_of
from schemas import CHECK_DESCRIPTIONS, WARNING_CHECKS, CanonicalRecords, records_frame
from schemas.keys import missing_required_rows, row_key_rule, valid_table_id
from schemas.tables import doc_type_of

MAX_PER_CHECK = 20


def schema_findings(records: list[Record], doc_type: str = DOC_FINAL) -> tuple[list[Finding], list[str]]:
    """Findings of all schemas, and the tables that were validated.

    One pandera call for the whole document (CanonicalRecords checks each row against
    its own table, with the key rules of the document's type); failures are then
    reported per table.
    """
    if not records:
        return [], []
    frame = records_frame(records, doc_type)
    known = frame["table_id"].map(lambda t: valid_table_id(t, doc_type)).astype(bool)
    findings = [_unknown_table(str(table_id), [records[i] for i in part.index])
                for table_id, part in frame[~known].groupby("table_id", sort=True)]
    frame = frame[known]
    validated = sorted(set(frame["table_id"]))
    if validated:
        try:
            CanonicalRecords.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            findings.extend(_to_findings(exc.failure_cases, records, frame))
    return findings, validated


def _unknown_table(table_id: str, recs: list[Record]) -> Finding:
    return Finding(f"schema.{table_id}.table_id_value", "error",
                   f"{len(recs)} records carry table_id {table_id!r}, not a canonical table",
                   table_ids=(table_id,), pages=pages_of(recs), location=f"table {table_id}")


def _check_name(raw) -> str:
    name = str(raw)
    return name if name in CHECK_DESCRIPTIONS else "structure"


def _to_findings(cases: pd.DataFrame, records: list[Record], frame: pd.DataFrame) -> Iterable[Finding]:
    """pandera's failure cases as findings: each failing record under its own table's rule id;
    a failure with no row (a missing column) once per table present."""
    positions = [None if i is None or pd.isna(i) else int(i) for i in cases["index"].tolist()]
    cases = cases.assign(rule=cases["check"].map(_check_name), position=positions,
                         table=[None if p is None else records[p].table_id for p in positions])
    tables = sorted(set(frame["table_id"]))
    for check in sorted(set(cases["rule"])):
        group = cases[cases["rule"] == check]
        severity = "warning" if check in WARNING_CHECKS else "error"
        table_wide = group[group["table"].isna()]
        failing_tables = sorted(set(group["table"].dropna())) if check == "required_rows" else []
        for table_id in failing_tables:  # one finding per table missing a total row
            part = frame[frame["table_id"] == table_id]
            yield _table_finding(table_id, check, severity, group, records, part)
        if not table_wide.empty:  # a frame-wide failure (a missing column): every table
            for table_id in tables:
                part = frame[frame["table_id"] == table_id]
                yield _table_finding(table_id, check, severity, table_wide, records, part)
        if check == "required_rows":
            continue
        by_record = group.dropna(subset=["table"])
        for table_id in sorted(set(by_record["table"])):
            yield from _record_findings(table_id, check, severity, by_record[by_record["table"] == table_id],
                                        records)


def _record_findings(table_id: str, check: str, severity: str, group: pd.DataFrame,
                     records: list[Record]) -> Iterable[Finding]:
    """One finding per failing record (pandera lists a dataframe check once per column)."""
    rule_id = f"schema.{table_id}.{check}"
    positions = list(dict.fromkeys(int(i) for i in group["position"]))
    for position in positions[:MAX_PER_CHECK]:
        rec = records[position]
        value = group.loc[group["position"] == position, "failure_case"].iloc[0]
        location = f"{table_id} row {rec.row_key}, column {rec.column_key}"
        yield Finding(rule_id, severity,
                      f"schema {table_id}: {CHECK_DESCRIPTIONS[check]}: {location} "
                      f"({_describe(check, table_id, rec, value)})",
                      table_ids=(table_id,), pages=pages_of([rec]), location=location)
    if len(positions) > MAX_PER_CHECK:
        rest = [records[p] for p in positions[MAX_PER_CHECK:]]
        yield Finding(rule_id, severity,
                      f"schema {table_id}: {CHECK_DESCRIPTIONS[check]}: {len(rest)} more records",
                      table_ids=(table_id,), pages=pages_of(rest), location=f"table {table_id}")


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


def _table_finding(table_id: str, check: str, severity: str, group: pd.DataFrame,
                   records: list[Record], part: pd.DataFrame) -> Finding:
    recs = [records[i] for i in part.index]
    if check == "required_rows":
        detail = "missing " + ", ".join(missing_required_rows(table_id, part["row_key"], doc_type_of(part)))
    else:
        pairs = zip(group["column"], group["failure_case"])
        detail = "; ".join(sorted({f"{column}: {case}" for column, case in pairs}))
    return Finding(f"schema.{table_id}.{check}", severity,
                   f"schema {table_id}: {CHECK_DESCRIPTIONS[check]} ({detail})",
                   table_ids=(table_id,), pages=pages_of(recs), location=f"table {table_id}")
