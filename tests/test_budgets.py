"""Budgets (部门预算): titles, column and row keys by meaning, validation by document type.

Extraction end to end is measured on the sample corpus (its budgets' truth against the
warehouse in test_demo_end_to_end, bench/accuracy.py) and on the real budgets
(test_budgets_real.py); these tests pin the mechanisms one by one.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal as D

import pytest

from juesuan import canonical as C
from juesuan.extract.budget.columns import economic_key, income_key, spending_key
from juesuan.extract.budget.rows import split_code
from juesuan.extract.budget.sangong import column_key as sangong_key
from juesuan.extract.budget.titles import SKIP, classify_budget_title
from juesuan.model import Record
from juesuan.validate import check_records, decide_outcome
from juesuan.validate.registry import RULES
from schemas.keys import valid_column_key, valid_row_key
from tests.conftest import CORPUS

AUDIT = CORPUS / "示例市" / "2024" / "示例市审计局-2024-部门预算.json"  # 元, 上年预算数 in 09
NDRC = CORPUS / "示例市" / "2024" / "示例市发展和改革委员会-2024-部门预算.json"  # 万元, split codes


def budget_records(path) -> tuple[list[Record], str]:
    truth = json.loads(path.read_text(encoding="utf-8"))
    return [Record.from_json(r) for r in truth["records"]], truth["amount_unit_printed"]


def run(records, unit, doc_type=C.DOC_BUDGET):
    return check_records(records, unit, doc_type=doc_type)


def identities(records, unit):
    """Findings of the identities only (a few records are not a whole document)."""
    return [f for f in run(records, unit).findings if not f.rule_id.startswith("document.")]


def mutate(records, table, row, column, amount):
    out, hit = [], False
    for r in records:
        if (r.table_id, r.row_key, r.column_key) == (table, row, column):
            r, hit = dataclasses.replace(r, amount=D(amount)), True
        out.append(r)
    assert hit, (table, row, column)
    return out


# --- titles -----------------------------------------------------------------------------

@pytest.mark.parametrize("title, table_id", [
    ("预算01表 收支总表", "01"), ("2025年部门财务收支预算总表", "01"), ("表1：2026年市级部门收支预算总表", "01"),
    ("2026年部门收支总体情况表", "01"), ("收入支出预算总表", "01"),
    ("2026年预算单位收入预算总表", "02"), ("西南大学收入预算表", "02"), ("收入总体情况表", "02"),
    ("支出总表", "03"), ("本年支出总体情况表", "03"), ("三、2017年度江苏省高级人民法院部门支出预算总表", "03"),
    ("财政拨款收支预算总表", "04"), ("2026年财政拨款收支总体情况表", "04"),
    ("表7一般公共预算支出表（按功能分类）", "05"), ("2026年预算单位一般公共预算支出功能分类预算表", "05"),
    ("一般公共预算基本支出情况表（按经济分类科目）", "06"), ("公开08表：一般公共预算基本支出预算表", "06"),
    ("政府性基金预算支出表", "07"), ("国有资本经营预算支出预算表", "08"),
    ("财政拨款“三公”经费支出表", "09"), ("一般公共预算“三公”经费、会议费、培训费支出表", "09"),
    ("财政拨款安排的行政经费及“三公”经费预算表", "09"), ("2026年单位“三公”经费和机关运行经费预算表", "09"),
    ("财政拨款支出表（功能科目）", "F05"), ("财政拨款基本支出表（经济科目）", "F06"),
    ("一般公共预算支出表（按经济分类）", "E05"), ("一般公共预算机关运行经费支出预算表", "R09"),
    ("项目支出绩效目标表", SKIP), ("2026年政府采购预算明细表", SKIP), ("基本支出总表", SKIP),
])
def test_budget_titles_by_meaning(title, table_id):
    assert classify_budget_title(title).table_id == table_id


@pytest.mark.parametrize("text", ["一、收支预算总表情况说明", "五、单位预算表", "支出决算表", "本年支出合计397.44万元。"])
def test_what_is_not_a_budget_table_title(text):
    assert classify_budget_title(text) is None


# --- columns and rows ---------------------------------------------------------------------

@pytest.mark.parametrize("path, key", [
    (("本年收入", "财政拨款", "一般公共预算拨款"), "一般公共预算财政拨款收入"),
    (("财政拨款收入", "一般公共预算"), "一般公共预算财政拨款收入"),
    (("一般公共预算拨款收入",), "一般公共预算财政拨款收入"),
    (("本年收入", "小计"), "本年收入合计"), (("收入总计",), "合计"), (("合计",), "合计"),
    (("单位资金", "事业单位经营收入"), "经营收入"), (("事业收入(不含教育收费)",), "事业收入"),
    (("上年结转结余", "一般公共预算"), "年初结转和结余/一般公共预算财政拨款收入"),
    (("上年结转结余", "小计"), "年初结转和结余"),
    (("财政专户拨款收入", "教育收费"), "财政专户管理资金收入/教育收费"),
    (("财政转专户管理资金", "小计"), "财政专户管理资金收入"),  # not the document's 合计
    (("本级财政拨款", "其中:经费拨款"), "财政拨款收入/其中：经费拨款"),
])
def test_income_columns_by_meaning(path, key):
    assert income_key(path) == key


@pytest.mark.parametrize("path, key", [
    (("支出总计",), "合计"), (("基本支出", "小计"), "基本支出"), (("基本支出", "人员支出"), "基本支出/人员经费"),
    (("基本支出", "日常公用支出"), "基本支出/公用经费"), (("其中:基本支出",), "基本支出"),
    (("事业单位经营支出",), "经营支出"), (("对下级单位补助支出",), "对附属单位补助支出"),
    (("项目支出", "扣除基建项目后预算数"), "项目支出/扣除基建项目后预算数"),
    (("2025年预算数", "合计"), "上年预算数/合计"),
])
def test_spending_columns_by_meaning(path, key):
    assert spending_key(path, fiscal_year=2026) == key


def test_economic_and_sangong_columns():
    assert economic_key(("本年一般公共预算基本支出", "合计")) == C.BUDGET_AMOUNT
    assert economic_key(("基本支出", "人员经费")) == "人员经费"
    assert sangong_key(("2025年预算数", "因公出国(境)费"), 2026) == "上年预算数/因公出国（境）费"
    assert sangong_key(("公务用车购置及运行维护费", "公务用车运行维护费"), 2026) == "预算数/公务用车运行费"
    assert sangong_key(("机关运行经费预算数",), 2026) == "预算数/机关运行经费"
    assert sangong_key(("总计", "一般公共预算"), 2026) == "预算数/合计/一般公共预算财政拨款"


@pytest.mark.parametrize("text, code", [
    ("2050305-高等职业教育", "2050305"), ("[212]城乡社区支出", "212"), ("2101101", "2101101"),
    ("缴费支出2080506-机关事业单位职业年金", "2080506"), ("高等职业教育", None), ("2026年", None),
])
def test_codes_printed_with_their_names(text, code):
    assert split_code(text)[0] == code


# --- keys the schemas accept ----------------------------------------------------------------

def test_budget_keys_are_checked_by_document_type():
    assert valid_column_key("06", C.BUDGET_AMOUNT, C.DOC_BUDGET)
    assert not valid_column_key("06", C.BUDGET_AMOUNT, C.DOC_FINAL)
    assert not valid_column_key("06", C.AMOUNT, C.DOC_BUDGET)
    assert valid_column_key("09", "上年预算数/公务接待费", C.DOC_BUDGET)
    assert valid_column_key("03", "基本支出/人员经费", C.DOC_BUDGET)
    assert not valid_column_key("03", "本年支出合计", C.DOC_BUDGET)  # a budget's 03 total is 合计
    assert valid_row_key("03", "深圳市环境科学研究院/2110101", C.DOC_BUDGET)
    assert not valid_row_key("03", "深圳市环境科学研究院/2110101", C.DOC_FINAL)
    assert valid_row_key("06", "3010201", C.DOC_BUDGET) and not valid_row_key("06", "3010201", C.DOC_FINAL)
    # a row printed by name only, placed under its coded parent (extract/budget/named.py)
    assert valid_row_key("03", "204>监狱>行政运行", C.DOC_BUDGET)
    assert not valid_row_key("03", "204>监狱>行政运行", C.DOC_FINAL)


def test_rows_placed_by_name_stay_out_of_every_view_by_code():
    from warehouse.arrow_rows import classify

    assert classify("03", "20408") == ("function", "款", "204")
    assert classify("03", "204>监狱") == (None, None, None)
    assert classify("03", "20408>强制隔离戒毒人员生活") == (None, None, None)


# --- validation by document type --------------------------------------------------------------

def test_rules_declare_their_document_types():
    by_id = {r.id: r for r in RULES}
    assert by_id["T02.row_sum"].doc_types == {C.DOC_FINAL}
    assert by_id["B02.row_sum"].doc_types == {C.DOC_BUDGET}
    assert by_id["Tcode.parent_sum"].doc_types == {C.DOC_FINAL, C.DOC_BUDGET}


@pytest.mark.parametrize("path", [AUDIT, NDRC], ids=["yuan", "shanghai"])
def test_sample_budget_passes_every_budget_rule(path):
    records, unit = budget_records(path)
    report = run(records, unit)
    assert report.findings == []
    ran = set(report.ran)
    assert {"B02.row_sum", "Bspend.row_sum", "B06.row_sum", "B01.grand_totals", "Tcode.total_sum",
            "X04_05.class_lines", "T09.total"} <= ran
    assert not ran & {"T02.row_sum", "T03.row_sum", "T07.balance", "X01_02.income_total"}


@pytest.mark.parametrize("table, row, column, rule", [
    ("02", "合计", "事业收入", "B02.row_sum"),
    ("03", "合计", "基本支出", "Bspend.row_sum"),
    ("06", "301", "人员经费", "B06.row_sum"),
    ("09", "合计", "上年预算数/公务接待费", "T09.total"),
    ("01", "本年支出合计", "预算数", "B01.expenditure_total"),
])
def test_a_mutated_budget_figure_fires_its_rule(table, row, column, rule):
    records, unit = budget_records(AUDIT)
    current = next(r.amount for r in records if (r.table_id, r.row_key, r.column_key) == (table, row, column))
    findings = run(mutate(records, table, row, column, current + D("0.5")), unit).findings
    assert rule in {f.rule_id for f in findings if f.severity == "error"}


def test_a_total_of_basic_and_project_only_holds_as_well():
    """Shenzhen's 支出总计 = 基本 + 项目 while 事业单位经营支出 is printed beside them."""
    rows = [Record("03", "合计", "合计", D("100.00"), "合计", 1), Record("03", "合计", "基本支出", D("60.00"), "合计", 1),
            Record("03", "合计", "项目支出", D("40.00"), "合计", 1), Record("03", "合计", "经营支出", D("25.00"), "合计", 1)]
    assert identities(rows, C.UNIT_WAN) == []
    wrong = mutate(rows, "03", "合计", "合计", "110.00")
    assert {f.rule_id for f in identities(wrong, C.UNIT_WAN)} == {"Bspend.row_sum"}


