"""The words around the tables of a synthetic document, with correct figures.

Every amount quoted is a printed figure of the statement; every share, completion rate and
year-on-year change is computed from printed figures and rounded half-up to two decimals,
so a validator re-deriving them finds nothing to report. (The seed unit's narrative, with
its published mistakes, lives in `seed_unit`.)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from juesuan import canonical as C
from juesuan.sample.blocks import Block, Heading, Paragraph
from juesuan.sample.catalogue import function_name
from juesuan.sample.statement import Statement

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
CN = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part/whole as a percentage rounded half-up to 0.01; None when whole is 0."""
    if part is None or not whole:
        return None
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal | None, unit: str) -> str:
    return f"{value or Decimal(0):.2f}{unit}"


def _v(st: Statement, table: str, key: str, column: str) -> Decimal:
    return st.value(table, key, column) or Decimal(0)


def doc_word(st: Statement) -> str:
    return "部门" if st.scope == "部门" else "单位"


def change(now: Decimal, before: Decimal, unit: str) -> str:
    """'增加12.30万元，增长5.12%' — the change against the previous year's figure."""
    diff = now - before
    if diff == 0:
        return "持平"
    up = diff > 0
    text = f"{'增加' if up else '减少'}{money(abs(diff), unit)}"
    rate = pct(abs(diff), before)
    if rate is not None:
        text += f"，{'增长' if up else '下降'}{rate}%"
    return text


def part_one(st: Statement) -> list[Block]:
    """第一部分 概况: duties, organisation and headcount, who the accounts cover."""
    word = doc_word(st)
    p = st.profile
    blocks: list[Block] = [
        Heading(f"第一部分　{st.unit_name}概况", level=0, new_page=True),
        Heading(f"一、{word}职责"),
    ]
    for n, duty in enumerate(p.duties):
        blocks.append(Paragraph(f"（{CN[n]}）{duty}"))
    depts = "、".join(p.departments)
    blocks += [
        Heading("二、机构设置及人员情况"),
        Paragraph(f"{st.unit_name}为{p.kind}，内设{depts}等{len(p.departments)}个机构。"
                  f"核定编制{p.authorised}名，年末实有在职人员{p.staff}名，离退休人员"
                  f"{p.retired}名。"),
        Heading(f"三、{word}决算单位构成"),
    ]
    if st.consolidated:
        members = "、".join(st.member_units)
        blocks.append(Paragraph(
            f"纳入{st.unit_name}{st.fiscal_year}年度部门决算汇总范围的预算单位共"
            f"{len(st.member_units)}个，包括：{members}。部门决算由上述单位的决算汇总形成。",
            tag="members"))
    elif st.scope == "单位":
        blocks.append(Paragraph(
            f"本单位决算仅反映{st.unit_name}自身的收支情况，无下属独立核算单位。"))
    else:
        blocks.append(Paragraph(
            f"本部门无下属独立核算的预算单位，{st.fiscal_year}年度部门决算仅反映"
            f"{st.unit_name}本级的收支情况。"))
    return blocks


