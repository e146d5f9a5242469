"""Identities, tolerance, plausibility and outcome policy of juesuan.validate.

Two kinds of tests: the hand-verified truth files of ../shared (skipped when absent)
must come out clean — no error, no warning: their printed inconsistencies are all in the
narrative, and their within-tolerance notes must stay silent — and a tiny consistent unit
(juesuan.validate.examples) is mutated one figure at a time to make each rule fire with
the right expected/actual.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.model import ExtractedDocument, Finding, Problem, Record
from juesuan.validate import (RULES_BY_ID, catalogue, check_records, decide_outcome,
                              validate_document, validate_records)
from juesuan.validate.examples import TABLES_EMPTY, TABLES_PRESENT, tiny_unit
from juesuan.validate.lines import class_code
from juesuan.validate.outcome import quarantine_reasons
from juesuan.validate.tolerance import classify, tolerance

D = Decimal
TRUTH_DIR = Path(__file__).resolve().parents[2] / "shared" / "truth"
TRUTH_FILES = sorted(TRUTH_DIR.glob("*.json")) if TRUTH_DIR.is_dir() else []


# --- helpers ----------------------------------------------------------------------------

def mutate(records: list[Record], table_id: str, row_key: str, column_key: str,
           amount) -> list[Record]:
    """The records with one cell's amount replaced (the cell must exist)."""
    out, hit = [], False
    for rec in records:
        if (rec.table_id, rec.row_key, rec.column_key) == (table_id, row_key, column_key):
            rec = dataclasses.replace(rec, amount=None if amount is None else D(amount))
            hit = True
        out.append(rec)
    assert hit, f"no cell {table_id} {row_key} {column_key}"
    return out


def drop(records: list[Record], table_id: str, row_key: str | None = None) -> list[Record]:
    return [r for r in records
            if not (r.table_id == table_id and (row_key is None or r.row_key == row_key))]


def run(records, unit="万元", present=TABLES_PRESENT, empty=TABLES_EMPTY):
    return check_records(records, unit, present, empty)


def of_rule(findings, rule_id):
    return [f for f in findings if f.rule_id == rule_id]


# --- truth files ------------------------------------------------------------------------

def load_truth(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["records"] = [Record.from_json(r) for r in data["records"]]
    return data


@pytest.mark.skipif(not TRUTH_FILES, reason="../shared/truth is absent")
@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.stem)
def test_truth_file_has_no_error_or_warning(path):
    truth = load_truth(path)
    report = check_records(truth["records"], truth["amount_unit_printed"],
                           truth["tables_present"], truth["tables_empty"])
    print(f"\n{path.stem}: {report.summary()['informative_comparisons']} informative comparisons")
    for finding in report.findings:
        print("  ", finding.severity, finding.rule_id, finding.message)
    # The truth files' printed inconsistencies are all in words (narrative, headings,
    # self-evaluation) or within tolerance; inside the tables nothing is wrong, so any
    # error or warning here would be a false finding.
    assert [f for f in report.findings if f.severity in ("error", "warning")] == []
    assert decide_outcome(report.findings, []) == "loaded"
    if "模板" in path.stem:  # all blank: visible that nothing was checked
        assert report.informative_checks == 0
        assert [f.rule_id for f in report.findings] == ["validate.nothing_checked"]
    else:
        assert report.informative_checks > 100
        assert {"Tcode.parent_sum", "T01.income_total", "X01_03.class_lines"} <= set(report.ran)


@pytest.mark.skipif(not TRUTH_FILES, reason="../shared/truth is absent")
def test_truth_within_tolerance_cases_are_checked_not_skipped():
    """The noted 0.01 drifts are compared (and pass), not silently skipped."""
    by_name = {p.stem: load_truth(p) for p in TRUTH_FILES}
    seed = by_name["株洲市人民政府驻北京联络处-2022-部门决算"]
    report = check_records(seed["records"], "万元", seed["tables_present"], seed["tables_empty"])
    assert "X05_06.basic" in report.ran  # 28.14 + 194.34 = 222.48 vs 222.47
    mutated = mutate(seed["records"], "06", "公用经费合计", "决算数", "194.44")
    errors = of_rule(validate_records(mutated, "万元"), "X05_06.basic")
    assert [(f.expected, f.actual, f.severity) for f in errors] == [
        (D("222.58"), D("222.47"), "error")]
    finance = by_name["上海市普陀区财政局-2024-部门决算"]
    report = check_records(finance["records"], "万元")
    assert "X01_03.class_lines" in report.ran  # 01 326.71 vs 03 208 326.72
    assert report.findings == []


