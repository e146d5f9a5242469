"""Narrative traps: wordings and printing habits that have fooled the narrative checks.

Each trap rewrites part of a synthetic document's 情况说明 (or adds to it) in the way
real documents have been seen to print it, in our own words, and says which findings a
correct checker must give: none for a trap that is only a way of printing correct
figures, exactly the named ones for a trap that also prints a mistake. The tests render
the clean traps into one PDF and the faulty ones into another, extract them and compare.

    letter_spaced      paragraphs set with a space after every character: "9 9 9.8 3万元"
    broken_figures     lines that break inside a figure: "29" / "40.05万元"
    fullwidth_digits   full-width digits and points in the prose: "１２３．４５万元"
    run_on_items       the 项 of 五(三) in one paragraph, each "n.…（项）。年初预算…，支出决算…"
    named_share_base   procurement shares whose base the sentence names
                       ("占授予中小企业合同金额的…%")
    fiscal_totals      四 states "财政拨款收入、支出总计" (table 04's), in a unit whose 01 differs
    selfeval_blank     a project self-evaluation table with an empty 年初预算数 column
    direction_words    决算 against 预算 in words, both orders, and against a rate alone
    years_compared     last year named as a comparison, not as this document's year

and their faulty twins (`*_wrong`), plus:

    follows            a 三公 budget printed wrong, with the rate computed from the table's
    wrong_year         a heading and a year-end date naming last year in this year's document
    placeholder        the part title printing the template's "XX局"

Pure functions of a Statement: the same unit gives the same text, the same PDF.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from juesuan import canonical as C
from juesuan.sample import narrative
from juesuan.sample.blocks import Block, Cell, Heading, Paragraph, Table, TRow
from juesuan.sample.builder import make_unit
from juesuan.sample.catalogue import function_name
from juesuan.sample.document import DocumentContent, RenderedDocument, render_document
from juesuan.sample.layouts import LAYOUTS
from juesuan.sample.statement import Statement, from_accounts

FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
LETTER_SPACING = 2.5  # points after every character: PDFium then reads a space between them


@dataclass(frozen=True)
class Expect:
    """A finding a trap must produce: its rule, severity, the printed figure it is about,
    and words its message must contain (a base, a code) — or that it follows another."""

    rule_id: str
    severity: str
    actual: Decimal | None
    expected: Decimal | None = None
    mentions: tuple[str, ...] = ()
    follows: bool = False


@dataclass
class Draft:
    """The narrative being rewritten: part three's blocks, the appendix, the expectations."""

    st: Statement
    part3: list[Block]
    appendix: list[Block] = field(default_factory=list)
    expect: list[Expect] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.st.amount_unit

    def v(self, table: str, key: str, column: str) -> Decimal:
        return self.st.value(table, key, column) or Decimal(0)

    def tagged(self, tag: str) -> list[int]:
        return [n for n, b in enumerate(self.part3) if isinstance(b, Paragraph) and b.tag == tag]

    def retag(self, tag: str, **changes) -> None:
        for n in self.tagged(tag):
            block = copy.copy(self.part3[n])
            for name, value in changes.items():
                setattr(block, name, value)
            self.part3[n] = block

    def replace(self, tag: str, blocks: list[Block]) -> None:
        """The tagged paragraphs replaced by `blocks` (where the first of them stood)."""
        where = self.tagged(tag)
        first = where[0]
        self.part3[first:first + 1] = blocks
        for n in reversed(where[1:]):
            del self.part3[n + len(blocks) - 1]

    def append(self, blocks: list[Block]) -> None:
        self.part3.extend(blocks)


def _money(value: Decimal, unit: str) -> str:
    return narrative.money(value, unit)


# --- ways of printing correct figures ----------------------------------------------------

def letter_spaced(d: Draft, wrong: bool = False) -> None:
    d.retag("s2", char_spacing=LETTER_SPACING)
    if not wrong:
        d.retag("s3", char_spacing=LETTER_SPACING)
        return
    spent = d.v("03", C.TOTAL, "本年支出合计")
    printed = spent + Decimal(1000)
    old = d.part3[d.tagged("s3")[0]]
    text = old.text.replace(f"本年支出合计{_money(spent, d.unit)}", f"本年支出合计{_money(printed, d.unit)}", 1)
    d.replace("s3", [Paragraph(text, tag="s3", char_spacing=LETTER_SPACING)])
    d.expect.append(Expect("N.total", "error", printed, spent))


