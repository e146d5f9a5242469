"""The nine tables as ruled grids: headers, body rows, and the records each row yields.

One function per table shape turns a `Statement` into a `blocks.Table` under a `Layout`.
The records are made from the very text put in each cell (parsed back with
`juesuan.money`), so the truth files state exactly what the page shows: a zero printed
blank is a null record, a 元 figure becomes an exact 万元 decimal.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan import canonical as C
from juesuan.money import parse_amount, to_wan
from juesuan.sample.blocks import Cell, PendingRecord, Table, TRow
from juesuan.sample.catalogue import CHINESE_ORDINALS
from juesuan.sample.layouts import Layout
from juesuan.sample.statement import CodedTable, Line, Pair, Statement

NOTES = {
    "01": "注：本表列示本年度全部收入、支出以及年初、年末结转和结余的汇总情况。",
    "02": "注：本表按支出功能分类科目列示本年度各项收入的来源。",
    "03": "注：本表按支出功能分类科目列示本年度基本支出、项目支出等各项支出。",
    "04": "注：本表列示一般公共预算、政府性基金预算和国有资本经营预算三类财政拨款的收入、"
          "支出及结转和结余情况。",
    "05": "注：本表按支出功能分类科目列示本年度一般公共预算财政拨款的实际支出。",
    "06": "注：本表按部门预算支出经济分类科目列示一般公共预算财政拨款基本支出的明细。",
    "07": "注：本表列示政府性基金预算财政拨款的年初结转和结余、本年收支及年末结转和结余。",
    "08": "注：本表列示国有资本经营预算财政拨款的收支情况。",
    "09": "注：“三公”经费预算数为按规定程序调整后的全年预算；决算数为使用当年财政拨款"
          "及以前年度结转资金实际发生的支出。",
}
ROUNDING_NOTE = "表中金额按四舍五入列示，合计数与各分项之和可能存在尾数差异。"
EMPTY_NOTES = {
    "07": "本单位本年度未发生政府性基金预算财政拨款收支，本表无数据。",
    "08": "本单位本年度未发生国有资本经营预算财政拨款收支，本表无数据。",
}


# --- cells and records ------------------------------------------------------------------

_FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_ZERO_MARKS = {"blank": "", "dash": "-", "emdash": "—"}


def fmt(value: Decimal | None, layout: Layout) -> str:
    """A figure as the layout prints it ('' for a blank cell)."""
    if value is None:
        return ""
    if value == 0 and layout.zero_style in _ZERO_MARKS:
        return _ZERO_MARKS[layout.zero_style]
    text = f"{value:,.2f}" if layout.thousands else f"{value:.2f}"
    return text.translate(_FULLWIDTH) if layout.digits == "fullwidth" else text


def _record(table_id: str, line: Line, column: str, text: str, layout: Layout) -> PendingRecord:
    amount = to_wan(parse_amount(text), layout.amount_unit)
    return PendingRecord(table_id, line.key or "", column, amount, line.label)


def _value_cells(table_id: str, line: Line, columns: tuple[str, ...], layout: Layout,
                 records: list[PendingRecord]) -> list[Cell]:
    cells = []
    for col in columns:
        text = "" if table_id in layout.blank_tables else fmt(line.values.get(col), layout)
        cells.append(Cell(text, align="R"))
        if line.key:
            records.append(_record(table_id, line, col, text, layout))
    return cells


def number_label(table_id: str, layout: Layout) -> str:
    pos = layout.table_order.index(table_id) + 1
    return {"gongkai": f"公开{pos:02d}表", "biao": f"表{pos}",
            "fubiao": f"附表{CHINESE_ORDINALS[pos - 1]}", "none": ""}[layout.numbering]


def _prefix(st: Statement, layout: Layout) -> str:
    """'部门：' names a department; a member unit's own 单位决算 says '编制单位：'."""
    if st.scope == "单位" and layout.unit_prefix == "部门：":
        return "编制单位："
    return layout.unit_prefix


