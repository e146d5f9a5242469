"""The rows either side of a page break (issue 12, failure class 1).

An unseen 汇总 document lost the first data row of two continuation pages (a 类 row, a
款 row) without a trace: the border between the rows either side of the break was drawn
on neither page, so those rows were no cells. The traps break every table that can span
pages before a 类 row and before a 款 row, in each of the renderer's four layouts, with
that border missing; every cell must come back, with no problem reported.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")

from juesuan.accuracy import score  # noqa: E402
from juesuan.extract import extract_document  # noqa: E402
from juesuan.extract.document import table_candidates  # noqa: E402
from juesuan.extract.scan import MIN_PATHS_FOR_TABLE  # noqa: E402
from juesuan.extract.pdfium_page import edge, read_page  # noqa: E402
from juesuan.extract.ruling import close_open_ends  # noqa: E402
from juesuan.extract.scan import PageScan  # noqa: E402
from juesuan.sample.traps import PAGE_BREAK_LAYOUTS, TRAPS, render_trap  # noqa: E402

SPLITTABLE = ("01", "02", "03", "04", "05", "06", "07")  # 08 prints only its 合计 row, 09 one row
BREAK_TRAPS = [f"break_{where}_{layout}" for where in ("lei", "kuan") for layout in PAGE_BREAK_LAYOUTS]


def test_every_layout_has_both_page_break_traps():
    assert set(BREAK_TRAPS) <= set(TRAPS)
    assert set(PAGE_BREAK_LAYOUTS) == {"hunan", "hunan_b", "shanghai", "yuan"}


def _rows_outside_the_rules(path, page_number: int) -> tuple[bool, bool]:
    """(text above the topmost rule, text below the lowest rule) on a page, page number aside."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        content = read_page(pdf, page_number - 1)
    finally:
        pdf.close()
    tops = [e["top"] for e in content.edges if e["orientation"] == "h"]
    foot = content.height - 45  # the page number line
    chars = [c for c in content.chars if c["bottom"] < foot]
    return (any(c["bottom"] < min(tops) for c in chars), any(c["top"] > max(tops) for c in chars))


def render(name: str, rules: str, out_dir):
    """The trap, with the rules at its page breaks open (as registered) or closed."""
    if rules == "open":
        return render_trap(name, out_dir)
    from dataclasses import replace

    from juesuan.sample.document import render_document
    from juesuan.sample.traps import trap_accounts

    trap = TRAPS[name]
    return render_document(trap_accounts(trap), replace(trap.layout, break_rules="closed"),
                           out_dir / f"{name}-closed.pdf", write_truth_file=False)


@pytest.mark.parametrize("rules", ["open", "closed"])
@pytest.mark.parametrize("name", BREAK_TRAPS)
def test_rows_either_side_of_a_page_break_are_read(tmp_path, name, rules):
    rendered = render(name, rules, tmp_path)
    pages = rendered.truth["table_pages"]
    for table_id in SPLITTABLE:
        assert len(pages[table_id]) > 1, f"{name}: table {table_id} does not span pages"
        first, second = pages[table_id][0], pages[table_id][1]
        # the trap is on the page: with open rules the last row of the first page lies
        # below every rule, the first row of the next page above every rule
        outside = (_rows_outside_the_rules(rendered.pdf_path, first)[1],
                   _rows_outside_the_rules(rendered.pdf_path, second)[0])
        assert outside == ((True, True) if rules == "open" else (False, False)), (table_id, first, second)
    doc = extract_document(rendered.pdf_path)
    result = score(name, rendered.records, doc.records)
    assert (result.missing, result.wrong_amount, result.extra) == ([], [], [])
    ours = {(r.table_id, r.row_key, r.column_key): r.page for r in doc.records}
    assert {(r.table_id, r.row_key, r.column_key): r.page for r in rendered.records} == ours
    assert doc.problems == []


def test_the_break_lands_before_a_lei_row_and_before_a_kuan_row(tmp_path):
    for name, level in (("break_lei_hunan", 3), ("break_kuan_hunan", 5)):
        rendered = render_trap(name, tmp_path)
        second = rendered.truth["table_pages"]["03"][1]
        first_on_page = next(r for r in rendered.records if r.table_id == "03" and r.page == second)
        assert first_on_page.row_key.isdigit() and len(first_on_page.row_key) == level


# --- the mechanism on bare rules --------------------------------------------------------------

def h(y, x0, x1):
    return edge("h", y, x0, x1)


def v(x, top, bottom):
    return edge("v", x, top, bottom)


def test_a_row_open_at_the_top_is_closed_across_its_column_rules():
    # rows at 100-120 and 120-140 drawn, the first row's top rule (y=80) missing
    hs = [h(100, 10, 310), h(120, 10, 310), h(140, 10, 310)]
    vs = [v(x, 80, 140) for x in (10, 110, 210, 310)]
    new_h, new_v = close_open_ends(hs, vs)
    assert new_v == vs
    added = new_h[len(hs):]
    assert [(e["top"], e["x0"], e["x1"]) for e in added] == [(80, 10, 310)]


def test_a_row_open_at_the_bottom_is_closed_too():
    hs = [h(100, 10, 310), h(120, 10, 310)]
    vs = [v(x, 100, 145) for x in (10, 110, 210, 310)]
    added = close_open_ends(hs, vs)[0][len(hs):]
    assert [(e["top"], e["x0"], e["x1"]) for e in added] == [(145, 10, 310)]