def broken_figures(d: Draft, wrong: bool = False) -> None:
    for tag in ("s1", "s5-2", "s6"):
        d.retag(tag, break_in_figures=True)


def fullwidth_digits(d: Draft, wrong: bool = False) -> None:
    old = d.part3[d.tagged("s6")[0]]
    d.replace("s6", [Paragraph(old.text.translate(FULLWIDTH), tag="s6")])


def _items(d: Draft) -> list[tuple[str, str, Decimal, Decimal]]:
    """(code, label, budget, final) of every 项 of table 05."""
    out = []
    for line in d.st.t05.rows:
        if line.code and len(line.code) == 7:
            out.append((line.code, line.label, d.st.budgets.get(line.code, Decimal(0)),
                        line.values["合计"] or Decimal(0)))
    return out


def run_on_items(d: Draft, wrong: bool = False) -> None:
    """五(三)'s items in one paragraph; each item's path ends its own sentence, and its
    figures follow in the next: bound to the item's own 项, never the one before."""
    parts = []
    items = _items(d)
    for n, (code, label, budget, final) in enumerate(items, 1):
        printed = final
        if wrong and n == 2:
            printed = final + Decimal(5)
            d.expect.append(Expect("N.figure", "error", printed, final, mentions=(code,)))
        rate = narrative.pct(final, budget)
        text = (f"{n}.{function_name(code[:3])}（类）{function_name(code[:5])}（款）{label}（项）。"
                f"年初预算为{_money(budget, d.unit)}，支出决算为{_money(printed, d.unit)}")
        if rate is not None:
            text += f"，完成年初预算的{rate}%"
            if wrong and n == 2:  # computed from the table's figure: follows the wrong one
                d.expect.append(Expect("N.completion_rate", "info", rate, follows=True))
        parts.append(text + "。")
    if len(items) < 2:
        raise ValueError("run_on_items needs a unit with two 项 at least")
    blocks = [Paragraph("".join(parts), tag="s5-3-items")]
    first = d.tagged(f"s5-3-{items[0][0]}")[0]
    for code, *_ in items:
        for n in d.tagged(f"s5-3-{code}"):
            d.part3[n] = None  # type: ignore[call-overload]
    d.part3[first] = blocks[0]
    d.part3 = [b for b in d.part3 if b is not None]


PROCUREMENT = (Decimal("300.00"), Decimal("240.00"), Decimal("180.00"))  # total, 中小企业, 小微企业


def named_share_base(d: Draft, wrong: bool = False) -> None:
    total, sme, small = PROCUREMENT
    share_of_total = narrative.pct(sme, total)
    share_of_sme = narrative.pct(small, sme)  # 75.00 (of the total it would be 60.00)
    printed = share_of_sme + Decimal(5) if wrong else share_of_sme
    text = (f"{d.st.fiscal_year}年度政府采购支出总额{_money(total, '万元')}，其中：授予中小企业合同金额"
            f"{_money(sme, '万元')}，占政府采购支出总额的{share_of_total}%；授予小微企业合同金额"
            f"{_money(small, '万元')}，占授予中小企业合同金额的{printed}%。")
    d.append([Heading("十二、政府采购支出情况说明"), Paragraph(text, tag="s12")])
    if wrong:
        d.expect.append(Expect("N.share", "error", printed, share_of_sme, mentions=("授予中小企业合同金额",)))


def fiscal_totals(d: Draft, wrong: bool = False) -> None:
    fiscal = d.v("04", C.GRAND_TOTAL_INCOME, C.AMOUNT)
    if fiscal == d.v("01", C.GRAND_TOTAL_INCOME, C.AMOUNT):
        raise ValueError("fiscal_totals needs a unit with non-fiscal money (01 总计 ≠ 04 总计)")
    printed = fiscal + Decimal(100) if wrong else fiscal
    d.replace("s4", [Paragraph(f"{d.st.fiscal_year}年度财政拨款收入、支出总计均为"
                               f"{_money(printed, d.unit)}。", tag="s4")])
    if wrong:
        d.expect.append(Expect("N.total", "error", printed, fiscal, mentions=("04 总计",)))


