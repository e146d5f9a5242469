"""Restated figures: an amount the 情况说明 repeats, against the table cells it restates.

The words before a figure name what it is (concepts.py maps them to candidate cells); the
figure is judged at the precision it was printed with (figures.py). Several cells may
print the same quantity, so a figure matching any of them is accepted.

In the list of 项 under 一般公共预算财政拨款支出 ("18.卫生健康支出（类）公立医院（款）儿童
医院（项）。年初预算…，支出决算…"), a figure is the 项's only when the 项 is named before
it in its own numbered item and the figure's own words are just a role ('支出决算为') or a
column of table 05 ('基本支出'); a 项 that is not exactly one row of 05 makes the figure
'info' ("could not verify"), never a comparison with another 项.
"""

from __future__ import annotations

import re
from typing import Iterator

from juesuan import canonical as C
from juesuan.validate.narrative.concepts import (
    Concept, NamedItem, available, item_concepts, last_item_named, normalise_subject, one, resolve,
    sangong_concept)
from juesuan.validate.narrative.context import Claim, Ctx, make_finding, table_pages
from juesuan.validate.narrative.figures import Figure, amount_verdict, display_subject, fmt
from juesuan.validate.narrative.text import TABLE_SECTIONS, Block, Sentence, quote
from juesuan.validate.narrative.wording import after_comparison

# Headline totals get their own rule id (N.total); other restated figures are N.figure.
TOTAL_TABLE_ROWS = frozenset({C.GRAND_TOTAL_INCOME, C.GRAND_TOTAL_EXPENDITURE, C.INCOME_TOTAL,
                              C.EXPENDITURE_TOTAL})
_GENERAL_SUMMARY = re.compile(r"一般公共预算财政拨款支出")


def check_figure(fig: Figure, concepts: tuple[Concept, ...], sentence: Sentence, ctx: Ctx,
                 what: str, rule_id: str | None = None) -> Claim | None:
    """A restated amount against its candidate cells; None when nothing to compare."""
    candidates = available(concepts, ctx.index)
    if not candidates:
        return None
    verdicts = [(amount_verdict(fig, value, ctx.table_step), concept, value, records)
                for concept, value, records in candidates]
    if rule_id is None:
        rule_id = ("N.total" if any(cell[1] in TOTAL_TABLE_ROWS or (cell[0] == "05" and cell[1] == C.TOTAL
                                                                  and cell[2] == "合计")
                                    for concept in concepts for cell in concept.cells)
                   else "N.figure")
    if any(v is None for v, *_ in verdicts):
        return rule_id, None
    severity, concept, value, records = verdicts[0]  # the most specific candidate
    others = "; ".join(dict.fromkeys(f"{c.name} {fmt(v)}" for _, c, v, _ in verdicts[1:]
                                     if f"{c.name} {fmt(v)}" != f"{concept.name} {fmt(value)}"))
    message = (f"{what} printed {fig.text} but table {concept.name}{table_pages(records)} "
               f"prints {fmt(value)} 万元" + (f" (also: {others})" if others else ""))
    return rule_id, make_finding(rule_id, severity or "error", message, sentence, fig.start,
                                 value, fig.value, concept.tables)


def figure_claims(block: Block, sentence: Sentence, figs: list[Figure], ctx: Ctx,
                  items: dict[int, str]) -> Iterator[Claim]:
    if block.section not in TABLE_SECTIONS:
        return
    for i, fig in enumerate(figs):
        if fig.is_percent or fig.role in ("change", "budget"):
            continue
        if after_comparison(sentence.text, fig):
            continue
        named = named_item_of(block, sentence, fig, ctx) if block.section == "general" else None
        if block.section == "sangong":
            item = items.get(i)
            if item is None:
                continue
            side = C.BUDGET if fig.role == "budget" else C.FINAL
            claim = check_figure(fig, (sangong_concept(item, side),), sentence, ctx,
                                 f"三公 {item} 决算", "N.figure")
        elif named is not None:
            claim = _item_figure(fig, named, sentence, ctx)
        else:
            subject = qualified_subject(fig, figs[:i])
            concepts = resolve(subject, block.section, ctx.index)
            if not concepts and fig.role == "final" and block.section == "general" \
                    and block.level != "item" and _GENERAL_SUMMARY.search(_own_words(block, sentence, fig)):
                # '一般公共预算财政拨款支出年初预算为X，支出决算为Y': Y is the 05 total
                subject = "一般公共预算财政拨款支出"
                concepts = resolve(subject, block.section, ctx.index)
            claim = check_figure(fig, concepts, sentence, ctx, display_subject(normalise_subject(subject)))
        if claim is not None:
            ctx.flag(sentence, fig, claim[1])
            yield claim