def _table(table_id: str, st: Statement, layout: Layout, widths: list[float],
           header: list[TRow], body: list[TRow], empty: bool = False,
           total_first: bool = False, code_columns: int = 0) -> Table:
    """The table block; `total_first` says body[0] is the 合计 row (repeated on continuation
    pages under continuation='repeat_total'), `code_columns` how many split code columns
    lead each row (merged on continuation pages under continuation_codes='merged')."""
    if layout.year_row:
        header = [TRow([Cell(str(st.fiscal_year), colspan=len(widths))])] + header
    notes = [NOTES[table_id]]
    if empty:
        notes.append("注：" + EMPTY_NOTES[table_id])
    elif layout.amount_unit == C.UNIT_WAN and table_id in ("01", "02", "03", "05"):
        notes.append("注：" + ROUNDING_NOTE)
    return Table(
        table_id=table_id,
        title=layout.table_title(table_id),
        widths=widths,
        header=header,
        body=body,
        number=number_label(table_id, layout),
        unit_line=f"{_prefix(st, layout)}{st.unit_name}",
        amount_line=f"单位：{layout.amount_unit}",
        notes=notes,
        landscape=table_id in layout.landscape,
        size=layout.body_size,
        continuation=layout.continuation,
        repeat_rows=1 if layout.continuation == "repeat_total" and total_first else 0,
        merge_codes=code_columns if layout.continuation_codes == "merged" and code_columns > 1 else 0,
        title_after_body=layout.title_after_body,
        break_before=forced_break(body, layout.break_before),
        open_breaks=layout.break_rules == "open",
    )


def _row_keys(row: TRow) -> list[str]:
    return [r.row_key for r in row.records]


def forced_break(body: list[TRow], where: str) -> int | None:
    """The body row a page break is forced before (Layout.break_before), or None.

    'lei': the second row that carries a 类 (a 3-digit code, or a 类 line of 01/04), else
    the first after the top row; 'kuan': a 款 row that follows a 项 row, else any 款 row
    after the top row (01/04: the first line under the opening balance). A table too short
    to split (one data row: 09, an empty 07/08) is left whole."""
    if not where or len(body) < 2:
        return None
    if where == "lei":
        rows = [i for i, row in enumerate(body) if i >= 1 and any(
            (k.isdigit() and len(k) == 3) or k in C.FUNCTION_CLASS_BY_NAME for k in _row_keys(row))]
        return rows[1] if len(rows) > 1 else rows[0] if rows else len(body) // 2
    if where == "kuan":
        def level(row: TRow, n: int) -> bool:
            return any(k.isdigit() and len(k) == n for k in _row_keys(row))
        after_xiang = [i for i in range(1, len(body)) if level(body[i], 5) and level(body[i - 1], 7)]
        any_kuan = [i for i in range(1, len(body)) if level(body[i], 5)]
        balance = [i for i in range(1, len(body)) if any(
            k.startswith((C.OPENING_FISCAL_BALANCE + "/", C.OPENING_BALANCE)) for k in _row_keys(body[i]))]
        rows = after_xiang or any_kuan or balance
        return rows[0] if rows else len(body) // 2
    raise ValueError(f"unknown break_before {where!r}")


# --- function-coded tables (02, 03, 05, 07, 08) -------------------------------------------

HeaderItem = str | tuple[str, tuple[str, ...]]  # a column, or a group over sub-columns


def _code_columns(layout: Layout) -> int:
    return 3 if layout.code_style == "split" else 1


def _coded_header(layout: Layout, items: list[HeaderItem], code_title: str,
                  words_in_total: bool = False, subs_in_total: bool = False) -> list[TRow]:
    """The header rows; `words_in_total` leaves 类 | 款 | 项 to the 合计 row, and
    `subs_in_total` the sub-headers of a group (本年支出 → 小计 | 基本支出 | 项目支出)."""
    split = layout.code_style == "split"
    depth = 3 if split and not words_in_total else 2
    ncode = _code_columns(layout)
    rows = [TRow([Cell("项目", colspan=ncode + 1)]), TRow([]), TRow([])][:depth]
    if split and words_in_total:
        rows[1].cells += [Cell(code_title, colspan=3), Cell("科目名称")]
    elif split:
        rows[1].cells += [Cell(code_title, colspan=3), Cell("科目名称", rowspan=2)]
        rows[2].cells += [Cell("类"), Cell("款"), Cell("项")]
    else:
        rows[1].cells += [Cell(code_title), Cell("科目名称")]
    for item in items:
        if isinstance(item, str):
            rows[0].cells.append(Cell(item, rowspan=depth))
        elif subs_in_total:
            group, subs = item
            rows[0].cells.append(Cell(group, colspan=len(subs), rowspan=depth))
        else:
            group, subs = item
            rows[0].cells.append(Cell(group, colspan=len(subs)))
            rows[1].cells += [Cell(s, rowspan=depth - 1) for s in subs]
    return rows


