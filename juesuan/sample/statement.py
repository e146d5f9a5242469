"""A document's tables as printed: figures in the printed unit, lines in printed order.

`Statement` is what the renderer draws and what the narrative quotes. Synthetic units get
one from their exact accounts (`from_accounts`: every printed cell rounded once, from the
exact figure, in the layout's unit); the seed unit's statement is written out by hand in
`seed_unit`, figure by figure, because its printed figures are facts to reproduce.

A `Line` carries its canonical row key (DOMAIN.md "Canonical keys in detail") next to the
label as printed, so truth records come straight from what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from juesuan import canonical as C
from juesuan.codes import class_of
from juesuan.sample.accounts import SANGONG_KEYS, Item, Profile, UnitAccounts
from juesuan.sample.catalogue import (
    ECONOMIC_CLASSES, ECONOMIC_KUAN, SUMMARY_CLASS_LINES, class_line_label, function_name)
from juesuan.sample.layouts import Layout

CENT = Decimal("0.01")


@dataclass
class Line:
    """One printed row (or one side of a two-sided row).

    key None marks a spacer: printed (maybe with its 行次) but holding no figure, so it
    yields no record.
    """

    key: str | None
    label: str
    values: dict[str, Decimal | None] = field(default_factory=dict)
    code: str | None = None
    line_no: int | None = None


@dataclass
class CodedTable:
    """02/03/05/07/08: a 合计 line and function-coded rows (类, 款, 项 in code order)."""

    columns: tuple[str, ...]
    total: Line
    rows: list[Line]

    @property
    def empty(self) -> bool:
        return not self.rows and all(v is None for v in self.total.values.values())


Pair = tuple[Line | None, Line | None]


@dataclass
class Statement:
    unit_name: str
    fiscal_year: int
    amount_unit: str
    profile: Profile
    t01: list[Pair]
    t02: CodedTable
    t03: CodedTable
    t04: list[Pair]
    t05: CodedTable
    t06_classes: list[list[Line]]  # per economic 类: the 类 line, then its 款 lines
    t06_totals: tuple[Line, Line]  # 人员经费合计, 公用经费合计
    t07: CodedTable
    t08: CodedTable
    t09: Line
    scope: str = "部门"
    consolidated: bool = False
    member_units: tuple[str, ...] = ()
    budgets: dict[str, Decimal] = field(default_factory=dict)  # 项 → 年初预算 (printed unit)
    previous: Statement | None = None

    def value(self, table: str, key: str, column: str) -> Decimal | None:
        """A printed figure by canonical keys (None when blank or not printed)."""
        for line in self.lines(table):
            if line.key == key:
                return line.values.get(column)
        return None

    def lines(self, table: str) -> list[Line]:
        if table in ("01", "04"):
            pairs = self.t01 if table == "01" else self.t04
            return [ln for pair in pairs for ln in pair if ln is not None and ln.key]
        if table == "06":
            return [ln for group in self.t06_classes for ln in group] + list(self.t06_totals)
        if table == "09":
            return [self.t09]
        coded = {"02": self.t02, "03": self.t03, "05": self.t05, "07": self.t07,
                 "08": self.t08}[table]
        return [coded.total] + coded.rows


# --- printing exact figures -------------------------------------------------------------

def printed(fen: int, unit: str) -> Decimal:
    """An exact fen amount as it is printed: 元 exactly, 万元 rounded half-up to 0.01."""
    yuan = Decimal(fen).scaleb(-2)
    if unit == C.UNIT_YUAN:
        return yuan.quantize(CENT)
    return yuan.scaleb(-4).quantize(CENT, rounding=ROUND_HALF_UP)


def _sum_items(items: list[Item], attr: str) -> int:
    return sum(getattr(i, attr) for i in items)


_COLUMN_ATTRS: dict[str, dict[str, object]] = {
    "02": {"本年收入合计": "income", "财政拨款收入": "fiscal_income", "上级补助收入": "in_superior",
           "事业收入": "in_service", "经营收入": "in_business", "附属单位上缴收入": "in_affiliated",
           "其他收入": "in_other"},
    "03": {"本年支出合计": "expenditure", "基本支出": "basic", "项目支出": "project",
           "上缴上级支出": None, "经营支出": "business", "对附属单位补助支出": None},
    "05": {"合计": "gb_expenditure", "基本支出": "gb_basic", "项目支出": "gb_project"},
    "07": {"年初结转和结余": "open_gf", "本年收入": "in_gf", "本年支出/小计": "gf_expenditure",
           "本年支出/基本支出": "gf_basic", "本年支出/项目支出": "gf_project",
           "年末结转和结余": "close_gf"},
}


def _coded_table(acc: UnitAccounts, table: str, unit: str) -> CodedTable:
    attrs = _COLUMN_ATTRS[table]
    columns = tuple(attrs)

    def values(items: list[Item]) -> dict[str, Decimal | None]:
        return {col: printed(_sum_items(items, a) if a else 0, unit) for col, a in attrs.items()}

    def relevant(item: Item) -> bool:
        return any(getattr(item, a) for a in attrs.values() if a)

    items = [i for i in acc.items.values() if relevant(i)]
    codes = sorted({c for i in items for c in (i.code[:3], i.code[:5], i.code)})
    rows = []
    for code in codes:
        members = [i for i in items if i.code.startswith(code)]
        rows.append(Line(key=code, label=function_name(code), values=values(members), code=code))
    if items:
        total = Line(key=C.TOTAL, label=C.TOTAL, values=values(items))
    else:
        total = Line(key=C.TOTAL, label=C.TOTAL, values={col: None for col in columns})
    return CodedTable(columns=columns, total=total, rows=rows)


def _class_amount(acc: UnitAccounts, cls: str, attr: str) -> int:
    return sum(getattr(i, attr) for i in acc.items.values() if class_of(i.code) == cls)


def _summary_classes(acc: UnitAccounts, layout: Layout) -> list[str]:
    if layout.t01_class_lines == "all":
        return list(SUMMARY_CLASS_LINES)
    used = {class_of(c) for c, i in acc.items.items() if i.expenditure or i.gb_expenditure}
    return [c for c in SUMMARY_CLASS_LINES if c in used]


def _number(pairs: list[Pair], layout: Layout) -> list[Pair]:
    """Give each side its 行次 (left side first, then the right side) when printed."""
    if not layout.line_numbers:
        return pairs
    n = 0
    for left, _ in pairs:
        n += 1
        if left is not None:
            left.line_no = n
    for _, right in pairs:
        n += 1
        if right is not None:
            right.line_no = n
    return pairs


def _spacer() -> Line:
    return Line(key=None, label="")


def _zip(left: list[Line], right: list[Line]) -> list[Pair]:
    n = max(len(left), len(right))
    left = left + [_spacer() for _ in range(n - len(left))]
    right = right + [_spacer() for _ in range(n - len(right))]
    return list(zip(left, right))


def _table01(acc: UnitAccounts, layout: Layout) -> list[Pair]:
    u = layout.amount_unit
    income = {
        "一般公共预算财政拨款收入": acc.total("in_gb"),
        "政府性基金预算财政拨款收入": acc.total("in_gf"),
        "国有资本经营预算财政拨款收入": 0,
        "上级补助收入": acc.total("in_superior"),
        "事业收入": acc.total("in_service"),
        "经营收入": acc.total("in_business"),
        "附属单位上缴收入": acc.total("in_affiliated"),
        "其他收入": acc.total("in_other"),
    }
    ordinals = "一二三四五六七八"
    left = [Line(key=k, label=f"{ordinals[n]}、{k}", values={C.AMOUNT: printed(v, u)})
            for n, (k, v) in enumerate(income.items())]
    right = [Line(key=C.FUNCTION_CLASSES[c], label=class_line_label(c),
                  values={C.AMOUNT: printed(_class_amount(acc, c, "expenditure"), u)})
             for c in _summary_classes(acc, layout)]
    pairs = _zip(left, right)
    total_in = acc.total("income")
    total_out = acc.total("expenditure")
    v = lambda fen: {C.AMOUNT: printed(fen, u)}  # noqa: E731
    pairs += [
        (Line(C.INCOME_TOTAL, C.INCOME_TOTAL, v(total_in)),
         Line(C.EXPENDITURE_TOTAL, C.EXPENDITURE_TOTAL, v(total_out))),
        (Line(C.USE_OF_NON_FISCAL_BALANCE, C.USE_OF_NON_FISCAL_BALANCE, v(acc.use_nonfiscal)),
         Line(C.SURPLUS_DISTRIBUTION, C.SURPLUS_DISTRIBUTION, v(acc.distribution))),
        (Line(C.OPENING_BALANCE, C.OPENING_BALANCE, v(acc.opening)),
         Line(C.CLOSING_BALANCE, C.CLOSING_BALANCE, v(acc.closing))),
        (Line(C.GRAND_TOTAL_INCOME, "总计", v(total_in + acc.use_nonfiscal + acc.opening)),
         Line(C.GRAND_TOTAL_EXPENDITURE, "总计",
              v(total_out + acc.distribution + acc.closing))),
    ]
    return _number(pairs, layout)


def _table04(acc: UnitAccounts, layout: Layout) -> list[Pair]:
    u = layout.amount_unit
    funds = C.FUND_COLUMNS
    income = (acc.total("in_gb"), acc.total("in_gf"), 0)
    opening = (acc.total("open_gb"), acc.total("open_gf"), 0)
    closing = (acc.total("close_gb"), acc.total("close_gf"), 0)
    ordinals = "一二三"
    numbering = ordinals if layout.t04_income_numbering else ("", "", "")
    left = [Line(key=f, label=f"{numbering[n]}{'、' if numbering[n] else ''}{f}",
                 values={C.AMOUNT: printed(income[n], u)})
            for n, f in enumerate(funds)]

    def four(gb: int, gf: int, soe: int) -> dict[str, Decimal | None]:
        return {"合计": printed(gb + gf + soe, u), funds[0]: printed(gb, u),
                funds[1]: printed(gf, u), funds[2]: printed(soe, u)}

    right = [Line(key=C.FUNCTION_CLASSES[c], label=class_line_label(c),
                  values=four(_class_amount(acc, c, "gb_expenditure"),
                              _class_amount(acc, c, "gf_expenditure"), 0))
             for c in _summary_classes(acc, layout)]
    pairs = _zip(left, right)
    one = lambda fen: {C.AMOUNT: printed(fen, u)}  # noqa: E731
    pairs.append((Line(C.INCOME_TOTAL, C.INCOME_TOTAL, one(sum(income))),
                  Line(C.EXPENDITURE_TOTAL, C.EXPENDITURE_TOTAL,
                       four(acc.total("gb_expenditure"), acc.total("gf_expenditure"), 0))))
    pairs.append((Line(C.OPENING_FISCAL_BALANCE, layout.t04_opening_label, one(sum(opening))),
                  Line(C.CLOSING_FISCAL_BALANCE, C.CLOSING_FISCAL_BALANCE, four(*closing))))
    for n, f in enumerate(funds):
        pairs.append((Line(f"{C.OPENING_FISCAL_BALANCE}/{f}", f, one(opening[n])), _spacer()))
    total_out = acc.total("gb_expenditure") + acc.total("gf_expenditure")
    pairs.append((Line(C.GRAND_TOTAL_INCOME, "总计", one(sum(income) + sum(opening))),
                  Line(C.GRAND_TOTAL_EXPENDITURE, "总计",
                       four(acc.total("gb_expenditure") + closing[0],
                            acc.total("gf_expenditure") + closing[1], 0))))
    assert sum(income) + sum(opening) == total_out + sum(closing)
    return _number(pairs, layout)


def _table06(acc: UnitAccounts, unit: str) -> tuple[list[list[Line]], tuple[Line, Line]]:
    groups = []
    for cls, cls_name in ECONOMIC_CLASSES.items():
        kuan = ECONOMIC_KUAN[cls]
        cls_total = sum(acc.economic.get(code, 0) for code, _ in kuan)
        group = [Line(key=cls, label=cls_name, code=cls,
                      values={C.AMOUNT: printed(cls_total, unit)})]
        group += [Line(key=code, label=name, code=code,
                       values={C.AMOUNT: printed(acc.economic.get(code, 0), unit)})
                  for code, name in kuan]
        groups.append(group)
    personnel = sum(v for k, v in acc.economic.items() if k[:3] in C.PERSONNEL_ECONOMIC_CLASSES)
    public = sum(v for k, v in acc.economic.items() if k[:3] in C.PUBLIC_ECONOMIC_CLASSES)
    totals = (Line(C.PERSONNEL_TOTAL, C.PERSONNEL_TOTAL, {C.AMOUNT: printed(personnel, unit)}),
              Line(C.PUBLIC_FUNDS_TOTAL, C.PUBLIC_FUNDS_TOTAL, {C.AMOUNT: printed(public, unit)}))
    return groups, totals


def sangong_line(budget: dict[str, Decimal], final: dict[str, Decimal]) -> Line:
    """Table 09's single row from the four item amounts of each side (already printed)."""
    values: dict[str, Decimal | None] = {}
    for side, amounts in ((C.BUDGET, budget), (C.FINAL, final)):
        values[f"{side}/合计"] = amounts["合计"]
        values[f"{side}/因公出国（境）费"] = amounts["因公出国（境）费"]
        values[f"{side}/公务用车购置及运行费"] = amounts["公务用车购置及运行费"]
        values[f"{side}/公务用车购置费"] = amounts["公务用车购置费"]
        values[f"{side}/公务用车运行费"] = amounts["公务用车运行费"]
        values[f"{side}/公务接待费"] = amounts["公务接待费"]
    return Line(key=C.TOTAL, label=C.TOTAL, values=values)


