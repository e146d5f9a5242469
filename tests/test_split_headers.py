"""A header continued over a page break, with rules drawn as thin filled rectangles.

Jiangsu's 2018 exports break 财政拨款收支预算总表 after its first header row: the next
page starts with 项目名称 and 金额 (cells two rows high) beside 支出用途, with no rule
above them, while the rule above 支出用途 is printed. Each visible rule there is a thin
black rectangle, i.e. two edges half a point apart that end together: neither edge
carries the other on past its end, so the open ends are closed (ruling.py), and the
closing rule runs on to the column rule that does meet the printed top rule; a rule
drawn cell by cell (a segment per cell) is one rule when judging what the new rule
closes. The header
piece at the foot of the first page is then stacked onto the grid that continues it
(budget/pieces.py).
"""

from __future__ import annotations

import pytest

from juesuan.extract.budget.locate import locate_budget_tables
from juesuan.extract.grid import Cell, Grid
from juesuan.extract.header import body_start, header_paths
from juesuan.extract.pdfium_page import edge
from juesuan.extract.ruling import close_open_ends


def h(y, x0, x1):
    return edge("h", y, x0, x1)


def v(x, top, bottom):
    return edge("v", x, top, bottom)


def thin(x, top, bottom):
    """A column rule drawn as a 0.5 pt black rectangle: its two long edges."""
    return [v(x, top, bottom), v(x + 0.5, top, bottom)]


def char(x, y):
    return {"text": "名", "x0": x - 4, "x1": x + 4, "top": y - 4, "bottom": y + 4, "baseline": y + 4}


def _continued_header():
    """Columns 10|110|210|310; the header's top rule printed over 210-310 only (at 80),
    rows ruled at 100 (right part) and 120 (all); column rules drawn per row."""
    hs = [h(80, 210.5, 310), h(80.5, 210.5, 310), h(100, 210.5, 310), h(120, 10.5, 310), h(140, 10.5, 310)]
    vs = []
    for x in (10, 110):
        vs += thin(x, 80, 120) + thin(x, 120.5, 140)
    for x in (210, 310):
        vs += thin(x, 80, 100) + thin(x, 100.5, 120) + thin(x, 120.5, 140)
    return hs, vs


def _added(hs, vs, chars):
    new_h, _ = close_open_ends(hs, vs, chars)
    return [(e["top"], e["x0"], e["x1"]) for e in new_h[len(hs):]]


def test_an_open_top_drawn_with_thin_rectangles_is_closed_up_to_the_printed_rule():
    hs, vs = _continued_header()
    # 项目名称 (10-110) and 金额 (110-210) under the missing rule
    assert _added(hs, vs, [char(60, 100), char(160, 100)]) == [(80, 10, 210)]


def test_the_closing_rule_runs_on_only_over_printed_text():
    hs, vs = _continued_header()
    assert _added(hs, vs, [char(60, 100)]) == [(80, 10, 110.5)]
    assert _added(hs, vs, []) == []


def test_a_row_open_at_the_top_is_closed_when_the_rule_below_is_drawn_cell_by_cell():
    # the first row of a continuation page (十八、住房保障支出 4,716.51) has no rule above it;
    # the rule below it is drawn one segment per cell, half a point short of each column rule
    xs = (10, 110, 210, 310)
    hs = [h(y, a + 0.5, b) for y in (100, 120) for a, b in zip(xs, xs[1:])]
    vs = [edge for x in xs for edge in thin(x, 80, 100) + thin(x, 100.5, 120)]
    assert _added(hs, vs, [char(160, 90), char(260, 90)]) == [(80, 10, 310.5)]
    assert _added(hs, vs, [char(160, 110)]) == []  # nothing printed in the open row


# --- the two pieces of the header joined (budget/pieces.py) ------------------------------------

TITLE = "四、2018年度江苏省高级人民法院财政拨款收支预算总表"


def grid(page, edges, rows, above=()):
    """A grid from (row, col, row_end, col_end, text) cells."""
    n_rows = max(r[2] for r in rows)
    cells = [Cell(r0, c0, r1, c1, text, text, text) for r0, c0, r1, c1, text in rows]
    matrix = [[None] * (len(edges) - 1) for _ in range(n_rows)]
    for cell in cells:
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                matrix[r][c] = cell
    return Grid(page=page, bbox=(edges[0], 100, edges[-1], 200), n_rows=n_rows, n_cols=len(edges) - 1,
                cells=cells, col_edges=list(edges), lines_above=list(above), labels_above=list(above),
                matrix=matrix)


def header_piece(page=10, above=("单位:万元", TITLE)):
    return grid(page, (60, 290, 540), [(0, 0, 1, 1, "收入"), (0, 1, 1, 2, "支出")], above)


def continued(page=11, above=()):
    return grid(page, (60, 190, 290, 440, 540), [
        (0, 0, 2, 1, "项目名称"), (0, 1, 2, 2, "金额"), (0, 2, 1, 4, "支出用途"),
        (1, 2, 2, 3, "项目名称"), (1, 3, 2, 4, "金额"),
        (2, 0, 3, 1, "一、一般公共预算"), (2, 1, 3, 2, "33,172.15"), (2, 2, 3, 3, "一、基本支出"),
        (2, 3, 3, 4, "18,570.82"),
        (3, 0, 4, 1, "收入合计"), (3, 1, 4, 2, "33,172.15"), (3, 2, 4, 3, "支出合计"), (3, 3, 4, 4, "33,172.15")],
        above)


def test_a_header_broken_by_a_page_break_is_joined_to_its_table():
    tables, unassigned = locate_budget_tables([header_piece(), continued()])
    assert unassigned == [] and list(tables) == ["04"]
    (joined,) = tables["04"].grids
    assert joined.page == 11 and joined.n_rows == 5
    start = body_start(joined)
    assert header_paths(joined, start) == [("收入", "项目名称"), ("收入", "金额"), ("支出", "支出用途", "项目名称"),
                                           ("支出", "支出用途", "金额")]


@pytest.mark.parametrize("pieces", [
    pytest.param(lambda: [header_piece(), continued(page=12)], id="not-the-next-page"),
    pytest.param(lambda: [header_piece(), continued(above=("五、2018年度财政拨款支出预算表",))], id="second-titled"),
    pytest.param(lambda: [header_piece(above=()), continued()], id="first-untitled"),
    pytest.param(lambda: [grid(10, (60, 290, 540), [(0, 0, 1, 1, "收入"), (0, 1, 1, 2, "支出"),
                                                    (1, 0, 2, 1, "1.00"), (1, 1, 2, 2, "1.00")], ("单位:万元", TITLE)),
                          continued()], id="first-has-a-body"),
    pytest.param(lambda: [header_piece(), grid(11, (60, 200, 310, 540), [
        (0, 0, 2, 1, "项目名称"), (0, 1, 2, 2, "金额"), (0, 2, 1, 3, "支出用途"), (1, 2, 2, 3, "金额"),
        (2, 0, 3, 1, "一、一般公共预算"), (2, 1, 3, 2, "33,172.15"), (2, 2, 3, 3, "18,570.82")])],
        id="column-rules-differ"),
])
def test_pieces_that_do_not_continue_a_header_stay_apart(pieces):
    grids = pieces()
    tables, unassigned = locate_budget_tables(grids)
    kept = [g for t in tables.values() for g in t.grids] + unassigned
    assert sorted(g.n_rows for g in kept) == sorted(g.n_rows for g in grids)
