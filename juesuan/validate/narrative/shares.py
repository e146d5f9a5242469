"""Shares ("占44.12%"): a percentage against its part and the whole it is a share of.

A base the sentence names ("占授予中小企业合同金额的") is the only base: the figure stated
under that name in the paragraph, or the table cell of that name — and when wrong, the
message names that base and the share it gives. A named base found nowhere makes the
share 'info' ("could not verify"). Words naming no particular base ("占总支出的") and a
base left unsaid ("占44.12%") mean the figure the enumeration hangs on, the paragraph's
first, or the section's total; a share matching any of them is accepted. A share
computed from a figure another finding flags follows that finding.
"""

from __future__ import annotations

import re
from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Finding
from juesuan.validate.narrative.concepts import (
    EXPENDITURE_TOTAL, INCOME_TOTAL, Concept, available, normalise_subject, resolve,
    sangong_concept)
from juesuan.validate.narrative.context import (
    BlockState, Claim, Ctx, Source, Whole, attach, make_finding)
from juesuan.validate.narrative.figures import Figure, Ratio, display_subject, fmt, kindest_share
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
        words = base_words(match.group("whole"))
        stated = _stated(state, sentence, figs[:i - 1], part)
        named = _stated(state, sentence, figs[:i - 1], part, with_parts=True)
        if words and not GENERIC_TOTAL.match(words):
            wholes = _named_wholes(words, block, named, ctx)
            if not wholes:
                yield "N.share", _unverified(fig, part, words, sentence)
                continue
        elif words:  # '占总支出的': the total the enumeration hangs on, or the table's
            wholes = _named_wholes(words, block, named, ctx) + _implied_wholes(part, block, stated, ctx)
        else:
            wholes = _implied_wholes(part, block, stated, ctx)
        if not wholes:
            continue
        finding = _judge_share(fig, part, wholes, sentence)
        parent = ctx.flagged_source((sentence, part), *(w.source for w in wholes))
        yield "N.share", attach(finding, parent)


# Words that name no particular base, only "the total": what the paragraph's enumeration
# hangs on ('财政拨款支出总计…，其中基本支出…，占总支出的83.94%') as much as a table's total.
GENERIC_TOTAL = re.compile(r"^(本年|全年|各项)?(总支出|支出总额|支出总计|支出合计|总收入|收入总额|收入总计|"
                           r"收入合计|总额|合计|总计|全部支出|全部收入)$")
_BASE_TAIL = re.compile(r"(的)?(比例|比重|份额)?(为|是|达到|达)?$")


def base_words(words: str) -> str:
    """What a share names as its base: '占授予中小企业合同金额的' → 授予中小企业合同金额."""
    return _BASE_TAIL.sub("", normalise_subject(words))


def _stated(state: BlockState, sentence: Sentence, before: list[Figure], part: Figure,
            with_parts: bool = False) -> list[Source]:
    """Figures stated before the part, in this block, that could be a whole: for a base
    left unsaid, not the items of the same enumeration (each followed by its own share);
    for a base the sentence names, any figure stated under that name."""
    earlier = [(s.sentence, s.figure) for s in state.seen if with_parts or not s.is_part]
    here = [(sentence, f) for n, f in enumerate(before) if not f.is_percent
            and f.role in ("level", "final") and (with_parts or not is_part(before + [part], n))]
    return earlier + here


def _named_wholes(words: str, block: Block, stated: list[Source], ctx: Ctx) -> list[Whole]:
    """A base the sentence names ('占授予中小企业合同金额的'): only that base — the figure
    stated under that name in this block, or the table cell of that name."""
    out: list[Whole] = []
    for sentence, fig in reversed(stated):
        subject = normalise_subject(fig.subject)
        if subject and (subject.endswith(words) or (len(subject) >= 4 and words.endswith(subject))):
            out.append(Whole(display_subject(subject), fig.value, fig.half_unit, source=(sentence, fig)))
            break
    if block.section in TABLE_SECTIONS:
        concepts = resolve(words, block.section, ctx.index) or WHOLE_WORDS.get(words, ())
        out += _concept_wholes(concepts, ctx)
    return out


def _implied_wholes(part: Figure, block: Block, stated: list[Source], ctx: Ctx) -> list[Whole]:
    """A base left unsaid ('基本支出222.47万元，占55.98%'): the figure the enumeration hangs
    on (the one just before the part, "…总计237,100.00万元，其中基本支出…"), the block's
    first, and the section's total — the share must fit one of them."""
    out: list[Whole] = []
    for sentence, head in dict.fromkeys(s for s in (stated[-1:] + stated[:1]) if s[1] is not part):
        if head.value >= part.value:
            out.append(Whole(display_subject(normalise_subject(head.subject)) or "the figure before",
                             head.value, head.half_unit, source=(sentence, head)))
    if block.section in TABLE_SECTIONS:
        concepts = SECTION_WHOLE.get(block.section, ())
        if block.section == "general":
            concepts = resolve("一般公共预算财政拨款支出", "general", ctx.index)
        out += _concept_wholes(concepts, ctx)
    return out


def _unverified(pct: Figure, part: Figure, words: str, sentence: Sentence) -> Finding:
    message = (f"could not verify: {pct.text} is said to be {part.text}'s share of “{words}”, "
               f"which neither this paragraph states nor a table prints under that name")
    return make_finding("N.share", "info", message, sentence, pct.start, None, pct.printed)


def _concept_wholes(concepts: tuple[Concept, ...], ctx: Ctx) -> list[Whole]:
    return [Whole(c.name, value, ctx.table_step / 2, c.tables)
            for c, value, _ in available(concepts, ctx.index)]


def _judge_share(pct: Figure, part: Figure, wholes: list[Whole], sentence: Sentence) -> Finding | None:
    if pct.printed == 0 and any(not Ratio(part.value, w.value, part.half_unit, w.half).defined for w in wholes):
        return None  # '0%' of a whole of 0
    judged = kindest_share(pct, part, wholes)
    if judged is None:
        return None
    severity, expected, whole = judged
    subject = display_subject(normalise_subject(part.subject))
    message = (f"{subject} {part.text} is said to be {pct.text}, but {fmt(part.value)} / "
               f"{whole.name} {fmt(whole.value)} = {fmt(expected)}%")
    if severity == "info":
        message += " (off in the last digit: rounding)"
    return make_finding("N.share", severity, message, sentence, pct.start, expected, pct.printed,
                        whole.tables)

