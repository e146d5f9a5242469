"""Guards against numbers that are arithmetic-consistent nonsense.

Identities cannot catch everything a misreading produces: a 栏次 row (1, 2, 3, 4…) or
a header's years read as money, a 元 figure taken for 万元, one physical table mapped to
two canonical ids. These guards are deliberately narrow — each pattern below is next to
impossible in a real table — because a false finding costs the bureau's trust: none of
them fires on the hand-verified truth files.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from itertools import combinations

from juesuan import canonical as C
from juesuan.model import Finding, Record
from juesuan.validate.index import RecordIndex
from juesuan.validate.rules import Context, pages_of, rule, where

# 10^7 万元 = 1000 亿元: beyond the whole budget of most provinces, never one unit's.
SCALE_BOUND = Decimal(10) ** 7
MIN_INDEX_RUN_ROW = 3      # a row reading 1, 2, 3 …
MIN_INDEX_RUN_COLUMN = 5   # a single-value column reading 1, 2, 3, 4, 5 … down the rows
YEAR_RANGE = (Decimal(1990), Decimal(2100))
MIN_SHARED_FIGURES = 3
HEADER_WORDS = frozenset({"栏次", "行次", "项目", "科目", "科目名称", "科目编码", "功能分类科目编码",
                          "经济分类科目编码", "金额", "决算数", "预算数", "年初预算数",
                          "单位：万元", "单位:万元", "单位：元", "单位:元"})
SINGLE_COLUMN_TABLES = ("01", "06")
# Pairs of tables that legitimately repeat each other's figures: 01–05 and 07/08 with 04
# restate one another for a unit funded from one source. Every other pair sharing all
# its non-zero figures means one page was read twice.
RELATED_TABLES = frozenset({frozenset(p) for p in combinations(("01", "02", "03", "04", "05"), 2)}
                           | {frozenset(("04", "07")), frozenset(("04", "08")),
                              frozenset(("02", "07")), frozenset(("03", "07")),
                              frozenset(("02", "08")), frozenset(("03", "08"))}
                           # a budget's extras restate their canonical neighbours
                           | {frozenset(p) for p in combinations(("01", "02", "03", "04", "05", "F05"), 2)}
                           | {frozenset(p) for p in combinations(("06", "F06", "E05", "R09"), 2)})


def _ordered_row(index: RecordIndex, table_id: str, row_key: str) -> list[Record]:
    """A row's cells in canonical column order (extras after), blanks dropped."""
    canonical = C.CANONICAL_COLUMNS.get(table_id, ())
    cells = index.row(table_id, row_key)
    order = [c for c in canonical if c in cells] + [c for c in cells if c not in canonical]
    return [cells[c] for c in order if cells[c].amount is not None]


def _is_integral(value: Decimal) -> bool:
    return value == value.to_integral_value()


def _consecutive(values: list[Decimal]) -> bool:
    return (all(_is_integral(v) for v in values)
            and all(b - a == 1 for a, b in zip(values, values[1:])))


@rule("plausibility.scale", "error",
      f"an amount beyond {SCALE_BOUND} 万元 (no unit's figure is that large: unit or digits misread)",
      quarantines=True)
def scale(ctx: Context):
    for rec in ctx.index.records:
        if rec.amount is None:
            continue
        if abs(rec.amount) <= SCALE_BOUND:
            yield None
            continue
        location = where(rec.table_id, rec.row_key, rec.column_key)
        yield Finding("plausibility.scale", "error",
                      f"{location} prints {rec.amount} 万元, beyond the plausible bound "
                      f"{SCALE_BOUND} 万元", table_ids=(rec.table_id,), pages=pages_of([rec]),
                      actual=rec.amount, expected=SCALE_BOUND, location=location)


@rule("plausibility.index_row", "error",
      "a 栏次/行次 index read as money (values 1, 2, 3 … across a row or down a column)",
      quarantines=True)
