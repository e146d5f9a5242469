"""A budget's 情况说明 (部门预算): its totals, shares, 比上年 changes, 机关运行经费, 政府采购.

A budget's narrative words its claims its own way ("2026年度收入、支出预算总计X万元",
"部门预算收入X万元", "财政拨款收支总预算X万元", "机关运行经费财政拨款预算X万元") and its
figures mean other cells than a final's: a 类 figure is all funds, not 05's. So the
final's checkers do not run on budgets (check.BUDGET_NARRATIVE_RULES); this module binds
only the wordings below, each to the budget table cells that print the same quantity.

Precision first — an error must be certain:

- A figure is a claim only when its own words (after the last comma, colon or 、) END with
  one of the subjects below and nothing qualifies it: what precedes the subject must be a
  year ("2026年"), a bracket, the unit's name or 本部门/本单位. "一般公共预算收入" is not
  "预算收入"; "政府性基金预算财政拨款支出" is not "财政拨款支出".
- Wording picks the cell: 总计 / 总预算 the table's 总计 (carried-over funds included), 合计
  / 本年 its 本年收入(支出)合计; 总额 or a bare "收入预算" may mean either: both are read,
  and a figure matching only one is 'info' (the wording does not say which). A figure
  matching none of the cells is an error (a warning just beyond rounding).
- 一般公共预算财政拨款支出 is 05's 合计 only when the words name the 财政拨款 (拨款); a bare
  一般公共预算支出 may be all funds and is not read.
- 机关运行经费 and 政府采购 are bound to a table only when the document prints one that
  carries them (R09 or 09's 机关运行经费 column; 03's 政府采购 column); otherwise the claim
  is 'info': not verifiable from this document.
- 比上年 / 较上年预算 changes: last year's budget is not in the document, so a change is
  judged for its own arithmetic only, against the figure it directly follows ("X万元，比
  上年增加Y万元，增长Z%": last year X − Y, Z = Y / (X − Y); with last year's figure printed,
  X − P = Y too). A change of a bound total that cannot be so judged is 'info'.
- A share ("占Z%") is judged against the base its words name (mapped as above), or, when
  they name none, the totals this paragraph stated before it; a share matching any of them
  is accepted, and one whose base cannot be found is not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Iterator

from juesuan.money import normalise_text
from juesuan.validate.narrative.changes import find_changes
from juesuan.validate.narrative.concepts import Concept, available, one
from juesuan.validate.narrative.context import Claim, Ctx, Whole, make_finding, table_pages
from juesuan.validate.narrative.figures import (
    TO_WAN, Figure, Ratio, amount_verdict, display_subject, figures, fmt, fold_compounds, kindest_share,
    percent_verdict)
from juesuan.validate.narrative.text import Block, Sentence
from juesuan.validate.narrative.wording import SHARE

BUDGET_RULES: dict[str, tuple[str, str]] = {
    "N.budget_total": ("error", "a budget total the narrative states (收入/支出预算总额, 收支总预算, 财政拨款收支"
                                "总预算, 一般公共预算财政拨款支出) differs from tables 01 / 04 / 05"),
    "N.budget_share": ("error", "a share of a budget total ('占90.58%') differs from part / whole"),
    "N.budget_change": ("error", "a 比上年 change and its rate (or last year's printed figure) do not agree "
                                 "with the figure they follow (last year's budget is not in the document)"),
    "N.budget_operating": ("error", "the 机关运行经费 budget differs from the table that prints it (R09, or 09's "
                                    "机关运行经费 column); info when the document prints none"),
    "N.budget_procurement": ("error", "the 政府采购 budget differs from 03's 政府采购 column; info when the "
                                      "document prints none"),
}

# --- the cells -------------------------------------------------------------------------

B = "预算数"
T01 = (one("01", "总计/收入", B, "01 总计"), one("01", "总计/支出", B, "01 总计"))
T01_INCOME = (one("01", "本年收入合计", B, "01 本年收入合计"),
              one("02", "合计", "本年收入合计", "02 合计 本年收入合计"))
T01_SPENDING = (one("01", "本年支出合计", B, "01 本年支出合计"), one("03", "合计", "合计", "03 合计"))
T04 = (one("04", "总计/收入", B, "04 总计"), one("04", "总计/支出", "合计", "04 总计"))
T04_CURRENT = (one("04", "本年收入合计", B, "04 本年收入合计"), one("04", "本年支出合计", "合计", "04 本年支出合计"))
T05 = (one("05", "合计", "合计", "05 合计"),
       one("04", "本年支出合计", "一般公共预算财政拨款", "04 本年支出合计 一般公共预算财政拨款"))
OPERATING = (one("R09", "合计", B, "R09 合计"), one("09", "合计", "预算数/机关运行经费", "09 预算数/机关运行经费"))
PROCUREMENT = (one("03", "合计", "政府采购", "03 合计 政府采购"),)


@dataclass(frozen=True)
class Subject:
    """What a figure's words say it is: its rule, the cells the wording names (`named`)
    and those an ambiguous wording may also mean (`also`)."""

    rule_id: str
    kind: str  # income | expenditure | both | fiscal | general | operating | procurement
    named: tuple[Concept, ...]
    also: tuple[Concept, ...] = ()
    readings: tuple[tuple[Concept, ...], ...] = ()  # an ambiguous wording's possible meanings

    @property
    def is_total(self) -> bool:
        return self.rule_id == "N.budget_total"


# What may stand right before a subject: nothing, a year, a bracket, a unit's name (its
# last character), 本部门 / 本单位, or '预算的' (纳入部门预算的政府采购项目).
_BOUNDARY = (r"(?:^|(?<=\d年)|(?<=年度)|(?<=[）)])|(?<=[局委办院厅室所校站队馆处府司团社会部门位心级])"
             r"|(?<=预算的))")
_UNIT = r"(?:本?部门|本?单位)?"
_ENDING = r"(总额|总计|合计)?"


_SUBJECTS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(_BOUNDARY + pattern + "$"), kind) for pattern, kind in (
        (r"财政拨款(收支|收入支出)(总预算|预算" + _ENDING + ")", "fiscal"),
        (r"一般公共预算(财政)?拨款支出(预算)?(总额|合计)?", "general"),
        (_UNIT + r"(收支|收入支出)(总预算|预算" + _ENDING + ")", "both"),
        (_UNIT + r"(收入总预算|收入预算" + _ENDING + "|预算收入" + _ENDING + ")", "income"),
        (_UNIT + r"(支出总预算|支出预算" + _ENDING + "|预算支出" + _ENDING + ")", "expenditure"),
        (r"本年收入(预算)?(合计)?", "income_current"),
        (r"本年支出(预算)?(合计)?", "expenditure_current"),
        (r"(一般公共预算)?(财政拨款的?)?机关运行经费(财政拨款)?(预算)?(支出)?", "operating"),
        (r"(政府采购(支出)?预算(总额|总计)?|政府采购项目)", "procurement"),
    ))
_OWN_WORDS = re.compile(r"[，,；;：:、。]")
_LINK = re.compile(r"(为|是|达到|达|共计|共有|共|约|安排|总计为|合计为)$")


def own_words(label: str) -> str:
    """A figure's own words: after the last comma, colon or 、, without a linking word."""
    text = _OWN_WORDS.split(fold_compounds(normalise_text(label)))[-1]
    text = re.sub(r"\s", "", text).replace("“", "").replace("”", "").replace('"', "")
    return _LINK.sub("", text)


