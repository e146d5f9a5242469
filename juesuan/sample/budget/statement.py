"""A budget as printed: figures in the layout's unit, lines and columns under the budget keys.

The keys are the contract of docs/BUDGETS.md (what the extractor must produce from the
page), so a truth file says exactly what a correct reading of the page is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan import canonical as C
from juesuan.codes import class_of
from juesuan.sample.accounts import SANGONG_KEYS, Profile
from juesuan.sample.budget.accounts import BudgetAccounts, BudgetItem
from juesuan.sample.catalogue import ECONOMIC_CLASSES, ECONOMIC_NAMES, SUMMARY_CLASS_LINES, class_line_label, function_name
from juesuan.sample.layouts import Layout
from juesuan.sample.statement import CodedTable, Line, Pair, _spacer, _zip, printed

AMOUNT = C.BUDGET_AMOUNT
SPENDING = ("合计", "基本支出", "项目支出")
ECONOMIC = (AMOUNT, "人员经费", "公用经费")
# 02's columns: (key, attribute of BudgetAccounts/BudgetItem that fills it)
INCOME_COLUMNS = (("合计", "total"), ("一般公共预算财政拨款收入", "gb"), ("政府性基金预算财政拨款收入", "gf"),
                  ("事业收入", "in_service"), ("经营收入", "in_business"), ("上级补助收入", "in_superior"),
                  ("附属单位上缴收入", "in_affiliated"), ("其他收入", "in_other"))
# 01's income lines: (key, printed label, source)
INCOME_LINES = (("一般公共预算财政拨款收入", "一般公共预算拨款收入", "gb"),
                ("政府性基金预算财政拨款收入", "政府性基金预算拨款收入", "gf"),
                ("国有资本经营预算财政拨款收入", "国有资本经营预算拨款收入", None),
                ("财政专户管理资金收入", "财政专户管理资金收入", None),
                ("事业收入", "事业收入", "in_service"), ("经营收入", "事业单位经营收入", "in_business"),
                ("上级补助收入", "上级补助收入", "in_superior"),
                ("附属单位上缴收入", "附属单位上缴收入", "in_affiliated"), ("其他收入", "其他收入", "in_other"))
ORDINALS = "一二三四五六七八九"


@dataclass
class BudgetStatement:
    unit_name: str
    fiscal_year: int
    amount_unit: str
    profile: Profile
    scope: str
    t01: list[Pair]
    t02: CodedTable
    t03: CodedTable
    t04: list[Pair]
    t05: CodedTable
    t06: CodedTable
    t07: CodedTable
    t08: CodedTable
    t09: Line
    previous_sangong: dict[str, Decimal] | None = None  # 上年预算数 of 09, when printed

    def value(self, table: str, key: str, column: str) -> Decimal | None:
        lines = self.lines(table)
        return next((ln.values.get(column) for ln in lines if ln.key == key), None)

    def lines(self, table: str) -> list[Line]:
        if table in ("01", "04"):
            return [ln for pair in (self.t01 if table == "01" else self.t04) for ln in pair if ln and ln.key]
        if table == "09":
            return [self.t09]
        coded = {"02": self.t02, "03": self.t03, "05": self.t05, "06": self.t06, "07": self.t07,
                 "08": self.t08}[table]
        return [coded.total] + coded.rows


def _item_value(item: BudgetItem, attr: str) -> int:
    return item.sources.get(attr, 0) if attr.startswith("in_") else getattr(item, attr)


def _coded(acc: BudgetAccounts, columns: dict[str, str], unit: str, keep) -> CodedTable:
    """Rows for every 类, 款 and 项 of the items `keep` selects, each the sum of its 项."""
    items = [i for i in acc.items.values() if keep(i)]
    names = tuple(columns)

    def values(members: list[BudgetItem]) -> dict[str, Decimal | None]:
        return {k: printed(sum(_item_value(m, a) for m in members), unit) for k, a in columns.items()}

    codes = sorted({c for i in items for c in (i.code[:3], i.code[:5], i.code)})
    rows = [Line(key=code, label=function_name(code), code=code,
                 values=values([i for i in items if i.code.startswith(code)])) for code in codes]
    total = Line(C.TOTAL, C.TOTAL, values(items) if items else {k: None for k in names})
    return CodedTable(columns=names, total=total, rows=rows)


def _classes(acc: BudgetAccounts, layout: Layout, attr: str = "total") -> list[str]:
    if layout.t01_class_lines == "all":
        return list(SUMMARY_CLASS_LINES)
    return [c for c in SUMMARY_CLASS_LINES if any(class_of(i.code) == c and getattr(i, attr)
                                                 for i in acc.items.values())]


def _class_sum(acc: BudgetAccounts, cls: str, attr: str) -> int:
    return sum(getattr(i, attr) for i in acc.items.values() if class_of(i.code) == cls)


def _table01(acc: BudgetAccounts, layout: Layout) -> list[Pair]:
    u = layout.amount_unit
    one = lambda fen: {AMOUNT: printed(fen, u)}  # noqa: E731
    left = []
    for n, (key, label, source) in enumerate(INCOME_LINES):
        fen = 0 if source is None else acc.total(source) if source in ("gb", "gf") else acc.source(source)
        left.append(Line(key, f"{ORDINALS[n]}、{label}", one(fen)))
    right = [Line(C.FUNCTION_CLASSES[c], class_line_label(c), one(_class_sum(acc, c, "total")))
             for c in _classes(acc, layout)]
    pairs = _zip(left, right)
    total = acc.total("total")
    pairs += [(Line(C.INCOME_TOTAL, "本年收入合计", one(total)), Line(C.EXPENDITURE_TOTAL, "本年支出合计", one(total))),
              (Line(C.OPENING_BALANCE, "上年结转结余", one(0)), Line(C.CLOSING_BALANCE, "结转下年", one(0))),
              (Line(C.GRAND_TOTAL_INCOME, "收入总计", one(total)), Line(C.GRAND_TOTAL_EXPENDITURE, "支出总计", one(total)))]
    return pairs


def _table04(acc: BudgetAccounts, layout: Layout) -> list[Pair]:
    u = layout.amount_unit
    funds = C.FUND_COLUMNS
    gb, gf = acc.total("gb"), acc.total("gf")
    one = lambda fen: {AMOUNT: printed(fen, u)}  # noqa: E731

    def four(g: int, f: int) -> dict[str, Decimal | None]:
        return {"合计": printed(g + f, u), funds[0]: printed(g, u), funds[1]: printed(f, u), funds[2]: printed(0, u)}

    left = [Line(funds[0], "一、一般公共预算拨款", one(gb)), Line(funds[1], "二、政府性基金预算拨款", one(gf)),
            Line(funds[2], "三、国有资本经营预算拨款", one(0))]
    right = [Line(C.FUNCTION_CLASSES[c], class_line_label(c), four(_class_sum(acc, c, "gb"), _class_sum(acc, c, "gf")))
             for c in _classes(acc, layout, "total")]
    pairs = _zip(left, right)
    pairs += [(Line(C.INCOME_TOTAL, "本年收入合计", one(gb + gf)), Line(C.EXPENDITURE_TOTAL, "本年支出合计", four(gb, gf))),
              (Line(C.OPENING_FISCAL_BALANCE, "上年结转", one(0)), Line(C.CLOSING_FISCAL_BALANCE, "结转下年", four(0, 0))),
              (Line(C.GRAND_TOTAL_INCOME, "收入总计", one(gb + gf)), Line(C.GRAND_TOTAL_EXPENDITURE, "支出总计", four(gb, gf)))]
    return pairs


def _table06(acc: BudgetAccounts, unit: str) -> CodedTable:
    """Economic 类 and 款 of the general-budget basic expenditure: 合计, 人员经费, 公用经费."""
    rows = []
    personnel = C.PERSONNEL_ECONOMIC_CLASSES

    def values(fen: int, code: str) -> dict[str, Decimal | None]:
        staff = code[:3] in personnel
        return {AMOUNT: printed(fen, unit), "人员经费": printed(fen if staff else 0, unit),
                "公用经费": printed(0 if staff else fen, unit)}

    for cls in ECONOMIC_CLASSES:
        kuan = {c: v for c, v in acc.economic.items() if c.startswith(cls) and v}
        if not kuan:
            continue
        rows.append(Line(cls, ECONOMIC_NAMES[cls], values(sum(kuan.values()), cls), code=cls))
        rows += [Line(c, ECONOMIC_NAMES[c], values(v, c), code=c) for c, v in sorted(kuan.items())]
    total = sum(acc.economic.values())
    staff = sum(v for c, v in acc.economic.items() if c[:3] in personnel)
    total_line = Line(C.TOTAL, C.TOTAL, {AMOUNT: printed(total, unit), "人员经费": printed(staff, unit),
                                         "公用经费": printed(total - staff, unit)})
    return CodedTable(columns=ECONOMIC, total=total_line, rows=rows)


def sangong_amounts(sangong: dict[str, int], unit: str) -> dict[str, Decimal]:
    amounts = {k: printed(sangong.get(k, 0), unit) for k in SANGONG_KEYS}
    amounts["合计"] = printed(sum(sangong.get(k, 0) for k in SANGONG_KEYS), unit)
    amounts["公务用车购置及运行费"] = printed(sangong.get("公务用车购置费", 0) + sangong.get("公务用车运行费", 0), unit)
    return amounts


def from_budget(acc: BudgetAccounts, layout: Layout, previous_columns: bool = False) -> BudgetStatement:
    u = layout.amount_unit
    spending = {"合计": "total", "基本支出": "basic", "项目支出": "project"}
    general = {"合计": "gb", "基本支出": "gb_basic", "项目支出": "gb_project"}
    fund = {"合计": "gf", "基本支出": "gf_basic", "项目支出": "gf_project"}
    amounts = sangong_amounts(acc.sangong, u)
    previous = None
    if previous_columns and acc.previous is not None:
        previous = sangong_amounts(acc.previous.sangong, u)
    values = {f"{C.BUDGET}/{k}": v for k, v in amounts.items()}
    if previous:
        values.update({f"{C.PREVIOUS_BUDGET}/{k}": v for k, v in previous.items()})
    return BudgetStatement(
        unit_name=acc.unit_name, fiscal_year=acc.fiscal_year, amount_unit=u, profile=acc.profile,
        scope=acc.scope,
        t01=_table01(acc, layout),
        t02=_coded(acc, dict(INCOME_COLUMNS), u, lambda i: i.total),
        t03=_coded(acc, spending, u, lambda i: i.total),
        t04=_table04(acc, layout),
        t05=_coded(acc, general, u, lambda i: i.gb),
        t06=_table06(acc, u),
        t07=_coded(acc, fund, u, lambda i: i.gf),
        t08=CodedTable(columns=SPENDING, total=Line(C.TOTAL, C.TOTAL, {k: None for k in SPENDING}), rows=[]),
        t09=Line(C.TOTAL, C.TOTAL, values),
        previous_sangong=previous,
    )


__all__ = ["BudgetStatement", "from_budget", "_spacer"]
