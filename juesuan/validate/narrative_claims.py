"""Claims in the 情况说明 checked against the tables and against themselves.

One pass over each block's sentences, in reading order. Every claim a sentence makes —
"本年支出合计397.44万元", "项目支出174.97万元，占44.12%", "完成年初预算的100%", "与上年相比
减少71.81万元，减少15.30%", "决算数与年初预算数持平", "金额190万元，实际支出126.25万元，
结余结转63.78万元" — is recognised by its wording, and judged:

- a restated figure against the table cells it restates (narrative_concepts), at the
  precision it was printed with (narrative_figures);
- a percentage against the figures it is computed from — the sentence's own figures when
  it states them, else the tables' — so a wrong figure and a wrong percentage are two
  separate findings, each pointing at what is wrong;
- internal arithmetic (A − B = C, a change and its rate, a rate against a base of 0).

Checkers yield (rule_id, Finding | None) for every claim examined, so the report can say
how many claims each rule looked at, not only what it found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Finding
from juesuan.validate.index import RecordIndex
from juesuan.validate.narrative_concepts import (
    EXPENDITURE_TOTAL, INCOME_TOTAL, Concept, available, item_code, item_concepts,
    normalise_subject, resolve, sangong_concept, sangong_items)
from juesuan.validate.narrative_figures import (
    Figure, Ratio, amount_verdict, display_subject, exact_half, figures, fmt, is_rate_label,
    percent_verdict, sentence_decimals)
from juesuan.validate.narrative_text import TABLE_SECTIONS, Block, Sentence, quote

Claim = tuple[str, "Finding | None"]

# Headline totals get their own rule id (N.total); other restated figures are N.figure.
TOTAL_TABLE_ROWS = frozenset({C.GRAND_TOTAL_INCOME, C.GRAND_TOTAL_EXPENDITURE, C.INCOME_TOTAL,
                              C.EXPENDITURE_TOTAL})

_SHARE = re.compile(r"占(?P<whole>[^，,；;。%]{0,24}?)(的|比)?$")
_COMPLETION = re.compile(r"完成(?P<which>年初|全年|调整后)?预算(数)?(的|比例为|比例|率为|率)?$")
_COMPLETION_BUDGET_FIRST = re.compile(r"完成(?P<which>年初|全年|调整后)?预算(数)?$")
_LEAD_YEAR = re.compile(r"(与|同|较|比)(上年|上一年度?|去年|上年度|(19|20)\d{2}年度?)(决算数?|同期)?(相比|比较|对比)?")
_LEAD_BUDGET = re.compile(r"(与|同|较|比)(年初)?预算数?(相比|比较)?")
_FLAT_BUDGET = re.compile(r"决算数?[与同和跟较]?(?P<which>年初|全年)?预算数?(?P<basic>基本)?持平")
_MORE_BUDGET = re.compile(r"决算数?(大于|高于|超过|多于)(?P<which>年初|全年)?预算数?")
_LESS_BUDGET = re.compile(r"决算数?(小于|低于|少于)(?P<which>年初|全年)?预算数?")
_FLAT_YEAR = re.compile(r"(?<!基本)持平")
_UP = ("增加", "增长", "上升", "超支", "增幅", "增")
_DOWN = ("减少", "下降", "降低", "节约", "降幅", "减幅", "减")
_ROLE_ONLY = re.compile(r"^[，,]?(财政拨款)?(支出)?(决算中)?(年初|全年|调整后)?(预算|决算)?(数)?(支出)?"
                        r"(为|是|共计)?$")
_GENERAL_SUMMARY = re.compile(r"一般公共预算财政拨款支出")


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


# --- findings -------------------------------------------------------------------------

def make_finding(rule_id: str, severity: str, message: str, sentence: Sentence, pos: int,
                 expected: Decimal | None, actual: Decimal | None,
                 tables: tuple[str, ...] = (), tolerance: Decimal | None = None) -> Finding:
    page = sentence.page_at(pos)
    return Finding(rule_id=rule_id, severity=severity, message=f"p{page}: {message}",
                   table_ids=tables, pages=(page,) if page else (), expected=expected,
                   actual=actual, tolerance=tolerance, location=quote(sentence.text))


def _table_pages(records) -> str:
    pages = sorted({r.page for r in records if r.page})
    return f" (p{','.join(map(str, pages))})" if pages else ""


# --- figures restated -----------------------------------------------------------------

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
    message = (f"{what} printed {fig.text} but table {concept.name}{_table_pages(records)} "
               f"prints {fmt(value)} 万元" + (f" (also: {others})" if others else ""))
    return rule_id, make_finding(rule_id, severity or "error", message, sentence, fig.start,
                                 value, fig.value, concept.tables)


def figure_claims(block: Block, sentence: Sentence, figs: list[Figure], ctx: Ctx,
                  items: dict[int, str]) -> Iterator[Claim]:
    if block.section not in TABLE_SECTIONS:
        return
    code = None
    if block.section == "general":
        code = item_code(sentence.text, ctx.index) or (
            item_code(block.text, ctx.index) if block.level == "item" else None)
    for i, fig in enumerate(figs):
        if fig.is_percent or fig.role in ("change", "budget"):
            continue
        if _after_comparison(sentence.text, fig):
            continue
        if block.section == "sangong":
            item = items.get(i)
            if item is None:
                continue
            side = C.BUDGET if fig.role == "budget" else C.FINAL
            claim = check_figure(fig, (sangong_concept(item, side),), sentence, ctx,
                                 f"三公 {item} 决算", "N.figure")
        elif code and fig.role == "final":
            claim = check_figure(fig, item_concepts(code), sentence, ctx,
                                 f"项 {code} 支出决算", "N.figure")
        else:
            subject = qualified_subject(fig, figs[:i])
            concepts = resolve(subject, block.section, ctx.index)
            if not concepts and fig.role == "final" and block.section == "general" and not code \
                    and block.level != "item" and _GENERAL_SUMMARY.search(_own_words(block, sentence, fig)):
                # '一般公共预算财政拨款支出年初预算为X，支出决算为Y': Y is the 05 total
                subject = "一般公共预算财政拨款支出"
                concepts = resolve(subject, block.section, ctx.index)
            claim = check_figure(fig, concepts, sentence, ctx, display_subject(normalise_subject(subject)))
        if claim is not None:
            yield claim


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


def _after_comparison(text: str, fig: Figure) -> bool:
    """A figure inside a comparison ('比上年…1.2万元') is a change or a budget, not a level."""
    clause = re.split(r"[，,；;。]", text[:fig.start])[-1]
    return bool(_LEAD_YEAR.search(clause) or _LEAD_BUDGET.search(clause))


# --- 三公 items -----------------------------------------------------------------------

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
        if finding is not None:
            final = _next_final(figs, i, items, item)
            if final is not None and finding.expected:
                rate = final.value * 100 / finding.expected
                finding = _with_message(finding, finding.message + f"; against the table's budget "
                                        f"the completion rate would be {fmt(rate.quantize(Decimal('0.01')))}%")
        yield rule_id, finding


def _next_final(figs: list[Figure], i: int, items: dict[int, str], item: str) -> Figure | None:
    for j in range(i + 1, len(figs)):
        if items.get(j) == item and figs[j].role in ("final", "level"):
            return figs[j]
    return None


def _with_message(finding: Finding, message: str) -> Finding:
    return Finding(finding.rule_id, finding.severity, message, finding.table_ids, finding.pages,
                   finding.expected, finding.actual, finding.tolerance, finding.location)


# --- shares ---------------------------------------------------------------------------

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


@dataclass(frozen=True)
class Whole:
    name: str
    value: Decimal
    half: Decimal
    tables: tuple[str, ...] = ()


def share_claims(block: Block, sentence: Sentence, figs: list[Figure], state: BlockState,
                 ctx: Ctx) -> Iterator[Claim]:
    for i, fig in enumerate(figs):
        if not fig.is_percent:
            continue
        match = _SHARE.search(fig.label)
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
        and not _is_part(before + [part], n)]
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


def _is_part(figs: list[Figure], n: int) -> bool:
    """A figure followed by its own share ('基本支出222.47万元，占55.98%') is an item of an
    enumeration, not the whole the next item is a share of."""
    following = figs[n + 1] if n + 1 < len(figs) else None
    return bool(following is not None and following.is_percent and _SHARE.search(following.label))


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


# --- completion rates and budget comparisons -----------------------------------------

def _budget_kind(fig: Figure) -> str:
    tail = fig.tail
    if "年初" in tail:
        return "年初"
    if "全年" in tail or "调整" in tail:
        return "全年"
    return ""


def _pick_budgets(budgets: list[Figure], which: str | None) -> list[Figure]:
    if which in ("年初", "全年"):
        chosen = [b for b in budgets if _budget_kind(b) == which]
        return chosen or [b for b in budgets if _budget_kind(b) == ""]
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
        wholes = [Whole(f"{_budget_kind(b) or ''}预算 {b.text}", b.value, b.half_unit) for b in budgets]
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


# --- changes: year on year, and against the budget ------------------------------------

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
    leads = [(m, "year") for m in _LEAD_YEAR.finditer(text)]
    leads += [(m, "budget") for m in _LEAD_BUDGET.finditer(text)
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
        flat = first is None and bool(_FLAT_YEAR.search(text[lead.end():stop]))
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
        item_concepts_ = (sangong_concept(item, C.FINAL),) if item else concepts
        return fig, item_concepts_, item
    if subject_items:
        return None, (sangong_concept(subject_items[-1], C.FINAL),), subject_items[-1]
    return None, subject_concepts, None


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
            yield rule_id, _judge_change_rate(change, current, sentence, rule_id)
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


# --- A − B = C ------------------------------------------------------------------------

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
    kind = _budget_kind(next(iter(listed.values())))
    head = next((h for h in heads if _budget_kind(h) == kind), heads[0])
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


# --- the walk ---------------------------------------------------------------------------

def check_blocks(blocks: list[Block], ctx: Ctx) -> Iterator[Claim]:
    for block in blocks:
        if block.section in ("glossary", "profile"):
            continue
        state = BlockState()
        for sentence in block.sentences:
            figs = figures(sentence.text)
            if not figs and not _FLAT_YEAR.search(sentence.text):
                continue
            items = attribute_sangong(sentence.text, figs) if block.section == "sangong" else {}
            if block.section != "selfeval":
                yield from figure_claims(block, sentence, figs, ctx, items)
                yield from sangong_budget_claims(block, sentence, figs, ctx, items)
                yield from share_claims(block, sentence, figs, state, ctx)
                yield from completion_claims(block, sentence, figs, ctx, items)
                yield from budget_comparison_claims(sentence, figs, _pair_state(state, figs), ctx)
                yield from change_claims(block, sentence, figs, state, ctx, items)
            yield from arithmetic_claims(sentence, figs, ctx)
            _remember(state, block, sentence, figs, items, ctx)


def _pair_state(state: BlockState, figs: list[Figure]) -> BlockState:
    """The budget/final pair a comparison claim refers to: this sentence's, else the last."""
    budgets = [f for f in figs if f.role == "budget"]
    if budgets:
        last_budget = budgets[-1]
        finals = [f for f in figs if not f.is_percent and f.role in ("final", "level")
                  and f.start > last_budget.start]
        if finals:
            return BlockState(state.seen, budgets, finals[0])
    return state


def _remember(state: BlockState, block: Block, sentence: Sentence, figs: list[Figure],
              items: dict[int, str], ctx: Ctx) -> None:
    for i, fig in enumerate(figs):
        if not fig.is_percent and fig.role in ("level", "final") and not _after_comparison(sentence.text, fig):
            state.seen.append(Seen(fig, sentence, item=items.get(i), is_part=_is_part(figs, i)))
    paired = _pair_state(BlockState(), figs)
    if paired.final is not None:
        state.budgets, state.final, state.pair_sentence = paired.budgets, paired.final, sentence