def budget_subject(words: str) -> Subject | None:
    """The subject a figure's own words (or a share's base) name, or None."""
    for pattern, kind in _SUBJECTS:
        match = pattern.search(words)
        if match:
            said = match.group(0)
            end = next((w for w in ("总额", "总计", "合计") if said.endswith(w)), "")
            return _subject(kind, end, "总预算" in said or "本年" in said)
    return None


def _subject(kind: str, end: str, precise: bool) -> Subject:
    if kind == "operating":
        return Subject("N.budget_operating", kind, OPERATING)
    if kind == "procurement":
        return Subject("N.budget_procurement", kind, PROCUREMENT)
    if kind == "general":
        return Subject("N.budget_total", kind, T05)
    if kind == "income_current":
        return Subject("N.budget_total", "income", T01_INCOME)
    if kind == "expenditure_current":
        return Subject("N.budget_total", "expenditure", T01_SPENDING)
    grand, current = {"fiscal": (T04, T04_CURRENT), "both": (T01, T01_INCOME[:1] + T01_SPENDING[:1]),
                      "income": (T01[:1], T01_INCOME), "expenditure": (T01[1:], T01_SPENDING)}[kind]
    if end == "合计":
        return Subject("N.budget_total", kind, current, grand)
    if end == "总计" or precise:
        return Subject("N.budget_total", kind, grand, current)
    return Subject("N.budget_total", kind, (), grand + current, (grand, current))  # 总额 or bare: either