def test_member_unit_sections_sum_to_the_total():
    rows = [Record("05", "合计", "合计", D("30.00"), "合计", 1),
            Record("05", "甲单位", "合计", D("10.00"), "甲单位", 1),
            Record("05", "甲单位/201", "合计", D("10.00"), "", 1), Record("05", "甲单位/20101", "合计", D("10.00"), "", 1),
            Record("05", "乙单位", "合计", D("20.00"), "乙单位", 1),
            Record("05", "乙单位/201", "合计", D("20.00"), "", 1), Record("05", "乙单位/20101", "合计", D("20.00"), "", 1)]
    assert identities(rows, C.UNIT_WAN) == []
    broken = mutate(rows, "05", "乙单位/20101", "合计", "19.00")
    assert {f.rule_id for f in identities(broken, C.UNIT_WAN)} == {"Tcode.parent_sum"}
    total_off = mutate(rows, "05", "合计", "合计", "31.00")
    assert {f.rule_id for f in identities(total_off, C.UNIT_WAN)} == {"Tcode.total_sum"}


def test_a_final_is_still_judged_as_a_final():
    records, unit = budget_records(AUDIT)
    findings = run(records, unit, doc_type=C.DOC_FINAL).findings
    assert any(f.rule_id.startswith("schema.") for f in findings)  # budget keys are not a final's
    assert decide_outcome(findings, []) == "quarantined"


