"""The rule machinery: a rule yields comparisons (or findings); the engine judges them.

A rule function yields, per thing it examined, a Comparison (an identity for the engine
to judge), a ready Finding, or None ("examined, nothing to say"), so that every rule's
work is counted.

Keeping the judging in one place means every identity uses the same tolerance, reports
the same fields (expected, actual, tolerance, location, pages) and is counted the same
way, so a report can say which rules ran, which were skipped for lack of input, and how
many comparisons had nothing but blank cells to look at ("nothing checked" is visible).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable, Sequence

from juesuan.canonical import DOC_BUDGET, DOC_FINAL
from juesuan.model import Finding, Record
from juesuan.validate.index import RecordIndex, amount_of
from juesuan.validate.tolerance import classify, coarse_figures, exceeds, tolerance
from juesuan.validate.vocabulary import FINAL_VOCABULARY, Vocabulary

DOC_TYPES = (DOC_FINAL, DOC_BUDGET)
BOTH = frozenset(DOC_TYPES)
FINALS = frozenset({DOC_FINAL})
BUDGETS = frozenset({DOC_BUDGET})

EQ, LE = "eq", "le"


@dataclass(frozen=True, slots=True)
class Comparison:
    """One identity instance: `actual` (a printed figure or sum) against `expected`.

    `records` are every printed cell involved: their count of non-zero amounts sets the
    tolerance, their pages go into the finding; the first is the cell `actual` was read
    from. kind LE means actual ≤ expected.
    """

    location: str
    actual: Decimal
    expected: Decimal
    records: tuple[Record, ...]
    tables: tuple[str, ...]
    kind: str = EQ
    detail: str = ""

    @property
    def n_terms(self) -> int:
        """Rounded figures involved: printed, non-zero amounts (see tolerance.py)."""
        return sum(1 for r in self.records if r.amount)

    @property
    def all_blank(self) -> bool:
        return all(r.amount is None for r in self.records)

    @property
    def printed_actual(self) -> str:
        """How the compared cell reads on the page: a blank cell is summed as 0 but is
        not a printed 0, and a reviewer looking for '0' on the page would not find it."""
        first = self.records[0] if self.records else None
        if first is not None and first.amount is None:
            return "blank (counted as 0)"
        return str(self.actual)


@dataclass(slots=True)
class Context:
    """What a rule may look at: the records and the document facts around them.

    `vocab` names the columns the document's type uses for the same ideas (a final's
    决算数 is a budget's 预算数; vocabulary.py)."""

    index: RecordIndex
    unit_printed: str | None = None
    tables_present: tuple[str, ...] = ()
    tables_empty: tuple[str, ...] = ()
    doc_type: str = DOC_FINAL
    vocab: Vocabulary = FINAL_VOCABULARY
    step: Decimal | None = None  # the printed rounding step when it is not the unit's (tolerance.printed_step)


@dataclass(frozen=True, slots=True)
class Rule:
    """A named check with a stable id.

    severity: the severity of a failure ('error' | 'warning' | 'info').
    quarantines: an 'error' from this rule makes the document's numbers unusable
    (see outcome.py); other errors are reported and the document still loads.
    doc_types: the kinds of document the identity holds for ('final', 'budget'); a rule
    runs only on those (a budget has no 07 balance, a final no 上年预算数).
    """

    id: str
    severity: str
    description: str
    func: Callable[[Context], Iterable["Comparison | Finding | None"]]
    quarantines: bool = False
    doc_types: frozenset[str] = BOTH

    def applies_to(self, doc_type: str | None) -> bool:
        """Documents of unknown type are judged as final accounts (what they were before)."""
        return (doc_type if doc_type in DOC_TYPES else DOC_FINAL) in self.doc_types

    def __call__(self, ctx: Context) -> Iterable["Comparison | Finding | None"]:
        return self.func(ctx)


def rule(rule_id: str, severity: str, description: str, *, quarantines: bool = False,
         doc_types: Iterable[str] = BOTH):
    """Decorator: turn a generator of comparisons into a registered-able Rule."""
    def wrap(func: Callable[[Context], Iterable["Comparison | Finding | None"]]) -> Rule:
        return Rule(rule_id, severity, description, func, quarantines, frozenset(doc_types))
    return wrap


@dataclass(slots=True)
class RuleRun:
    """How one rule went on one document."""

    rule_id: str
    checks: int = 0          # items examined (comparisons, records, rows …)
    comparisons: int = 0     # of which identity comparisons
    blank_only: int = 0      # comparisons whose every cell was blank (0 = 0: nothing learned)
    findings: int = 0

    @property
    def status(self) -> str:
        return "ran" if self.checks else "skipped"