@dataclass(frozen=True)
class Tables:
    """What a budget claim is judged against: the tables, and which of them fail an
    identity of their own (a misread more often than a misprint: a claim bound only to
    such a table is not verifiable, never an error)."""

    ctx: Ctx
    doubtful: frozenset[str] = frozenset()
    unit_name: str | None = None

    def cells(self, concepts: tuple[Concept, ...]) -> list[tuple[Concept, Decimal, tuple]]:
        """The cells the document prints (a blank is not 0) in tables that hold."""
        return [(c, v, records) for c, v, records in available(concepts, self.ctx.index)
                if all(r.amount is not None for r in records) and not set(c.tables) & self.doubtful]

    def unsure(self, concepts: tuple[Concept, ...]) -> list[str]:
        """The doubtful tables among those that print one of the cells."""
        return sorted({t for c, _, _ in available(concepts, self.ctx.index) for t in c.tables} & self.doubtful)


# --- the walk --------------------------------------------------------------------------

@dataclass
class Stated:
    """A total the paragraph stated, as printed: a base for the shares after it."""

    sentence: Sentence
    figure: Figure
    subject: Subject


@dataclass
class _State:
    totals: list[Stated] = field(default_factory=list)


def budget_claims(blocks: list[Block], tables: Tables) -> Iterator[Claim]:
    for block in blocks:
        if block.section in ("glossary", "selfeval"):
            continue
        state = _State()
        for sentence in block.sentences:
            figs = figures(sentence.text)
            if not figs:
                continue
            bound = {i: s for i, f in enumerate(figs) if not f.is_percent and f.role != "change"
                     and (s := bind(f, sentence.text, tables.unit_name)) is not None}
            for i, subject in bound.items():
                yield from _figure_claim(figs[i], subject, sentence, tables)
            yield from _share_claims(sentence, figs, bound, state, tables)
            yield from _change_claims(sentence, figs, bound)
            state.totals += [Stated(sentence, figs[i], s) for i, s in bound.items() if s.is_total]


def _figure_claim(fig: Figure, subject: Subject, sentence: Sentence, tables: Tables) -> Iterator[Claim]:
    ctx = tables.ctx
    named, also = tables.cells(subject.named), tables.cells(subject.also)
    if not named and not also:
        unsure = tables.unsure(subject.named + subject.also)
        if subject.is_total and not unsure:
            return  # the document prints no such table: nothing to bind (not a claim)
        why = (f"table {', '.join(unsure)} fails an identity of its own" if len(unsure) == 1 else
               f"tables {', '.join(unsure)} fail identities of their own" if unsure else
               "this document prints no table that carries it")
        message = f"not verifiable: {fig.text} ({_said(fig)}) — {why}"
        yield subject.rule_id, make_finding(subject.rule_id, "info", message, sentence, fig.start, None,
                                            fig.value)
        return
    fits = lambda cells: [c for c in cells if restates(fig, c[1], ctx.table_step)]  # noqa: E731
    named_fit, also_fit = fits(named), fits(also)
    if named and named_fit:
        yield subject.rule_id, None
        return
    if not named and also_fit and len(also_fit) == len(also):
        yield subject.rule_id, None  # an ambiguous wording, and every reading agrees
        return
    candidates = named + also
    if named_fit or also_fit:
        matched = (named_fit or also_fit)[0]
        others = ", ".join(f"{c.name} {fmt(v)}" for c, v, _ in candidates if c is not matched[0])
        message = (f"{_said(fig)} {fig.text} is {matched[0].name} (also printed: {others}); the "
                   f"wording does not say which")
        yield subject.rule_id, make_finding(subject.rule_id, "info", message, sentence, fig.start,
                                            matched[1], fig.value, matched[0].tables)
        return
    concept, value, records = candidates[0]
    unread = [r for r in subject.readings if not tables.cells(r)]
    if not named and unread:
        message = (f"not verifiable: {fig.text} ({_said(fig)}) may be {unread[0][0].name}, which "
                   f"the tables do not give reliably; it is not {concept.name} {fmt(value)}")
        yield subject.rule_id, make_finding(subject.rule_id, "info", message, sentence, fig.start, value,
                                            fig.value, concept.tables)
        return
    severity = amount_verdict(fig, value, ctx.table_step) or "error"
    others = "; ".join(dict.fromkeys(f"{c.name} {fmt(v)}" for c, v, _ in candidates[1:]
                                     if f"{c.name} {fmt(v)}" != f"{concept.name} {fmt(value)}"))
    message = (f"{_said(fig)} printed {fig.text} but table {concept.name}{table_pages(records)} "
               f"prints {fmt(value)} 万元" + (f" (also: {others})" if others else ""))
    yield subject.rule_id, make_finding(subject.rule_id, severity, message, sentence, fig.start, value,
                                        fig.value, concept.tables)


