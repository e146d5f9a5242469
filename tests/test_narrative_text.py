"""The narrative's text on a page shared with the last table: the prose under the table is
kept, in the page's own wording; a short note under a table is not narrative."""

from juesuan.extract.grid import Grid
from juesuan.extract.narrative_text import as_printed, narrative_pages, text_below
from juesuan.extract.printed import TextLine
from juesuan.extract.scan import PageScan
from juesuan.text import normalise_text

PROSE = ["第三部分 2018年度部门预算情况说明", "一、收支预算总体情况说明",
         "本部门2018年度收入、支出预算总计21,955.35万元，与上年相比各增加3,958.67万元，增长22.00%。",
         "增加原因是政策性调整因素和预算管理加强。"]


def _line(text: str, top: float) -> TextLine:
    folded = normalise_text(text)  # what printed.py keeps: NFKC (，→ ,)
    return TextLine(23, folded, 50.0, top, 500.0, top + 10, tuple((0.0, 1.0) for _ in folded))


def _scan(text: str) -> PageScan:
    return PageScan(23, text, normalise_text(text), 40, 0, 0)


def _grid(bottom: float) -> Grid:
    return Grid(page=23, bbox=(40.0, 60.0, 550.0, bottom), n_rows=1, n_cols=1, cells=[], col_edges=[40.0, 550.0],
                matrix=[[None]])


def test_prose_below_the_last_table_is_narrative_in_the_pages_own_wording():
    page_text = "政府采购预算表\n会议费 200.44\n培训费 700.00\n" + "\n".join(PROSE) + "\n23"
    lines = [_line("单位：万元", 50)] + [_line(t, 400 + 12 * i) for i, t in enumerate(PROSE)]
    pages = narrative_pages([_scan(page_text)], {23}, [_grid(380.0)], {23: lines})
    assert len(pages) == 1
    number, text = pages[0]
    assert number == 23 and text.startswith("第三部分 2018年度部门预算情况说明")
    assert "，与上年相比" in text  # the page's own comma, not the folded ','
    assert "会议费" not in text and "单位" not in text


def test_a_short_note_under_a_table_is_not_narrative():
    lines = [_line("注：本表无数据。", 400)]
    assert text_below(lines, 380.0) == []
    assert narrative_pages([_scan("表\n注：本表无数据。")], {23}, [_grid(380.0)], {23: lines}) == []


def test_pages_without_a_table_are_kept_whole():
    assert narrative_pages([_scan("一、部门职责")], set(), [], {}) == [(23, "一、部门职责")]


def test_start_not_found_falls_back_to_the_lines():
    lines = [_line(t, 400 + 12 * i) for i, t in enumerate(PROSE)]
    assert as_printed("nothing alike", lines).startswith("第三部分")
