"""The budget's 情况说明: what the tables plan, restated in sentences (our own words).

Short on purpose: the claims of a budget's narrative are checked in a later step; these
paragraphs give that step real sentences to read and give a 情况说明 attachment its
substance when it is published apart from the tables.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan import canonical as C
from juesuan.sample.blocks import Block, Heading, Paragraph
from juesuan.sample.budget.statement import AMOUNT, BudgetStatement
from juesuan.sample.narrative import money, pct


def _v(st: BudgetStatement, table: str, key: str, column: str) -> Decimal:
    return st.value(table, key, column) or Decimal(0)


def explanation(st: BudgetStatement) -> list[Block]:
    u, y = st.amount_unit, st.fiscal_year
    word = "部门" if st.scope == "部门" else "单位"
    total = _v(st, "01", C.GRAND_TOTAL_INCOME, AMOUNT)
    gb = _v(st, "01", "一般公共预算财政拨款收入", AMOUNT)
    gf = _v(st, "01", "政府性基金预算财政拨款收入", AMOUNT)
    own = total - gb - gf
    basic, project = _v(st, "03", C.TOTAL, "基本支出"), _v(st, "03", C.TOTAL, "项目支出")
    blocks: list[Block] = [Heading(f"{st.unit_name}{y}年{word}预算情况说明", level=0, new_page=True),
                           Heading("一、收支预算总体情况")]
    text = f"按照综合预算的原则，{y}年本{word}全部收入和支出均纳入预算管理。收入预算{money(total, u)}，其中一般公共预算拨款{money(gb, u)}"
    if gf:
        text += f"，政府性基金预算拨款{money(gf, u)}"
    if own:
        text += f"，单位自有资金{money(own, u)}"
    text += f"。支出预算{money(total, u)}，其中基本支出{money(basic, u)}，占{pct(basic, total)}%；项目支出{money(project, u)}，占{pct(project, total)}%。"
    blocks.append(Paragraph(text, tag="b1"))
    g_basic, g_project = _v(st, "05", C.TOTAL, "基本支出"), _v(st, "05", C.TOTAL, "项目支出")
    blocks += [Heading("二、一般公共预算拨款支出预算情况"),
               Paragraph(f"{y}年一般公共预算拨款支出预算{money(gb, u)}，用于保障机构正常运转的基本支出"
                         f"{money(g_basic, u)}，用于完成特定工作任务的项目支出{money(g_project, u)}。", tag="b2")]
    sangong = {k: _v(st, "09", C.TOTAL, f"{C.BUDGET}/{k}") for k in
               ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费")}
    blocks += [Heading("三、“三公”经费预算情况"),
               Paragraph(f"{y}年“三公”经费预算{money(sangong['合计'], u)}，其中：因公出国（境）费"
                         f"{money(sangong['因公出国（境）费'], u)}，公务用车购置及运行费"
                         f"{money(sangong['公务用车购置及运行费'], u)}，公务接待费{money(sangong['公务接待费'], u)}。",
                         tag="b3")]
    blocks += [Heading("四、其他说明"),
               Paragraph(f"{y}年本{word}没有国有资本经营预算拨款安排的支出。预算表中空表表示本{word}"
                         "无相关收支。", tag="b4")]
    return blocks
