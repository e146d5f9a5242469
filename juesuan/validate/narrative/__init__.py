"""Narrative checks: the 情况说明 and the 绩效自评 annex against the document's tables.

One concern over many small modules, hence a package; check.py holds the entry points
and says which module does what. Everything here is a pure function of an
ExtractedDocument (and last year's records when given).
"""

from __future__ import annotations

from juesuan.validate.narrative.check import (
    BUDGET_NARRATIVE_RULES, NARRATIVE_RULES, PREVIOUS_YEAR_RULES, NarrativeReport, budget_narrative, catalogue,
    check_narrative, narrative_findings, previous_year_findings)

__all__ = ["BUDGET_NARRATIVE_RULES", "NARRATIVE_RULES", "PREVIOUS_YEAR_RULES", "NarrativeReport",
           "budget_narrative", "catalogue",
           "check_narrative", "narrative_findings", "previous_year_findings"]
