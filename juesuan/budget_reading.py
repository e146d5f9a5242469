"""How well a budget document was read: the measure behind bench/budgets.py and its ratchet.

A budget is *read* when it was extracted (not rejected or failed), no identity it asserts
fails (no 'error' finding of the records' rules: a narrative claim found wrong is a
misprint of the 情况说明, not a misread of the tables), and no printed figure was left unplaced (no unknown_row,
unknown_column, bad_cell, table_unreadable or core table_missing problem). Tables we do
not key are reported as table_skipped and do not count against it; a narrative-only
attachment has no table to read and is counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.pipeline import ProcessedDocument
from juesuan.validate.certainty import is_uncertain_error
from juesuan.validate.narrative import catalogue as narrative_catalogue

NARRATIVE_RULE_IDS = frozenset(rule["id"] for rule in narrative_catalogue())

UNPLACED = frozenset({"unknown_row", "unknown_column", "bad_cell", "table_unreadable", "table_missing"})
NO_TABLES = frozenset({"narrative_only", "image_only_page"})

READ, NOT_READ, NO_TABLE = "read", "not_read", "no_table"


@dataclass(frozen=True)
class BudgetReading:
    document: str
    outcome: str  # READ | NOT_READ | NO_TABLE
    reason: str  # the first error or unplaced figure; the fatal problem for NO_TABLE
    records: int
    errors: int
    unplaced: int
    seconds: float
    doc_type: str
    fiscal_year: int | None
    metadata: str = ""  # the metadata problem when the pages print no unit or year (the caller supplies it)


def reading(result: ProcessedDocument) -> BudgetReading:
    doc = result.doc
    fatal = [p for p in doc.problems if p.fatal]
    # an identity that fails counts, whether certain (error) or not (a warning: validate/certainty.py)
    errors = [f for f in result.findings if (f.severity == "error" or is_uncertain_error(f))
              and f.rule_id not in NARRATIVE_RULE_IDS]
    unplaced = [p for p in doc.problems if p.code in UNPLACED]
    if fatal:
        outcome = NO_TABLE if fatal[0].code in NO_TABLES else NOT_READ
        reason = f"{fatal[0].code}: {fatal[0].message}"
    elif errors or unplaced:
        outcome = NOT_READ
        first = errors[0] if errors else None
        reason = (f"{first.rule_id}: {first.message}" if first else
                  f"{unplaced[0].code} (table {unplaced[0].table_id}, page {unplaced[0].page}): {unplaced[0].message}")
    else:
        outcome, reason = READ, ""
    metadata = next((p.message for p in doc.problems if p.code == "metadata"), "")
    return BudgetReading(doc.document, outcome, reason, len(doc.records), len(errors), len(unplaced),
                         result.seconds, doc.doc_type, doc.fiscal_year, metadata)