def _said(fig: Figure) -> str:
    """A figure's words for a message, without the heading and year glued before them."""
    return display_subject(own_words(fig.label))


def restates(fig: Figure, value: Decimal, table_step: Decimal) -> bool:
    """The figure restates the cell: within rounding, or the cell cut at the printed digits
    ('1,361万元' for 1361.6271: some narratives truncate)."""
    if amount_verdict(fig, value, table_step) is None:
        return True
    digits = Decimal(1).scaleb(-fig.decimals) * TO_WAN[fig.unit]
    return value >= 0 and (value / digits).to_integral_value(rounding=ROUND_DOWN) * digits == fig.value


# Words before a subject that make it another quantity's: a 类/款/项 ("公共安全支出（类）
# 检察（款）：2018年预算支出合计"), or a subject ending a clause before a colon.
_QUALIFIED = re.compile(r"[（(][类款项][)）]|支出[:：]")
_YEAR_OR_HEADING = re.compile(r"^.*(说明|情况|如下)|(19|20)\d{2}年度?|本年度?|全年|[（(]?本级[)）]?|[一二三四五六七八九十]+、")
_UNIT_END = re.compile(r"[局委办院厅室所校站队馆处府司团社会部心]$")


def bind(fig: Figure, sentence_text: str, unit_name: str | None) -> Subject | None:
    """The subject of an amount, when its words bind it with certainty (module docstring)."""
    words = own_words(fig.label)
    subject = budget_subject(words)
    if subject is None:
        return None
    if _QUALIFIED.search(sentence_text[:fig.start]):
        return None
    said = next(p.search(words) for p, _ in _SUBJECTS if p.search(words))
    if _names_another_unit(words[:said.start()], unit_name):
        return None
    return subject


def _names_another_unit(prefix: str, unit_name: str | None) -> bool:
    """'深圳市社会保险基金管理局龙华分局部门预算收入' in a package of the 人力资源和社会保障局:
    a member unit's figure, not the document's tables'. A name is the document's own when
    (nearly) all its characters are in the document's unit name ('省检察院' in 江苏省人民检察院)."""
    name = _YEAR_OR_HEADING.sub("", re.sub(r"(本?部门|本?单位)$", "", prefix))
    name = re.sub(r"(财政拨款的?|一般公共预算)$", "", name)
    if not name or not _UNIT_END.search(name) or not unit_name:
        return False
    own = set(normalise_text(unit_name))
    missing = sum(ch not in own for ch in name)
    return missing * 4 > len(name)


# --- shares ----------------------------------------------------------------------------

_BASE_TAIL = re.compile(r"(的)?(比例|比重|份额)?(为|是|达到|达)?$")


def _share_claims(sentence: Sentence, figs: list[Figure], bound: dict[int, Subject], state: _State,
                  tables: Tables) -> Iterator[Claim]:
    for i, pct in enumerate(figs):
        if not pct.is_percent or i == 0:
            continue
        match = SHARE.search(pct.label)
        part = figs[i - 1]
        if not match or part.is_percent or part.role == "change":
            continue
        words = _BASE_TAIL.sub("", own_words(match.group("whole")))
        if words:
            subject = budget_subject(words)
            if subject is None or not subject.is_total:
                continue  # a base we do not bind: not judged
            wholes = _cell_wholes(subject.named + subject.also, tables)
        else:
            stated = state.totals + [Stated(sentence, f, bound[n]) for n, f in enumerate(figs[:i - 1])
                                     if n in bound and bound[n].is_total]
            stated = [s for s in stated if s.figure is not part and s.figure.value >= part.value]
            if not stated:
                continue
            heads = [stated[-1]] + ([stated[0]] if stated[0] is not stated[-1] else [])
            wholes = [Whole(_said(s.figure), s.figure.value, s.figure.half_unit) for s in heads]
            for s in heads:
                wholes += _cell_wholes(s.subject.named + s.subject.also, tables)
        if wholes:
            yield "N.budget_share", _judge_share(pct, part, wholes, sentence)


def _cell_wholes(concepts: tuple[Concept, ...], tables: Tables) -> list[Whole]:
    return [Whole(c.name, v, tables.ctx.table_step / 2, c.tables) for c, v, _ in tables.cells(concepts)]


