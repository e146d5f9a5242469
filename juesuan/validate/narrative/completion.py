"""Budget completion: "完成年初预算的100%", and 决算 持平 / 大于 / 小于 预算.

A rate is judged against the budget the sentence states (the one it names: 年初 or
全年), or for a 三公 item against table 09; a rate against a budget of 0 is undefined.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Finding
from juesuan.validate.narrative.concepts import available, sangong_concept
from juesuan.validate.narrative.context import BlockState, Claim, Ctx, Whole, make_finding
from juesuan.validate.narrative.figures import Figure, Ratio, fmt, percent_verdict
from juesuan.validate.narrative.text import Block, Sentence
from juesuan.validate.narrative.wording import budget_kind

_COMPLETION = re.compile(r"完成(?P<which>年初|全年|调整后)?预算(数)?(的|比例为|比例|率为|率)?$")
_COMPLETION_BUDGET_FIRST = re.compile(r"完成(?P<which>年初|全年|调整后)?预算(数)?$")
_FLAT_BUDGET = re.compile(r"决算数?[与同和跟较]?(?P<which>年初|全年)?预算数?(?P<basic>基本)?持平")
_MORE_BUDGET = re.compile(r"决算数?(大于|高于|超过|多于)(?P<which>年初|全年)?预算数?")
_LESS_BUDGET = re.compile(r"决算数?(小于|低于|少于)(?P<which>年初|全年)?预算数?")


def _pick_budgets(budgets: list[Figure], which: str | None) -> list[Figure]:
    if which in ("年初", "全年"):
        chosen = [b for b in budgets if budget_kind(b) == which]
        return chosen or [b for b in budgets if budget_kind(b) == ""]
    return budgets


def completion_claims(block: Block, sentence: Sentence, figs: list[Figure], ctx: Ctx,
                      items: dict[int, str]) -> Iterator[Claim]:
    for i, fig in enumerate(figs):
        if not fig.is_percent:
            continue
        match = _COMPLETION.search(fig.label)
        budgets_before = [f for f in figs[:i] if f.role == "budget"]
        if match is None and i > 0 and fig.label in ("的", "") and \
                _COMPLETION_BUDGET_FIRST.search(figs[i - 1].label):
            match = _COMPLETION_BUDGET_FIRST.search(figs[i - 1].label)
            budgets_before = budgets_before + [figs[i - 1]]
        if match is None:
            continue
        which = match.group("which")
        finals = [f for f in figs[:i] if not f.is_percent and f.role in ("final", "level")
                  and f not in budgets_before]
        if not finals:
            continue
        final = finals[-1]
        budgets = _pick_budgets(budgets_before, which)
        wholes = [Whole(f"{budget_kind(b) or ''}预算 {b.text}", b.value, b.half_unit) for b in budgets]
        if not wholes and block.section == "sangong":
            item = items.get(figs.index(final))
            if item:
                concept = sangong_concept(item, C.BUDGET)
                wholes = [Whole(f"table {concept.name}", v, ctx.table_step / 2, concept.tables)
                          for concept, v, _ in available((concept,), ctx.index)]
        if not wholes:
            continue
        yield "N.completion_rate", _judge_completion(fig, final, wholes, budgets_before, which,
                                                     sentence)


def _judge_completion(pct: Figure, final: Figure, wholes: list[Whole], all_budgets: list[Figure],
                      which: str | None, sentence: Sentence) -> Finding | None:
    judged = []
    zero = None
    for whole in wholes:
        if whole.value == 0:
            if pct.printed in (0, 100):
                return None  # "0%"/"100%" against no budget: a convention, not a computed rate
            zero = whole
            continue
        severity, expected = percent_verdict(pct, Ratio(final.value, whole.value, final.half_unit,
                                                        whole.half))
        if severity is None:
            return None
        judged.append((severity, expected, whole))
    if zero is not None and not judged:
        others = [b for b in all_budgets if b.value]
        note = ""
        for other in others:
            rate = final.value * 100 / other.value
            if percent_verdict(pct, Ratio(final.value, other.value, final.half_unit,
                                          other.half_unit))[0] is None:
                note = (f"; {pct.text} is {final.text} / {other.text} "
                        f"(= {fmt(rate.quantize(Decimal('0.01')))}%), a different budget")
        message = (f"completion rate {pct.text} stated against {zero.name}: a rate against a "
                   f"budget of 0 is undefined{note}")
        return make_finding("N.completion_rate", "error", message, sentence, pct.start, None,
                            pct.printed)
    if not judged:
        return None
    order = {"info": 0, "warning": 1, "error": 2}
    severity, expected, whole = min(judged, key=lambda j: order[j[0]])
    message = (f"completion rate printed {pct.text}, but 决算 {final.text} / {whole.name} = "
               f"{fmt(expected)}%")
    if severity == "info":
        message += " (off in the last digit: rounding)"
    return make_finding("N.completion_rate", severity, message, sentence, pct.start, expected,
                        pct.printed, whole.tables)


def budget_comparison_claims(sentence: Sentence, figs: list[Figure], state: BlockState,
                             ctx: Ctx) -> Iterator[Claim]:
    """'决算数与年初预算数持平', '决算数大于预算数' against the budget and final just stated."""
    if state.final is None or not state.budgets:
        return
    final = state.final
    for pattern, kind in ((_FLAT_BUDGET, "flat"), (_MORE_BUDGET, "more"), (_LESS_BUDGET, "less")):
        for match in pattern.finditer(sentence.text):
            if kind == "flat" and match.group("basic"):
                continue  # 基本持平: no threshold is defined, so not judged
            budgets = _pick_budgets(state.budgets, match.group("which"))
            if not budgets:
                continue
            yield "N.completion_rate", _judge_direction(kind, final, budgets, sentence, match.start(),
                                                         ctx)


def _judge_direction(kind: str, final: Figure, budgets: list[Figure], sentence: Sentence, pos: int,
                     ctx: Ctx) -> Finding | None:
    for budget in budgets:
        tol = final.half_unit + budget.half_unit + ctx.table_step / 10
        diff = final.value - budget.value
        if kind == "flat" and abs(diff) <= tol:
            return None
        if kind == "more" and diff > -tol:
            return None
        if kind == "less" and diff < tol:
            return None
    budget = budgets[0]
    words = {"flat": "持平 (equal)", "more": "larger than", "less": "smaller than"}[kind]
    message = (f"says the final figure is {words} the budget, but 决算 {final.text} vs 预算 "
               f"{budget.text}")
    if kind == "flat" and budget.value:
        rate = (final.value * 100 / budget.value).quantize(Decimal("0.01"))
        message += f" ({fmt(rate)}% of it)"
    return make_finding("N.completion_rate", "error", message, sentence, pos, budget.value,
                        final.value)