def _index_row(layout: Layout, label_cols: int, ncols: int) -> TRow:
    return TRow([Cell(layout.index_label, colspan=label_cols)] + [Cell(str(i + 1)) for i in range(ncols)])


def _code_cells(line: Line, layout: Layout) -> list[Cell]:
    code = line.code or ""
    if layout.code_style == "split":
        parts = [code[:3], code[3:5], code[5:7]]
        return [Cell(p, align="L") for p in parts] + [Cell(line.label, align="L")]
    return [Cell(code, align="L"), Cell(line.label, align="L")]


def _coded_body(table_id: str, table: CodedTable, layout: Layout,
                columns: tuple[str, ...] | None = None, words_in_total: bool = False,
                sub_words: list[str | None] | None = None) -> list[TRow]:
    """Body rows; `columns` is the print order of the value columns. With `words_in_total`
    the 合计 row prints 类 | 款 | 项 in the split code cells, and `sub_words` (an empty
    table only) prints header words in value cells: their records stay null."""
    columns = columns or table.columns
    ncode = _code_columns(layout)
    records: list[PendingRecord] = []
    values = _value_cells(table_id, table.total, columns, layout, records)
    for cell, word in zip(values, sub_words or []):
        if word:
            cell.text, cell.align = word, "C"
    if words_in_total and ncode == 3:
        label = [Cell("类"), Cell("款"), Cell("项"), Cell(table.total.label)]
    else:
        label = [Cell(table.total.label, colspan=ncode + 1)]
    total = TRow(label + values, records)
    rows = []
    for line in table.rows:
        recs: list[PendingRecord] = []
        rows.append(TRow(_code_cells(line, layout)
                         + _value_cells(table_id, line, columns, layout, recs), recs))
    return [total] + rows if layout.total_position == "first" else rows + [total]


def _coded_widths(layout: Layout, ncols: int, value_width: float = 9.0) -> list[float]:
    code = [4.2, 3.0, 3.0] if layout.code_style == "split" else [9.0]
    return code + [24.0] + [value_width] * ncols


def coded_table(table_id: str, st: Statement, layout: Layout) -> Table:
    table: CodedTable = {"02": st.t02, "03": st.t03, "05": st.t05, "07": st.t07,
                         "08": st.t08}[table_id]
    columns = table.columns
    items: list[HeaderItem]
    if table_id == "02":
        items = list(C.COLUMNS_02)
    elif table_id == "03":
        items = list(C.COLUMNS_03)
    elif table_id == "05":
        items = ([("本年支出", ("小计", "基本支出", "项目支出"))]
                 if layout.t05_header == "subtotal" else ["合计", "基本支出", "项目支出"])
        if layout.t05_total_last:
            items = ([("本年支出", ("基本支出", "项目支出", "小计"))]
                     if layout.t05_header == "subtotal" else ["基本支出", "项目支出", "合计"])
            columns = columns[1:] + columns[:1]
    elif len(table.columns) == 6:
        items = ["年初结转和结余", "本年收入", ("本年支出", ("小计", "基本支出", "项目支出")),
                 "年末结转和结余"]
    else:
        items = [("本年支出", ("合计", "基本支出", "项目支出"))]
    code_title = "功能分类科目编码" if table_id != "02" else "支出功能分类科目编码"
    total_first = layout.total_position == "first"
    words_in_total = layout.header_in_total_row and total_first
    subs_in_total = words_in_total and table.empty
    header = _coded_header(layout, items, code_title, words_in_total, subs_in_total)
    if layout.index_row:
        header.append(_index_row(layout, _code_columns(layout) + 1, len(table.columns)))
    sub_words = None
    if subs_in_total:
        sub_words = [w for item in items
                     for w in ([None] if isinstance(item, str) else list(item[1]))]
    body = _coded_body(table_id, table, layout, columns, words_in_total, sub_words)
    return _table(table_id, st, layout, _coded_widths(layout, len(table.columns)), header, body,
                  empty=table.empty, total_first=total_first, code_columns=_code_columns(layout))


