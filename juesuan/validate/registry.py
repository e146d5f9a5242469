"""All rules in one ordered list, and a catalogue a report can print."""

from __future__ import annotations

from juesuan.canonical import TABLE_IDS
from juesuan.validate import budget, coverage, crosstable, hierarchy, identities, plausibility
from juesuan.validate.rules import Rule
from schemas import CHECK_DESCRIPTIONS, WARNING_CHECKS

RULES: tuple[Rule, ...] = (
    coverage.RULES + identities.RULES + hierarchy.RULES + crosstable.RULES + budget.RULES + plausibility.RULES
)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
if len(RULES_BY_ID) != len(RULES):
    raise RuntimeError("duplicate rule ids in the registry")

QUARANTINING_RULE_IDS = frozenset(r.id for r in RULES if r.quarantines)
NOTHING_CHECKED = "validate.nothing_checked"


def schema_rule_ids() -> list[str]:
    return [f"schema.{t}.{c}" for t in TABLE_IDS for c in CHECK_DESCRIPTIONS]


def catalogue() -> list[dict]:
    """Every rule id with severity, description and whether an error quarantines."""
    rows = [{"id": f"schema.<table>.{check}",
             "severity": "warning" if check in WARNING_CHECKS else "error",
             "description": text, "quarantines": check not in WARNING_CHECKS}
            for check, text in CHECK_DESCRIPTIONS.items()]
    rows += [{"id": r.id, "severity": r.severity, "description": r.description,
              "quarantines": r.quarantines, "doc_types": sorted(r.doc_types)} for r in RULES]
    rows.append({"id": NOTHING_CHECKED, "severity": "info",
                 "description": "no identity had a printed figure to compare (all cells blank)",
                 "quarantines": False})
    return rows
