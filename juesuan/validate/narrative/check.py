"""Narrative checks: what the 情况说明 and the self-evaluation say, against the tables.

Entry points (pure functions over an ExtractedDocument's records and narrative text):

  check_narrative(doc, previous=None) -> NarrativeReport   findings + claims examined per rule
  narrative_findings(doc, previous=None) -> list[Finding]
  previous_year_findings(doc, previous) -> list[Finding]   only the checks that need last year

`previous` is the same unit's previous-year records (the ingest flow reads them from the
warehouse, warehouse.previous); without them, year-on-year claims are still checked for
their own arithmetic (a change and its rate), not against last year's tables.

Severity, as DOMAIN.md asks: a material mismatch is an 'error'; a percentage off in its
last digit in a way rounding explains is 'info'; a figure restated within its printed
precision is nothing (figures.py). Narrative findings never quarantine a document
(outcome.py): the tables are fine, the words around them are not.

Precision first — an error must be certain. A claim is an 'error' only when its figure,
subject and base are bound within one clause or numbered item: a figure is compared only
when its words map exactly to table cells (a 项's figure only with the 项 its own item
names); a share only with the base its sentence names, or, when it names none, with the
total its enumeration hangs on; when several cells could be meant, a figure matching any
of them is accepted. A claim whose subject or base is named but cannot be found is
'info' beginning "could not verify:"; what cannot be read reliably is skipped, never
guessed. A rate computed from a figure another finding already flags follows that
finding (Finding.follows): 'info', never counted as a second error.

The package's modules, imports flowing down this list (a module imports only from
those above it):

  numbers     figures printed in pieces joined (letter spacing, line breaks, full width)
  text        pages → blocks and sentences, split digits re-attached
  figures     figures in a sentence, their precision, tolerances
  concepts    words → table cells
  context     what checkers share: the tables, the block's memory, making a finding
  wording     phrasings several checkers read (comparisons, shares, budgets)
  restated    a restated figure against its cells
  sangong     三公 items and their budgets
  shares      a share against part and whole
  completion  completion rates, 决算 持平/大于/小于 预算
  changes     year-on-year and against-budget changes
  arithmetic  a sentence's own sums; the 项 budgets against their total
  budget      a budget's 情况说明: its totals, shares, 比上年, 机关运行经费, 政府采购
  claims      the walk over the 情况说明's sentences, calling the checkers above
  funds_row   a self-evaluation 年度资金总额 row read by its header
  selfeval    the 绩效自评 annex
  names       the unit's name printed two ways
  headings    the year and the unit the headings and dates name (a copied year, a placeholder)
  quoted      the 年初预算 figures kept to compare with the unit's published budget
  check       the entry points (this docstring's functions)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from juesuan.model import ExtractedDocument, Finding, Record
from juesuan.money import rounding_step
from juesuan.validate.index import RecordIndex
from juesuan.validate.narrative.arithmetic import item_budget_claims
from juesuan.validate.narrative.budget import BUDGET_RULES, Tables, budget_claims
from juesuan.validate.narrative.claims import check_blocks
from juesuan.validate.narrative.context import Claim, Ctx
from juesuan.validate.narrative.headings import heading_claims
from juesuan.validate.narrative.names import unit_name_claims
from juesuan.validate.narrative.selfeval import check_self_evaluation
from juesuan.validate.narrative.text import build_blocks

NARRATIVE_RULES: dict[str, tuple[str, str]] = {
    # id: (severity of a material mismatch, description)
    "N.total": ("error", "a headline total the narrative restates (收支总计, 本年收入合计, 本年支出合计, "
                         "财政拨款总计, 一般公共预算财政拨款支出) differs from the tables"),
    "N.figure": ("error", "another restated figure (基本/项目支出, an income source, a 类 or 项, 人员/公用经费, "
                          "a 三公 决算) differs from the tables"),
    "N.share": ("error", "a share ('占44.12%') differs from part / whole (one unit off in the last digit: info)"),
    "N.completion_rate": ("error", "a budget completion rate, 持平 / 大于 / 小于 claim, or a rate against a "
                                   "budget of 0, is wrong"),
    "N.sangong_budget": ("error", "a 三公 budget the narrative states differs from table 09 预算数"),
    "N.yoy": ("error", "a year-on-year change, its rate, or a 持平 claim is wrong (its own arithmetic, "
                       "or against last year's tables when given)"),
    "N.self_evaluation": ("error", "a self-evaluation (绩效自评) figure differs from the tables, from its "
                                   "own project tables, or its projects exceed 项目支出"),
    "N.arithmetic": ("error", "a sentence's own arithmetic is wrong (金额 − 实际支出 ≠ 结余结转; a change "
                              "against the budget and its rate; the 项 budgets against their total)"),
    "N.unit_name": ("warning", "the unit's name is printed two ways (one character differs)"),
    "N.year": ("error", "a heading names another year's accounts (2023年度…情况说明 in a 2024 document), "
                        "or a year-end date is another year's (截至2023年12月31日); comparisons excepted"),
    "N.placeholder": ("error", "a heading prints a template's placeholder for the unit or the year "
                               "(XX局, ××单位, 20XX年度)"),
}
PREVIOUS_YEAR_RULES = frozenset({"N.yoy", "N.self_evaluation"})
# The claims a budget's 情况说明 is judged on. The final's others read a final's wording (a 类
# figure is 05's, "截至…12月31日" is the year-end): on the 107 real budgets with a narrative they
# gave 62 errors, every one sampled false (a budget's 类 figures are all funds; its asset
# figures are dated the previous year-end). The three final rules kept made 290 claims there
# and no false finding; the budget's own (budget.py) made 1,827 claims on 142 real budgets
# with a narrative and 16 errors, each true on the page (bench/budget_narrative.py).
BUDGET_NARRATIVE_RULES = frozenset({"N.sangong_budget", "N.unit_name", "N.placeholder"}) | frozenset(BUDGET_RULES)


@dataclass
class NarrativeReport:
    findings: list[Finding] = field(default_factory=list)
    claims: Counter = field(default_factory=Counter)  # rule id → claims examined


def _context(doc: ExtractedDocument, previous: Iterable[Record] | None) -> Ctx:
    prev = list(previous) if previous is not None else None
    return Ctx(index=RecordIndex(doc.records), table_step=rounding_step(doc.amount_unit_printed),
               fiscal_year=doc.fiscal_year, previous=RecordIndex(prev) if prev else None)


def _collect(claims: Iterable[Claim]) -> NarrativeReport:
    report = NarrativeReport()
    seen = set()
    for rule_id, finding in claims:
        report.claims[rule_id] += 1
        if finding is None:
            continue
        key = (finding.rule_id, finding.location, finding.actual, finding.expected, finding.pages)
        if key in seen:
            continue
        seen.add(key)
        report.findings.append(finding)
    return report


def check_narrative(doc: ExtractedDocument, previous: Iterable[Record] | None = None) -> NarrativeReport:
    """Every narrative claim of `doc` judged; last year's records enable the cross-year checks."""
    if not doc.narrative or not doc.records:
        return NarrativeReport()
    ctx = _context(doc, previous)
    blocks = build_blocks(doc.narrative)

    def claims():
        yield from check_blocks(blocks, ctx)
        yield from item_budget_claims(blocks, ctx)
        yield from unit_name_claims(doc)
        yield from heading_claims(doc.narrative, doc.fiscal_year)
        yield from check_self_evaluation(doc.narrative, blocks, ctx)

    return _collect(claims())