# --- two-sided summary tables (01, 04) -------------------------------------------------------

def _side_cells(table_id: str, line: Line | None, columns: tuple[str, ...], layout: Layout,
                records: list[PendingRecord]) -> list[Cell]:
    line = line or Line(key=None, label="")
    centred = line.key in (C.INCOME_TOTAL, C.EXPENDITURE_TOTAL, C.GRAND_TOTAL_INCOME,
                           C.GRAND_TOTAL_EXPENDITURE)
    cells = [Cell(line.label, align="C" if centred else "L")]
    if layout.line_numbers:
        cells.append(Cell(str(line.line_no) if line.line_no else ""))
    return cells + _value_cells(table_id, line, columns, layout, records)


def _summary_table(table_id: str, st: Statement, pairs: list[Pair], layout: Layout,
                   left_cols: tuple[str, ...], right_cols: tuple[str, ...],
                   left_heads: tuple[str, ...], right_heads: tuple[str, ...]) -> Table:
    ln = 1 if layout.line_numbers else 0
    label_w = 26.0 if table_id == "01" else 20.0
    widths = ([label_w] + [5.0] * ln + [10.0] * len(left_cols)
              + [label_w] + [5.0] * ln + [10.0] * len(right_cols))
    header = [TRow([Cell("收入", colspan=1 + ln + len(left_cols)),
                    Cell("支出", colspan=1 + ln + len(right_cols))])]
    names = ["项目"] + ["行次"] * ln
    header.append(TRow([Cell(h) for h in names + list(left_heads) + names + list(right_heads)]))
    if layout.index_row:
        cells = [Cell(layout.index_label)] + [Cell("")] * ln
        cells += [Cell(str(i + 1)) for i in range(len(left_cols))]
        cells += [Cell(layout.index_label)] + [Cell("")] * ln
        cells += [Cell(str(len(left_cols) + i + 1)) for i in range(len(right_cols))]
        header.append(TRow(cells))
    body = []
    for left, right in pairs:
        records: list[PendingRecord] = []
        cells = _side_cells(table_id, left, left_cols, layout, records)
        cells += _side_cells(table_id, right, right_cols, layout, records)
        body.append(TRow(cells, records))
    return _table(table_id, st, layout, widths, header, body)


def table01(st: Statement, layout: Layout) -> Table:
    return _summary_table("01", st, st.t01, layout, (C.AMOUNT,), (C.AMOUNT,),
                          ("决算数",), ("决算数",))


def table04(st: Statement, layout: Layout) -> Table:
    return _summary_table("04", st, st.t04, layout, (C.AMOUNT,), C.COLUMNS_04_EXPENDITURE,
                          ("决算数",), C.COLUMNS_04_EXPENDITURE)


# --- 06: economic classes side by side -----------------------------------------------------

def _groups(st: Statement, layout: Layout) -> list[list[Line]]:
    by_class = {group[0].key: group for group in st.t06_classes}
    plan = ([["301", "303"], ["302"], ["307", "310", "399"]] if layout.t06_groups == 3
            else [["301", "303"], ["302", "307", "310", "399"]])
    return [[ln for cls in column if cls in by_class for ln in by_class[cls]] for column in plan]


