"""A final's table title at the foot of one page names the untitled grid starting the next
(extract/foot_titles.py), as a budget's does.

The generated final prints 支出决算表 (03) on page 1 and, at the foot of that page, the title
of the next table, 一般公共预算财政拨款支出决算表 (05), with its 单位 line; the 05 grid starts
page 2 under nothing. Both grids have the same columns (a spreadsheet export gives every
sheet the same widths), so read page by page the 05 grid looks like more rows of 03. A
final's continuation pages carry no title: with nothing at the foot of page 1, page 2 still
continues 03, and a title followed by figures is no heading.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.drawn_pdf import ruled_rows

TITLE_03 = "2024年支出决算表"
TITLE_05 = "一般公共预算财政拨款支出决算表"
UNIT = "单位：万元"
WIDTHS = [80.0, 170.0, 90.0, 90.0, 90.0]
PAGE_1 = [("科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"), ("", "合计", "50.00", "30.00", "20.00"),
          ("201", "一般公共服务支出", "50.00", "30.00", "20.00"), ("20103", "政府办公厅（室）及相关机构事务",
                                                            "50.00", "30.00", "20.00"),
          ("2010301", "行政运行", "50.00", "30.00", "20.00")]
PAGE_2 = [("科目编码", "科目名称", "合计", "基本支出", "项目支出"), ("", "合计", "40.00", "30.00", "10.00"),
          ("201", "一般公共服务支出", "40.00", "30.00", "10.00"), ("20103", "政府办公厅（室）及相关机构事务",
                                                            "40.00", "30.00", "10.00"),
          ("2010301", "行政运行", "40.00", "30.00", "10.00")]
COLUMNS_05 = ("合计", "基本支出", "项目支出")


def _draw(path, foot: list[str]) -> None:
    """Page 1: 03 under its title, then `foot` at the foot of the page; page 2: a bare grid."""
    from fpdf import FPDF

    from juesuan.sample.font import font_file

    texts = [TITLE_03, TITLE_05, UNIT, *foot] + [t for row in PAGE_1 + PAGE_2 for t in row]
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", "", str(font_file(set("".join(texts)) | set("0123456789.,"))))
    pdf.set_font("cjk", size=10)
    pdf.add_page()
    pdf.text(220, 60, TITLE_03)
    pdf.text(470, 85, UNIT)
    ruled_rows(pdf, PAGE_1, 95.0, WIDTHS)
    for i, line in enumerate(foot):  # the foot of page 1, far below its grid
        pdf.text((180, 470)[i] if i < 2 else 40, 700 + 25 * i, line)
    pdf.add_page()
    ruled_rows(pdf, PAGE_2, 60.0, WIDTHS)  # no title, no 单位 line
    pdf.output(str(path))


def _extract(tmp_path, foot: list[str]):
    from juesuan.extract.document import extract_document

    path = tmp_path / "foot-final.pdf"
    _draw(path, foot)
    return extract_document(path)


def test_a_final_title_at_the_foot_of_a_page_names_the_grid_that_starts_the_next(tmp_path):
    pytest.importorskip("fpdf")
    doc = _extract(tmp_path, [TITLE_05, UNIT])
    assert doc.table_pages.get("03") == [1]
    assert doc.table_pages.get("05") == [2]
    t05 = {(r.row_key, r.column_key): r.amount for r in doc.records if r.table_id == "05"}
    expected = {(row, col): Decimal(amount) for row in ("合计", "201", "20103", "2010301")
                for col, amount in zip(COLUMNS_05, ("40.00", "30.00", "10.00"))}
    assert t05 == expected
    assert {r.page for r in doc.records if r.table_id == "03"} == {1}
    assert [p for p in doc.problems if p.code not in ("table_missing",)] == []


def test_a_final_continued_under_no_title_stays_one_table(tmp_path):
    pytest.importorskip("fpdf")
    doc = _extract(tmp_path, [])
    assert doc.table_pages.get("03") == [1, 2]
    assert "05" not in doc.table_pages


def test_a_final_title_followed_by_figures_is_not_carried(tmp_path):
    pytest.importorskip("fpdf")
    doc = _extract(tmp_path, [TITLE_05, UNIT, "合计 40.00 30.00 10.00"])
    assert "05" not in doc.table_pages
