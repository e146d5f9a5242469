"""What every claim checker shares: the tables to judge against, what a block has said so
far, and how a finding quotes its sentence.

Kept apart from the checkers so each of them depends on this module only, never on one
another.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from juesuan.model import Finding
from juesuan.validate.index import RecordIndex
from juesuan.validate.narrative.concepts import Concept
from juesuan.validate.narrative.figures import Figure, fmt
from juesuan.validate.narrative.text import Sentence, quote

Claim = tuple[str, "Finding | None"]
# Where a figure is printed: its sentence (page, position in the block, text) and offset.
Anchor = tuple[int, int, str, int]
Source = tuple[Sentence, Figure]  # a printed figure a percentage is computed from


def anchor(sentence: Sentence, fig: Figure) -> Anchor:
    return (sentence.first_page, sentence.offset, sentence.text, fig.start)


@dataclass
class Ctx:
    """What claims are judged against, and the figures already found wrong."""

    index: RecordIndex
    table_step: Decimal
    fiscal_year: int | None = None
    previous: RecordIndex | None = None
    flagged: dict[Anchor, Finding] = field(default_factory=dict)

    def flag(self, sentence: Sentence, fig: Figure, finding: Finding | None) -> None:
        """Remember that `finding` says the printed `fig` is wrong."""
        if finding is not None and finding.severity in ("error", "warning"):
            self.flagged.setdefault(anchor(sentence, fig), finding)

    def flagged_source(self, *sources: Source | None) -> Finding | None:
        """The finding that already flags one of the figures a rate is computed from."""
        for source in sources:
            if source is not None and anchor(*source) in self.flagged:
                return self.flagged[anchor(*source)]
        return None


def attach(finding: Finding | None, parent: Finding | None) -> Finding | None:
    """A rate computed from a figure `parent` already flags follows from it: the same
    mistake seen again, so it is kept as information naming `parent`, not as an error
    of its own."""
    if finding is None or parent is None or finding.severity == "info":
        return finding
    return replace(finding, severity="info", follows=parent.key,
                   message=f"{finding.message} — follows from the {parent.rule_id} finding on "
                           f"the printed {fmt(parent.actual)} (not counted again)")


@dataclass
class Seen:
    """A level figure met earlier in the block: a candidate 'current value' or 'whole'."""

    figure: Figure
    sentence: Sentence
    concepts: tuple[Concept, ...] = ()
    item: str | None = None  # 三公 item when in the 三公 section
    is_part: bool = False  # followed by its own share: an enumeration's item


@dataclass
class BlockState:
    seen: list[Seen] = field(default_factory=list)
    budgets: list[Figure] = field(default_factory=list)  # last sentence's stated budgets
    final: Figure | None = None
    pair_sentence: Sentence | None = None
    rate: tuple[Figure, str | None] | None = None  # the last completion rate, with its budget




@dataclass(frozen=True)
class Whole:
    """What a percentage is computed against: a stated figure or a table cell."""

    name: str
    value: Decimal
    half: Decimal
    tables: tuple[str, ...] = ()
    source: Source | None = None  # the printed figure, when the whole is one


# --- findings -------------------------------------------------------------------------

def make_finding(rule_id: str, severity: str, message: str, sentence: Sentence, pos: int,
                 expected: Decimal | None, actual: Decimal | None,
                 tables: tuple[str, ...] = (), tolerance: Decimal | None = None) -> Finding:
    page = sentence.page_at(pos)
    return Finding(rule_id=rule_id, severity=severity, message=f"p{page}: {message}",
                   table_ids=tables, pages=(page,) if page else (), expected=expected,
                   actual=actual, tolerance=tolerance, location=quote(sentence.text))


def table_pages(records) -> str:
    pages = sorted({r.page for r in records if r.page})
    return f" (p{','.join(map(str, pages))})" if pages else ""


def with_message(finding: Finding, message: str) -> Finding:
    return replace(finding, message=message)
