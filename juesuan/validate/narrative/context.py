"""What every claim checker shares: the tables to judge against, what a block has said so
far, and how a finding quotes its sentence.

Kept apart from the checkers so each of them depends on this module only, never on one
another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Finding
from juesuan.validate.index import RecordIndex
from juesuan.validate.narrative.concepts import Concept
from juesuan.validate.narrative.figures import Figure
from juesuan.validate.narrative.text import Sentence, quote

Claim = tuple[str, "Finding | None"]


@dataclass
class Ctx:
    """What claims are judged against."""

    index: RecordIndex
    table_step: Decimal
    fiscal_year: int | None = None
    previous: RecordIndex | None = None


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




@dataclass(frozen=True)
class Whole:
    """What a percentage is computed against: a stated figure or a table cell."""

    name: str
    value: Decimal
    half: Decimal
    tables: tuple[str, ...] = ()


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
    return Finding(finding.rule_id, finding.severity, message, finding.table_ids, finding.pages,
                   finding.expected, finding.actual, finding.tolerance, finding.location)