def _self_eval_table(name: str, budget: Decimal, spent: Decimal, rate: str, unit_name: str,
                     number: str) -> Table:
    def L(text: str, span: int = 1) -> Cell:
        return Cell(text, colspan=span, align="L")

    def R(text: str) -> Cell:
        return Cell(text, align="R")

    money_head = [L("项目资金（万元）"), L("年初预算数"), L("全年预算数"), L("全年执行数"),
                  L("分值"), L("执行率"), L("得分")]
    rows = [[L("项目名称"), L(name, 6)], [L("实施单位"), L(unit_name, 6)], money_head,
            [L("年度资金总额"), R(""), R(f"{budget:.2f}"), R(f"{spent:.2f}"), R("10"), R(rate), R("9")],
            [L("其中：当年财政拨款"), R(""), R(f"{budget:.2f}"), R(f"{spent:.2f}"), R(""), R(""), R("")],
            [L("产出指标"), L("工作任务完成率", 3), R("100%"), R("50"), R("50")],
            [L("满意度指标"), L("服务对象满意度", 3), R("95%"), R("10"), R("9")]]
    return Table(table_id=None, title="项目支出绩效自评表", widths=[20, 11, 11, 11, 8, 9, 8],
                 header=[TRow([Cell("项目支出绩效自评", colspan=7)])], body=[TRow(r) for r in rows],
                 number=number, size=8.0, tag="selfeval", unit_line=f"单位名称：{unit_name}",
                 amount_line="单位：万元")


def selfeval_blank(d: Draft, wrong: bool = False) -> None:
    """年初预算数 left empty: read by position, 分值 10 would be 全年执行数."""
    project = d.v("05", C.TOTAL, "项目支出")
    budget = (project * Decimal("1.05")).quantize(Decimal("0.01"))
    rate = narrative.pct(project, budget)
    printed = f"{rate + Decimal(20) if wrong else rate}%"
    d.append([Heading("十六、项目绩效自评情况"),
              Paragraph(f"“综合业务工作经费”项目，金额{_money(budget, '万元')}，实际支出"
                        f"{_money(project, '万元')}，主要用于日常业务工作。", tag="s16")])
    d.appendix += [Heading("附件 项目支出绩效自评表", level=0, new_page=True),
                   _self_eval_table("综合业务工作经费", budget, project, printed, d.st.unit_name, "附件1")]
    if wrong:  # a gap and a rate that fits no reading: left unread, said so
        d.expect.append(Expect("N.self_evaluation", "info", None, mentions=("could not verify",)))


def direction_words(d: Draft, wrong: bool = False) -> None:
    """决算 against 预算: '年初预算数大于决算数' (budget first), '决算数等于…', and a
    paragraph with a rate but no figures."""
    budget = d.v("05", C.TOTAL, "合计") + Decimal("12.00")
    final = d.v("05", C.TOTAL, "合计")
    rate = narrative.pct(final, budget)
    first = (f"按调整口径计算，年初预算为{_money(budget, d.unit)}，支出决算为{_money(final, d.unit)}，"
             f"完成年初预算的{rate}%，")
    first += "决算数等于年初预算数。" if wrong else "年初预算数大于决算数。"
    second = (f"全年各项目平均完成年初预算的{rate}%，" +
              ("决算数高于年初预算数，主要是追加了工作任务。" if wrong else
               "决算数略低于年初预算数，主要是厉行节约。"))
    d.append([Heading("十三、预算执行情况补充说明"), Paragraph(first, tag="s13"),
              Heading("（一）项目执行", level=2), Paragraph(second, tag="s13")])
    if wrong:
        d.expect += [Expect("N.completion_rate", "error", final, budget),
                     Expect("N.completion_rate", "error", rate, Decimal(100))]


def years_compared(d: Draft, wrong: bool = False) -> None:
    """Last year named only as a comparison: in a heading and in a date."""
    y = d.st.fiscal_year
    d.append([Heading(f"十四、与{y - 1}年度决算相比的主要变化"),
              Paragraph(f"与截至{y - 1}年12月31日的资产相比，本部门车辆数未发生变化。", tag="s14")])


# --- mistakes -------------------------------------------------------------------------------

