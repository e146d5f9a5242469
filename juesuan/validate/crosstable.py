"""Identities between tables (DOMAIN.md, "Across tables").

Different tables of a package are often filled in separately, so real documents do
print mismatches between them (the seed's 06 totals miss 05 基本支出 by 0.01, within
tolerance; a 0.02 slip between tables happens). Such a finding is reported as an error
of the document but does not make its numbers unusable: none of these rules
quarantines (outcome.py). X06_09.items is an inequality and only a warning.

A side that was not printed (table absent, row not printed) skips the comparison; a
printed blank counts as 0, so an all-blank 07 against a non-zero 04 column fails while
blank against 0.00 passes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from juesuan import canonical as C
from juesuan.model import Record
from juesuan.validate import lines as L
from juesuan.validate.identities import economic_class, in_section, sections
from juesuan.validate.index import RecordIndex, amount_of
from juesuan.validate.rules import FINALS, LE, Comparison, Context, rule, sum_comparison

FISCAL_INCOME_LINES_01 = C.INCOME_LINES_01[:3]


def _cell(index: RecordIndex, table_id: str, row_key: str, column: str = C.AMOUNT) -> Record | None:
    return index.get(table_id, row_key, column)


def _loc(left: Record, right: Record) -> str:
    return (f"{left.table_id} {left.row_key}/{left.column_key} vs "
            f"{right.table_id} {right.row_key}/{right.column_key}")


def _pair(index: RecordIndex, left: tuple[str, str, str], right: tuple[str, str, str]):
    a, b = index.get(*left), index.get(*right)
    if a is not None and b is not None:
        yield sum_comparison(_loc(a, b), a, [b])


@rule("X01_02.income_total", "error", "01 本年收入合计 = 02 合计 本年收入合计", doc_types=FINALS)
def x01_02_income_total(ctx: Context):
    yield from _pair(ctx.index, ("01", C.INCOME_TOTAL, C.AMOUNT), ("02", C.TOTAL, C.COLUMNS_02[0]))


@rule("X01_03.expenditure_total", "error", "01 本年支出合计 = 03 合计 本年支出合计 (a budget's 03: 合计)")
def x01_03_expenditure_total(ctx: Context):
    yield from _pair(ctx.index, ("01", C.EXPENDITURE_TOTAL, ctx.vocab.amount),
                     ("03", C.TOTAL, ctx.vocab.expenditure_total))


def _class_lines(index: RecordIndex, table_id: str, totals: frozenset[str], column: str,
                 coded_table: str, coded_column: str) -> Iterator[Comparison]:
    """Each 类 line of a summary table against the coded table's row of that 类.

    A class line whose coded row is not printed is compared with 0 (coded tables print
    only the classes the unit spends on); an unrecognised label is left alone. A budget
    printing the coded table in member-unit sections has no row of the whole 类: the
    class line is compared with the sum of the sections' rows of that 类.
    """
    if not index.has_table(coded_table) or coded_column not in index.columns(coded_table):
        return
    by_section = sections(index, coded_table, (3, 5, 7))
    if not any(by_section.values()) and not any("/" in k for k in index.rows(coded_table)):
        return  # no coded row at all (rows printed by name only): nothing to compare a class with
    for row_key in L.expenditure_lines(index.rows(table_id), totals):
        line = index.get(table_id, row_key, column)
        code = L.class_code(row_key)
        if line is None or code is None:
            continue
        coded = index.get(coded_table, code, coded_column)
        terms = [coded] if coded is not None else _class_parts(index, coded_table, coded_column, by_section, code)
        location = (f"{table_id} {row_key}/{column} vs {coded_table} {code}/{coded_column}"
                    + ("" if terms else " (row not printed: 0)")
                    + (f" (Σ {len(terms)} rows under it)" if coded is None and terms else ""))
        if not terms:
            yield Comparison(location=location, actual=amount_of(line), expected=Decimal(0),
                             records=(line,), tables=(table_id, coded_table))
        else:
            yield sum_comparison(location, line, terms, tables=(table_id, coded_table))


def _class_parts(index: RecordIndex, table_id: str, column: str, by_section: dict[str, list[str]],
                 code: str) -> list[Record]:
    """A 类 whose own row is not printed, as the rows that carry it: in each section (member
    unit), the highest printed rows under the class (its 款, or its 项 where no 款 is printed)."""
    parts: list[Record] = []
    for section, codes in by_section.items():
        if section.rpartition("/")[2].isdigit():
            continue  # '<function>/<economic>' rows (Beijing's 支出总表): counted below
        under = [c for c in codes if c.startswith(code) and c != code]
        printed = set(under)
        tops = [c for c in under if not any(c != p and c.startswith(p) for p in printed)]
        parts += [r for c in tops if (r := index.get(table_id, in_section(section, c), column)) is not None]
    # A table of function × economic rows: every row of a function code under the class.
    for key in index.rows(table_id):
        codes = [p for p in key.split("/") if p.isdigit()]
        function = next((c for c in codes if c[0] == "2"), "")
        if function.startswith(code) and any(c[0] == "3" for c in codes):
            if (r := index.get(table_id, key, column)) is not None:
                parts.append(r)
    return parts


@rule("X01_03.class_lines", "error", "01 expenditure line of each 类 = 03 row of that 类")
def x01_03_class_lines(ctx: Context):
    yield from _class_lines(ctx.index, "01", L.TOTAL_LINES_01, ctx.vocab.amount, "03",
                            ctx.vocab.expenditure_total)


@rule("X02_01.fiscal_income", "error",
      "02 合计 财政拨款收入 = 01 一般公共预算 + 政府性基金 + 国有资本经营 财政拨款收入", doc_types=FINALS)
def x02_01_fiscal_income(ctx: Context):
    index = ctx.index
    total = _cell(index, "02", C.TOTAL, C.COLUMNS_02[1])
    single = _cell(index, "01", L.FISCAL_INCOME_LINE)
    terms = [single] if single is not None else [
        r for k in FISCAL_INCOME_LINES_01 if (r := _cell(index, "01", k)) is not None]
    if total is not None and terms:
        yield sum_comparison(f"02 {C.TOTAL}/{C.COLUMNS_02[1]} vs 01 fiscal income lines",
                             total, terms)


@rule("X01_04.fiscal_income", "error", "01 fund income lines = 04 fund income lines", doc_types=FINALS)
def x01_04_fiscal_income(ctx: Context):
    amount = ctx.vocab.amount
    for line_01, line_04 in zip(FISCAL_INCOME_LINES_01, C.FUND_COLUMNS):
        yield from _pair(ctx.index, ("01", line_01, amount), ("04", line_04, amount))


@rule("X04_05.class_lines", "error", "04 一般公共预算财政拨款 expenditure by 类 = 05 rows")
def x04_05_class_lines(ctx: Context):
    yield from _class_lines(ctx.index, "04", L.TOTAL_LINES_04, C.FUND_COLUMNS[0], "05", "合计")


@rule("X05_04.total", "error", "05 合计 = 04 本年支出合计 一般公共预算财政拨款")
def x05_04_total(ctx: Context):
    yield from _pair(ctx.index, ("05", C.TOTAL, "合计"),
                     ("04", C.EXPENDITURE_TOTAL, C.FUND_COLUMNS[0]))


@rule("X05_06.basic", "error", "05 合计 基本支出 = 06 人员经费合计 + 公用经费合计 (a budget: 06 合计)")
def x05_06_basic(ctx: Context):
    index, amount = ctx.index, ctx.vocab.amount
    basic = _cell(index, "05", C.TOTAL, "基本支出")
    if basic is None or not index.has_table("06"):
        return
    totals = [r for k in (C.PERSONNEL_TOTAL, C.PUBLIC_FUNDS_TOTAL)
              if (r := _cell(index, "06", k, amount)) is not None]
    detail = "06 人员经费合计 + 公用经费合计"
    if not totals and (total := _cell(index, "06", C.TOTAL, amount)) is not None:
        totals, detail = [total], "06 合计"
    if not totals:  # a layout without the two total lines: the 类 carry the same sum
        totals = [r for k in sorted({k[:3] for k in index.rows("06") if k.isdigit()})
                  for r in economic_class(index, k, amount)]
        detail = "Σ 06 economic 类"
    if totals:
        yield sum_comparison(f"05 {C.TOTAL}/基本支出 vs 06", basic, totals, detail=detail)


SANGONG_ITEMS_IN_06 = (
    ("30212", "因公出国（境）费"),
    ("30217", "公务接待费"),
    ("31013", "公务用车购置费"),
    ("30231", "公务用车运行费"),
)


def _sangong_row(index: RecordIndex) -> str | None:
    rows = index.rows("09")
    if C.TOTAL in rows:
        return C.TOTAL
    return rows[0] if len(rows) == 1 else None


@rule("X06_09.items", "warning",
      "06 items within 09 决算数 (a budget: 预算数): 30212 ≤ 出国, 30217 ≤ 接待, 31013 ≤ 车购置, "
      "30231 ≤ 车运行")
def x06_09_items(ctx: Context):
    index = ctx.index
    row = _sangong_row(index)
    if row is None:
        return
    side = C.FINAL if ctx.doc_type != C.DOC_BUDGET else C.BUDGET
    for code, item in SANGONG_ITEMS_IN_06:
        part = _cell(index, "06", code, ctx.vocab.amount)
        whole = _cell(index, "09", row, f"{side}/{item}")
        if part is None or whole is None:
            continue
        yield Comparison(location=f"06 {code} ({part.row_label}) ≤ 09 {row}/{whole.column_key}",
                         actual=amount_of(part), expected=amount_of(whole),
                         records=(part, whole), tables=("06", "09"), kind=LE)


FUND_TABLES = (("07", C.FUND_COLUMNS[1]), ("08", C.FUND_COLUMNS[2]))


def _fund_pairs(fund: str) -> tuple[tuple[str, tuple[str, str]], ...]:
    """(07/08 合计 column, the matching 04 cell: row, column)."""
    return (
        ("本年支出/小计", (C.EXPENDITURE_TOTAL, fund)),
        ("本年收入", (fund, C.AMOUNT)),
        ("年初结转和结余", (f"{C.OPENING_FISCAL_BALANCE}/{fund}", C.AMOUNT)),
        ("年末结转和结余", (C.CLOSING_FISCAL_BALANCE, fund)),
    )


def _fund_totals(ctx: Context, table_id: str, fund: str) -> Iterator[Comparison]:
    for column, (row_04, column_04) in _fund_pairs(fund):
        yield from _pair(ctx.index, (table_id, C.TOTAL, column), ("04", row_04, column_04))


@rule("X07_04.totals", "error", "07 合计 (年初, 本年收入, 本年支出, 年末) = 04 政府性基金预算财政拨款",
      doc_types=FINALS)
def x07_04_totals(ctx: Context):
    yield from _fund_totals(ctx, *FUND_TABLES[0])


@rule("X08_04.totals", "error", "08 合计 (年初, 本年收入, 本年支出, 年末) = 04 国有资本经营预算财政拨款",
      doc_types=FINALS)
def x08_04_totals(ctx: Context):
    yield from _fund_totals(ctx, *FUND_TABLES[1])


RULES = (
    x01_02_income_total, x01_03_expenditure_total, x01_03_class_lines, x02_01_fiscal_income,
    x01_04_fiscal_income, x04_05_class_lines, x05_04_total, x05_06_basic, x06_09_items,
    x07_04_totals, x08_04_totals,
)