def test_a_table_without_its_outer_column_rules_gets_them():
    hs = [h(y, 10, 310) for y in (100, 120, 140)]
    vs = [v(x, 100, 140) for x in (110, 210)]  # inner rules only
    added = close_open_ends(hs, vs)[1][len(vs):]
    assert sorted((e["x0"], e["top"], e["bottom"]) for e in added) == [(10, 100, 140), (310, 100, 140)]


def char(x, y):
    return {"text": "8", "x0": x - 2, "x1": x + 2, "top": y - 3, "bottom": y + 3, "baseline": y + 3}


def test_a_rule_is_added_only_where_it_closes_printed_text():
    hs = [h(100, 10, 310), h(120, 10, 310), h(140, 10, 310)]
    vs = [v(x, 80, 140) for x in (10, 110, 210, 310)]  # open above y=100
    assert close_open_ends(hs, vs, [char(150, 110)])[0] == hs  # nothing printed in 80..100
    closed = close_open_ends(hs, vs, [char(150, 110), char(250, 90)])[0]
    assert [(e["top"], e["x0"], e["x1"]) for e in closed[len(hs):]] == [(80, 10, 310)]


def test_closed_tables_underlines_and_three_line_tables_gain_nothing():
    closed_h = [h(y, 10, 310) for y in (100, 120, 140)]
    closed_v = [v(x, 100, 140) for x in (10, 110, 310)]
    assert close_open_ends(closed_h, closed_v) == (closed_h, closed_v)
    three_line = [h(y, 10, 310) for y in (100, 120, 180)]
    assert close_open_ends(three_line, []) == (three_line, [])
    # a lone vertical stroke and an underline elsewhere on the page: no table, nothing added
    stray_h, stray_v = [h(400, 50, 120)], [v(300, 500, 560), v(500, 600, 660)]
    assert close_open_ends(stray_h, stray_v) == (stray_h, stray_v)


def test_a_continuation_page_with_few_rules_is_still_parsed():
    def page(number, paths):
        return PageScan(number, "", "x", paths, 0, 0)

    scans = [page(1, 0), page(2, MIN_PATHS_FOR_TABLE + 20), page(3, 5), page(4, 3), page(5, 0), page(6, 4)]
    # page 3 continues page 2's table with one row; page 4 follows a candidate too;
    # page 6 follows no table and stays out
    assert [s.number for s in table_candidates(scans)] == [2, 3, 4]


# --- a row cut in two by a page break (Hangzhou 表2 p21/22) -------------------------------------

def _rows_grid(page: int, rows: list[list[str]]):
    from juesuan.extract.grid import Cell, Grid
    cells, matrix = [], []
    for r, texts in enumerate(rows):
        line = []
        for c, text in enumerate(texts):
            cell = Cell(r, c, r + 1, c + 1, text, text.replace("\n", ""), text.replace("\n", ""),
                        (c * 60.0, r * 20.0, c * 60.0 + 60, r * 20.0 + 20))
            cells.append(cell)
            line.append(cell)
        matrix.append(line)
    return Grid(page=page, bbox=(0, 0, 60.0 * len(rows[0]), 20.0 * len(rows)), n_rows=len(rows),
                n_cols=len(rows[0]), cells=cells, col_edges=[60.0 * i for i in range(len(rows[0]) + 1)],
                matrix=matrix)


_FOOT = [["单位", "合计", "事业收入", "经营收入"], ["甲中心", "1,000.00", "900.00", "100.00"],
         ["乙中心", "2,000.00", "2,000.00", ""], ["丙中心", "3,000.00", "3,000.00", ""]]


def test_a_figure_cut_by_the_page_break_is_joined_with_its_row():
    from juesuan.extract.split_rows import join_rows_cut_by_page_breaks
    above = _rows_grid(21, _FOOT + [["杭州市机动", "14,549.64", "12,437.3", "2,112.28"]])
    below = _rows_grid(22, [["车驾驶员考试服务中心", "", "6", ""], ["丁中心", "614.79", "614.79", ""]])
    first, second = join_rows_cut_by_page_breaks([above, below])
    last = first.n_rows - 1
    assert [first.text(last, c) for c in range(4)] == ["杭州市机动车驾驶员考试服务中心", "14,549.64", "12,437.36",
                                                        "2,112.28"]
    assert second.n_rows == 1 and second.text(0, 0) == "丁中心"


def test_a_first_row_that_can_be_a_row_of_its_own_is_left_alone():
    from juesuan.extract.split_rows import join_rows_cut_by_page_breaks
    above = _rows_grid(21, _FOOT + [["戊中心", "14,549.64", "12,437.30", "2,112.34"]])
    for first_row in (["己中心", "", "6", ""],  # the figure above is complete: '6' is no cut part
                      ["己中心", "6.00", "6.00", ""]):  # a complete row
        below = _rows_grid(22, [first_row, ["丁中心", "614.79", "614.79", ""]])
        assert join_rows_cut_by_page_breaks([above, below]) == [above, below]
    cut = _rows_grid(21, _FOOT + [["杭州市机动", "14,549.64", "12,437.3", ""]])
    # text under a blank cell of the row above: not a continuation of it
    below = _rows_grid(22, [["车驾驶员考试服务中心", "", "6", "5.00"], ["丁中心", "614.79", "614.79", ""]])
    assert join_rows_cut_by_page_breaks([cut, below]) == [cut, below]