@pytest.mark.skipif(not TRUTH_FILES, reason="../shared/truth is absent")
def test_truth_records_mutated_beyond_tolerance_fail():
    planning = load_truth(TRUTH_DIR / "上海市普陀区规划和自然资源局-2024-部门决算.json")
    mutated = mutate(planning["records"], "03", "2120101", "基本支出", "1096.01")
    findings = validate_records(mutated, "万元", planning["tables_present"], planning["tables_empty"])
    row = [f for f in of_rule(findings, "T03.row_sum") if "2120101" in f.location]
    assert len(row) == 1
    assert row[0].actual == D("1105.68") and row[0].expected == D("1104.78")
    assert row[0].pages == (11,)
    assert decide_outcome(findings, []) == "quarantined"


# --- the tiny unit ------------------------------------------------------------------------

def test_tiny_unit_is_consistent_and_every_rule_runs():
    report = run(tiny_unit())
    assert report.findings == []
    assert report.skipped == []
    assert decide_outcome(report.findings, []) == "loaded"


MUTATIONS = [
    # rule, (table, row, column, new amount), location fragment, expected, actual
    ("Tcode.parent_sum", ("03", "20103", "本年支出合计", "80.50"), "03 row 20103", "80.00", "80.50"),
    ("Tcode.parent_sum", ("03", "20103", "本年支出合计", "80.50"), "03 row 201 ", "80.50", "80.00"),
    ("Tcode.total_sum", ("02", "合计", "本年收入合计", "111.00"), "02 row 合计", "110.00", "111.00"),
    ("T02.row_sum", ("02", "2080505", "其他收入", "1.00"), "02 row 2080505", "31.00", "30.00"),
    ("T03.row_sum", ("03", "2010399", "项目支出", "19.00"), "03 row 2010399", "19.00", "20.00"),
    ("T05.row_sum", ("05", "合计", "项目支出", "12.00"), "05 row 合计", "102.00", "100.00"),
    ("T01.income_total", ("01", "其他收入", "决算数", "12.00"), "01 row 本年收入合计", "112.00", "110.00"),
    ("T01.expenditure_total", ("01", "社会保障和就业支出", "决算数", "33.00"), "01 row 本年支出合计",
     "113.00", "110.00"),
    ("T01.grand_total_income", ("01", "年初结转和结余", "决算数", "6.00"), "01 row 总计/收入",
     "116.00", "115.00"),
    ("T01.grand_total_expenditure", ("01", "年末结转和结余", "决算数", "4.00"), "01 row 总计/支出",
     "114.00", "115.00"),
    ("T01.grand_totals_equal", ("01", "总计/支出", "决算数", "116.00"), "01 总计", "116.00", "115.00"),
    ("T04.row_sum", ("04", "一般公共服务支出", "合计", "71.00"), "04 row 一般公共服务支出",
     "70.00", "71.00"),
    ("T04.income_total", ("04", "本年收入合计", "决算数", "99.00"), "04 row 本年收入合计",
     "100.00", "99.00"),
    ("T04.expenditure_total", ("04", "社会保障和就业支出", "一般公共预算财政拨款", "31.00"),
     "column 一般公共预算财政拨款", "101.00", "100.00"),
    ("T04.opening_balance", ("04", "年初财政拨款结转和结余/政府性基金预算财政拨款", "决算数", "2.00"),
     "04 row 年初财政拨款结转和结余", "2.00", "0.00"),
    ("T04.grand_total_income", ("04", "总计/收入", "决算数", "101.00"), "04 row 总计/收入",
     "100.00", "101.00"),
    ("T04.grand_total_expenditure", ("04", "年末财政拨款结转和结余", "合计", "1.00"), "column 合计",
     "101.00", "100.00"),
    ("T04.grand_totals_equal", ("04", "总计/收入", "决算数", "101.00"), "04 总计", "100.00", "101.00"),
    ("T06.class_sum", ("06", "30102", "决算数", "31.00"), "06 row 301", "81.00", "80.00"),
    ("T06.personnel_total", ("06", "人员经费合计", "决算数", "82.00"), "06 row 人员经费合计",
     "80.00", "82.00"),
    ("T06.public_total", ("06", "公用经费合计", "决算数", "11.00"), "06 row 公用经费合计",
     "10.00", "11.00"),
    ("T09.total", ("09", "合计", "决算数/合计", "11.00"), "决算数/合计", "10.00", "11.00"),
    ("T09.vehicle_subtotal", ("09", "合计", "预算数/公务用车运行费", "7.00"),
     "预算数/公务用车购置及运行费", "7.00", "8.00"),
    ("X01_02.income_total", ("02", "合计", "本年收入合计", "111.00"), "01 本年收入合计", "111.00",
     "110.00"),
    ("X01_03.expenditure_total", ("03", "合计", "本年支出合计", "111.00"), "01 本年支出合计",
     "111.00", "110.00"),
    ("X01_03.class_lines", ("01", "一般公共服务支出", "决算数", "80.05"), "vs 03 201", "80.00", "80.05"),
    ("X01_03.class_lines", ("01", "外交支出", "决算数", "3.00"), "03 202", "0", "3.00"),
    ("X02_01.fiscal_income", ("02", "合计", "财政拨款收入", "101.00"), "02 合计/财政拨款收入",
     "100.00", "101.00"),
    ("X01_04.fiscal_income", ("04", "一般公共预算财政拨款", "决算数", "99.00"),
     "01 一般公共预算财政拨款收入", "99.00", "100.00"),
    ("X04_05.class_lines", ("04", "社会保障和就业支出", "一般公共预算财政拨款", "31.00"), "vs 05 208",
     "30.00", "31.00"),
    ("X05_04.total", ("04", "本年支出合计", "一般公共预算财政拨款", "101.00"), "05 合计/合计",
     "101.00", "100.00"),
    ("X05_06.basic", ("05", "合计", "基本支出", "91.00"), "05 合计/基本支出", "90.00", "91.00"),
    ("X06_09.items", ("06", "30217", "决算数", "5.00"), "06 30217", "4.00", "5.00"),
    ("X07_04.totals", ("04", "本年支出合计", "政府性基金预算财政拨款", "3.00"), "07 合计/本年支出/小计",
     "3.00", "0"),
    ("X08_04.totals", ("04", "国有资本经营预算财政拨款", "决算数", "2.00"), "08 合计/本年收入",
     "2.00", "0"),
]


