"""A title ending one page names the untitled grid that starts the next (extract/
foot_titles.py); a title wrapped onto two lines over the 部门 / 单位 line is still a title.

The generated budget prints 支出预算总表 on page 1 and, at the foot of that page, the title
of the next table, 财政拨款基本支出预算表, with its 单位 line; the table's grid starts page 2
under nothing (江苏省人大 2017 pp12-13). What follows the title decides: a 单位 line is part
of a heading, a row with figures is not.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.extract.budget.locate import grid_title
from juesuan.extract.grid import Grid
from tests.drawn_pdf import ruled_rows

TITLE_1 = "2026年部门支出预算总表"
FOOT_TITLE = "财政拨款基本支出预算表"
UNIT = "部门：示例市统计局 单位：万元"
WIDTHS = [90.0, 200.0, 120.0]
WIDTHS_2 = [110.0, 160.0, 140.0]  # other columns: page 2 is no continuation of page 1's table
PAGE_1 = [("科目编码", "科目名称", "合计"), ("", "合计", "30.00"), ("201", "一般公共服务支出", "30.00"),
          ("20105", "统计信息事务", "30.00"), ("2010501", "行政运行", "30.00")]
PAGE_2 = [("科目编码", "科目名称", "金额"), ("", "合计", "30.00"), ("301", "工资福利支出", "30.00"),
          ("30101", "基本工资", "20.00"), ("30102", "津贴补贴", "10.00")]


def _draw(path, foot: list[str]) -> None:
    from fpdf import FPDF

    from juesuan.sample.font import font_file

    texts = [TITLE_1, FOOT_TITLE, UNIT, *foot] + [t for row in PAGE_1 + PAGE_2 for t in row]
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", "", str(font_file(set("".join(texts)) | set("0123456789.,"))))
    pdf.set_font("cjk", size=10)
    pdf.add_page()
    pdf.text(200, 60, TITLE_1)
    pdf.text(40, 85, UNIT)
    ruled_rows(pdf, PAGE_1, 95.0, WIDTHS)
    for i, line in enumerate(foot):  # the foot of page 1, far below its grid
        pdf.text(40 if i else 180, 700 + 30 * i, line)
    pdf.add_page()
    ruled_rows(pdf, PAGE_2, 60.0, WIDTHS_2)  # no title, no 单位 line
    pdf.output(str(path))


def _extract(path):
    from juesuan.extract.document import extract_document

    return extract_document(path)


def test_a_title_at_the_foot_of_a_page_names_the_grid_that_starts_the_next(tmp_path):
    pytest.importorskip("fpdf")
    path = tmp_path / "foot.pdf"
    _draw(path, [FOOT_TITLE, UNIT])
    doc = _extract(path)
    assert doc.table_pages.get("03") == [1]
    assert doc.table_pages.get("F06") == [2]
    f06 = {r.row_key: r.amount for r in doc.records if r.table_id == "F06"}
    assert f06 == {"合计": Decimal("30.00"), "301": Decimal("30.00"), "30101": Decimal("20.00"),
                   "30102": Decimal("10.00")}
    assert not [p for p in doc.problems if p.code == "table_skipped"]


def test_a_title_followed_by_figures_is_not_carried(tmp_path):
    pytest.importorskip("fpdf")
    path = tmp_path / "foot.pdf"
    _draw(path, [FOOT_TITLE, UNIT, "301 工资福利支出 30.00"])
    doc = _extract(path)
    assert "F06" not in doc.table_pages
    skipped = [p.message for p in doc.problems if p.code == "table_skipped"]
    assert any("no recognised title on page(s) 2" in m for m in skipped)


def _titled(lines: list[str]) -> Grid:
    return Grid(page=1, bbox=(0.0, 0.0, 1.0, 1.0), n_rows=0, n_cols=0, cells=[], col_edges=[],
                lines_above=lines)


def test_a_title_wrapped_over_the_unit_line_is_a_title():
    # nearest first: the 部门 / 单位 line, then the title's second and first lines
    found = grid_title(_titled(["部门:江苏省人大常委会办公厅单位:万元", "表", "“三公”经费、会议费、培训费支出预算"]))
    assert found is not None and found.table_id == "09"
    assert grid_title(_titled(["部门:江苏省人大常委会办公厅单位:万元", "注:本表无数据", "说明"])) is None
