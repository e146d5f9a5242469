"""Changes: year on year ("与上年相比减少71.81万元，下降15.30%") and against the budget.

A change is judged for its own arithmetic (amount and rate against the figure it is a
change of) and, with last year's tables, against the two years' figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Finding
from juesuan.validate.narrative.concepts import (
    Concept, normalise_subject, resolve, sangong_concept, sangong_items)
from juesuan.validate.narrative.context import BlockState, Claim, Ctx, attach, make_finding
from juesuan.validate.narrative.figures import (
    Figure, Ratio, amount_verdict, fmt, is_rate_label, percent_verdict)
from juesuan.validate.narrative.text import TABLE_SECTIONS, Block, Sentence
from juesuan.validate.narrative.wording import FLAT_YEAR, LEAD_BUDGET, LEAD_YEAR, is_part

_UP = ("增加", "增长", "上升", "超支", "增幅", "增")
_DOWN = ("减少", "下降", "降低", "节约", "降幅", "减幅", "减")


@dataclass
class Change:
    """'与上年相比，减少71.81万元，下降15.30%' — what changed, by how much, at what rate."""

    kind: str  # 'year' | 'budget'
    lead: re.Match
    amount: Figure | None
    rate: Figure | None
    direction: int  # +1 up, -1 down, 0 unknown
    flat: bool
    subject: str


def _direction(text: str) -> int:
    for words, sign in ((_UP, 1), (_DOWN, -1)):
        if any(text.endswith(w) or w in text[-4:] for w in words):
            return sign
    return 0


def find_changes(sentence: Sentence, figs: list[Figure]) -> list[Change]:
    text = sentence.text
    changes = []
    leads = [(m, "year") for m in LEAD_YEAR.finditer(text)]
    leads += [(m, "budget") for m in LEAD_BUDGET.finditer(text)
              if not any(y.start() <= m.start() < y.end() for y, _ in leads)]
    leads.sort(key=lambda item: item[0].start())
    for n, (lead, kind) in enumerate(leads):
        stop = leads[n + 1][0].start() if n + 1 < len(leads) else len(text)
        after = [f for f in figs if lead.end() <= f.start < stop]
        amount = next((f for f in after if not f.is_percent and f.role == "change"), None)
        rate = None
        for f in after:
            if f.is_percent and (amount is None or f.start > amount.start) and is_rate_label(f.label):
                rate = f
                break
        if amount is None and rate is None and "持平" not in text[lead.end():stop]:
            continue
        first = amount or rate
        subject_end = first.start if first else stop
        between = text[lead.end():subject_end]
        direction = _direction(amount.label if amount else (rate.label if rate else ""))
        flat = first is None and bool(FLAT_YEAR.search(text[lead.end():stop]))
        subject = re.sub(r"(增加|减少|增长|下降|降低|变化|上升|持平|各|均|共|分别|了|，|,)+$", "",
                         re.split(r"[，,]", between.strip("，,"))[0] if between else "")
        changes.append(Change(kind, lead, amount, rate, direction, flat, subject))
    return changes


def _current_value(change: Change, sentence: Sentence, figs: list[Figure], state: BlockState,
                   section: str, ctx: Ctx, items: dict[int, str]) -> tuple[Figure | None, tuple[Concept, ...], str | None]:
    """The figure the change is a change of: (figure, its concepts, its 三公 item)."""
    lead_at = change.lead.start()
    own_subject = change.subject or _subject_before(sentence.text[:lead_at])
    subject_items = [item for _, _, item in sangong_items(own_subject)] if section == "sangong" else []
    subject_concepts = resolve(own_subject, section, ctx.index) if own_subject and not subject_items else ()
    here = [(f, items.get(i)) for i, f in enumerate(figs)
            if f.start < lead_at and not f.is_percent and f.role in ("level", "final")]
    earlier = [(s.figure, s.item) for s in state.seen]
    for fig, item in reversed(earlier + here):
        concepts = resolve(fig.subject, section, ctx.index) if section != "sangong" else ()
        if subject_items:
            if item == subject_items[-1]:
                return fig, (sangong_concept(item, C.FINAL),), item
            continue
        if subject_concepts:
            if _shares_cell(concepts, subject_concepts):
                return fig, subject_concepts, None
            continue
        if own_subject and len(normalise_subject(own_subject)) > 1 and (fig, item) not in here:
            return None, (), None  # a named subject we cannot resolve: only its own sentence
        if not own_subject or len(normalise_subject(own_subject)) <= 1:
            # no subject: the figure the paragraph's enumeration hangs on, not its last item
            fig, item = _head_before(earlier + here, state, figs)
        item_concepts_ = (sangong_concept(item, C.FINAL),) if item else concepts
        return fig, item_concepts_, item
    if subject_items:
        return None, (sangong_concept(subject_items[-1], C.FINAL),), subject_items[-1]
    return None, subject_concepts, None


def _head_before(stated: list[tuple[Figure, str | None]], state: BlockState,
                 figs: list[Figure]) -> tuple[Figure, str | None]:
    """The nearest figure stated before that is not an item of an enumeration (followed by
    its own share, or after 其中), else the nearest."""
    parts = {id(s.figure) for s in state.seen if s.is_part or s.sentence.text.startswith("其中")}
    parts |= {id(f) for n, f in enumerate(figs) if is_part(figs, n)}
    for fig, item in reversed(stated):
        if id(fig) not in parts:
            return fig, item
    return stated[-1]


def _names_subject(change: Change, sentence: Sentence) -> bool:
    subject = change.subject or _subject_before(sentence.text[:change.lead.start()])
    return len(normalise_subject(subject)) > 1


def _stated_before(change: Change, sentence: Sentence, figs: list[Figure],
                   state: BlockState) -> list[Figure]:
    """Every level figure stated in the block before the change."""
    here = [f for f in figs if f.start < change.lead.start() and not f.is_percent
            and f.role in ("level", "final")]
    return [s.figure for s in state.seen] + here


def _subject_before(text: str) -> str:
    text = re.split(r"[，,：:]", text)[-1]
    return re.sub(r"^((19|20)\d{2}年度?|本年度?|全年)", "", text)


def _shares_cell(a: tuple[Concept, ...], b: tuple[Concept, ...]) -> bool:
    cells = {cell for concept in a for cell in concept.cells}
    return any(cell in cells for concept in b for cell in concept.cells)


def change_claims(block: Block, sentence: Sentence, figs: list[Figure], state: BlockState,
                  ctx: Ctx, items: dict[int, str]) -> Iterator[Claim]:
    for change in find_changes(sentence, figs):
        rule_id = "N.yoy" if change.kind == "year" else "N.arithmetic"
        current, concepts, _item = _current_value(change, sentence, figs, state, block.section,
                                                  ctx, items)
        if change.amount is not None and change.rate is not None and current is not None:
            where = next((s.sentence for s in state.seen if s.figure is current), sentence)
            parent = ctx.flagged_source((where, current), (sentence, change.amount))
            finding = _judge_change_rate(change, current, sentence, rule_id)
            if finding is not None and not _names_subject(change, sentence) and any(
                    _judge_change_rate(change, other, sentence, rule_id) is None
                    for other in _stated_before(change, sentence, figs, state) if other is not current):
                finding = None  # no subject, and another figure stated before fits the rate
            yield rule_id, attach(finding, parent)
        if change.kind == "year" and ctx.previous is not None and block.section in TABLE_SECTIONS:
            claim = _judge_against_previous(change, current, concepts, sentence, ctx)
            if claim is not None:
                yield claim


def _judge_change_rate(change: Change, current: Figure, sentence: Sentence, rule_id: str) -> Finding | None:
    amount, rate = change.amount, change.rate
    if change.direction == 0:
        return None  # '变化' without a direction: the base cannot be told
    base = current.value - change.direction * amount.value
    base_half = current.half_unit + amount.half_unit
    if base < -base_half:
        return None  # a decrease larger than the figure itself: not this figure's change
    if abs(base) <= base_half:
        if rate.printed in (0, 100):
            return None  # a unit new this year: '增长100%' (or 0%) by convention
        message = (f"rate {rate.text} of a change {amount.text} from a base of 0 "
                   f"({current.text} − {amount.text}) is undefined")
        return make_finding(rule_id, "error", message, sentence, rate.start, None, rate.printed)
    severity, expected = percent_verdict(rate, Ratio(amount.value, base, amount.half_unit, base_half))
    if severity is None:
        return None
    word = "previous year" if change.kind == "year" else "budget"
    message = (f"rate printed {rate.text} but {amount.text} / {word} {fmt(base)} "
               f"({current.text} {'−' if change.direction > 0 else '+'} {amount.text}) = {fmt(expected)}%")
    if severity == "info":
        message += " (off in the last digit: rounding)"
    return make_finding(rule_id, severity, message, sentence, rate.start, expected, rate.printed)


def _judge_against_previous(change: Change, current: Figure | None, concepts: tuple[Concept, ...],
                            sentence: Sentence, ctx: Ctx) -> Claim | None:
    """With last year's tables: the stated change (or 持平) against the two years' figures."""
    pairs = []
    for concept in concepts:
        now, _ = concept.value(ctx.index)
        before, _ = concept.value(ctx.previous)
        if now is not None and before is not None:
            pairs.append((concept, now, before))
    if current is not None:
        # the cells that print the sentence's own current figure, when some do
        matching = [p for p in pairs if amount_verdict(current, p[1], ctx.table_step) is None]
        pairs = matching or pairs
    if not pairs:
        return None
    step = ctx.table_step
    if change.flat:
        for concept, now, before in pairs:
            if abs(now - before) <= 2 * step:
                return "N.yoy", None
        concept, now, before = pairs[0]
        message = (f"says {normalise_subject(change.subject) or concept.name} is 持平 with the previous "
                   f"year, but {concept.name} is {fmt(now)} this year and {fmt(before)} last year")
        return "N.yoy", make_finding("N.yoy", "error", message, sentence, change.lead.start(),
                                     before, now, concept.tables)
    if change.amount is not None and change.direction != 0:
        stated = change.direction * change.amount.value
        tol = change.amount.half_unit + 2 * step
        for concept, now, before in pairs:
            if abs((now - before) - stated) <= tol:
                return "N.yoy", None
        concept, now, before = pairs[0]
        actual_change = now - before
        message = (f"change printed {'+' if stated > 0 else '−'}{change.amount.text} but {concept.name} "
                   f"went from {fmt(before)} to {fmt(now)} ({'+' if actual_change >= 0 else '−'}"
                   f"{fmt(abs(actual_change))} 万元)")
        return "N.yoy", make_finding("N.yoy", "error", message, sentence, change.amount.start,
                                     actual_change, stated, concept.tables)
    if change.rate is not None and change.amount is None and change.direction != 0:
        for concept, now, before in pairs:
            if before <= 0:
                continue
            severity, expected = percent_verdict(
                change.rate, Ratio(abs(now - before), before, step, step / 2))
            if severity is None and (now - before) * change.direction >= 0:
                return "N.yoy", None
        concept, now, before = pairs[0]
        if before <= 0:
            return None
        expected = (now - before) * 100 / before
        message = (f"rate printed {change.rate.text} but {concept.name} went from {fmt(before)} to "
                   f"{fmt(now)} ({fmt(expected.quantize(Decimal('0.01')))}%)")
        return "N.yoy", make_finding("N.yoy", "error", message, sentence, change.rate.start,
                                     expected.quantize(Decimal("0.01")), change.rate.printed,
                                     concept.tables)
    return None

