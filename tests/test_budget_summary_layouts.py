"""Jiangsu's provincial budget exports (2017-2019): cells padded with white rectangles, a
three-sided 01 (收入 | 支出 by function | 支出 by purpose), rows split by a page break, and
02 printed as a list of sources (一般公共预算资金 › 小计 …).

Each mechanism is tested on a PDF the test draws or on grids built from boxes.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

fpdf = pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")

from juesuan.extract.document import read_grids  # noqa: E402
from juesuan.extract.pdfium_page import read_page  # noqa: E402
from juesuan.extract.scan import scan_pdf  # noqa: E402
from juesuan.model import ExtractedDocument  # noqa: E402
from juesuan.sample.font import font_file  # noqa: E402

ROWS = [["项目名称", "金额", "功能科目名称", "金额"],
        ["一、财政拨款", "24,169.74", "一、一般公共服务支出", "16,593.12"],
        ["当年收入小计", "24,169.74", "当年支出小计", "24,169.74"]]
WIDTHS = [110.0, 70.0, 140.0, 70.0]
HEIGHT = 22.0
PAD = 5.4  # Jiangsu's white padding inside each cell


def _padded_table(path, *, stroke_padding: bool = False) -> None:
    """A ruled table whose every cell is tiled with white rectangles, as Jiangsu's export
    draws them: a strip PAD points wide inside each side rule, one 3.5 points high under
    the top rule, the rest between (filled only; or stroked, which shows)."""
    chars = {c for row in ROWS for text in row for c in text}
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.add_font("cjk", "", str(font_file(chars)))
    pdf.set_font("cjk", size=9)
    pdf.set_line_width(0.5)
    for r, row in enumerate(ROWS):
        x, y = 60.0, 100.0 + r * HEIGHT
        for width, text in zip(WIDTHS, row):
            pdf.set_fill_color(255, 255, 255)
            pdf.set_draw_color(*((0, 0, 0) if stroke_padding else (255, 255, 255)))
            for box in ((x, y, PAD, HEIGHT), (x + width - PAD, y, PAD, HEIGHT), (x + PAD, y, width - 2 * PAD, 3.5),
                        (x + PAD, y + 3.5, width - 2 * PAD, HEIGHT - 3.5)):
                pdf.rect(*box, style="DF" if stroke_padding else "F")
            pdf.set_draw_color(0, 0, 0)
            pdf.rect(x, y, width, HEIGHT, style="D")
            pdf.text(x + PAD + 1, y + HEIGHT / 2 + 3, text)
            x += width
    pdf.output(str(path))


def _grids(path):
    return read_grids(path, scan_pdf(path), ExtractedDocument(document=path.name))[0]


def test_white_padding_rectangles_are_no_rules(tmp_path):
    path = tmp_path / "padded.pdf"
    _padded_table(path)
    [grid] = _grids(path)
    assert (grid.n_rows, grid.n_cols) == (3, 4)
    assert [grid.text(1, c) for c in range(4)] == ["一、财政拨款", "24,169.74", "一、一般公共服务支出", "16,593.12"]


def test_a_white_rectangle_stroked_in_ink_is_a_rule(tmp_path):
    path = tmp_path / "stroked.pdf"
    _padded_table(path, stroke_padding=True)
    pdf = pdfium.PdfDocument(str(path))
    try:
        content = read_page(pdf, 0)
    finally:
        pdf.close()
    xs = {round(e["x0"], 1) for e in content.edges if e["orientation"] == "v"}
    assert 60.0 + PAD in xs  # the padding's black stroke is ink: kept


def _grid(page: int, boxes):
    import dataclasses

    from tests.test_budgets import _boxed_grid
    return dataclasses.replace(_boxed_grid(boxes), page=page)


def _row(r: int, *cells: tuple[float, float, str]):
    return [(r, r + 1, x0, x1, text) for x0, x1, text in cells]


def _summary_pages(foot_label: str, head_label: str, head_figure: str = ""):
    """A three-sided 01 (收入 | 支出 by 功能分类 | 支出 by 支出用途) whose 当年收入小计 line is
    printed '<foot_label>' at the foot of page 1 and '<head_label>' at the head of page 2."""
    page1 = [(0, 1, 0, 200, "收入"), (0, 1, 200, 600, "支出"),
             (1, 3, 0, 120, "项目名称"), (1, 3, 120, 200, "金额"), (1, 2, 200, 400, "功能分类"),
             (1, 2, 400, 600, "支出用途"),
             *_row(2, (200, 320, "功能科目名称"), (320, 400, "金额"), (400, 520, "项目名称"), (520, 600, "金额")),
             *_row(3, (0, 120, "一、财政拨款"), (120, 200, "100.00"), (200, 320, "一、一般公共服务支出"),
                   (320, 400, "60.00"), (400, 520, "一、基本支出"), (520, 600, "70.00")),
             *_row(4, (0, 120, "1.一般公共预算"), (120, 200, "100.00"), (200, 320, "八、社会保障和就业支出"),
                   (320, 400, "40.00"), (400, 520, "二、项目支出"), (520, 600, "30.00")),
             *_row(5, (0, 120, foot_label), (120, 200, "100.00"), (200, 520, "当年支出小计"), (520, 600, "100.00"))]
    page2 = [*_row(0, (0, 120, head_label), (120, 200, head_figure), (200, 320, ""), (320, 400, ""),
                   (400, 520, ""), (520, 600, "")),
             *_row(1, (0, 120, "上年结转资金"), (120, 200, ""), (200, 520, "结转下年资金"), (520, 600, "")),
             *_row(2, (0, 120, "收入合计"), (120, 200, "100.00"), (200, 520, "支出合计"), (520, 600, "100.00"))]
    return [_grid(1, page1), _grid(2, page2)]


def _read_01(grids):
    from juesuan.extract.budget.summary import read_budget_summary
    out = read_budget_summary("01", grids, "万元", 2019)
    return {r.row_key: r.amount for r in out.records if r.column_key == "预算数"}, out.problems


def test_a_three_sided_01_maps_each_side_and_the_total_lines_by_meaning():
    lines, problems = _read_01(_summary_pages("当年收入小计", "上年结转资金"))
    assert not [p for p in problems if p.code in ("unknown_column", "unknown_row", "table_unreadable")]
    assert lines["一般公共预算财政拨款收入"] == D("100.00")
    assert lines["一般公共服务支出"] == D("60.00") and lines["社会保障和就业支出"] == D("40.00")
    assert lines["基本支出"] == D("70.00") and lines["项目支出"] == D("30.00")
    assert lines["本年收入合计"] == lines["本年支出合计"] == D("100.00")  # 当年收入小计, 当年支出小计
    assert lines["总计/收入"] == lines["总计/支出"] == D("100.00")  # 收入合计, 支出合计


def test_a_total_line_cut_by_the_page_break_is_joined():
    lines, problems = _read_01(_summary_pages("当 年 收 入", "小计"))
    assert lines["本年收入合计"] == D("100.00")
    assert "小计" not in lines and "当年收入" not in lines
    assert lines["总计/收入"] == D("100.00")  # 收入合计 stays the grand total


def test_a_line_of_its_own_at_the_head_of_a_page_is_not_joined():
    from juesuan.extract.budget.split_lines import join_split_lines
    from juesuan.extract.budget.summary import names_a_line
    for foot, head, figure in (("当年收入小计", "上年结转资金", ""),   # a balance line: a line alone
                               ("当 年 收 入", "小计", "5.00")):       # it prints a figure
        grids = _summary_pages(foot, head, figure)
        joined = join_split_lines(grids, names_a_line)
        assert joined[0].text(5, 0) == grids[0].text(5, 0) and joined[1].text(0, 0) == grids[1].text(0, 0)


def test_a_class_name_cut_by_the_page_break_is_joined():
    from juesuan.extract.budget.split_lines import join_split_lines
    from juesuan.extract.budget.summary import names_a_line
    before = _grid(7, [*_row(0, (0, 100, "三、其他资金"), (100, 150, ""), (150, 300, "八、社会保障和就"),
                             (300, 350, "1,608.51"))])
    after = _grid(8, [*_row(0, (0, 100, ""), (100, 150, ""), (150, 300, "业支出"), (300, 350, "")),
                      *_row(1, (0, 100, ""), (100, 150, ""), (150, 300, "九、医疗卫生与计划生育支出"),
                            (300, 350, ""))])
    joined = join_split_lines([before, after], names_a_line)
    assert joined[0].text(0, 2) == "八、社会保障和就业支出" and joined[0].cell(0, 2).label == "八、社会保障和就业支出"
    assert joined[1].text(0, 2) == "" and joined[1].text(1, 2) == "九、医疗卫生与计划生育支出"
    assert before.text(0, 2) == "八、社会保障和就"  # the grids read are copies


def _sources_list(odd_group_figure: str = ""):
    """02 printed as a list: 收入总计, then each source's 小计 and its parts."""
    return [_grid(9, [
        *_row(0, (0, 100, "项目名称"), (100, 200, ""), (200, 300, "金额")),
        *_row(1, (0, 200, "收入总计"), (200, 300, "100.00")),
        (2, 5, 0, 100, "一般公共预算资金"), *_row(2, (100, 200, "小计"), (200, 300, "90.00")),
        *_row(3, (100, 200, "公共财政拨款(补助)资金"), (200, 300, "90.00")),
        *_row(4, (100, 200, "专项收入"), (200, 300, "")),
        (5, 7, 0, 100, "财政转专户管理资金"), *_row(5, (100, 200, "小计"), (200, 300, "")),
        *_row(6, (100, 200, "专户管理教育收费"), (200, 300, "")),
        (7, 9, 0, 100, "其他资金"), *_row(7, (100, 200, "小计"), (200, 300, "10.00")),
        *_row(8, (100, 200, "其他收入"), (200, 300, "10.00")),
        *_row(9, (0, 100, "未列明资金"), (100, 200, "小计"), (200, 300, odd_group_figure)),
    ])]