def narrative_findings(doc: ExtractedDocument, previous: Iterable[Record] | None = None) -> list[Finding]:
    return check_narrative(doc, previous).findings


def budget_narrative(doc: ExtractedDocument, rules: frozenset[str] | None = None,
                     doubtful_tables: Iterable[str] = ()) -> NarrativeReport:
    """A budget's narrative judged on BUDGET_NARRATIVE_RULES only (no previous year: its
    比上年 compares budgets, which the final's year-on-year checks do not read): the
    final's claims that read the same in a budget, and the budget's own (budget.py).
    `rules`: another set to keep (bench/budget_narrative.py measures every rule).
    `doubtful_tables`: tables that fail an identity of their own (the records' error
    findings): a claim bound only to them is 'info', not verifiable."""
    keep = BUDGET_NARRATIVE_RULES if rules is None else rules
    full = check_narrative(doc)
    own = _budget_own(doc, frozenset(doubtful_tables))
    report = NarrativeReport()
    report.findings = [f for f in full.findings + own.findings if f.rule_id in keep]
    report.claims = Counter({r: n for r, n in (full.claims + own.claims).items() if r in keep})
    return report


def _budget_own(doc: ExtractedDocument, doubtful: frozenset[str]) -> NarrativeReport:
    if not doc.narrative or not doc.records:
        return NarrativeReport()
    tables = Tables(_context(doc, None), doubtful, doc.unit_name)
    return _collect(budget_claims(build_blocks(doc.narrative), tables))


def previous_year_findings(doc: ExtractedDocument, previous: Iterable[Record] | None,
                           already: Iterable[Finding] | None = None) -> list[Finding]:
    """The findings only last year's records make possible (to add to a check run without them).

    `already`: the findings of the run without last year (as the worker computed them);
    when omitted they are computed here, at the cost of a second pass.
    """
    previous = list(previous or ())
    if not previous:
        return []
    without = {_key(f) for f in (already if already is not None else narrative_findings(doc))}
    return [f for f in narrative_findings(doc, previous) if _key(f) not in without]


def _key(finding: Finding) -> tuple:
    return (finding.rule_id, finding.location, finding.actual, finding.expected, finding.pages)


def catalogue() -> list[dict]:
    return [{"id": rule_id, "severity": severity, "description": text, "quarantines": False}
            for rule_id, (severity, text) in (NARRATIVE_RULES | BUDGET_RULES).items()]