def _table09(acc: UnitAccounts, unit: str) -> Line:
    sides = []
    for fen in (acc.sangong_budget, acc.sangong_final):
        amounts = {k: printed(fen.get(k, 0), unit) for k in SANGONG_KEYS}
        amounts["合计"] = printed(sum(fen.get(k, 0) for k in SANGONG_KEYS), unit)
        amounts["公务用车购置及运行费"] = printed(
            fen.get("公务用车购置费", 0) + fen.get("公务用车运行费", 0), unit)
        sides.append(amounts)
    return sangong_line(*sides)


def _table08(layout: Layout) -> CodedTable:
    columns = (C.COLUMNS_08 if layout.t08_columns == "full"
               else ("本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"))
    return CodedTable(columns=columns, total=Line(C.TOTAL, C.TOTAL, {c: None for c in columns}),
                      rows=[])


def from_accounts(acc: UnitAccounts, layout: Layout, with_previous: bool = True) -> Statement:
    """Print exact accounts in a layout's unit and line structure."""
    unit = layout.amount_unit
    groups, totals = _table06(acc, unit)
    previous = None
    if with_previous and acc.previous is not None:
        previous = from_accounts(acc.previous, layout, with_previous=False)
    return Statement(
        unit_name=acc.unit_name,
        fiscal_year=acc.fiscal_year,
        amount_unit=unit,
        profile=acc.profile,
        t01=_table01(acc, layout),
        t02=_coded_table(acc, "02", unit),
        t03=_coded_table(acc, "03", unit),
        t04=_table04(acc, layout),
        t05=_coded_table(acc, "05", unit),
        t06_classes=groups,
        t06_totals=totals,
        t07=_coded_table(acc, "07", unit),
        t08=_table08(layout),
        t09=_table09(acc, unit),
        scope=acc.scope,
        consolidated=acc.consolidated,
        member_units=acc.member_units,
        budgets={c: printed(i.budget_gb, unit) for c, i in acc.items.items()
                 if i.gb_expenditure or i.budget_gb},
        previous=previous,
    )