def part_three(st: Statement) -> list[Block]:
    """第三部分 情况说明: the tables' figures restated with shares and changes."""
    u = st.amount_unit
    y = st.fiscal_year
    prev = st.previous
    word = doc_word(st)
    blocks: list[Block] = [Heading(f"第三部分　{y}年度{word}决算情况说明", level=0,
                                   new_page=True)]

    # 一 totals
    total = _v(st, "01", C.GRAND_TOTAL_INCOME, C.AMOUNT)
    text = f"{y}年度收入总计{money(total, u)}，支出总计{money(total, u)}。"
    if prev is not None:
        before = _v(prev, "01", C.GRAND_TOTAL_INCOME, C.AMOUNT)
        text += f"与{y - 1}年度相比，收入、支出总计各{change(total, before, u)}"
        text += "，主要是业务工作量和项目安排有所变化。" if total != before else "。"
    blocks += [Heading("一、收入支出决算总体情况说明"), Paragraph(text, tag="s1")]

    # 二 income
    income = _v(st, "02", C.TOTAL, "本年收入合计")
    parts = []
    for col in C.COLUMNS_02[1:]:
        value = _v(st, "02", C.TOTAL, col)
        if value:
            parts.append(f"{col}{money(value, u)}，占{pct(value, income)}%")
    text = f"{y}年度本年收入合计{money(income, u)}" + ("，其中：" + "；".join(parts) if parts
                                                    else "") + "。"
    blocks += [Heading("二、收入决算情况说明"), Paragraph(text, tag="s2")]

    # 三 expenditure
    spent = _v(st, "03", C.TOTAL, "本年支出合计")
    parts = []
    for col in C.COLUMNS_03[1:]:
        value = _v(st, "03", C.TOTAL, col)
        if value:
            parts.append(f"{col}{money(value, u)}，占{pct(value, spent)}%")
    text = f"{y}年度本年支出合计{money(spent, u)}" + ("，其中：" + "；".join(parts) if parts
                                                   else "") + "。"
    blocks += [Heading("三、支出决算情况说明"), Paragraph(text, tag="s3")]

    # 四 fiscal totals
    fiscal = _v(st, "04", C.GRAND_TOTAL_INCOME, C.AMOUNT)
    text = f"{y}年度财政拨款收入总计{money(fiscal, u)}，支出总计{money(fiscal, u)}。"
    if prev is not None:
        before = _v(prev, "04", C.GRAND_TOTAL_INCOME, C.AMOUNT)
        text += f"与{y - 1}年度相比，财政拨款收入、支出总计各{change(fiscal, before, u)}。"
    blocks += [Heading("四、财政拨款收入支出决算总体情况说明"), Paragraph(text, tag="s4")]

    blocks += _general_budget(st)
    blocks += _basic(st)
    blocks += _funds(st)
    blocks += _sangong(st)
    last = "十"
    if st.profile.kind in ("行政单位", "参照公务员法管理的事业单位"):
        public = _v(st, "06", C.PUBLIC_FUNDS_TOTAL, C.AMOUNT)
        blocks += [Heading("十、机关运行经费支出情况说明"),
                   Paragraph(f"{y}年度机关运行经费支出{money(public, u)}，全部为一般公共预算"
                             "财政拨款基本支出中的公用经费。", tag="s10")]
        last = "十一"
    blocks += [Heading(f"{last}、国有资产占用情况说明"),
               Paragraph(f"截至{y}年12月31日，本{word}共有车辆{st.profile.vehicles}辆，"
                         "单位价值50万元以上的通用设备和单位价值100万元以上的专用设备均为0台（套）。")]
    return blocks