def _judge_share(pct: Figure, part: Figure, wholes: list[Whole], sentence: Sentence):
    judged = kindest_share(pct, part, wholes)
    if judged is None:
        return None
    severity, expected, whole = judged
    message = (f"{_said(part)} {part.text} is said to be {pct.text}, but {fmt(part.value)} / "
               f"{whole.name} {fmt(whole.value)} = {fmt(expected)}%")
    if severity == "info":
        message += " (off in the last digit: rounding)"
    return make_finding("N.budget_share", severity, message, sentence, pct.start, expected, pct.printed,
                        whole.tables)


# --- 比上年 changes ------------------------------------------------------------------

_ADJACENT = re.compile(r"^[，,]?$")
_OTHER_BASIS = re.compile(r"口径|剔除|扣除|可比")


def _change_claims(sentence: Sentence, figs: list[Figure], bound: dict[int, Subject]) -> Iterator[Claim]:
    for change in find_changes(sentence, figs):
        if change.kind != "year" or change.flat:
            continue
        current_at = _followed(sentence.text, figs, change.lead.start())
        if current_at is None:
            continue
        current = figs[current_at]
        previous = _printed_previous(figs, change)
        if change.direction == 0 or (change.rate is None and previous is None) or \
                (change.amount is None and previous is None):
            if current_at in bound and bound[current_at].is_total:
                message = (f"not verifiable from this document: the change of {_said(current)} "
                           f"{current.text} against last year's budget, which it does not print")
                yield "N.budget_change", make_finding("N.budget_change", "info", message, sentence,
                                                      change.lead.start(), None, None)
            continue
        yield "N.budget_change", _judge_change(change, current, previous, sentence)


def _followed(text: str, figs: list[Figure], lead_at: int) -> int | None:
    """The amount a change directly follows ('X万元，比上年…'), else None."""
    before = [n for n, f in enumerate(figs) if f.end <= lead_at]
    if not before:
        return None
    n = before[-1]
    fig = figs[n]
    if fig.is_percent or fig.role == "change" or not _ADJACENT.match(text[fig.end:lead_at]):
        return None
    return n


def _printed_previous(figs: list[Figure], change) -> Figure | None:
    """Last year's figure when the comparison prints it ('比2025年年初预算数9819.98万元减少…')."""
    stop = change.amount.start if change.amount is not None else (change.rate.start if change.rate else None)
    if stop is None:
        return None
    inside = [f for f in figs if change.lead.end() <= f.start < stop and not f.is_percent
              and f.role != "change"]
    return inside[0] if len(inside) == 1 else None


def _judge_change(change, current: Figure, previous: Figure | None, sentence: Sentence):
    amount, rate = change.amount, change.rate
    if previous is not None:
        base, base_half = previous.value, previous.half_unit
        if amount is not None:
            stated = change.direction * amount.value
            tol = current.half_unit + previous.half_unit + amount.half_unit
            if abs((current.value - previous.value) - stated) > tol:
                message = (f"change printed {'+' if stated > 0 else '−'}{amount.text} but {current.text} − "
                           f"last year's {previous.text} = {fmt(current.value - previous.value)} 万元")
                return make_finding("N.budget_change", "error", message, sentence, amount.start,
                                    current.value - previous.value, stated)
    else:
        base = current.value - change.direction * amount.value
        base_half = current.half_unit + amount.half_unit
    if rate is None or _OTHER_BASIS.search(sentence.text[change.lead.start():rate.start]):
        return None  # '同口径增长Z%', '剔除…后增长Z%': a rate on another basis
    change_value = amount.value if amount is not None else abs(current.value - base)
    change_half = amount.half_unit if amount is not None else current.half_unit + base_half
    if abs(base) <= base_half:
        return None  # last year's budget was 0: a rate is a convention ('增长100%'), not arithmetic
    if base < 0:
        return None  # a decrease larger than the figure: not this figure's change
    severity, expected = percent_verdict(rate, Ratio(change_value, base, change_half, base_half))
    if severity is None:
        return None
    source = f"last year's {previous.text}" if previous is not None else \
        f"last year {fmt(base)} ({current.text} {'−' if change.direction > 0 else '+'} {amount.text})"
    message = f"rate printed {rate.text} but {fmt(change_value)} / {source} = {fmt(expected)}%"
    if severity == "info":
        message += " (off in the last digit: rounding)"
    return make_finding("N.budget_change", severity, message, sentence, rate.start, expected, rate.printed)


__all__ = ["BUDGET_RULES", "Tables", "bind", "budget_claims", "budget_subject", "own_words", "restates"]