def _boxed_grid(boxes):
    """A Grid from (row, row_end, x0, x1, text) boxes on their own column edges."""
    from juesuan.extract.grid import Cell, Grid
    from juesuan.text import normalise_text
    xs = sorted({b[2] for b in boxes} | {b[3] for b in boxes})
    n_rows = max(b[1] for b in boxes)
    cells, matrix = [], [[None] * (len(xs) - 1) for _ in range(n_rows)]
    for r0, r1, x0, x1, text in boxes:
        cell = Cell(r0, xs.index(x0), r1, xs.index(x1), text, normalise_text(text), text,
                    (x0, 10.0 * r0, x1, 10.0 * r1))
        cells.append(cell)
        for r in range(r0, r1):
            for c in range(cell.col, cell.col_end):
                matrix[r][c] = cell
    return Grid(page=1, bbox=(xs[0], 0, xs[-1], 10.0 * n_rows), n_rows=n_rows, n_cols=len(xs) - 1,
                cells=cells, col_edges=xs, matrix=matrix)


def test_header_ruled_off_the_body_lines_up_with_the_body_columns():
    # Jiangsu 2019: 功能科目代码 ruled 84-159 over codes printed 79-146, 金额 from 362 over
    # figures from 351 (with empty double-rule slivers between).
    from juesuan.extract.budget.tidy import body_columns, merge_sliver_columns
    grid = _boxed_grid([
        (0, 1, 79, 84, ""), (0, 1, 84, 159, "功能科目代码"), (0, 1, 159, 351, "功能科目名称"),
        (0, 1, 351, 362, ""), (0, 1, 362, 519, "金额"),
        (1, 2, 79, 146, "204"), (1, 2, 146, 351, "公共安全支出"), (1, 2, 351, 519, "16,593.12"),
        (2, 3, 79, 146, "20404"), (2, 3, 146, 351, "检察"), (2, 3, 351, 519, "16,593.12"),
    ])
    tidy = merge_sliver_columns(body_columns(grid))
    assert [tidy.text(0, c) for c in range(tidy.n_cols)] == ["功能科目代码", "功能科目名称", "金额"]
    assert [tidy.text(1, c) for c in range(tidy.n_cols)] == ["204", "公共安全支出", "16,593.12"]


def test_a_total_only_continuation_keeps_its_header_columns():
    from juesuan.extract.budget.tidy import body_columns
    grid = _boxed_grid([
        (0, 1, 0, 20, "类"), (0, 1, 20, 40, "款"), (0, 1, 40, 60, "项"), (0, 1, 60, 160, "科目名称"),
        (0, 1, 160, 220, "合计"), (1, 2, 0, 160, "合计"), (1, 2, 160, 220, "120,258.60"),
    ])
    assert body_columns(grid) is grid
