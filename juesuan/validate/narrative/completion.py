"""Budget completion: "完成年初预算的100%", and 决算 持平 / 大于 / 小于 预算.

A rate is judged against the budget the sentence states (the one it names: 年初 or
全年), or for a 三公 item against table 09; a rate against a budget of 0 is undefined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Finding
from juesuan.validate.narrative.concepts import available, sangong_concept
from juesuan.validate.narrative.context import BlockState, Claim, Ctx, Whole, attach, make_finding
from juesuan.validate.narrative.figures import Figure, Ratio, fmt, mildest, percent_verdict
from juesuan.validate.narrative.text import Block, Sentence
from juesuan.validate.narrative.wording import budget_kind

_COMPLETION = re.compile(r"完成(?P<which>年初|全年|调整后)?预算(数)?(的|比例为|比例|率为|率)?$")
_COMPLETION_BUDGET_FIRST = re.compile(r"完成(?P<which>年初|全年|调整后)?预算(数)?$")

# 决算 against 预算 in words: '决算数与年初预算数持平', '决算数大于预算数', '决算数等于年初
# 预算数', '决算数较预算数减少', and the reverse order '年初预算数大于决算数'.
_FINAL = r"(?:支出)?决算(?:数)?"
_BUDGET = r"(?P<which>年初|全年|调整后)?预算(?:数)?"
_JOIN = r"[与同和跟较比]"
_HEDGE = r"(?P<hedge>基本|略|稍|大致)?"
_AFTER = {"flat": "持平|相等|一致|相同", "more": "增加|增长|超支|超出|多|高",
          "less": "减少|下降|节约|少|低"}
_BETWEEN = {"flat": "等于", "more": "大于|高于|超过|多于|超出", "less": "小于|低于|少于"}
_INVERSE = {"flat": "flat", "more": "less", "less": "more"}


def _direction_patterns() -> list[tuple[re.Pattern, str, bool]]:
    out = []
    for kind in ("flat", "more", "less"):
        after, between = _AFTER[kind], _BETWEEN[kind]
        out += [
            (re.compile(rf"{_FINAL}{_JOIN}?{_BUDGET}(?:相比|比较)?[，,]?{_HEDGE}(?:{after})"), kind, False),
            (re.compile(rf"{_FINAL}{_HEDGE}(?:{between}){_BUDGET}"), kind, False),
            (re.compile(rf"{_BUDGET}{_JOIN}{_FINAL}(?:相比|比较)?[，,]?{_HEDGE}(?:{after})"), kind, True),
            (re.compile(rf"{_BUDGET}{_HEDGE}(?:{between}){_FINAL}"), kind, True),
        ]
    return out


_DIRECTIONS = _direction_patterns()


@dataclass(frozen=True)
class Direction:
    """'决算数大于年初预算数': how the sentence says 决算 compares with which 预算."""

    kind: str  # 'flat' | 'more' | 'less' (决算 against 预算)
    which: str | None  # 年初 | 全年 | None (not said)
    pos: int


def directions(text: str) -> list[Direction]:
    """Every 决算-against-预算 statement of a sentence; '基本持平' is left out (no threshold
    says how near is 基本)."""
    found: dict[int, Direction] = {}
    for pattern, kind, inverse in _DIRECTIONS:
        for match in pattern.finditer(text):
            if kind == "flat" and match.group("hedge") == "基本":
                continue
            which = match.group("which")
            found.setdefault(match.start(), Direction(_INVERSE[kind] if inverse else kind,
                                                      "全年" if which == "调整后" else which,
                                                      match.start()))
    return [found[k] for k in sorted(found)]


def completion_rate(figs: list[Figure]) -> tuple[Figure, str | None] | None:
    """The last completion rate a sentence prints ('完成年初预算的98.20%'), with its budget."""
    for fig in reversed(figs):
        match = _COMPLETION.search(fig.label) if fig.is_percent else None
        if match:
            which = match.group("which")
            return fig, ("全年" if which == "调整后" else which)
    return None


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
        finding = _judge_completion(fig, final, wholes, budgets_before, which, sentence)
        parent = ctx.flagged_source((sentence, final), *((sentence, b) for b in budgets))
        yield "N.completion_rate", attach(finding, parent)


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
    severity, expected, whole = mildest(judged)
    message = (f"completion rate printed {pct.text}, but 决算 {final.text} / {whole.name} = "
               f"{fmt(expected)}%")
    if severity == "info":
        message += " (off in the last digit: rounding)"
    return make_finding("N.completion_rate", severity, message, sentence, pct.start, expected,
                        pct.printed, whole.tables)


def budget_comparison_claims(sentence: Sentence, figs: list[Figure], state: BlockState,
                             ctx: Ctx) -> Iterator[Claim]:
    """'决算数与年初预算数持平', '决算数大于预算数' against the budget and final just stated
    (this sentence's, else the block's last pair), or — when no pair is stated — against
    the completion rate printed with them ('完成年初预算的95.2%，决算数大于年初预算数')."""
    stated = directions(sentence.text)
    if not stated:
        return
    rate = completion_rate(figs) or state.rate
    for direction in stated:
        if state.final is not None and state.budgets:
            budgets = _pick_budgets(state.budgets, direction.which)
            if not budgets:
                continue
            finding = _judge_direction(direction.kind, state.final, budgets, sentence,
                                       direction.pos, ctx)
            where = state.pair_sentence or sentence
            parent = ctx.flagged_source((where, state.final), *((where, b) for b in budgets))
            yield "N.completion_rate", attach(finding, parent)
        elif rate is not None and (direction.which is None or rate[1] in (None, direction.which)):
            yield "N.completion_rate", _judge_direction_by_rate(direction, rate[0], sentence)


_WORDS = {"flat": "持平 (equal)", "more": "larger than", "less": "smaller than"}


def _judge_direction_by_rate(direction: Direction, rate: Figure, sentence: Sentence) -> Finding | None:
    if rate.printed == 0:
        return None  # '0%' is also what is printed against a budget of 0: says nothing
    half = Decimal(5).scaleb(-(rate.decimals + 1))
    low, high = rate.printed - half, rate.printed + half
    hundred = Decimal(100)
    if (direction.kind == "more" and high >= hundred) or (direction.kind == "less" and low <= hundred) \
            or (direction.kind == "flat" and low <= hundred <= high):
        return None
    message = (f"says the final figure is {_WORDS[direction.kind]} the budget, but the completion "
               f"rate printed with it is {rate.text}")
    return make_finding("N.completion_rate", "error", message, sentence, direction.pos, hundred,
                        rate.printed)


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
    message = (f"says the final figure is {_WORDS[kind]} the budget, but 决算 {final.text} vs 预算 "
               f"{budget.text}")
    if kind == "flat" and budget.value:
        rate = (final.value * 100 / budget.value).quantize(Decimal("0.01"))
        message += f" ({fmt(rate)}% of it)"
    return make_finding("N.completion_rate", "error", message, sentence, pos, budget.value,
                        final.value)