@pytest.mark.parametrize("rule_id, cell, where, expected, actual", MUTATIONS,
                         ids=[f"{m[0]}:{m[1][1]}" for m in MUTATIONS])
def test_one_mutated_figure_fires_the_rule(rule_id, cell, where, expected, actual):
    findings = run(mutate(tiny_unit(), *cell)).findings
    hits = [f for f in of_rule(findings, rule_id) if where in f.location]
    assert len(hits) == 1, [f.message for f in of_rule(findings, rule_id)]
    hit = hits[0]
    assert (hit.expected, hit.actual) == (D(expected), D(actual))
    assert hit.severity == RULES_BY_ID[rule_id].severity
    assert hit.tolerance is not None and hit.tolerance > 0
    assert cell[0] in hit.table_ids
    assert hit.pages and all(1 <= p <= 9 for p in hit.pages)


def test_finding_carries_the_pages_of_both_sides():
    findings = run(mutate(tiny_unit(), "05", "合计", "基本支出", "91.00")).findings
    (hit,) = of_rule(findings, "X05_06.basic")
    assert hit.pages == (5, 6)
    assert hit.table_ids == ("05", "06")


def test_t07_balance_on_a_printed_fund_table():
    fund = [Record("07", "合计", c, D(v), "合计", 7) for c, v in zip(
        ("年初结转和结余", "本年收入", "本年支出/小计", "本年支出/基本支出", "本年支出/项目支出",
         "年末结转和结余"), ("1.00", "10.00", "8.00", "0.00", "8.00", "3.00"))]
    alone = validate_records(fund, "万元")  # without 01–03/05: only the coverage errors
    assert {f.rule_id for f in alone} == {"document.core_table_missing"}
    broken = mutate(fund, "07", "合计", "年末结转和结余", "4.00")
    (hit,) = of_rule(validate_records(broken, "万元"), "T07.balance")
    assert (hit.expected, hit.actual, hit.severity) == (D("3.00"), D("4.00"), "error")
    split = mutate(fund, "07", "合计", "本年支出/项目支出", "7.00")
    (hit,) = of_rule(validate_records(split, "万元"), "T07.spending_sum")
    assert (hit.expected, hit.actual) == (D("7.00"), D("8.00"))


