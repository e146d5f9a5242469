"""Validation of canonical records: schemas, identities, plausibility, outcome.

Pure functions over juesuan.model values: no Prefect, no DuckDB. Entry points:

  validate_records(records, amount_unit_printed, tables_present, tables_empty) -> findings
  validate_document(doc, previous=None) -> findings (records' rules and narrative claims)
  check_records(...) / check_document(doc, previous=None) -> Report (findings + which rules ran)
  previous_year_findings(doc, previous) -> the narrative findings only last year's records allow
  outcome.decide_outcome(findings, problems) -> loaded | loaded_with_warnings | quarantined

Modules, one job each: tolerance (how far a sum may miss), index (record look-ups),
rules (rule machinery and judging), lines (01/04 line labels → 类), identities
(within-table), crosstable (across tables), plausibility (misread guards), coverage
(tables present), schemas_check (pandera), registry (the rule list), outcome (policy),
narrative/ (a package: the 情况说明 and self-evaluation against the tables).
"""

from __future__ import annotations

from typing import Iterable

from juesuan.canonical import DOC_BUDGET, DOC_FINAL
from juesuan.model import ExtractedDocument, Finding, Record
from juesuan.validate.index import RecordIndex
from juesuan.validate.outcome import decide_outcome
from juesuan.validate.narrative import (BUDGET_NARRATIVE_RULES, NARRATIVE_RULES, budget_narrative, check_narrative,
                                       previous_year_findings)
from juesuan.validate.narrative import catalogue as narrative_catalogue
from juesuan.validate.registry import NOTHING_CHECKED, RULES, RULES_BY_ID
from juesuan.validate.registry import catalogue as registry_catalogue
from juesuan.validate.rules import Context, Report, RuleRun, run_rules
from juesuan.validate.schemas_check import schema_findings
from juesuan.validate.tolerance import printed_step
from juesuan.validate.vocabulary import vocabulary


def check_records(records: Iterable[Record], amount_unit_printed: str | None = None,
                  tables_present: Iterable[str] | None = None,
                  tables_empty: Iterable[str] | None = None, doc_type: str = DOC_FINAL) -> Report:
    """Schemas, then every registered rule that holds for the document's type ('final' or
    'budget'); the report says what ran and what was found."""
    records = list(records)
    schema_results, validated = schema_findings(records, doc_type)
    ctx = Context(index=RecordIndex(records), unit_printed=amount_unit_printed,
                  tables_present=tuple(tables_present or ()),
                  tables_empty=tuple(tables_empty or ()), doc_type=doc_type,
                  vocab=vocabulary(doc_type),
                  step=printed_step((r.amount for r in records), amount_unit_printed))
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
                     tables_empty: Iterable[str] | None = None, doc_type: str = DOC_FINAL) -> list[Finding]:
    """Findings of schemas, identities, plausibility and coverage for one document's records.

    amount_unit_printed sets the rounding step (万元 or 元); tables_present / tables_empty
    are the extractor's declarations (None: not declared, derived from the records).
    """
    return check_records(records, amount_unit_printed, tables_present, tables_empty, doc_type).findings


def check_document(doc: ExtractedDocument, previous: Iterable[Record] | None = None) -> Report:
    """The full report (findings and which rules ran) for an extracted document: the
    records' rules, then the narrative's claims against them (narrative.py). `previous`:
    the unit's previous-year records, for year-on-year claims. A budget's narrative is
    judged on the claims that read the same in a budget (BUDGET_NARRATIVE_RULES)."""
    report = check_records(doc.records, doc.amount_unit_printed, doc.tables_present,
                           doc.tables_empty, doc.doc_type)
    budget = doc.doc_type == DOC_BUDGET
    narrative = (budget_narrative(doc, doubtful_tables=doubtful_tables(report.findings)) if budget
                 else check_narrative(doc, previous))
    for rule_id in (BUDGET_NARRATIVE_RULES if budget else NARRATIVE_RULES):
        report.runs.append(RuleRun(rule_id, checks=narrative.claims[rule_id],
                                   findings=sum(f.rule_id == rule_id for f in narrative.findings)))
    report.findings.extend(narrative.findings)
    return report


def doubtful_tables(findings: Iterable[Finding]) -> frozenset[str]:
    """Tables an error finding of the records' rules names: a budget narrative's claim is
    not judged against them (a misread is likelier than a misprint)."""
    return frozenset(t for f in findings if f.severity == "error" for t in f.table_ids)


def validate_document(doc: ExtractedDocument, previous: Iterable[Record] | None = None) -> list[Finding]:
    """check_document's findings; the document's Problems go to decide_outcome."""
    return check_document(doc, previous).findings


def catalogue() -> list[dict]:
    """Every rule (records and narrative) with severity, description, whether it quarantines."""
    return registry_catalogue() + narrative_catalogue()


__all__ = ["RULES", "RULES_BY_ID", "Report", "catalogue", "check_document", "check_records", "doubtful_tables",
           "decide_outcome", "previous_year_findings", "validate_document", "validate_records"]