def _general_budget(st: Statement) -> list[Block]:
    u, y, prev = st.amount_unit, st.fiscal_year, st.previous
    gb = _v(st, "05", C.TOTAL, "合计")
    spent = _v(st, "03", C.TOTAL, "本年支出合计")
    blocks: list[Block] = [Heading("五、一般公共预算财政拨款支出决算情况说明"),
                           Heading("（一）总体情况", level=2)]
    text = (f"{y}年度一般公共预算财政拨款支出{money(gb, u)}，占本年支出合计的"
            f"{pct(gb, spent)}%。")
    if prev is not None:
        text += f"与{y - 1}年度相比，{change(gb, _v(prev, '05', C.TOTAL, '合计'), u)}。"
    blocks.append(Paragraph(text, tag="s5-1"))
    classes = [ln for ln in st.t05.rows if ln.code and len(ln.code) == 3]
    parts = [f"{ln.label}（类）{money(ln.values['合计'], u)}，占{pct(ln.values['合计'], gb)}%"
             for ln in classes]
    blocks += [Heading("（二）结构情况", level=2),
               Paragraph(f"{y}年度一般公共预算财政拨款支出{money(gb, u)}，主要用于：" +
                         "；".join(parts) + "。", tag="s5-2")]
    items = [ln for ln in st.t05.rows if ln.code and len(ln.code) == 7]
    budget_total = sum((st.budgets.get(ln.code, Decimal(0)) for ln in items), Decimal(0))
    rate = pct(gb, budget_total)
    text = (f"{y}年度一般公共预算财政拨款支出年初预算为{money(budget_total, u)}，"
            f"支出决算为{money(gb, u)}")
    text += f"，完成年初预算的{rate}%。" if rate is not None else "。"
    blocks += [Heading("（三）具体情况", level=2), Paragraph(text, tag="s5-3")]
    for n, ln in enumerate(items, 1):
        code = ln.code or ""
        budget = st.budgets.get(code, Decimal(0))
        actual = ln.values["合计"] or Decimal(0)
        head = (f"{n}. {function_name(code[:3])}（类）{function_name(code[:5])}（款）"
                f"{ln.label}（项）：年初预算为{money(budget, u)}，支出决算为{money(actual, u)}")
        rate = pct(actual, budget)
        if rate is None:
            tail = "，年初未安排预算，支出为年度执行中追加安排。"
        elif actual > budget:
            tail = f"，完成年初预算的{rate}%，决算数大于年初预算数，主要是年中追加了相关工作经费。"
        elif actual < budget:
            tail = f"，完成年初预算的{rate}%，决算数小于年初预算数，主要是厉行节约、按实际需要控制支出。"
        else:
            tail = f"，完成年初预算的{rate}%，决算数与年初预算数持平。"
        blocks.append(Paragraph(head + tail, tag=f"s5-3-{code}"))
    return blocks


def _basic(st: Statement) -> list[Block]:
    u, y = st.amount_unit, st.fiscal_year
    basic = _v(st, "05", C.TOTAL, "基本支出")
    personnel = _v(st, "06", C.PERSONNEL_TOTAL, C.AMOUNT)
    public = _v(st, "06", C.PUBLIC_FUNDS_TOTAL, C.AMOUNT)
    text = (f"{y}年度一般公共预算财政拨款基本支出{money(basic, u)}，其中：人员经费"
            f"{money(personnel, u)}，占{pct(personnel, basic)}%，主要包括基本工资、津贴补贴、"
            f"绩效工资、社会保障缴费、住房公积金和退休费等；公用经费{money(public, u)}，占"
            f"{pct(public, basic)}%，主要包括办公费、水电费、差旅费、维修（护）费和公务用车"
            "运行维护费等。")
    return [Heading("六、一般公共预算财政拨款基本支出决算情况说明"), Paragraph(text, tag="s6")]


def _funds(st: Statement) -> list[Block]:
    u, y = st.amount_unit, st.fiscal_year
    word = doc_word(st)
    blocks: list[Block] = [Heading("七、政府性基金预算财政拨款收入支出决算情况说明")]
    if st.t07.empty:
        blocks.append(Paragraph(f"本{word}{y}年度没有政府性基金预算财政拨款收入和支出，"
                                "政府性基金预算财政拨款收入支出决算表为空表。", tag="s7"))
    else:
        t = st.t07.total.values
        blocks.append(Paragraph(
            f"{y}年度政府性基金预算财政拨款年初结转和结余{money(t['年初结转和结余'], u)}，"
            f"本年收入{money(t['本年收入'], u)}，本年支出{money(t['本年支出/小计'], u)}，"
            f"年末结转和结余{money(t['年末结转和结余'], u)}。", tag="s7"))
    blocks += [Heading("八、国有资本经营预算财政拨款收入支出决算情况说明"),
               Paragraph(f"本{word}{y}年度没有国有资本经营预算财政拨款收入和支出，"
                         "国有资本经营预算财政拨款收入支出决算表为空表。", tag="s8")]
    return blocks


SANGONG_WORDS = (("因公出国（境）费", "因公出国（境）费"), ("公务用车购置费", "公务用车购置费"),
                 ("公务用车运行费", "公务用车运行维护费"), ("公务接待费", "公务接待费"))