def table06(st: Statement, layout: Layout) -> Table:
    split = layout.code_style == "split"
    groups = _groups(st, layout)
    ncode = 2 if split else 1
    per_group = ([3.8, 2.8] if split else [7.5]) + [17.0, 8.0]
    widths = per_group * len(groups)
    header = [TRow([]), TRow([])] if split else [TRow([])]
    for _ in groups:
        if split:
            header[0].cells += [Cell("经济分类科目编码", colspan=2), Cell("科目名称", rowspan=2),
                                Cell("决算数", rowspan=2)]
            header[1].cells += [Cell("类"), Cell("款")]
        else:
            header[0].cells += [Cell("经济分类科目编码"), Cell("科目名称"), Cell("决算数")]
    body = []
    for k in range(max(len(g) for g in groups)):
        records: list[PendingRecord] = []
        cells: list[Cell] = []
        for group in groups:
            if k >= len(group):
                cells += [Cell("") for _ in range(ncode + 2)]
                continue
            line = group[k]
            code = line.code or ""
            if split:
                cells += [Cell(code[:3], align="L"), Cell(code[3:], align="L")]
            else:
                cells.append(Cell(code, align="L"))
            cells.append(Cell(line.label, align="L"))
            cells += _value_cells("06", line, (C.AMOUNT,), layout, records)
        body.append(TRow(cells, records))
    personnel, public = st.t06_totals
    records = []
    cells = [Cell(personnel.label, colspan=ncode + 1)]
    cells += _value_cells("06", personnel, (C.AMOUNT,), layout, records)
    span = (ncode + 2) * (len(groups) - 2) + ncode + 1
    cells.append(Cell(public.label, colspan=span))
    cells += _value_cells("06", public, (C.AMOUNT,), layout, records)
    body.append(TRow(cells, records))
    return _table("06", st, layout, widths, header, body)


# --- 09: 三公 -------------------------------------------------------------------------------

def _sangong_items(layout: Layout) -> list[tuple[str, list[tuple[str, str]]]]:
    """(printed item, [(printed column, canonical column)]) in print order."""
    run = "运行维护费" if layout.t09_wording == "运行维护费" else "运行费"
    car = (f"公务用车购置及{run}", [("小计", "公务用车购置及运行费"),
                                    ("公务用车购置费", "公务用车购置费"),
                                    (f"公务用车{run}", "公务用车运行费")])
    pieces = {"出国": ("因公出国（境）费", [("因公出国（境）费", "因公出国（境）费")]),
              "用车": car,
              "接待": ("公务接待费", [("公务接待费", "公务接待费")])}
    return [("合计", [("合计", "合计")])] + [pieces[k] for k in layout.t09_item_order]


def table09(st: Statement, layout: Layout) -> Table:
    items = _sangong_items(layout)
    line = st.t09
    records: list[PendingRecord] = []
    if layout.t09_arrangement == "grouped":
        header = [TRow([Cell("预算数", colspan=6), Cell("决算数", colspan=6)]), TRow([]), TRow([])]
        columns = []
        for side in (C.BUDGET, C.FINAL):
            for name, subs in items:
                if len(subs) == 1:
                    header[1].cells.append(Cell(name, rowspan=2))
                else:
                    header[1].cells.append(Cell(name, colspan=len(subs)))
                    header[2].cells += [Cell(printed) for printed, _ in subs]
                columns += [f"{side}/{canon}" for _, canon in subs]
    else:
        header = [TRow([Cell("财政拨款“三公”经费", colspan=12)]), TRow([]), TRow([]), TRow([])]
        columns = []
        for name, subs in items:
            if len(subs) == 1:
                header[1].cells.append(Cell(name, colspan=2, rowspan=2))
            else:
                header[1].cells.append(Cell(name, colspan=2 * len(subs)))
                header[2].cells += [Cell(printed, colspan=2) for printed, _ in subs]
            for _, canon in subs:
                columns += [f"{C.BUDGET}/{canon}", f"{C.FINAL}/{canon}"]
                header[3].cells += [Cell("预算数"), Cell("决算数")]
    if layout.index_row:
        header.append(TRow([Cell(str(i + 1)) for i in range(12)]))
    cells = _value_cells("09", line, tuple(columns), layout, records)
    body = [TRow(cells, records)]
    return _table("09", st, layout, [8.0] * 12, header, body)


def build_table(table_id: str, st: Statement, layout: Layout) -> Table:
    if table_id == "01":
        return table01(st, layout)
    if table_id == "04":
        return table04(st, layout)
    if table_id == "06":
        return table06(st, layout)
    if table_id == "09":
        return table09(st, layout)
    return coded_table(table_id, st, layout)
