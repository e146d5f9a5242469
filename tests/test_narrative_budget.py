"""A budget's 情况说明 (validate/narrative/budget.py): totals, shares, 比上年 arithmetic,
机关运行经费 and 政府采购, judged only where the words bind a figure with certainty.

Pure inputs: narrative text (our own sentences, in the wordings real budgets use) and a
few budget records. Plus, over ../shared, the measured precision: no false error.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.model import ExtractedDocument, Record
from juesuan.validate.narrative import BUDGET_NARRATIVE_RULES, budget_narrative
from juesuan.validate.narrative.budget import BUDGET_RULES, budget_subject, own_words
from juesuan.validate.narrative.figures import figures

D = Decimal
B = "预算数"


def _records(grand="1000.00", current="990.00", fiscal="950.00", general="900.00", **extra) -> list[Record]:
    rows = [("01", "总计/收入", B, grand), ("01", "总计/支出", B, grand),
            ("01", "本年收入合计", B, current), ("01", "本年支出合计", B, current),
            ("04", "总计/收入", B, fiscal), ("04", "总计/支出", "合计", fiscal),
            ("04", "本年收入合计", B, fiscal), ("04", "本年支出合计", "合计", fiscal),
            ("05", "合计", "合计", general)]
    rows += [(t, r, c, v) for (t, r, c), v in extra.items()]
    return [Record(t, r, c, None if v is None else D(v), r, 5) for t, r, c, v in rows]


def _doc(text: str, records: list[Record] | None = None, unit: str = "示例市统计局") -> ExtractedDocument:
    return ExtractedDocument("b.pdf", unit_name=unit, fiscal_year=2026, doc_type="budget",
                             amount_unit_printed="万元", records=records if records is not None else _records(),
                             narrative=[(2, text)])


def _judged(text: str, records=None, doubtful=(), unit="示例市统计局"):
    report = budget_narrative(_doc(text, records, unit), rules=frozenset(BUDGET_RULES), doubtful_tables=doubtful)
    return report, [(f.rule_id, f.severity) for f in report.findings]


# --- words → subject -------------------------------------------------------------------

@pytest.mark.parametrize("words, kind, named", [
    ("2026年度收入、支出预算总计", "both", True),
    ("示例市统计局2026年收支总预算", "both", True),
    ("2026年财政拨款收支总预算", "fiscal", True),
    ("2026年度收入预算", "income", False),  # bare: 总计 or 本年收入合计
    ("本部门收入预算总额", "income", False),
    ("2026年示例市统计局（本级）部门预算收入", "income", False),
    ("本年支出预算合计", "expenditure", True),
    ("2026年一般公共预算财政拨款支出预算", "general", True),
    ("一般公共预算拨款支出预算", "general", True),
    ("2026年本单位机关运行经费财政拨款预算", "operating", True),
    ("2026年度政府采购支出预算总额", "procurement", True),
])
def test_wordings_bind_to_their_subject(words, kind, named):
    subject = budget_subject(own_words(words))
    assert subject is not None and subject.kind == kind and bool(subject.named) == named


@pytest.mark.parametrize("words", [
    "一般公共预算收入",  # one fund's income, not 预算收入
    "政府性基金预算支出",
    "一般公共预算支出预算",  # a bare 一般公共预算 may be all funds
    "财政拨款收入预算",
    "基本支出预算",
    "其中：一般公共预算拨款政府采购",
])
def test_qualified_wordings_bind_to_nothing(words):
    assert budget_subject(own_words(words)) is None


# --- totals ----------------------------------------------------------------------------

def test_totals_matching_their_cells_are_silent():
    text = ("一、收支预算总体情况说明示例市统计局2026年度收入、支出预算总计1,000.00万元。"
            "2026年财政拨款收支总预算950万元。2026年一般公共预算财政拨款支出预算900.00万元。")
    report, found = _judged(text)
    assert found == [] and report.claims["N.budget_total"] == 3


def test_a_wrong_total_is_an_error_naming_the_cell():
    report, found = _judged("2026年度收入、支出预算总计1,100.00万元。")
    assert found == [("N.budget_total", "error")]
    assert "01 总计" in report.findings[0].message and report.findings[0].expected == D("1000.00")


def test_ambiguous_wording_matching_one_reading_is_info():
    # 收入预算 may be 01 总计 (1000) or 本年收入合计 (990): matching one is not an error
    assert _judged("2026年度收入预算990.00万元。")[1] == [("N.budget_total", "info")]
    assert _judged("2026年度收入预算1,000.00万元。")[1] == [("N.budget_total", "info")]
    assert _judged("2026年度收入预算1,200.00万元。")[1] == [("N.budget_total", "error")]


def test_truncated_figure_restates_its_cell():
    records = _records(grand="1361.6271", current="1361.6271")
    assert _judged("2026年，示例市统计局收入预算1,361万元，", records)[1] == []


def test_a_table_failing_its_identities_makes_the_claim_info():
    report, found = _judged("2026年度收入、支出预算总计1,100.00万元。", doubtful={"01"})
    assert found == [("N.budget_total", "info")] and "fails an identity" in report.findings[0].message


def test_a_blank_cell_is_not_zero():
    records = [r for r in _records() if r.table_id != "01"] + [Record("01", "总计/收入", B, None, "总计", 5)]
    assert _judged("2026年度收入、支出预算总计1,100.00万元。", records)[1] == []


def test_a_member_units_figure_is_not_the_documents():
    text = "十三、示例市社会保险基金管理局龙华分局部门预算收入5,127.91万元，"
    assert _judged(text)[1] == []
    # the document's own name, shortened, is still its own
    assert _judged("示例市统计局本年收入预算合计1,100.00万元，")[1] == [("N.budget_total", "error")]


def test_a_class_figure_is_not_a_total():
    text = "（一）公共安全支出（类）检察（款）：2026年预算支出合计16,444.36万元。"
    assert _judged(text)[1] == []


# --- shares ----------------------------------------------------------------------------

def test_share_of_the_total_stated_before():
    text = "（一）收入预算总计1,000.00万元。其中：本年一般公共预算收入905.80万元，占90.58%；"
    report, found = _judged(text)
    assert found == [] and report.claims["N.budget_share"] == 1
    assert _judged(text.replace("90.58%", "95.58%"))[1] == [("N.budget_share", "error")]


def test_share_of_a_named_base():
    # 本年支出预算 is 01 本年支出合计 (990): 485.10 / 990 = 49.00%
    assert _judged("基本支出预算485.10万元，占本年支出预算49.00%。")[1] == []
    assert _judged("基本支出预算485.10万元，占本年支出预算48.00%。")[1] == [("N.budget_share", "error")]


def test_share_without_a_bound_base_is_not_judged():
    report, found = _judged("基本支出预算485.10万元，占48.00%。")
    assert found == [] and report.claims["N.budget_share"] == 0


# --- 比上年 ----------------------------------------------------------------------------

def test_change_and_rate_against_the_figure_they_follow():
    ok = "2026年部门预算收入1,000.00万元，较2025年年初预算增加200.00万元，增长25.0%。"
    assert [r for r in _judged(ok)[1] if r[0] == "N.budget_change"] == []
    wrong = "2026年部门预算收入1,000.00万元，较2025年年初预算增加200.00万元，增长20.0%。"
    report, found = _judged(wrong)
    assert ("N.budget_change", "error") in found
    assert "800" in next(f.message for f in report.findings if f.rule_id == "N.budget_change")


def test_a_rate_on_another_basis_is_not_judged():
    text = "2026年部门预算收入1,000.00万元，较2025年年初预算增加200.00万元，剔除一次性项目后同口径增长5.0%。"
    assert [r for r in _judged(text)[1] if r[0] == "N.budget_change"] == []


def test_last_years_printed_figure_must_give_the_change():
    ok = "三、支出预算情况说明2026年支出预算1,000.00万元，比2025年年初预算数800.00万元增加200.00万元，增长25.00%。"
    assert [r for r in _judged(ok)[1] if r[0] == "N.budget_change"] == []
    wrong = ok.replace("增加200.00万元", "增加200.30万元")
    assert ("N.budget_change", "error") in _judged(wrong)[1]


def test_a_change_of_a_total_without_its_rate_is_not_verifiable():
    found = _judged("2026年一般公共预算财政拨款支出预算900.00万元，比2025年预算增加100万元；")[1]
    assert found == [("N.budget_change", "info")]


def test_a_change_not_right_after_its_figure_is_not_judged():
    text = "气象产业发展管理90.72万元，用于开展调研和研究分析，较2025年增加29.23万元，增幅2.2%。"
    report, found = _judged(text)
    assert found == [] and report.claims["N.budget_change"] == 0


# --- 机关运行经费, 政府采购 -------------------------------------------------------------

def test_operating_costs_against_r09_or_not_verifiable():
    text = "一、机关运行经费2026年本单位机关运行经费财政拨款预算742.77万元。"
    assert _judged(text)[1] == [("N.budget_operating", "info")]
    r09 = _records() + [Record("R09", "合计", B, D("742.77"), "合计", 9)]
    assert _judged(text, r09)[1] == []
    r09[-1] = Record("R09", "合计", B, D("642.77"), "合计", 9)
    assert _judged(text, r09)[1] == [("N.budget_operating", "error")]


def test_procurement_against_03s_column():
    text = "第四部分政府采购预算情况示例市统计局（本级）纳入2026年部门预算的政府采购项目共有620万元，"
    with_03 = _records() + [Record("03", "合计", "政府采购", D("520.00"), "合计", 7)]
    assert _judged(text, with_03)[1] == [("N.budget_procurement", "error")]
    assert _judged(text)[1] == [("N.budget_procurement", "info")]


def test_the_budget_rules_are_judged_on_budgets():
    assert set(BUDGET_RULES) <= BUDGET_NARRATIVE_RULES
    assert figures("收入预算1,000.00万元")[0].value == D("1000.00")


# --- real budgets: no false error ------------------------------------------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "realpdfs" / "budget"
# Every error the budget rules give on the real budgets, reviewed on the rendered page: all
# true (the page's own figures disagree). File prefix → count.
REVIEWED_TRUE = {"324795c7efce": 1, "6615bc43dd49": 3, "68beaee94eda": 2, "7545124e4ca5": 2,
                 "956e155770fa": 1, "9bb83bc165f9": 1, "b6f855786225": 3, "江苏省人民检察院-2017": 1,
                 "cd5332d9e984": 1}


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realpdfs/budget is absent")
@pytest.mark.parametrize("prefix", ["cd5332d9e984", "956e155770fa", "12a61b5a9e7c"])
def test_real_budget_errors_are_the_reviewed_ones(prefix):
    from juesuan.extract import extract_document
    from juesuan.validate import check_records, doubtful_tables

    path = next(REAL.glob(prefix + "*"))
    doc = extract_document(path)
    records = check_records(doc.records, doc.amount_unit_printed, doc.tables_present, doc.tables_empty,
                            doc.doc_type)
    report = budget_narrative(doc, frozenset(BUDGET_RULES), doubtful_tables(records.findings))
    assert sum(f.severity == "error" for f in report.findings) == REVIEWED_TRUE.get(prefix, 0)