def _sangong(st: Statement) -> list[Block]:
    u, y, prev = st.amount_unit, st.fiscal_year, st.previous
    word = doc_word(st)
    v = st.t09.values
    budget = v[f"{C.BUDGET}/合计"] or Decimal(0)
    final = v[f"{C.FINAL}/合计"] or Decimal(0)
    blocks: list[Block] = [Heading("九、财政拨款“三公”经费支出决算情况说明"),
                           Heading("（一）总体情况", level=2)]
    rate = pct(final, budget)
    text = f"{y}年度“三公”经费财政拨款支出预算为{money(budget, u)}，支出决算为{money(final, u)}"
    if rate is None:
        text += "。"
    else:
        text += f"，完成预算的{rate}%"
        text += ("，决算数小于预算数，主要是严格控制一般性支出。" if final < budget else
                 "，决算数大于预算数，主要是年度中新增公务活动。" if final > budget else
                 "，决算数与预算数持平。")
    if prev is not None:
        before = prev.t09.values[f"{C.FINAL}/合计"] or Decimal(0)
        text += f"与{y - 1}年度决算相比，{change(final, before, u)}。"
    blocks.append(Paragraph(text, tag="s9-1"))
    for key, words in SANGONG_WORDS:
        b = v[f"{C.BUDGET}/{key}"] or Decimal(0)
        f = v[f"{C.FINAL}/{key}"] or Decimal(0)
        rate = pct(f, b)
        line = f"{words}支出预算为{money(b, u)}，支出决算为{money(f, u)}"
        line += f"，完成预算的{rate}%。" if rate is not None else "。"
        blocks.append(Paragraph(line, tag="s9-1"))
    blocks.append(Heading("（二）具体情况", level=2))
    if final:
        car = v[f"{C.FINAL}/公务用车购置及运行费"] or Decimal(0)
        abroad = v[f"{C.FINAL}/因公出国（境）费"] or Decimal(0)
        hosting = v[f"{C.FINAL}/公务接待费"] or Decimal(0)
        blocks.append(Paragraph(
            f"{y}年度“三公”经费财政拨款支出决算中，因公出国（境）费{money(abroad, u)}，占"
            f"{pct(abroad, final)}%；公务用车购置及运行费{money(car, u)}，占{pct(car, final)}%；"
            f"公务接待费{money(hosting, u)}，占{pct(hosting, final)}%。", tag="s9-2"))
    else:
        blocks.append(Paragraph(f"本{word}{y}年度未发生“三公”经费财政拨款支出。", tag="s9-2"))
    blocks.append(Paragraph(f"截至{y}年12月31日，本{word}使用财政拨款开支的公务用车保有量为"
                            f"{st.profile.vehicles}辆。"))
    return blocks


GLOSSARY = (
    ("财政拨款收入", "本级财政部门当年拨付的资金，包括一般公共预算、政府性基金预算和国有资本经营预算财政拨款。"),
    ("事业收入", "事业单位依法提供专业服务、开展辅助活动而取得的收入。"),
    ("其他收入", "除财政拨款、上级补助、事业、经营和附属单位上缴收入以外取得的各项收入。"),
    ("年初结转和结余", "以前年度尚未使用完毕、按规定留待本年继续使用的资金，以及项目完成后形成的结余资金。"),
    ("基本支出", "为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "在基本支出之外，为完成特定工作任务和事业发展目标而安排的支出。"),
    ("“三公”经费", "使用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"),
    ("机关运行经费", "行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的公用经费，"
     "用于保障机构日常运行。"),
)


def part_four() -> list[Block]:
    blocks: list[Block] = [Heading("第四部分　名词解释", level=0, new_page=True)]
    for n, (term, meaning) in enumerate(GLOSSARY):
        blocks.append(Paragraph(f"{CN[n]}、{term}：{meaning}"))
    return blocks