# --- tolerance ---------------------------------------------------------------------------

def test_tolerance_grows_with_terms_and_follows_the_unit():
    assert tolerance(1, "万元") == D("0.011")
    assert tolerance(3, "万元") == D("0.033")
    assert tolerance(0, "万元") == D("0.011")  # never zero
    assert tolerance(3, "元") == D("0.0000033")
    assert tolerance(20, "万元") > tolerance(2, "万元")


def test_classify_bands():
    tol = D("0.033")
    assert classify(D("0.033"), tol, "error") is None
    assert classify(D("-0.04"), tol, "error") == "warning"
    assert classify(D("0.066"), tol, "error") == "warning"
    assert classify(D("0.067"), tol, "error") == "error"
    assert classify(D("5"), tol, "warning") == "warning"


def test_seed_style_rounding_passes():
    """Like the seed's 06 28.14 + 194.34 = 222.48 against 05 基本 222.47."""
    records = mutate(tiny_unit(), "06", "人员经费合计", "决算数", "80.01")
    assert run(records).findings == []


def test_rounding_beyond_tolerance_but_within_twice_is_a_warning():
    records = mutate(tiny_unit(), "06", "人员经费合计", "决算数", "80.04")
    findings = run(records).findings
    assert {(f.rule_id, f.severity) for f in findings} == {
        ("X05_06.basic", "warning"), ("T06.personnel_total", "warning")}
    assert decide_outcome(findings, []) == "loaded_with_warnings"


def _printing_fen(records: list[Record]) -> list[Record]:
    """The same figures as a 元 document that prints 分 (six places in 万元)."""
    return [dataclasses.replace(r, amount=None if r.amount is None else r.amount.quantize(D("0.000001")))
            for r in records]


def test_yuan_documents_get_a_finer_tolerance():
    records = _printing_fen(mutate(tiny_unit(), "06", "人员经费合计", "决算数", "80.01"))
    assert run(records, unit="万元").findings == []
    findings = run(records, unit="元").findings
    assert {f.rule_id for f in findings} == {"X05_06.basic", "T06.personnel_total"}
    assert all(f.severity == "error" and f.tolerance < D("0.0001") for f in findings)


def test_yuan_documents_printing_whole_yuan_allow_a_yuan_per_figure():
    """Budgets in 元 print no 分 (22,118,861): their parts are rounded to the 元."""
    exact = _printing_fen(tiny_unit())
    whole = [dataclasses.replace(r, amount=None if r.amount is None else r.amount.quantize(D("0.0001")))
             for r in exact]
    one_yuan_off = mutate(whole, "06", "人员经费合计", "决算数", "80.0001")
    assert run(one_yuan_off, unit="元").findings == []
    same_on_fen = mutate(exact, "06", "人员经费合计", "决算数", "80.000100")
    assert {f.rule_id for f in run(same_on_fen, unit="元").findings} == {"X05_06.basic", "T06.personnel_total"}