def test_02_as_a_list_keys_each_source_by_its_subtotal():
    from juesuan.extract.budget.sources import read_sources_as_rows, sources_as_rows
    grids = _sources_list()
    assert sources_as_rows(grids)
    out = read_sources_as_rows(grids, "万元", 2017)
    figures = {r.column_key: r.amount for r in out.records}
    assert not out.problems
    assert figures["合计"] == D("100.00")  # 收入总计, and no 小计 of a group beside it
    assert figures["一般公共预算财政拨款收入"] == D("90.00")  # 一般公共预算资金 › 小计: the source
    assert figures["一般公共预算财政拨款收入/公共财政拨款(补助)资金"] == D("90.00")  # a part of it
    assert figures["单位资金"] == D("10.00") and figures["其他收入"] == D("10.00")
    assert "财政专户管理资金收入" in figures  # 财政转专户管理资金, misprinted, is 财政专户


def test_02_subtotal_of_a_group_we_do_not_know_is_reported_not_taken_for_the_total():
    from juesuan.extract.budget.sources import read_sources_as_rows
    out = read_sources_as_rows(_sources_list(odd_group_figure="3.00"), "万元", 2017)
    assert [r.amount for r in out.records if r.column_key == "合计"] == [D("100.00")]
    assert [p.code for p in out.problems] == ["unknown_row"]


def test_a_year_printed_only_late_in_the_package_is_the_year_budgeted():
    # Jiangsu 2017: no cover, tables titled without a year; page 12 titles 2017年政府采购预算表.
    from juesuan.extract.budget.document import _metadata
    from juesuan.extract.scan import PageScan
    from juesuan.text import normalise_text
    texts = ["收支预算总表\n部门：江苏省政协办公厅 单位：万元\n201 一般公共服务支出 6,463.55"] * 11
    texts.append("2017年政府采购预算表\n部门：江苏省政协办公厅")
    scans = [PageScan(i + 1, t, normalise_text(t), 40, 0, 0) for i, t in enumerate(texts)]
    doc = ExtractedDocument(document="x.pdf")
    _metadata(doc, scans, [])
    assert doc.fiscal_year == 2017
    assert not [p for p in doc.problems if "fiscal year" in p.message]
