"""Rows are keyed by their section as well as their label (issue 12, failure class 2).

An unseen document printed 04's fund lines under its opening balance with exactly the
labels of its income lines (no numbering, no indent): they were taken for the income
lines printed twice, and three false identity errors quarantined a correct document.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fpdf")

from juesuan import canonical as C  # noqa: E402
from juesuan.accuracy import score  # noqa: E402
from juesuan.extract import extract_document  # noqa: E402
from juesuan.extract.summary import fiscal_balance_line  # noqa: E402
from juesuan.pipeline import process_file  # noqa: E402
from juesuan.sample.traps import render_trap  # noqa: E402


@pytest.mark.parametrize("name", ["fund_lines_like_income", "fund_lines_across_pages"])
def test_fund_lines_with_the_income_lines_labels_are_their_own_rows(tmp_path, name):
    rendered = render_trap(name, tmp_path)
    t04 = [r for r in rendered.records if r.table_id == "04"]
    labels = [r.row_label for r in t04 if r.column_key == C.AMOUNT]
    # the trap is on the page: each fund label printed twice on the income side, bare
    for fund in C.FUND_COLUMNS:
        assert labels.count(fund) == 2
    opening = [r for r in t04 if r.row_key.startswith(C.OPENING_FISCAL_BALANCE + "/")]
    assert any(r.amount for r in opening)  # non-zero balances: a mix-up breaks the totals
    if name == "fund_lines_across_pages":  # the balance line and its fund lines on two pages
        head = next(r for r in t04 if r.row_key == C.OPENING_FISCAL_BALANCE)
        assert head.page < opening[0].page
    doc = extract_document(rendered.pdf_path)
    result = score(name, rendered.records, doc.records)
    assert (result.missing, result.wrong_amount, result.extra) == ([], [], [])
    assert doc.problems == []
    outcome = process_file(rendered.pdf_path)
    assert outcome.status == "loaded", outcome.reason  # no false identity error


def test_balance_wordings_of_table_04():
    for printed in ("年初结转和结余", "上年结转", "年初财政拨款结转及结余", "上年财政拨款结转和结余",
                    "年初财政拨款结转和结余"):
        assert fiscal_balance_line(printed) == C.OPENING_FISCAL_BALANCE
    for printed in ("年末结转和结余", "年末财政拨款结转结余"):
        assert fiscal_balance_line(printed) == C.CLOSING_FISCAL_BALANCE
    for printed in ("一般公共预算财政拨款", "结余分配", "年初预算"):
        assert fiscal_balance_line(printed) == printed


def test_a_label_repeated_under_another_line_is_keyed_by_that_line():
    """The general rule, on a hand-built 01: a section this reader has no name for."""
    from decimal import Decimal

    from juesuan.extract.grid import _grid_from_cells
    from juesuan.extract.summary import read_summary_table

    edges, height = [40.0, 200.0, 260.0, 420.0, 480.0], 20.0
    rows = [("收入", "", "支出", ""), ("项目", "决算数", "项目", "决算数"),
            ("一、一般公共预算财政拨款收入", "10.00", "一、一般公共服务支出", "12.00"),
            ("二、事业收入", "5.00", "本年支出合计", "12.00"),
            ("本年收入合计", "15.00", "", ""),
            ("专项结转", "3.00", "", ""),  # a section head this reader does not know
            ("事业收入", "2.00", "", ""),  # the income line's label again, bare
            ("总计", "20.00", "总计", "20.00")]
    boxes, chars = [], []
    for r, texts in enumerate(rows):
        top = 100 + r * height
        for c, text in enumerate(texts):
            boxes.append((edges[c], top, edges[c + 1], top + height))
            chars += [{"text": ch, "x0": edges[c] + 2 + 6 * i, "x1": edges[c] + 7 + 6 * i, "top": top + 6,
                       "bottom": top + 14, "baseline": top + 14} for i, ch in enumerate(text)]
    grid = _grid_from_cells(boxes, chars, 3)
    out = read_summary_table("01", [grid], C.UNIT_WAN)
    keys = {r.row_key: r.amount for r in out.records}
    assert keys["事业收入"] == Decimal("5.00")
    assert keys["专项结转/事业收入"] == Decimal("2.00")  # its own row, in its section
    assert out.problems == []
