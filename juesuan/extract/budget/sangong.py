"""Budget table 09 (“三公”经费预算表) in the shapes budgets print it.

Columns name an item (the finals' six, plus 会议费, 培训费, 机关运行经费, 行政经费 that
some provinces add) and a side: 预算数 for the year budgeted, 上年预算数 for a column of
last year's budget (上年, or an earlier year: 2025年预算数 in a 2026 budget). Where the
items are split by fund (Shenzhen: 一般公共预算 | 政府性基金预算 | 国有资本经营预算 under
each item) the fund is appended: 预算数/公务接待费/一般公共预算财政拨款. Three layouts:
  - items as columns, one row (合计) or one row per member unit (as in finals);
  - items as columns and a 年度 column giving each row's year (2025年, 2026年);
  - items as rows (因公出国(境)支出, 公务接待费 …) and funds as columns.
"""

from __future__ import annotations

import re

from juesuan.canonical import BUDGET, TOTAL
from juesuan.extract.budget.columns import fund_of, is_previous_year, without_index
from juesuan.canonical import CHANGE, PREVIOUS_BUDGET
from juesuan.extract.columns import key_09
from juesuan.extract.emit import TableOutput
from juesuan.extract.grid import Grid
from juesuan.extract.header import ColumnInfo, body_starts, column_roles, header_paths, is_index_row, strip_numbering
from juesuan.extract.sangong import sangong_body_start

PREVIOUS_FINAL = "上年决算数"
GRAND_TOTAL = "总计"  # 三公 + 会议费 + 培训费, where a province prints that sum
_YEAR = re.compile(r"^((?:19|20)\d{2})年?度?$")
# Columns some provinces print beside the 三公 items (their names contain 运行/费, which
# key_09 would take for 公务用车运行费).
_ADDED_ITEMS = ((("机关运行",), "机关运行经费"), (("行政经费",), "行政经费"), (("会议",), "会议费"),
                (("培训",), "培训费"))
_ITEM_WORDS = ("出国", "接待", "公务用车", "三公", "行政经费", "会议费", "培训费", "机关运行")
_SIDE_WORDS = re.compile(r"(?:(?:19|20)\d{2}年度?)?(?:预算数|决算数|预算|决算)(?:\(.*\))?$")


def _side(path: tuple[str, ...], fiscal_year: int | None) -> str:
    text = "".join(path)
    if "决算" in text and "预(决)算" not in text:
        return PREVIOUS_FINAL
    return PREVIOUS_BUDGET if is_previous_year(path, fiscal_year) else BUDGET


def item_of(parts: tuple[str, ...]) -> str | None:
    """The 三公 item (or an added column) a header path names, from key_09's vocabulary."""
    cleaned = tuple(p for p in (_SIDE_WORDS.sub("", q) for q in parts) if p and not _YEAR.match(p))
    if not cleaned:
        return None
    for words, item in _ADDED_ITEMS:
        if any(w in cleaned[-1] for w in words):
            return item
    key = key_09((BUDGET,) + cleaned)
    if key is None and any("三公" in p for p in cleaned):
        return TOTAL
    return key.split("/", 1)[1] if key else None


def column_key(path: tuple[str, ...], fiscal_year: int | None, side: str | None = None) -> str | None:
    path = without_index(path)
    leaf = path[-1] if path else ""
    fund = fund_of(leaf) if len(path) > 1 and not any(w in leaf for w in _ITEM_WORDS) else None
    item = item_of(path[:-1] if fund else path)
    if item is None:
        return None
    key = f"{side or _side(path, fiscal_year)}/{item}"
    return f"{key}/{fund}" if fund else key


def _year_column(columns: list[ColumnInfo]) -> ColumnInfo | None:
    return next((c for c in columns if any("年度" == p or p == "年份" for p in c.path)), None)


def _label_columns(columns: list[ColumnInfo]) -> list[ColumnInfo]:
    return [c for c in columns if c.role == "name"]


def _items_as_rows(grid: Grid, start: int, label_cols: list[ColumnInfo]) -> bool:
    if not label_cols:
        return False
    col = label_cols[0].index
    texts = [grid.text(r, col) for r in range(start, grid.n_rows)]
    return sum(1 for t in texts if any(w in t for w in ("出国", "接待", "公务用车"))) >= 2