def follows(d: Draft, wrong: bool = True) -> None:
    """The 三公 budget printed wrong; the rate beside it is the table's: one error, and the
    rate (which the printed figures contradict) attached to it."""
    v = d.st.t09.values
    budget, final = v[f"{C.BUDGET}/合计"], v[f"{C.FINAL}/合计"]
    if not budget or not final:
        raise ValueError("follows needs a unit with 三公 spending")
    printed = budget + Decimal(10)
    rate = narrative.pct(final, budget)
    old = d.part3[d.tagged("s9-1")[0]]
    text = old.text.replace(f"支出预算为{_money(budget, d.unit)}", f"支出预算为{_money(printed, d.unit)}", 1)
    d.part3[d.tagged("s9-1")[0]] = Paragraph(text, tag="s9-1")
    d.expect += [Expect("N.sangong_budget", "error", printed, budget),
                 Expect("N.completion_rate", "info", rate, follows=True)]


def wrong_year(d: Draft, wrong: bool = True) -> None:
    y = d.st.fiscal_year
    for n, block in enumerate(d.part3):
        if isinstance(block, Heading) and block.text.startswith("三、"):
            d.part3[n] = Heading(f"三、{y - 1}年度支出决算情况说明")
    d.append([Heading("十五、资产情况补充说明"),
              Paragraph(f"截至{y - 1}年12月31日，本部门共有办公用房2处。", tag="s15")])
    d.expect += [Expect("N.year", "error", Decimal(y - 1), Decimal(y), mentions=("heading",)),
                 Expect("N.year", "error", Decimal(y - 1), Decimal(y), mentions=("year-end",))]


def placeholder(d: Draft, wrong: bool = True) -> None:
    name = d.st.unit_name
    head = name[:3] + "XX局"  # '示例市XX局'
    d.part3[0] = Heading(f"第三部分　{head}{d.st.fiscal_year}年度部门决算情况说明", level=0, new_page=True)
    d.expect.append(Expect("N.placeholder", "error", None, mentions=(head,)))


Trap = Callable[..., None]
CLEAN: dict[str, Trap] = {
    "letter_spaced": letter_spaced, "broken_figures": broken_figures,
    "fullwidth_digits": fullwidth_digits, "run_on_items": run_on_items,
    "named_share_base": named_share_base, "fiscal_totals": fiscal_totals,
    "selfeval_blank": selfeval_blank, "direction_words": direction_words,
    "years_compared": years_compared,
}
FAULTY: dict[str, Trap] = {
    "letter_spaced_wrong": lambda d: letter_spaced(d, wrong=True),
    "run_on_items_wrong": lambda d: run_on_items(d, wrong=True),
    "named_share_base_wrong": lambda d: named_share_base(d, wrong=True),
    "fiscal_totals_wrong": lambda d: fiscal_totals(d, wrong=True),
    "selfeval_blank_wrong": lambda d: selfeval_blank(d, wrong=True),
    "direction_words_wrong": lambda d: direction_words(d, wrong=True),
    "follows": follows, "wrong_year": wrong_year, "placeholder": placeholder,
}
NARRATIVE_TRAPS: dict[str, Trap] = {**CLEAN, **FAULTY}


def trap_statement() -> Statement:
    """A 2024 unit with three 项, 三公 spending and non-fiscal income (01 ≠ 04)."""
    accounts = make_unit(projects=3, year=2024, nonfiscal={"in_other": (20.0, 40.0)})
    return from_accounts(accounts, LAYOUTS["hunan"])


def render_narrative_traps(names: list[str], path: str | Path,
                           st: Statement | None = None) -> tuple[RenderedDocument, Draft]:
    """One PDF whose narrative carries the named traps; the draft holds what was written
    (`part3`, `appendix`) and the findings it calls for (`expect`)."""
    st = st or trap_statement()
    draft = Draft(st, narrative.part_three(st))
    for name in names:
        NARRATIVE_TRAPS[name](draft)
    content = DocumentContent(st, part3=draft.part3, appendix=draft.appendix)
    rendered = render_document(content, LAYOUTS["hunan"], Path(path), write_truth_file=False)
    return rendered, draft


__all__ = ["CLEAN", "FAULTY", "NARRATIVE_TRAPS", "Draft", "Expect", "render_narrative_traps",
           "trap_statement"]
