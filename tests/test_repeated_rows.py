"""A row printed twice: one row repeated on the next line, or two rows sharing a key.

Real budgets print a 项 with its 款's code or name on the line right below the 款, with
the same figures (无锡 21999 / 21999, 深圳 其他支出 / 其他支出 / 其他支出): that is one row and
is counted once, noted. Beijing's 一般公共预算支出表 lists one 项 row per member unit without
the unit's name, so two units with the same figure print the same full code on two lines:
those are two rows, in two blocks (第N组), both counted.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.extract.budget.rows import RowKeyer
from juesuan.extract.emit import TableOutput
from juesuan.extract.grid import Cell, Grid
from juesuan.extract.header import ColumnInfo


def _cell(row: int, col: int, text: str) -> Cell:
    return Cell(row, col, row + 1, col + 1, text, text, text, (col * 50.0, row * 20.0, col * 50.0 + 40, row * 20.0 + 15))


def _emit(rows: list[tuple[str, list[str]]], page: int = 3) -> TableOutput:
    out = TableOutput("03", "万元")
    for r, (key, figures) in enumerate(rows):
        for c, text in enumerate(figures):
            out.add(key, ("合计", "基本支出")[c], _cell(r, c, text), key, page)
    return out


def test_a_row_repeated_on_the_next_line_is_counted_once_and_noted():
    out = _emit([("219", ["502.00", ""]), ("21999", ["502.00", ""]), ("21999", ["502.00", ""])])
    assert [(r.row_key, r.column_key, r.amount) for r in out.records if r.row_key == "21999"] == [
        ("21999", "合计", Decimal("502.00")), ("21999", "基本支出", None)]
    assert [p.code for p in out.problems] == ["row_repeated"]
    assert "counted once" in out.problems[0].message
    assert len(out.repeats) == 2  # both cells of the repeat are accounted for, not unplaced


def test_a_key_met_again_further_down_the_page_is_still_a_problem_in_every_column():
    out = _emit([("21999", ["502.00", "1.00"]), ("22102", ["3.00", "3.00"]), ("21999", ["502.00", "1.00"])])
    assert [p.code for p in out.problems] == ["unknown_row", "unknown_row"]


def test_a_repeat_with_another_figure_is_a_conflict():
    out = _emit([("21999", ["502.00", ""]), ("21999", ["501.00", ""])])
    assert any(p.code == "unknown_row" and "different figures" in p.message for p in out.problems)


def _keyed(rows: list[tuple[str, str]]) -> list[str | None]:
    """Keys a one-page table of (科目编码, 合计) rows the way a budget table is read."""
    cells = [_cell(0, 0, "科目编码"), _cell(0, 1, "合计")]
    for r, (code, figure) in enumerate(rows, start=1):
        cells += [_cell(r, 0, code), _cell(r, 1, figure)]
    matrix = [[None, None] for _ in range(len(rows) + 1)]
    for cell in cells:
        matrix[cell.row][cell.col] = cell
    grid = Grid(page=8, bbox=(0, 0, 100, 100), n_rows=len(rows) + 1, n_cols=2, cells=cells,
                col_edges=[0, 50, 100], matrix=matrix)
    columns = [ColumnInfo(0, ("科目编码",), "code"), ColumnInfo(1, ("合计",), "value")]
    keyer = RowKeyer.for_table([grid], columns, first_body_row=1)
    return [keyer.key(grid, r)[0] for r in range(1, grid.n_rows)]


def test_a_full_code_printed_twice_with_the_same_figure_is_the_next_members_row():
    keys = _keyed([("2200509", "51.00"), ("2200509", "64.00"), ("2200509", "64.00")])
    assert len(set(keys)) == 3, keys  # three member units, three blocks


def test_a_kuan_code_printed_again_below_itself_stays_one_row():
    keys = _keyed([("219", "502.00"), ("21999", "502.00"), ("21999", "502.00")])
    assert keys == ["219", "21999", "21999"]
