"""A sentence's own arithmetic: allocated − spent = left over, and the 项 budgets listed
under 一般公共预算财政拨款支出 against the total budget printed above them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from juesuan.validate.narrative.concepts import item_code
from juesuan.validate.narrative.context import Claim, Ctx, make_finding
from juesuan.validate.narrative.figures import Figure, exact_half, figures, fmt, sentence_decimals
from juesuan.validate.narrative.text import Block, Sentence
from juesuan.validate.narrative.wording import budget_kind

_ALLOCATED = re.compile(r"(金额|预算|安排|下达|批复)(数|资金)?(为|是|共)?$")
_SPENT = re.compile(r"(实际支出|实际使用|支出|使用|执行)(数|金额)?(为|是)?$")
_LEFT = re.compile(r"(结余结转|结转结余|结余|结转)(资金)?(为|是)?$")


def arithmetic_claims(sentence: Sentence, figs: list[Figure], ctx: Ctx) -> Iterator[Claim]:
    """'金额190万元，实际支出126.25万元，结余结转63.78万元': allocated − spent = left over."""
    amounts = [f for f in figs if not f.is_percent]
    for a, b, c in zip(amounts, amounts[1:], amounts[2:]):
        if not (_ALLOCATED.search(a.tail) and _SPENT.search(b.tail) and _LEFT.search(c.tail)):
            continue
        expected = a.value - b.value
        # the sentence's own precision: its figures are typed, not forced, so half a unit
        # of each is a hard bound
        decimals = sentence_decimals([a, b, c])
        tol = sum((exact_half(f, decimals) for f in (a, b, c)), Decimal(0)) + ctx.table_step / 10
        diff = abs(c.value - expected)
        if diff <= tol:
            yield "N.arithmetic", None
            continue
        severity = "error"
        message = (f"{a.text} − {b.text} = {fmt(expected)} 万元, but the sentence prints "
                   f"{c.text} left over")
        yield "N.arithmetic", make_finding("N.arithmetic", severity, message, sentence, c.start,
                                           expected, c.value, tolerance=tol)


# --- the 项 budgets add up to the total budget -----------------------------------------

_GENERAL_BUDGET_HEAD = re.compile(r"一般公共预算财政拨款支出")


def item_budget_claims(blocks: list[Block], ctx: Ctx) -> Iterator[Claim]:
    """五(三): '年初预算为X' of every 项 listed adds up to the '一般公共预算财政拨款支出年初预算'.

    Judged only when the list is complete — every 项 that 05 prints with spending is
    listed, each once, with its budget — because a list of the main 项 only is common.
    A sum short of the total is a 'warning' (a 项 with a budget but nothing spent need
    not be listed); a sum above it cannot be explained and is an 'error'.
    """
    for n, block in enumerate(blocks):
        if block.section != "general" or block.level == "item":
            continue
        heads = [f for s in block.sentences if _GENERAL_BUDGET_HEAD.search(s.text)
                 for f in figures(s.text) if f.role == "budget"]
        if not heads:
            continue
        items = []
        for item in blocks[n + 1:]:
            if item.level != "item" or item.section != "general":
                break
            items.append(item)
        claim = _judge_item_budgets(block, heads, items, ctx)
        if claim is not None:
            yield claim


def _judge_item_budgets(block: Block, heads: list[Figure], items: list[Block], ctx: Ctx) -> Claim | None:
    listed: dict[str, Figure] = {}
    for item in items:
        code = item_code(item.text, ctx.index)
        budgets = [f for f in figures(item.text) if f.role == "budget"]
        if code is None or not budgets or code in listed:
            return None
        listed[code] = budgets[0]
    spent = {r.row_key for r in ctx.index.table_records("05")
             if len(r.row_key) == 7 and r.row_key.isdigit() and r.column_key == "合计" and r.amount}
    if not listed or not spent <= set(listed):
        return None
    kind = budget_kind(next(iter(listed.values())))
    head = next((h for h in heads if budget_kind(h) == kind), heads[0])
    total = sum((f.value for f in listed.values()), Decimal(0))
    decimals = sentence_decimals(list(listed.values()) + [head])
    tol = sum((exact_half(f, decimals) for f in listed.values()), exact_half(head, decimals)) + ctx.table_step
    diff = total - head.value
    sentence = next(s for s in block.sentences if head.text in s.text)
    if abs(diff) <= tol:
        return "N.arithmetic", None
    severity = "warning" if diff < 0 else "error"
    message = (f"the {len(listed)} 项 listed have {kind or ''}预算 adding up to {fmt(total)} 万元, but the "
               f"total {kind or ''}预算 printed is {head.text}")
    return "N.arithmetic", make_finding("N.arithmetic", severity, message, sentence, head.start - sentence.offset
                                        if head.start >= sentence.offset else 0, total, head.value,
                                        tolerance=tol)

