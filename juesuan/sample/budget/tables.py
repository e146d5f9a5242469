"""The budget's tables as ruled grids, through the finals' layouts and cell helpers.

A layout's options (codes whole or split, 合计 first or last, zeros, thousands, 元 or 万元,
numbering, unit line, landscape pages) apply as they do to finals; the titles are the
budget wordings of each template family (BUDGET_TITLES), since budget packages do not
say 决算.
"""

from __future__ import annotations

import dataclasses

from juesuan import canonical as C
from juesuan.sample.blocks import Cell, PendingRecord, Table, TRow
from juesuan.sample.budget.statement import AMOUNT, BudgetStatement
from juesuan.sample.layouts import Layout
from juesuan.sample.statement import CodedTable, Line, Pair
from juesuan.sample.tables import _side_cells, _value_cells, number_label

TABLES = ("01", "02", "03", "04", "05", "06", "07", "08", "09")

# Title wordings by template family, as real budgets print them (DOMAIN.md's budget table).
BUDGET_TITLES: dict[str, dict[str, str]] = {
    "hunan": {"01": "收支预算总表", "02": "收入预算总表", "03": "支出预算总表", "04": "财政拨款收支预算总表",
              "05": "一般公共预算支出表", "06": "一般公共预算基本支出表", "07": "政府性基金预算支出表",
              "08": "国有资本经营预算支出表", "09": "一般公共预算“三公”经费支出表"},
    "shanghai": {"01": "{year}年{scope}财务收支预算总表", "02": "{year}年{scope}收入预算总表",
                 "03": "{year}年{scope}支出预算总表", "04": "{year}年{scope}财政拨款收支预算总表",
                 "05": "{year}年{scope}一般公共预算支出功能分类预算表",
                 "06": "{year}年{scope}一般公共预算基本支出部门预算经济分类预算表",
                 "07": "{year}年{scope}政府性基金预算支出功能分类预算表",
                 "08": "{year}年{scope}国有资本经营预算支出功能分类预算表",
                 "09": "{year}年{scope}“三公”经费预算表"},
    "yuan": {"01": "收支总表", "02": "收入总表", "03": "支出总表", "04": "财政拨款收支总表",
             "05": "一般公共预算支出表", "06": "一般公共预算基本支出表", "07": "政府性基金预算支出表",
             "08": "国有资本经营预算支出表", "09": "财政拨款“三公”经费支出表"},
}
NOTES = {
    "07": "本单位本年度没有政府性基金预算拨款安排的支出，本表无数据。",
    "08": "本单位本年度没有国有资本经营预算拨款安排的支出，本表无数据。",
}


def title(table_id: str, st: BudgetStatement, layout: Layout) -> str:
    family = BUDGET_TITLES.get(layout.name, BUDGET_TITLES["hunan"])
    scope = "部门" if st.scope == "部门" else "预算单位"
    return family[table_id].format(year=st.fiscal_year, scope=scope)


def _table(table_id: str, st: BudgetStatement, layout: Layout, widths: list[float], header: list[TRow],
           body: list[TRow], empty: bool = False) -> Table:
    prefix = "编制单位：" if layout.unit_prefix == "编制单位：" or st.scope != "部门" else "部门："
    return Table(table_id=table_id, title=title(table_id, st, layout), widths=widths, header=header, body=body,
                 number=number_label(table_id, layout), unit_line=f"{prefix}{st.unit_name}",
                 amount_line=f"单位：{layout.amount_unit}", notes=[NOTES[table_id]] if empty else [],
                 landscape=table_id in layout.landscape, size=layout.body_size)


def _coded(table_id: str, st: BudgetStatement, table: CodedTable, layout: Layout,
           heads: list[str | tuple[str, tuple[str, ...]]], code_title: str = "功能分类科目") -> Table:
    """Code and name columns, then the value columns under `heads` (a group over sub-columns)."""
    split = layout.code_style == "split"
    ncode = 3 if split and table_id != "06" else 2 if split else 1
    depth = 3 if split else 2
    header = [TRow([Cell("项目", colspan=ncode + 1)]), TRow([]), TRow([])][:depth]
    if split:
        header[1].cells += [Cell(f"{code_title}编码", colspan=ncode), Cell("科目名称", rowspan=2)]
        header[2].cells += [Cell(w) for w in ("类", "款", "项")[:ncode]]
    else:
        header[1].cells += [Cell(f"{code_title}编码"), Cell("科目名称")]
    for head in heads:
        if isinstance(head, str):
            header[0].cells.append(Cell(head, rowspan=depth))
        else:
            group, subs = head
            header[0].cells.append(Cell(group, colspan=len(subs)))
            header[1].cells += [Cell(s, rowspan=depth - 1) for s in subs]
    if layout.index_row:
        header.append(TRow([Cell(layout.index_label, colspan=ncode + 1)]
                           + [Cell(str(i + 1)) for i in range(len(table.columns))]))
    records: list[PendingRecord] = []
    total = TRow([Cell(table.total.label, colspan=ncode + 1)]
                 + _value_cells(table_id, table.total, table.columns, layout, records), records)
    rows = []
    for line in table.rows:
        recs: list[PendingRecord] = []
        rows.append(TRow(_codes(line, ncode) + _value_cells(table_id, line, table.columns, layout, recs), recs))
    body = [total] + rows if layout.total_position == "first" else rows + [total]
    widths = ([4.2, 3.0, 3.0][:ncode] if split else [9.0]) + [24.0] + [10.0] * len(table.columns)
    return _table(table_id, st, layout, widths, header, body, empty=not table.rows)


