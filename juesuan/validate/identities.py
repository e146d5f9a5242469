"""Identities each table asserts about itself (DOMAIN.md, "Within a table").

The 决算 software generates these tables, so their own arithmetic holds up to rounding;
a failure beyond tolerance nearly always means a misread table (a dropped row, a
misread digit, a shifted column). Those on totals therefore quarantine (outcome.py).
T06.personnel_total / T06.public_total and the 07/08 balance are definitions that some
provinces draw differently: they are reported but do not quarantine.

Every rule yields Comparisons; rules.run_rules judges them with the tolerance policy.
A rule whose inputs were not printed yields nothing and is recorded as skipped.
"""

from __future__ import annotations

from typing import Iterator

from juesuan import canonical as C
from juesuan.codes import root_code, tree_parent
from juesuan.model import Record
from juesuan.validate import lines as L
from juesuan.validate.index import RecordIndex, amount_of
from juesuan.validate.rules import FINALS, Comparison, Context, rule, sum_comparison, where

FUNCTION_LENGTHS = (3, 5, 7)
ECONOMIC_LENGTHS = (3, 5, 7)  # 7: a province's economic sub-item under a 款 (3010201, budgets)


# --- classification-code trees -------------------------------------------------------

def coded_rows(index: RecordIndex, table_id: str, lengths: tuple[int, ...]) -> list[str]:
    return [k for k in index.rows(table_id) if k.isdigit() and len(k) in lengths]


SECTION_SEPARATOR = "/"


def sections(index: RecordIndex, table_id: str, lengths: tuple[int, ...]) -> dict[str, list[str]]:
    """Codes printed per section, in printed order: '' holds the plain codes; a budget
    printing one section per member unit keys its codes '<unit>/<code>' (schemas.keys)."""
    out: dict[str, list[str]] = {}
    for key in index.rows(table_id):
        section, _, code = key.rpartition(SECTION_SEPARATOR)
        root = root_code(code)  # a row placed by name under a code ('204>监狱') is in the tree too
        if root.isdigit() and len(root) in lengths:
            out.setdefault(section, []).append(code)
    return out


def in_section(section: str, code: str) -> str:
    return f"{section}{SECTION_SEPARATOR}{code}" if section else code


def nearest_parent(code: str, printed: set[str]) -> str | None:
    """The closest printed ancestor: a 项 whose 款 is not printed hangs on its 类."""
    candidate = tree_parent(code)
    while candidate is not None:
        if candidate in printed:
            return candidate
        candidate = tree_parent(candidate)
    return None