# What a figure's own words may say when it is the figure of the 项 named before it:
# a role ('支出决算为'), or a column of table 05 ('基本支出').
_NAMES_ITEM = re.compile(r"[（(]项[)）]|[（(]\d{7}[)）]")  # '（十八）…（项）' is an item too
_AFTER_PATH = re.compile(r"^.*([（(]项[)）]|[（(]\d{7}[)）])")
_ROLE_ONLY = re.compile(r"^(其中)?(本年|全年|当年)?(支出|决算|执行|实际)*(数|金额)?(为|是|共计|合计)?$")
_ITEM_COLUMN = re.compile(r"^(其中)?(基本支出|项目支出)(决算)?(数)?(为|是)?$")


def named_item_of(block: Block, sentence: Sentence, fig: Figure, ctx: Ctx) -> NamedItem | None:
    """The 项 a figure of the 一般公共预算 section is about, when the words bind it: the
    last 项 named before it within its own numbered item ('18.' or '（十八）' naming a 项),
    or within its own sentence outside a numbered list. Never a 项 named in the item before: items are blocks of their own
    (text.split_inline_items)."""
    numbered = block.level == "item" or (block.level == "2" and _NAMES_ITEM.search(block.heading))
    scope = block.text[:sentence.offset + fig.start] if numbered else sentence.text[:fig.start]
    return last_item_named(scope, ctx.index)


def _item_figure(fig: Figure, named: NamedItem, sentence: Sentence, ctx: Ctx) -> Claim | None:
    own = _AFTER_PATH.sub("", normalise_subject(fig.tail))
    column = _ITEM_COLUMN.match(own)
    if column is None and not (fig.role == "final" and _ROLE_ONLY.match(own)):
        return None  # the figure's own words name something else: not this 项's figure
    if named.code is None:
        message = (f"could not verify: {fig.text} is said of {quote(named.words, 60)}, which is "
                   f"not exactly one row of table 05")
        return "N.figure", make_finding("N.figure", "info", message, sentence, fig.start, None,
                                        fig.value)
    if column is not None:
        col = column.group(2)
        concepts = (one("05", named.code, col, f"05 {named.code} {col}"),
                    one("03", named.code, col, f"03 {named.code} {col}"))
        return check_figure(fig, concepts, sentence, ctx, f"项 {named.code} {col}", "N.figure")
    return check_figure(fig, item_concepts(named.code), sentence, ctx, f"项 {named.code} 支出决算",
                        "N.figure")


def _own_words(block: Block, sentence: Sentence, fig: Figure) -> str:
    """The sentence before a figure, without the block's heading glued in front of it."""
    text = sentence.text[:fig.start]
    heading = re.sub(r"\s", "", block.heading)
    if sentence.offset == 0 and heading and text.startswith(heading):
        text = text[len(heading):]
    return text


_BARE_TOTAL = re.compile(r"^(收入|支出)(总计|合计)$")
_QUALIFIED_TOTAL = re.compile(r"(财政拨款)(收入|支出|收入支出)(总计|合计)$")


def qualified_subject(fig: Figure, before: list[Figure]) -> str:
    """'财政拨款收入总计X，支出总计X': the second total is the 财政拨款 one too."""
    subject = normalise_subject(fig.subject)
    if not _BARE_TOTAL.match(subject):
        return fig.subject
    for previous in reversed(before):
        match = _QUALIFIED_TOTAL.search(normalise_subject(previous.subject))
        if match:
            return match.group(1) + subject
    return fig.subject