def test_many_terms_widen_the_tolerance():
    """A 0.03 drift passes over three printed figures, not over two."""
    base = tiny_unit()
    wide = mutate(base, "01", "本年收入合计", "决算数", "110.03")  # = 100.00 + 10.00: 3 figures
    hits = of_rule(run(wide).findings, "T01.income_total")
    assert hits == []
    grand = of_rule(run(wide).findings, "X01_02.income_total")
    assert [f.severity for f in grand] == ["warning"]  # 2 figures: tol 0.022 < 0.03 ≤ 0.044


# --- blank versus zero, absent inputs ----------------------------------------------------

def test_blank_total_against_printed_rows_fails():
    records = mutate(tiny_unit(), "03", "合计", "基本支出", None)
    hits = [f for f in of_rule(run(records).findings, "Tcode.total_sum") if "基本支出" in f.location]
    assert [(f.expected, f.actual) for f in hits] == [(D("90.00"), D("0"))]
    assert "printed blank (counted as 0) but expected = 90.00" in hits[0].message


def test_a_printed_zero_total_is_reported_as_printed_zero_not_blank():
    records = mutate(tiny_unit(), "03", "合计", "基本支出", "0.00")
    hits = [f for f in of_rule(run(records).findings, "Tcode.total_sum") if "基本支出" in f.location]
    assert len(hits) == 1 and "printed 0.00 but expected" in hits[0].message


def test_blank_empty_fund_table_against_zero_is_fine_but_not_against_money():
    zero = mutate(tiny_unit(), "04", "本年支出合计", "政府性基金预算财政拨款", "0.00")
    assert run(zero).findings == []
    money = mutate(tiny_unit(), "04", "本年支出合计", "政府性基金预算财政拨款", "0.50")
    hits = of_rule(run(money).findings, "X07_04.totals")
    assert [(f.actual, f.expected, f.severity) for f in hits] == [(D("0"), D("0.50"), "error")]


def test_rules_without_inputs_are_skipped_and_reported():
    report = run(drop(tiny_unit(), "06"), present=[t for t in TABLES_PRESENT if t != "06"])
    assert {"T06.class_sum", "T06.personnel_total", "X05_06.basic", "X06_09.items"} <= set(
        report.skipped)
    assert "T05.row_sum" in report.ran
    assert report.findings == []


def test_unprinted_row_is_skipped_but_unprinted_term_counts_as_zero():
    no_total = drop(tiny_unit(), "01", "本年收入合计")
    report = run(no_total)
    assert "T01.income_total" in report.skipped
    no_line = drop(tiny_unit(), "01", "其他收入")
    hits = of_rule(run(no_line).findings, "T01.income_total")
    assert [(f.expected, f.actual) for f in hits] == [(D("100.00"), D("110.00"))]


def test_all_blank_records_say_nothing_was_checked():
    blank = [dataclasses.replace(r, amount=None) for r in tiny_unit()]
    report = run(blank, empty=TABLES_PRESENT)
    assert [f.rule_id for f in report.findings] == ["validate.nothing_checked"]
    assert report.informative_checks == 0
    assert decide_outcome(report.findings, []) == "loaded"


# --- 01/04 line labels --------------------------------------------------------------------

@pytest.mark.parametrize("label, code", [
    ("一般公共服务支出", "201"), ("资源勘探信息等支出", "215"), ("抗役特别国债安排的支出", "234"),
    ("文化体育与传媒支出", "207"), ("医疗卫生与计划生育支出", "210"), ("十一、城乡社区支出", "212"),
    ("其他收入", None), ("本年支出合计", None), ("教育", None),
])
def test_class_lines_tolerate_wording_drift(label, code):
    assert class_code(label) == code


def test_drifted_01_label_is_still_compared():
    records = [dataclasses.replace(r, row_key="资源勘探信息等支出", amount=D("4.00"))
               if (r.table_id, r.row_key) == ("01", "外交支出") else r for r in tiny_unit()]
    hits = of_rule(run(records).findings, "X01_03.class_lines")
    assert [(f.location.split(" vs ")[1], f.actual) for f in hits] == [
        ("03 215/本年支出合计 (row not printed: 0)", D("4.00"))]