def children_of(codes: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """parent → printed children (in printed order), and the roots (no printed parent)."""
    printed = set(codes)
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for code in codes:
        parent = nearest_parent(code, printed)
        if parent is None:
            roots.append(code)
        else:
            children.setdefault(parent, []).append(code)
    return children, roots


def _label(index: RecordIndex, table_id: str, row_key: str) -> str:
    row = index.row(table_id, row_key)
    return next(iter(row.values())).row_label if row else ""


def tree_sums(index: RecordIndex, table_id: str, lengths: tuple[int, ...]) -> Iterator[Comparison]:
    """Every printed parent code = Σ its printed children, column by column (per section)."""
    for section, codes in sections(index, table_id, lengths).items():
        children, _ = children_of(codes)
        for parent, kids in children.items():
            parent_key = in_section(section, parent)
            for column in index.columns(table_id):
                total = index.get(table_id, parent_key, column)
                terms = [r for k in kids if (r := index.get(table_id, in_section(section, k), column)) is not None]
                if total is None or not terms:
                    continue
                yield sum_comparison(where(table_id, parent_key, column, _label(index, table_id, parent_key)),
                                     total, terms, detail=f"Σ {len(terms)} children")


@rule("Tcode.parent_sum", "error",
      "function-code parent = Σ its children (02, 03, 05, 07, 08; budgets also F05; per column)",
      quarantines=True)
def tcode_parent_sum(ctx: Context):
    for table_id in sorted(ctx.vocab.function_tables):
        yield from tree_sums(ctx.index, table_id, FUNCTION_LENGTHS)


def _sum_of_rows(index: RecordIndex, table_id: str, total_key: str, keys: list[str], detail: str):
    for column in index.columns(table_id):
        total = index.get(table_id, total_key, column)
        terms = [r for k in keys if (r := index.get(table_id, k, column)) is not None]
        if total is None or not terms:
            continue
        yield sum_comparison(where(table_id, total_key, column, _label(index, table_id, total_key)),
                             total, terms, detail=f"Σ {len(terms)} {detail}")


@rule("Tcode.total_sum", "error",
      "合计 row = Σ 类 rows (02, 03, 05, 07, 08; budgets also F05, and a member unit's row = Σ "
      "its 类, 合计 = Σ the units' rows; per column)", quarantines=True)
def tcode_total_sum(ctx: Context):
    index = ctx.index
    for table_id in sorted(ctx.vocab.function_tables):
        by_section = sections(index, table_id, FUNCTION_LENGTHS)
        for section, codes in by_section.items():
            _, roots = children_of(codes)
            if roots:
                yield from _sum_of_rows(index, table_id, section or C.TOTAL,
                                        [in_section(section, k) for k in roots], "类 rows")
        units = [s for s in by_section if s and index.row(table_id, s)]
        if units:
            yield from _sum_of_rows(index, table_id, C.TOTAL, units, "member units' rows")


@rule("T06.class_sum", "error", "06: each economic 类 = Σ its 款 (budgets also F06, E05, R09)",
      quarantines=True)
def t06_class_sum(ctx: Context):
    for table_id in sorted(ctx.vocab.economic_tables):
        yield from tree_sums(ctx.index, table_id, ECONOMIC_LENGTHS)


# --- row sums across columns ---------------------------------------------------------

def row_sums(index: RecordIndex, table_id: str, total_column: str,
             term_columns: tuple[str, ...]) -> Iterator[Comparison]:
    for row_key in index.rows(table_id):
        total = index.get(table_id, row_key, total_column)
        terms = [r for c in term_columns if (r := index.get(table_id, row_key, c)) is not None]
        if total is None or not terms:
            continue
        yield sum_comparison(where(table_id, row_key, total_column, total.row_label), total, terms,
                             detail="Σ " + " + ".join(t.column_key for t in terms))


@rule("T02.row_sum", "error", "02: 本年收入合计 = Σ source columns", quarantines=True, doc_types=FINALS)
def t02_row_sum(ctx: Context):
    yield from row_sums(ctx.index, "02", C.COLUMNS_02[0], C.COLUMNS_02[1:])


@rule("T03.row_sum", "error", "03: 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助",
      quarantines=True, doc_types=FINALS)
def t03_row_sum(ctx: Context):
    yield from row_sums(ctx.index, "03", C.COLUMNS_03[0], C.COLUMNS_03[1:])


@rule("T05.row_sum", "error", "05: 合计 = 基本支出 + 项目支出", quarantines=True, doc_types=FINALS)
def t05_row_sum(ctx: Context):
    yield from row_sums(ctx.index, "05", "合计", ("基本支出", "项目支出"))


# --- table 01 -------------------------------------------------------------------------

def _cell(index: RecordIndex, table_id: str, row_key: str, column: str = C.AMOUNT) -> Record | None:
    return index.get(table_id, row_key, column)


def _present(index: RecordIndex, table_id: str, keys, column: str = C.AMOUNT) -> list[Record]:
    return [r for k in keys if (r := index.get(table_id, k, column)) is not None]


def _line_total(index: RecordIndex, table_id: str, total_key: str, term_keys, column: str = C.AMOUNT,
                location_column: str | None = None):
    """A summary line = Σ other lines of the same column, when the total and a term are printed."""
    total = _cell(index, table_id, total_key, column)
    terms = _present(index, table_id, term_keys, column)
    if total is not None and terms:
        yield sum_comparison(where(table_id, total_key, location_column), total, terms)


@rule("T01.income_total", "error", "01: 本年收入合计 = Σ income lines", quarantines=True, doc_types=FINALS)
def t01_income_total(ctx: Context):
    index = ctx.index
    total = _cell(index, "01", C.INCOME_TOTAL)
    terms = _present(index, "01", L.income_lines_01(index.rows("01")))
    if total is not None and terms:
        yield sum_comparison(where("01", C.INCOME_TOTAL), total, terms,
                             detail=f"Σ {len(terms)} income lines")


@rule("T01.expenditure_total", "error", "01: 本年支出合计 = Σ expenditure lines (功能分类 类)",
      quarantines=True, doc_types=FINALS)
def t01_expenditure_total(ctx: Context):
    index = ctx.index
    keys = L.expenditure_lines(index.rows("01"))
    if any(k in L.NON_CLASS_EXPENDITURE_LINES for k in keys):
        return  # not the class layout: the lines are not additive
    total = _cell(index, "01", C.EXPENDITURE_TOTAL)
    terms = _present(index, "01", keys)
    if total is not None and terms:
        yield sum_comparison(where("01", C.EXPENDITURE_TOTAL), total, terms,
                             detail=f"Σ {len(terms)} expenditure lines")


@rule("T01.grand_total_income", "error",
      "01: 总计(收入) = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余", quarantines=True, doc_types=FINALS)
def t01_grand_total_income(ctx: Context):
    yield from _line_total(ctx.index, "01", C.GRAND_TOTAL_INCOME,
                           (C.INCOME_TOTAL, C.USE_OF_NON_FISCAL_BALANCE, C.OPENING_BALANCE))


@rule("T01.grand_total_expenditure", "error",
      "01: 总计(支出) = 本年支出合计 + 结余分配 + 年末结转和结余", quarantines=True, doc_types=FINALS)
def t01_grand_total_expenditure(ctx: Context):
    yield from _line_total(ctx.index, "01", C.GRAND_TOTAL_EXPENDITURE,
                           (C.EXPENDITURE_TOTAL, C.SURPLUS_DISTRIBUTION, C.CLOSING_BALANCE))


@rule("T01.grand_totals_equal", "error", "01: 总计(收入) = 总计(支出)", quarantines=True)
def t01_grand_totals_equal(ctx: Context):
    index = ctx.index
    income = _cell(index, "01", C.GRAND_TOTAL_INCOME)
    spending = _cell(index, "01", C.GRAND_TOTAL_EXPENDITURE)
    if income is not None and spending is not None:
        yield sum_comparison(f"01 {C.GRAND_TOTAL_INCOME} vs {C.GRAND_TOTAL_EXPENDITURE}",
                             income, [spending])


# --- table 04 -------------------------------------------------------------------------

def _expenditure_columns(index: RecordIndex) -> list[str]:
    return [c for c in C.COLUMNS_04_EXPENDITURE if c in index.columns("04")]


@rule("T04.row_sum", "error", "04: expenditure 合计 = Σ fund columns (per line)", quarantines=True)
def t04_row_sum(ctx: Context):
    yield from row_sums(ctx.index, "04", "合计", C.FUND_COLUMNS)


@rule("T04.income_total", "error", "04: 本年收入合计 = Σ fund income lines", quarantines=True)
def t04_income_total(ctx: Context):
    yield from _line_total(ctx.index, "04", C.INCOME_TOTAL, C.FUND_COLUMNS, location_column=C.AMOUNT)


@rule("T04.expenditure_total", "error", "04: 本年支出合计 = Σ expenditure lines (per column)",
      quarantines=True)
def t04_expenditure_total(ctx: Context):
    index = ctx.index
    keys = L.expenditure_lines(index.rows("04"), L.TOTAL_LINES_04)
    if any(k in L.NON_CLASS_EXPENDITURE_LINES for k in keys):
        return  # 基本/项目 breakdown lines: not the class layout, lines not additive
    for column in _expenditure_columns(index):
        total = _cell(index, "04", C.EXPENDITURE_TOTAL, column)
        terms = _present(index, "04", keys, column)
        if total is not None and terms:
            yield sum_comparison(where("04", C.EXPENDITURE_TOTAL, column), total, terms,
                                 detail=f"Σ {len(terms)} expenditure lines")


@rule("T04.opening_balance", "error",
      "04: 年初财政拨款结转和结余 = Σ its fund lines", quarantines=True)
def t04_opening_balance(ctx: Context):
    yield from _line_total(ctx.index, "04", C.OPENING_FISCAL_BALANCE,
                           [f"{C.OPENING_FISCAL_BALANCE}/{f}" for f in C.FUND_COLUMNS])


@rule("T04.grand_total_income", "error",
      "04: 总计(收入) = 本年收入合计 + 年初财政拨款结转和结余 (or its fund lines)", quarantines=True)
def t04_grand_total_income(ctx: Context):
    index = ctx.index
    total = _cell(index, "04", C.GRAND_TOTAL_INCOME)
    opening = _present(index, "04", (C.OPENING_FISCAL_BALANCE,)) or _present(
        index, "04", [f"{C.OPENING_FISCAL_BALANCE}/{f}" for f in C.FUND_COLUMNS])
    terms = _present(index, "04", (C.INCOME_TOTAL,)) + opening
    if total is not None and terms:
        yield sum_comparison(where("04", C.GRAND_TOTAL_INCOME), total, terms)


@rule("T04.grand_total_expenditure", "error",
      "04: 总计(支出) = 本年支出合计 + 年末财政拨款结转和结余 (per column)", quarantines=True)
def t04_grand_total_expenditure(ctx: Context):
    index = ctx.index
    for column in _expenditure_columns(index):
        yield from _line_total(index, "04", C.GRAND_TOTAL_EXPENDITURE,
                               (C.EXPENDITURE_TOTAL, C.CLOSING_FISCAL_BALANCE), column, location_column=column)


@rule("T04.grand_totals_equal", "error", "04: 总计(收入) = 总计(支出) 合计", quarantines=True)
def t04_grand_totals_equal(ctx: Context):
    index = ctx.index
    income = _cell(index, "04", C.GRAND_TOTAL_INCOME)
    spending = _cell(index, "04", C.GRAND_TOTAL_EXPENDITURE, "合计")
    if income is not None and spending is not None:
        yield sum_comparison(f"04 {C.GRAND_TOTAL_INCOME} vs {C.GRAND_TOTAL_EXPENDITURE}/合计",
                             income, [spending])


# --- table 06 -------------------------------------------------------------------------

def economic_class(index: RecordIndex, code: str, column: str = C.AMOUNT) -> list[Record]:
    """A 类 as printed: its own row, or when only its 款 are printed, those."""
    own = index.get("06", code, column)
    if own is not None:
        return [own]
    return [r for k in index.rows("06")
            if k.isdigit() and len(k) == 5 and k.startswith(code)
            and (r := index.get("06", k, column)) is not None]


def _class_total(ctx: Context, total_key: str, classes: tuple[str, ...]) -> Iterator[Comparison]:
    amount = ctx.vocab.amount
    total = ctx.index.get("06", total_key, amount)
    terms = [r for code in classes for r in economic_class(ctx.index, code, amount)]
    if total is not None and terms:
        yield sum_comparison(where("06", total_key), total, terms,
                             detail="Σ " + " + ".join(t.row_key for t in terms))


@rule("T06.personnel_total", "error", "06: 人员经费合计 = 301 + 303")
def t06_personnel_total(ctx: Context):
    yield from _class_total(ctx, C.PERSONNEL_TOTAL, C.PERSONNEL_ECONOMIC_CLASSES)


@rule("T06.public_total", "error", "06: 公用经费合计 = 302 + 307 + 309 + 310 + 399 (as printed)")
def t06_public_total(ctx: Context):
    yield from _class_total(ctx, C.PUBLIC_FUNDS_TOTAL, C.PUBLIC_ECONOMIC_CLASSES)


# --- tables 07 / 08 -------------------------------------------------------------------

OPENING, INCOME, SPENT, BASIC, PROJECT, CLOSING = C.COLUMNS_07


def balances(index: RecordIndex, table_id: str) -> Iterator[Comparison]:
    """年末 = 年初 + 本年收入 − 本年支出 (every row that prints all four)."""
    for row_key in index.rows(table_id):
        cells = [index.get(table_id, row_key, c) for c in (CLOSING, OPENING, INCOME, SPENT)]
        if any(c is None for c in cells):
            continue
        closing, opening, income, spent = cells
        expected = amount_of(opening) + amount_of(income) - amount_of(spent)
        yield Comparison(location=where(table_id, row_key, CLOSING, closing.row_label),
                         actual=amount_of(closing), expected=expected,
                         records=(closing, opening, income, spent), tables=(table_id,),
                         detail="年初 + 本年收入 − 本年支出")


@rule("T07.balance", "error", "07: 年末结转和结余 = 年初 + 本年收入 − 本年支出", doc_types=FINALS)
def t07_balance(ctx: Context):
    yield from balances(ctx.index, "07")


@rule("T08.balance", "error", "08: 年末结转和结余 = 年初 + 本年收入 − 本年支出", doc_types=FINALS)
def t08_balance(ctx: Context):
    yield from balances(ctx.index, "08")


@rule("T07.spending_sum", "error", "07/08: 本年支出 小计 = 基本支出 + 项目支出", quarantines=True,
      doc_types=FINALS)
def t07_spending_sum(ctx: Context):
    for table_id in ("07", "08"):
        yield from row_sums(ctx.index, table_id, SPENT, (BASIC, PROJECT))


# --- table 09 -------------------------------------------------------------------------

_ABROAD, _CARS, _CAR_BUY, _CAR_RUN, _RECEPTION = C.SANGONG_ITEMS[1:]
_SANGONG_PARTS = {_CARS: (_CAR_BUY, _CAR_RUN)}


def _sangong_groups(index: RecordIndex, sides: tuple[str, ...]) -> list[tuple[str, str]]:
    """(side, fund suffix) pairs printed in 09: '预算数/公务接待费' has ('预算数', ''), a budget's
    '预算数/公务接待费/一般公共预算财政拨款' has ('预算数', '/一般公共预算财政拨款')."""
    groups: list[tuple[str, str]] = []
    for column in index.columns("09"):
        side, _, rest = column.partition("/")
        if side not in sides:
            continue
        _, slash, fund = rest.partition("/")
        group = (side, slash + fund)
        if group not in groups:
            groups.append(group)
    return groups


def _sangong(ctx: Context, total_item: str, items: tuple[str, ...]) -> Iterator[Comparison]:
    index = ctx.index
    for row_key in index.rows("09"):
        for side, fund in _sangong_groups(index, ctx.vocab.sangong_sides):
            total = index.get("09", row_key, f"{side}/{total_item}{fund}")
            terms = []
            for item in items:
                record = index.get("09", row_key, f"{side}/{item}{fund}")
                parts = [r for p in _SANGONG_PARTS.get(item, ())
                         if (r := index.get("09", row_key, f"{side}/{p}{fund}")) is not None]
                if record is not None and record.amount is None and any(r.amount for r in parts):
                    terms += parts  # a subtotal printed blank: T09.vehicle_subtotal reports it once
                elif record is not None:
                    terms.append(record)
            if total is not None and terms:
                yield sum_comparison(where("09", row_key, total.column_key), total, terms,
                                     detail="Σ " + " + ".join(t.column_key for t in terms))


@rule("T09.total", "error", "09: 合计 = 因公出国(境) + 公务用车购置及运行 + 公务接待 (预算数, 决算数)",
      quarantines=True)
def t09_total(ctx: Context):
    yield from _sangong(ctx, C.SANGONG_ITEMS[0], (_ABROAD, _CARS, _RECEPTION))


@rule("T09.vehicle_subtotal", "error", "09: 公务用车购置及运行费 = 购置费 + 运行费 (预算数, 决算数)",
      quarantines=True)
def t09_vehicle_subtotal(ctx: Context):
    yield from _sangong(ctx, _CARS, (_CAR_BUY, _CAR_RUN))


RULES = (
    tcode_parent_sum, tcode_total_sum, t02_row_sum, t03_row_sum, t05_row_sum,
    t01_income_total, t01_expenditure_total, t01_grand_total_income,
    t01_grand_total_expenditure, t01_grand_totals_equal,
    t04_row_sum, t04_income_total, t04_expenditure_total, t04_opening_balance,
    t04_grand_total_income, t04_grand_total_expenditure, t04_grand_totals_equal,
    t06_class_sum, t06_personnel_total, t06_public_total,
    t07_balance, t08_balance, t07_spending_sum, t09_total, t09_vehicle_subtotal,
)