@dataclass(slots=True)
class Report:
    findings: list[Finding] = field(default_factory=list)
    runs: list[RuleRun] = field(default_factory=list)

    @property
    def ran(self) -> list[str]:
        return [r.rule_id for r in self.runs if r.status == "ran"]

    @property
    def skipped(self) -> list[str]:
        return [r.rule_id for r in self.runs if r.status == "skipped"]

    @property
    def informative_checks(self) -> int:
        """Identity comparisons that involved at least one printed figure."""
        return sum(r.comparisons - r.blank_only for r in self.runs)

    def summary(self) -> dict:
        return {
            "rules_ran": self.ran,
            "rules_skipped": self.skipped,
            "checks": sum(r.checks for r in self.runs),
            "comparisons": sum(r.comparisons for r in self.runs),
            "informative_comparisons": self.informative_checks,
            "errors": sum(f.severity == "error" for f in self.findings),
            "warnings": sum(f.severity == "warning" for f in self.findings),
        }


def pages_of(records: Iterable[Record | None]) -> tuple[int, ...]:
    return tuple(sorted({r.page for r in records if r is not None and r.page is not None}))


def judge(rule_: Rule, comp: Comparison, unit_printed: str | None,
          step: Decimal | None = None) -> Finding | None:
    """Apply the tolerance policy of tolerance.py to one comparison."""
    tol = tolerance(comp.n_terms, unit_printed, step) + coarse_figures(
        (r.amount for r in comp.records if r is not None), unit_printed, step)
    diff = comp.actual - comp.expected
    if comp.kind == LE:
        severity = rule_.severity if exceeds(comp.actual, comp.expected, tol) else None
        relation = "≤"
    else:
        severity = classify(diff, tol, rule_.severity)
        relation = "="
    if severity is None:
        return None
    detail = f" ({comp.detail})" if comp.detail else ""
    message = (f"{rule_.description}: {comp.location}: printed {comp.printed_actual} but expected "
               f"{relation} {comp.expected}{detail}; difference {diff}, tolerance {tol}")
    return Finding(rule_id=rule_.id, severity=severity, message=message,
                   table_ids=comp.tables, pages=pages_of(comp.records),
                   expected=comp.expected, actual=comp.actual, tolerance=tol,
                   location=comp.location)


def run_rules(rules: Sequence[Rule], ctx: Context) -> Report:
    report = Report()
    for rule_ in rules:
        if not rule_.applies_to(ctx.doc_type):
            continue  # not an identity of this kind of document: neither run nor skipped
        run = RuleRun(rule_.id)
        for item in rule_(ctx):
            run.checks += 1
            if item is None:  # examined and fine (guards that are not comparisons)
                continue
            if isinstance(item, Finding):
                finding = item
            else:
                run.comparisons += 1
                run.blank_only += item.all_blank
                finding = judge(rule_, item, ctx.unit_printed, ctx.step)
            if finding is not None:
                run.findings += 1
                report.findings.append(finding)
        report.runs.append(run)
    return report


# --- helpers rules share ----------------------------------------------------------------

def where(table_id: str, row_key: str, column_key: str | None = None,
          label: str | None = None) -> str:
    """'02 row 201 (一般公共服务支出), column 本年收入合计'."""
    text = f"{table_id} row {row_key}"
    if label and label != row_key:
        text += f" ({label})"
    if column_key:
        text += f", column {column_key}"
    return text


def first_holding(alternatives: Iterable[Comparison | None], unit_printed: str | None,
                  step: Decimal | None = None) -> Comparison | None:
    """Of alternative readings of one identity (provinces define some totals differently:
    a 支出总计 of 基本 + 项目 only, or of every column), the first that holds within
    tolerance; when none does, the last (the widest) is the one reported."""
    options = [c for c in alternatives if c is not None]
    for comp in options:
        tol = tolerance(comp.n_terms, unit_printed, step)
        if not exceeds(comp.actual, comp.expected, tol) and not exceeds(comp.expected, comp.actual, tol):
            return comp
    return options[-1] if options else None


def sum_comparison(location: str, total: Record, terms: Sequence[Record],
                   detail: str = "", tables: tuple[str, ...] | None = None) -> Comparison:
    """total = Σ terms, blanks as 0."""
    expected = sum((amount_of(t) for t in terms), Decimal(0))
    involved = tables or tuple(sorted({total.table_id, *(t.table_id for t in terms)}))
    return Comparison(location=location, actual=amount_of(total), expected=expected,
                      records=(total, *terms), tables=involved, detail=detail)
