"""Shares ("占44.12%"): a percentage against its part and the whole it is a share of.

The whole is the one the sentence names ("占基本支出的"), else the figure the enumeration
hangs on or the section's total; a share matching any candidate is accepted.
"""

from __future__ import annotations

from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Finding
from juesuan.validate.narrative.concepts import (
    EXPENDITURE_TOTAL, INCOME_TOTAL, Concept, available, normalise_subject, resolve,
    sangong_concept)
from juesuan.validate.narrative.context import BlockState, Claim, Ctx, Whole, make_finding
from juesuan.validate.narrative.figures import Figure, Ratio, display_subject, fmt, percent_verdict
from juesuan.validate.narrative.text import TABLE_SECTIONS, Block, Sentence
from juesuan.validate.narrative.wording import SHARE, is_part

WHOLE_WORDS: dict[str, tuple[Concept, ...]] = {
    "收入总额": INCOME_TOTAL, "总收入": INCOME_TOTAL, "本年收入": INCOME_TOTAL,
    "支出总额": EXPENDITURE_TOTAL, "总支出": EXPENDITURE_TOTAL, "本年支出": EXPENDITURE_TOTAL,
}
SECTION_WHOLE: dict[str, tuple[Concept, ...]] = {
    "income": INCOME_TOTAL,
    "expenditure": EXPENDITURE_TOTAL,
    "basic": (Concept("05 合计 基本支出", (("05", C.TOTAL, "基本支出"),)),),
    "sangong": (sangong_concept("合计", C.FINAL),),
}



def share_claims(block: Block, sentence: Sentence, figs: list[Figure], state: BlockState,
                 ctx: Ctx) -> Iterator[Claim]:
    for i, fig in enumerate(figs):
        if not fig.is_percent:
            continue
        match = SHARE.search(fig.label)
        if not match or i == 0:
            continue
        part = figs[i - 1]
        if part.is_percent or part.role == "change":
            continue
        wholes = _wholes(match.group("whole"), part, block, sentence, figs[:i - 1], state, ctx)
        if not wholes:
            continue
        yield "N.share", _judge_share(fig, part, wholes, sentence)


def _wholes(words: str, part: Figure, block: Block, sentence: Sentence, before: list[Figure],
            state: BlockState, ctx: Ctx) -> list[Whole]:
    """What a share is a share of: named ('占基本支出的'), else the block's head figure and
    the section's total."""
    words = normalise_subject(words)
    stated = [s.figure for s in state.seen if not s.is_part] + [
        f for n, f in enumerate(before) if not f.is_percent and f.role in ("level", "final")
        and not is_part(before + [part], n)]
    out: list[Whole] = []
    if words:
        for fig in reversed(stated):
            subject = normalise_subject(fig.subject)
            if subject and (subject.endswith(words) or (len(subject) >= 2 and words.endswith(subject))):
                out.append(Whole(display_subject(subject), fig.value, fig.half_unit))
                break
        if block.section in TABLE_SECTIONS:
            concepts = resolve(words, block.section, ctx.index) or WHOLE_WORDS.get(words, ())
            out += _concept_wholes(concepts, ctx)
    # the figure the enumeration hangs on: the one just before the part ("财政拨款支出总计
    # 237,100.00万元，其中基本支出…"), and the block's first
    for head in dict.fromkeys(f for f in (stated[-1:] + stated[:1]) if f is not part):
        if head.value >= part.value:
            out.append(Whole(display_subject(normalise_subject(head.subject)) or "the figure before",
                             head.value, head.half_unit))
    if words:
        return out
    if block.section in TABLE_SECTIONS:
        concepts = SECTION_WHOLE.get(block.section, ())
        if block.section == "general":
            concepts = resolve("一般公共预算财政拨款支出", "general", ctx.index)
        out += _concept_wholes(concepts, ctx)
    return out



def _concept_wholes(concepts: tuple[Concept, ...], ctx: Ctx) -> list[Whole]:
    return [Whole(c.name, value, ctx.table_step / 2, c.tables)
            for c, value, _ in available(concepts, ctx.index)]


def _judge_share(pct: Figure, part: Figure, wholes: list[Whole], sentence: Sentence) -> Finding | None:
    judged = []
    for whole in wholes:
        ratio = Ratio(part.value, whole.value, part.half_unit, whole.half)
        if not ratio.defined:
            if pct.printed == 0:
                return None
            continue
        severity, expected = percent_verdict(pct, ratio)
        if severity is None:
            return None
        judged.append((severity, expected, whole))
    if not judged:
        return None
    order = {"info": 0, "warning": 1, "error": 2}
    severity, expected, whole = min(judged, key=lambda j: order[j[0]])
    subject = display_subject(normalise_subject(part.subject))
    message = (f"{subject} {part.text} is said to be {pct.text}, but {fmt(part.value)} / "
               f"{whole.name} {fmt(whole.value)} = {fmt(expected)}%")
    if severity == "info":
        message += " (off in the last digit: rounding)"
    return make_finding("N.share", severity, message, sentence, pct.start, expected, pct.printed,
                        whole.tables)