def read_budget_sangong(grids: list[Grid], unit: str, fiscal_year: int | None) -> TableOutput:
    out = TableOutput("09", unit)
    starts = body_starts(grids, sangong_body_start(grids[0]))
    first = grids[0]
    columns = column_roles(grids, starts, header_paths(first, starts[0]))
    labels = _label_columns(columns)
    if _items_as_rows(first, starts[0], labels):
        return _read_items_as_rows(grids, starts, columns, labels[0], out, fiscal_year)
    year_col = _year_column(columns)
    # A column is a value column when its header names an item: whole numbers (15) would
    # otherwise pass for codes or line numbers.
    value_cols = [c for c in columns if c is not year_col and c.role != "name" and c.path
                  and column_key(c.path, fiscal_year) is not None or c.role == "value" and c is not year_col]
    mapped = _map_columns(value_cols, fiscal_year, out, first.page)
    row_labels = [c for c in labels if c is not year_col]
    first_unit: str | None = None
    previous_label = ""
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            if is_index_row(grid, row):
                continue
            label = next((grid.cell(row, c.index).label for c in row_labels
                          if grid.owns(row, c.index) and grid.text(row, c.index)), "")
            if label.startswith(("注", "说明")):
                continue
            side = None
            if year_col is not None:
                # One block of rows per unit (2025年 / 2026年 / 增减变化金额); a block that
                # continues on the next page leaves the unit's cell blank.
                label = label or previous_label
                year_text = grid.text(row, year_col.index)
                year = _YEAR.match(year_text)
                if year and fiscal_year:
                    side = BUDGET if int(year.group(1)) >= fiscal_year else PREVIOUS_BUDGET
                elif "增减" in year_text or "变化" in year_text:
                    side = CHANGE
            previous_label = label
            if not label or strip_numbering(label) in ("合计", "总计"):
                key = TOTAL
            else:
                first_unit = first_unit or label
                key = TOTAL if label == first_unit and not _has_total_row(grids, starts, row_labels) else label
            for col, column in mapped:
                if side is not None:
                    column = side + column[column.index("/"):]
                cell = grid.cell(row, col.index) if grid.owns(row, col.index) else None
                out.add(key, column, cell, label or TOTAL, grid.page)
    return out


def _has_total_row(grids, starts, label_cols) -> bool:
    return any(strip_numbering(grid.text(r, c.index)) in ("合计", "总计")
               for grid, start in zip(grids, starts) for r in range(start, grid.n_rows) for c in label_cols)


def _map_columns(value_cols: list[ColumnInfo], fiscal_year: int | None, out: TableOutput, page: int):
    mapped: list[tuple[ColumnInfo, str]] = []
    for col in value_cols:
        key = column_key(col.path, fiscal_year)
        if key is None:
            out.problem("unknown_column", f"column {col.index + 1} header {col.header!r} not recognised", page)
            continue
        mapped.append((col, key))
    # A 合计 over 三公, 会议费 and 培训费 beside the 三公 小计 (Jiangsu): the wider sum is 总计.
    by_key: dict[str, list[ColumnInfo]] = {}
    for col, key in mapped:
        by_key.setdefault(key, []).append(col)
    renamed = []
    for col, key in mapped:
        twins = by_key[key]
        if len(twins) > 1 and key.endswith(f"/{TOTAL}") and not any("三公" in p for p in col.path) \
                and any(any("三公" in p for p in t.path) for t in twins):
            key = key[: -len(TOTAL)] + GRAND_TOTAL
        renamed.append((col, key))
    kept, seen = [], set()
    for col, key in renamed:
        if key in seen:
            out.problem("unknown_column", f"two columns map to {key!r} (header {col.header!r})", page)
            continue
        seen.add(key)
        kept.append((col, key))
    return kept


def _read_items_as_rows(grids, starts, columns, label_col: ColumnInfo, out: TableOutput,
                        fiscal_year: int | None) -> TableOutput:
    value_cols = [c for c in columns if c.role == "value"]
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            if not grid.owns(row, label_col.index):
                continue
            label = grid.cell(row, label_col.index).label
            item = item_of((strip_numbering(re.sub(r"^其中[:：]", "", strip_numbering(label))),))
            if item is None:
                if any(grid.text(row, c.index) for c in value_cols):
                    out.problem("unknown_row", f"row {row + 1} ({label}) names no 三公 item", grid.page)
                continue
            for col in value_cols:
                fund = fund_of(col.header)
                side = _side(col.path, fiscal_year)
                key = f"{side}/{item}" + (f"/{fund}" if fund else "")
                cell = grid.cell(row, col.index) if grid.owns(row, col.index) else None
                out.add(TOTAL, key, cell, label, grid.page)
    return out
