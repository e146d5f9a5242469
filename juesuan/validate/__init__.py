"""Validation of canonical records: schemas, identities, plausibility, outcome.

Pure functions over juesuan.model values: no Prefect, no DuckDB. Entry points:

  validate_records(records, amount_unit_printed, tables_present, tables_empty) -> findings
  validate_document(doc) -> findings
  check_records(...) / check_document(doc) -> Report (findings + which rules ran)
  outcome.decide_outcome(findings, problems) -> loaded | loaded_with_warnings | quarantined

Modules, one job each: tolerance (how far a sum may miss), index (record look-ups),
rules (rule machinery and judging), lines (01/04 line labels → 类), identities
(within-table), crosstable (across tables), plausibility (misread guards), coverage
(tables present), schemas_check (pandera), registry (the rule list), outcome (policy).
"""

from __future__ import annotations

from typing import Iterable

from juesuan.model import ExtractedDocument, Finding, Record
from juesuan.validate.index import RecordIndex
from juesuan.validate.outcome import decide_outcome
from juesuan.validate.registry import NOTHING_CHECKED, RULES, RULES_BY_ID, catalogue
from juesuan.validate.rules import Context, Report, RuleRun, run_rules
from juesuan.validate.schemas_check import schema_findings


def check_records(records: Iterable[Record], amount_unit_printed: str | None = None,
                  tables_present: Iterable[str] | None = None,
                  tables_empty: Iterable[str] | None = None) -> Report:
    """Schemas, then every registered rule; the report says what ran and what was found."""
    records = list(records)
    schema_results, validated = schema_findings(records)
    ctx = Context(index=RecordIndex(records), unit_printed=amount_unit_printed,
                  tables_present=tuple(tables_present or ()),
                  tables_empty=tuple(tables_empty or ()))
    report = run_rules(RULES, ctx)
    report.runs[:0] = [
        RuleRun(f"schema.{t}", checks=sum(r.table_id == t for r in records),
                findings=sum(f.rule_id.startswith(f"schema.{t}.") for f in schema_results))
        for t in validated]
    report.findings[:0] = schema_results
    if records and report.informative_checks == 0:
        report.findings.append(Finding(
            NOTHING_CHECKED, "info",
            "no identity had a printed figure to check (every cell involved was blank)",
            table_ids=tuple(sorted({r.table_id for r in records}))))
    return report


def validate_records(records: Iterable[Record], amount_unit_printed: str | None = None,
                     tables_present: Iterable[str] | None = None,
                     tables_empty: Iterable[str] | None = None) -> list[Finding]:
    """Findings of schemas, identities, plausibility and coverage for one document's records.

    amount_unit_printed sets the rounding step (万元 or 元); tables_present / tables_empty
    are the extractor's declarations (None: not declared, derived from the records).
    """
    return check_records(records, amount_unit_printed, tables_present, tables_empty).findings


def check_document(doc: ExtractedDocument) -> Report:
    """The full report (findings and which rules ran) for an extracted document."""
    return check_records(doc.records, doc.amount_unit_printed, doc.tables_present,
                         doc.tables_empty)


def validate_document(doc: ExtractedDocument) -> list[Finding]:
    """validate_records over an extracted document; its Problems go to decide_outcome."""
    return check_document(doc).findings


__all__ = ["RULES", "RULES_BY_ID", "Report", "catalogue", "check_document", "check_records",
           "decide_outcome", "validate_document", "validate_records"]