def _codes(line: Line, ncode: int) -> list[Cell]:
    """Code cells (whole, or split 类 | 款 [| 项]) and the name."""
    code = line.code or ""
    parts = [code] if ncode == 1 else [code[:3], code[3:5], code[5:7]][:ncode]
    return [Cell(p, align="L") for p in parts] + [Cell(line.label, align="L")]


def _summary(table_id: str, st: BudgetStatement, pairs: list[Pair], layout: Layout,
             right_cols: tuple[str, ...], right_heads: tuple[str, ...]) -> Table:
    plain = _no_line_numbers(layout)
    widths = [24.0, 12.0, 24.0] + [11.0] * len(right_cols)
    header = [TRow([Cell("收入", colspan=2), Cell("支出", colspan=1 + len(right_cols))]),
              TRow([Cell("项目"), Cell("预算数"), Cell("项目")] + [Cell(h) for h in right_heads])]
    body = []
    for left, right in pairs:
        records: list[PendingRecord] = []
        cells = _side_cells(table_id, left, (AMOUNT,), plain, records)
        cells += _side_cells(table_id, right, right_cols, plain, records)
        body.append(TRow(cells, records))
    return _table(table_id, st, layout, widths, header, body)


def _no_line_numbers(layout: Layout) -> Layout:
    """Budget summary tables print no 行次."""
    return dataclasses.replace(layout, line_numbers=False)


def table09(st: BudgetStatement, layout: Layout) -> Table:
    run = "运行维护费" if layout.t09_wording == "运行维护费" else "运行费"
    items = [("合计", [("合计", "合计")]), ("因公出国（境）费", [("因公出国（境）费", "因公出国（境）费")]),
             (f"公务用车购置及{run}", [("小计", "公务用车购置及运行费"), ("公务用车购置费", "公务用车购置费"),
                                    (f"公务用车{run}", "公务用车运行费")]),
             ("公务接待费", [("公务接待费", "公务接待费")])]
    sides = [(f"{st.fiscal_year - 1}年预算数", C.PREVIOUS_BUDGET)] if st.previous_sangong else []
    sides.append((f"{st.fiscal_year}年预算数" if sides else "预算数", C.BUDGET))
    header = [TRow([]), TRow([]), TRow([])]
    columns = []
    for printed_side, side in sides:
        header[0].cells.append(Cell(printed_side, colspan=6))
        for name, subs in items:
            if len(subs) == 1:
                header[1].cells.append(Cell(name, rowspan=2))
            else:
                header[1].cells.append(Cell(name, colspan=len(subs)))
                header[2].cells += [Cell(p) for p, _ in subs]
            columns += [f"{side}/{canon}" for _, canon in subs]
    records: list[PendingRecord] = []
    body = [TRow(_value_cells("09", st.t09, tuple(columns), layout, records), records)]
    return _table("09", st, layout, [8.0] * len(columns), header, body)


def build_budget_table(table_id: str, st: BudgetStatement, layout: Layout) -> Table:
    spending = ["合计", "基本支出", "项目支出"]
    if table_id == "01":
        return _summary("01", st, st.t01, layout, (AMOUNT,), ("预算数",))
    if table_id == "04":
        funds = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
        return _summary("04", st, st.t04, layout, ("合计",) + C.FUND_COLUMNS, ("合计",) + funds)
    if table_id == "02":
        heads = ["合计", ("财政拨款收入", ("一般公共预算", "政府性基金预算")), "事业收入", "事业单位经营收入",
                 "上级补助收入", "附属单位上缴收入", "其他收入"]
        return _coded("02", st, st.t02, layout, heads)
    if table_id == "06":
        return _coded("06", st, st.t06, layout, ["合计", "人员经费", "公用经费"], code_title="经济分类科目")
    if table_id == "09":
        return table09(st, layout)
    table = {"03": st.t03, "05": st.t05, "07": st.t07, "08": st.t08}[table_id]
    return _coded(table_id, st, table, layout, spending)
