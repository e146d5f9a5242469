"""Coded rows printed outside every grid on a budget's table page are reported, prose is not."""

from juesuan.extract.budget.unruled import coded_rows_outside_tables
from juesuan.extract.printed import TextLine


def _line(text: str, page: int = 11) -> TextLine:
    return TextLine(page, text, 50.0, 400.0, 500.0, 410.0, tuple((0.0, 1.0) for _ in text))


def test_coded_rows_outside_the_grids_of_a_table_page_are_reported():
    outside = {11: [_line("财政拨款基本支出预算表"), _line("301 工资福利支出 2,928.98"), _line("30101 基本工资 1,015.15")]}
    [problem] = coded_rows_outside_tables(outside, {11})
    assert problem.code == "table_unreadable" and problem.page == 11
    assert "2 coded row(s)" in problem.message and "301 工资福利支出 2,928.98" in problem.message


def test_prose_notes_and_pages_without_a_table_are_not():
    outside = {11: [_line("201 一般公共服务支出10,528.33万元，主要用于机关运行。"), _line("注：本表无数据。")],
               12: [_line("301 工资福利支出 2,928.98", page=12)]}
    assert coded_rows_outside_tables(outside, {11}) == []