# --- plausibility ---------------------------------------------------------------------------

def test_scale_bound():
    records = mutate(tiny_unit(), "02", "2010301", "财政拨款收入", "60000000.00")
    hits = of_rule(run(records).findings, "plausibility.scale")
    assert [(f.actual, f.pages) for f in hits] == [(D("60000000.00"), (2,))]


def test_index_row_read_as_money():
    records = tiny_unit()
    for i, column in enumerate(("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                "附属单位上缴收入", "其他收入"), start=1):
        records = mutate(records, "02", "2080505", column, str(i))
    hits = of_rule(run(records).findings, "plausibility.index_row")
    assert len(hits) == 1 and "2080505" in hits[0].location
    assert decide_outcome(run(records).findings, []) == "quarantined"


def test_index_column_read_as_money():
    records = tiny_unit()
    sixes = [r for r in records if r.table_id == "06"]
    records = [r for r in records if r.table_id != "06"] + [
        dataclasses.replace(r, amount=D(i)) for i, r in enumerate(sixes, start=1)]
    hits = of_rule(run(records).findings, "plausibility.index_row")
    assert [h.location for h in hits] == ["06 决算数"]


def test_year_row_is_a_warning():
    records = tiny_unit()
    for column in ("预算数/合计", "预算数/公务接待费"):
        records = mutate(records, "09", "合计", column, "2023")
    for column in ("决算数/合计", "决算数/公务接待费"):
        records = mutate(records, "09", "合计", column, "2024")
    for column in ("预算数/因公出国（境）费", "预算数/公务用车购置及运行费", "预算数/公务用车购置费",
                   "预算数/公务用车运行费", "决算数/因公出国（境）费", "决算数/公务用车购置及运行费",
                   "决算数/公务用车购置费", "决算数/公务用车运行费"):
        records = mutate(records, "09", "合计", column, None)
    hits = of_rule(run(records).findings, "plausibility.year_row")
    assert [(h.severity, h.pages) for h in hits] == [("warning", (9,))]


def test_header_row_keyed_as_data():
    records = tiny_unit() + [Record("01", "栏次", "决算数", None, "栏次", 1)]
    hits = of_rule(run(records).findings, "plausibility.header_row")
    assert [h.location for h in hits] == ["01 row 栏次"]


def test_same_figures_in_unrelated_tables():
    fund_rows = {"年初结转和结余": "1.00", "本年收入": "10.00", "本年支出/小计": "8.00",
                 "本年支出/基本支出": "0.00", "本年支出/项目支出": "8.00", "年末结转和结余": "3.00"}
    records = drop(drop(tiny_unit(), "07"), "08")
    for table_id in ("07", "08"):
        records += [Record(table_id, "合计", c, D(v), "合计", 7) for c, v in fund_rows.items()]
    hits = of_rule(run(records, empty=[]).findings, "plausibility.duplicate_table")
    assert [(h.table_ids, h.severity) for h in hits] == [(("07", "08"), "warning")]


# --- coverage and the outcome policy -------------------------------------------------------

def test_missing_core_table_quarantines():
    present = [t for t in TABLES_PRESENT if t != "03"]
    findings = run(drop(tiny_unit(), "03"), present=present).findings
    assert [f.rule_id for f in findings if f.severity == "error"] == ["document.core_table_missing"]
    assert decide_outcome(findings, []) == "quarantined"


def test_declared_empty_table_with_figures_is_a_warning():
    findings = run(tiny_unit(), empty=["07", "09"]).findings
    assert [(f.rule_id, f.table_ids) for f in findings] == [
        ("document.empty_table_has_values", ("09",))]


def _finding(rule_id: str, severity: str = "error") -> Finding:
    return Finding(rule_id, severity, "test")


@pytest.mark.parametrize("findings, problems, outcome", [
    ([], [], "loaded"),
    ([_finding("validate.nothing_checked", "info")], [], "loaded"),
    ([_finding("X06_09.items", "warning")], [], "loaded_with_warnings"),
    ([_finding("X01_03.class_lines")], [], "loaded_with_warnings"),
    ([_finding("T06.personnel_total")], [], "loaded_with_warnings"),
    ([_finding("Tcode.total_sum", "warning")], [], "loaded_with_warnings"),
    ([_finding("Tcode.total_sum")], [], "quarantined"),
    ([_finding("T01.grand_totals_equal")], [], "quarantined"),
    ([_finding("schema.06.row_key_format")], [], "quarantined"),
    ([_finding("schema.02.amount_sign", "warning")], [], "loaded_with_warnings"),
    ([_finding("plausibility.scale")], [], "quarantined"),
    ([], [Problem("cid_text", "font without map", page=3)], "loaded_with_warnings"),
    ([], [Problem("not_pdf", "an HTML page")], "quarantined"),
    ([], [Problem("bad_cell", "x", fatal=True)], "quarantined"),
    ([], [Problem("table_missing", "no 05", table_id="05")], "quarantined"),
    ([], [Problem("table_missing", "no 08", table_id="08")], "loaded_with_warnings"),
])
def test_outcome_policy(findings, problems, outcome):
    assert decide_outcome(findings, problems) == outcome
    assert bool(quarantine_reasons(findings, problems)) == (outcome == "quarantined")


def test_printed_cross_table_slip_loads_but_broken_total_quarantines():
    slip = run(mutate(tiny_unit(), "01", "一般公共服务支出", "决算数", "80.05")).findings
    assert {f.rule_id for f in slip if f.severity == "error"} == {"X01_03.class_lines"}
    assert decide_outcome(slip, []) == "loaded_with_warnings"
    broken = run(mutate(tiny_unit(), "03", "合计", "本年支出合计", "150.00")).findings
    assert decide_outcome(broken, []) == "quarantined"


def test_validate_document_entry_point():
    doc = ExtractedDocument(document="tiny.pdf", amount_unit_printed="万元",
                            tables_present=TABLES_PRESENT, tables_empty=TABLES_EMPTY,
                            records=tiny_unit())
    assert validate_document(doc) == []
    doc.records = mutate(doc.records, "02", "合计", "本年收入合计", "111.00")
    assert "Tcode.total_sum" in {f.rule_id for f in validate_document(doc)}


def test_catalogue_lists_every_rule_once():
    ids = [row["id"] for row in catalogue()]
    assert len(ids) == len(set(ids))
    assert all(row["severity"] in ("error", "warning", "info") for row in catalogue())
    expected = {"T02.row_sum", "T03.row_sum", "T05.row_sum", "T07.balance", "T01.income_total",
                "T01.grand_total_income", "T01.grand_totals_equal", "Tcode.parent_sum",
                "Tcode.total_sum", "T06.class_sum", "T06.personnel_total", "T06.public_total",
                "T09.total", "T09.vehicle_subtotal", "X01_02.income_total",
                "X01_03.expenditure_total", "X01_03.class_lines", "X02_01.fiscal_income",
                "X04_05.class_lines", "X05_04.total", "X05_06.basic", "X06_09.items",
                "X07_04.totals", "X08_04.totals"}
    assert expected <= set(ids)
    assert RULES_BY_ID["X06_09.items"].severity == "warning"


def test_rows_placed_by_name_hang_from_their_printed_parent():
    from juesuan.validate.identities import children_of

    children, roots = children_of(["204", "20406", "2040601", "204>监狱", "204>监狱>行政运行", "20408",
                                   "20408>戒毒人员生活"])
    assert roots == ["204"]
    assert children == {"204": ["20406", "204>监狱", "20408"], "20406": ["2040601"],
                        "204>监狱": ["204>监狱>行政运行"], "20408": ["20408>戒毒人员生活"]}
    # a 款 not printed: its row placed by name hangs on the 类, as a 项 would
    assert children_of(["204", "20408>戒毒人员生活"])[0] == {"204": ["20408>戒毒人员生活"]}
