"""三公经费 sentences: which item each amount is about, and its budget against table 09.

A 三公 paragraph names five items and their budgets and finals in one run of text; an
amount is attributed to an item only when nothing but role words separates them, so an
aside ("含外宾接待支出…") is never taken for the item's figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from juesuan import canonical as C
from juesuan.validate.narrative.concepts import sangong_concept, sangong_items
from juesuan.validate.narrative.context import Claim, Ctx, with_message
from juesuan.validate.narrative.figures import Figure, fmt
from juesuan.validate.narrative.restated import check_figure
from juesuan.validate.narrative.text import Block, Sentence

_ROLE_ONLY = re.compile(r"^[，,]?(财政拨款)?(支出)?(决算中)?(年初|全年|调整后)?(预算|决算)?(数)?(支出)?"
                        r"(为|是|共计)?$")


def attribute_sangong(text: str, figs: list[Figure]) -> dict[int, str]:
    """Which 三公 item each amount of a sentence is about (index in figs → item).

    An amount belongs to the item named right before it ("公务接待费22.81万元", "公务接待费
    支出预算为20万元") or, when only role words separate them ("，支出决算为22.81万元"),
    to the item of the amount before it. Anything else ("（含外宾接待支出0.00万元）") is not
    attributed, so not checked.
    """
    found = sangong_items(text)
    out: dict[int, str] = {}
    current: str | None = None
    previous_end = 0
    for i, fig in enumerate(figs):
        named = [(s, e, item) for s, e, item in found if previous_end <= s and e <= fig.start]
        if fig.is_percent:
            previous_end = fig.end
            continue
        if named:
            start, end, item = named[-1]
            current = item if _ROLE_ONLY.match(text[end:fig.start]) else None
        elif current is not None and not _ROLE_ONLY.match(text[previous_end:fig.start]):
            current = None
        if current is not None and fig.role != "change":
            out[i] = current
        previous_end = fig.end
    return out


def sangong_budget_claims(block: Block, sentence: Sentence, figs: list[Figure], ctx: Ctx,
                          items: dict[int, str]) -> Iterator[Claim]:
    if block.section != "sangong":
        return
    for i, fig in enumerate(figs):
        item = items.get(i)
        if item is None or fig.role != "budget":
            continue
        concept = sangong_concept(item, C.BUDGET)
        claim = check_figure(fig, (concept,), sentence, ctx, f"三公 {item} 预算",
                             "N.sangong_budget")
        if claim is None:
            continue
        rule_id, finding = claim
        ctx.flag(sentence, fig, finding)
        if finding is not None:
            final = _next_final(figs, i, items, item)
            if final is not None and finding.expected:
                rate = final.value * 100 / finding.expected
                finding = with_message(finding, finding.message + f"; against the table's budget "
                                        f"the completion rate would be {fmt(rate.quantize(Decimal('0.01')))}%")
        yield rule_id, finding


def _next_final(figs: list[Figure], i: int, items: dict[int, str], item: str) -> Figure | None:
    for j in range(i + 1, len(figs)):
        if items.get(j) == item and figs[j].role in ("final", "level"):
            return figs[j]
    return None

