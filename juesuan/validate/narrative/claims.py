"""Claims in the 情况说明 checked against the tables and against themselves.

One pass over each block's sentences, in reading order. Every claim a sentence makes —
"本年支出合计397.44万元", "项目支出174.97万元，占44.12%", "完成年初预算的100%", "与上年相比
减少71.81万元，减少15.30%", "决算数与年初预算数持平", "金额190万元，实际支出126.25万元，
结余结转63.78万元" — is recognised by its wording, and judged:

- a restated figure against the table cells it restates (concepts.py), at the
  precision it was printed with (figures.py);
- a percentage against the figures it is computed from — the sentence's own figures when
  it states them, else the tables' — so a wrong figure and a wrong percentage are two
  separate findings, each pointing at what is wrong;
- internal arithmetic (A − B = C, a change and its rate, a rate against a base of 0).

Checkers yield (rule_id, Finding | None) for every claim examined, so the report can say
how many claims each rule looked at, not only what it found.
"""

from __future__ import annotations

from typing import Iterator

from juesuan.validate.narrative.arithmetic import arithmetic_claims
from juesuan.validate.narrative.changes import change_claims
from juesuan.validate.narrative.completion import (
    budget_comparison_claims, completion_claims, completion_rate, directions)
from juesuan.validate.narrative.context import BlockState, Claim, Ctx, Seen
from juesuan.validate.narrative.figures import Figure, figures
from juesuan.validate.narrative.restated import figure_claims
from juesuan.validate.narrative.sangong import attribute_sangong, sangong_budget_claims
from juesuan.validate.narrative.shares import share_claims
from juesuan.validate.narrative.text import Block, Sentence
from juesuan.validate.narrative.wording import FLAT_YEAR, after_comparison, is_part


def check_blocks(blocks: list[Block], ctx: Ctx) -> Iterator[Claim]:
    for block in blocks:
        if block.section in ("glossary", "profile"):
            continue
        state = BlockState()
        for sentence in block.sentences:
            figs = figures(sentence.text)
            if not figs and not FLAT_YEAR.search(sentence.text) and not directions(sentence.text):
                continue  # nothing to judge ('决算数小于预算数的主要原因…' is judged)
            items = attribute_sangong(sentence.text, figs) if block.section == "sangong" else {}
            if block.section != "selfeval":
                yield from figure_claims(block, sentence, figs, ctx, items)
                yield from sangong_budget_claims(block, sentence, figs, ctx, items)
                yield from share_claims(block, sentence, figs, state, ctx)
                yield from completion_claims(block, sentence, figs, ctx, items)
                yield from budget_comparison_claims(sentence, figs, _pair_state(state, figs, sentence),
                                                    ctx)
                yield from change_claims(block, sentence, figs, state, ctx, items)
            yield from arithmetic_claims(sentence, figs, ctx)
            _remember(state, block, sentence, figs, items, ctx)


def _pair_state(state: BlockState, figs: list[Figure], sentence: Sentence) -> BlockState:
    """The budget/final pair a comparison claim refers to: this sentence's, else the last."""
    budgets = [f for f in figs if f.role == "budget"]
    if budgets:
        amounts = [f for f in figs if not f.is_percent and f.role in ("final", "level")]
        after = [f for f in amounts if f.start > budgets[-1].start]
        before = [f for f in amounts if f.start < budgets[0].start and f.role == "final"]
        # '预算为X，支出决算为Y' or '支出决算为Y，完成预算X的…'
        final = after[0] if after else (before[-1] if before else None)
        if final is not None:
            return BlockState(state.seen, budgets, final, sentence, state.rate)
    return state


def _remember(state: BlockState, block: Block, sentence: Sentence, figs: list[Figure],
              items: dict[int, str], ctx: Ctx) -> None:
    for i, fig in enumerate(figs):
        if not fig.is_percent and fig.role in ("level", "final") and not after_comparison(sentence.text, fig):
            state.seen.append(Seen(fig, sentence, item=items.get(i), is_part=is_part(figs, i)))
    paired = _pair_state(BlockState(), figs, sentence)
    if paired.final is not None:
        state.budgets, state.final, state.pair_sentence = paired.budgets, paired.final, sentence
    state.rate = completion_rate(figs) or state.rate