def index_row(ctx: Context):
    index = ctx.index
    for table_id in index.tables():
        for row_key in index.rows(table_id):
            cells = _ordered_row(index, table_id, row_key)
            values = [c.amount for c in cells]
            hit = len(values) >= MIN_INDEX_RUN_ROW and _consecutive(values)
            yield _index_finding(table_id, row_key, cells, "across the row") if hit else None
    for table_id in SINGLE_COLUMN_TABLES:
        cells = [r for r in index.table_records(table_id)
                 if r.column_key == ctx.vocab.amount and r.amount is not None]
        values = [c.amount for c in cells]
        if len(values) < MIN_INDEX_RUN_COLUMN:
            continue
        hit = sorted(values) == [Decimal(i) for i in range(1, len(values) + 1)]
        yield _index_finding(table_id, ctx.vocab.amount, cells, "down the column") if hit else None


def _index_finding(table_id: str, key: str, cells: list[Record], how: str) -> Finding:
    shown = ", ".join(str(c.amount) for c in cells[:8])
    return Finding("plausibility.index_row", "error",
                   f"{table_id} {key}: values {shown} run 1, 2, 3 … {how}: an index (栏次/行次) "
                   f"read as money", table_ids=(table_id,), pages=pages_of(cells),
                   location=f"{table_id} {key}")


@rule("plausibility.year_row", "warning",
      "a row whose every figure is a whole year (e.g. 2023, 2024): a header read as money")
def year_row(ctx: Context):
    index = ctx.index
    low, high = YEAR_RANGE
    for table_id in index.tables():
        for row_key in index.rows(table_id):
            cells = _ordered_row(index, table_id, row_key)
            values = [c.amount for c in cells]
            hit = (len(set(values)) >= 2
                   and all(_is_integral(v) and low <= v <= high for v in values))
            if not hit:
                yield None
                continue
            yield Finding("plausibility.year_row", "warning",
                          f"{where(table_id, row_key)}: every figure is a year "
                          f"({', '.join(str(v) for v in values[:6])}): a header read as money?",
                          table_ids=(table_id,), pages=pages_of(cells),
                          location=where(table_id, row_key))


@rule("plausibility.header_row", "error", "a header word (栏次, 项目, 金额 …) keyed as a data row",
      quarantines=True)
def header_row(ctx: Context):
    index = ctx.index
    for table_id in index.tables():
        for row_key in index.rows(table_id):
            if row_key not in HEADER_WORDS:
                yield None
                continue
            cells = list(index.row(table_id, row_key).values())
            yield Finding("plausibility.header_row", "error",
                          f"{where(table_id, row_key)}: a table header was read as a data row",
                          table_ids=(table_id,), pages=pages_of(cells),
                          location=where(table_id, row_key))


def _nonzero_figures(index: RecordIndex, table_id: str) -> Counter:
    return Counter(r.amount for r in index.table_records(table_id) if r.amount)


@rule("plausibility.duplicate_table", "warning",
      "two unrelated tables print exactly the same non-zero figures (one page read twice?)")
def duplicate_table(ctx: Context):
    index = ctx.index
    figures = {t: _nonzero_figures(index, t) for t in index.tables()}
    for a, b in combinations(index.tables(), 2):
        if frozenset((a, b)) in RELATED_TABLES:
            continue
        same = figures[a] and figures[a] == figures[b]
        if not same or sum(figures[a].values()) < MIN_SHARED_FIGURES:
            yield None
            continue
        records = index.table_records(a) + index.table_records(b)
        yield Finding("plausibility.duplicate_table", "warning",
                      f"tables {a} and {b} print the same {sum(figures[a].values())} non-zero "
                      f"figures: one physical table mapped to two ids?",
                      table_ids=(a, b), pages=pages_of(records), location=f"{a} vs {b}")


RULES = (scale, index_row, year_row, header_row, duplicate_table)
