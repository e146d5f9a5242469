"""The pandera schemas of the canonical record (schemas/) and their findings."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest

from juesuan.canonical import TABLE_IDS
from juesuan.model import Record
from juesuan.validate.examples import tiny_unit
from juesuan.validate.schemas_check import MAX_PER_CHECK, schema_findings
from schemas import records_frame, schema_for
from schemas.keys import valid_column_key, valid_row_key, within_precision

D = Decimal
TRUTH_DIR = Path(__file__).resolve().parents[2] / "shared" / "truth"
TRUTH_FILES = sorted(TRUTH_DIR.glob("*.json")) if TRUTH_DIR.is_dir() else []


def findings_of(records):
    return schema_findings(records)[0]


def rule_ids(records):
    return [f.rule_id for f in findings_of(records)]


# --- the frame ----------------------------------------------------------------------------

def test_records_frame_keeps_decimals_and_blanks():
    records = [Record("05", "合计", "合计", D("0.10"), "合计", 5),
               Record("05", "合计", "基本支出", None, "合计", None)]
    frame = records_frame(records)
    assert list(frame.columns) == [
        "table_id", "row_key", "column_key", "amount", "row_label", "page", "doc_type"]
    assert set(frame["doc_type"]) == {"final"}
    assert frame["amount"].dtype == object
    assert frame["amount"].iloc[0] == D("0.10") and isinstance(frame["amount"].iloc[0], Decimal)
    assert frame["amount"].iloc[1] is None  # blank stays None, not NaN or 0
    assert str(frame["page"].dtype) == "Int64" and pd.isna(frame["page"].iloc[1])


def test_schema_for_every_table_and_nothing_else():
    assert [schema_for(t)._TABLE for t in TABLE_IDS] == list(TABLE_IDS)
    with pytest.raises(KeyError):
        schema_for("10")


def test_tiny_unit_passes_every_schema():
    frame = records_frame(tiny_unit())
    for table_id, part in frame.groupby("table_id"):
        schema_for(table_id).validate(part, lazy=True)  # raises on failure
    assert findings_of(tiny_unit()) == []


@pytest.mark.skipif(not TRUTH_FILES, reason="../shared/truth is absent")
@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.stem)
def test_truth_files_pass_the_schemas(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    records = [Record.from_json(r) for r in data["records"]]
    findings, validated = schema_findings(records)
    assert findings == []
    assert sorted(validated) == sorted({r.table_id for r in records})


def test_a_wrong_table_fails_the_pandera_model_directly():
    frame = records_frame([Record("06", "3010", "决算数", D("1.00"), "x", 16)])
    with pytest.raises(pa.errors.SchemaErrors) as caught:
        schema_for("06").validate(frame, lazy=True)
    assert set(caught.value.failure_cases["check"]) == {"row_key_format"}


# --- keys ---------------------------------------------------------------------------------

@pytest.mark.parametrize("table_id, key, ok", [
    ("02", "合计", True), ("02", "201", True), ("02", "20103", True), ("02", "2010301", True),
    ("02", "2010", False), ("02", "一般公共服务支出", False), ("02", "", False),
    ("07", "2296003", True), ("05", "201030101", False),
    ("06", "301", True), ("06", "30101", True), ("06", "人员经费合计", True),
    ("06", "2010301", False), ("06", "合计", False),
    ("01", "本年收入合计", True), ("04", "年初财政拨款结转和结余/一般公共预算财政拨款", True),
    ("09", "某某中心", True), ("01", " ", False),
])
def test_row_keys(table_id, key, ok):
    assert valid_row_key(table_id, key) is ok


@pytest.mark.parametrize("table_id, key, ok", [
    ("02", "本年收入合计", True), ("02", "事业收入/其中：教育收费", True),
    ("02", "事业收入/教育收费", False), ("02", "基本支出", False),
    ("05", "合计", True), ("05", "项目支出/其中：基本建设资金支出", True), ("05", "小计", False),
    ("09", "决算数/公务接待费", True), ("09", "预算数/会议费", True), ("09", "会议费", False),
    ("07", "本年支出/小计", True), ("08", "本年支出", False),
    ("01", "决算数", True), ("04", "一般公共预算财政拨款", True), ("06", "预算数", False),
])
def test_column_keys(table_id, key, ok):
    assert valid_column_key(table_id, key) is ok


# --- findings -------------------------------------------------------------------------------

def test_bad_code_is_an_error_with_its_page():
    records = tiny_unit() + [Record("06", "3010", "决算数", D("1.00"), "基本工资?", 16)]
    (finding,) = findings_of(records)
    assert finding.rule_id == "schema.06.row_key_format"
    assert finding.severity == "error"
    assert finding.pages == (16,)
    assert "3010" in finding.location and "economic code" in finding.message


def test_unknown_column_is_an_error():
    records = tiny_unit() + [Record("02", "合计", "用事业基金弥补收支差额", None, "合计", 2)]
    assert rule_ids(records) == ["schema.02.column_key_canonical"]


def test_required_rows_are_named():
    records = [r for r in tiny_unit() if not (r.table_id == "01" and r.row_key == "总计/支出")]
    (finding,) = findings_of(records)
    assert finding.rule_id == "schema.01.required_rows"
    assert "总计/支出" in finding.message and finding.pages == (1,)
    no_total = [r for r in tiny_unit() if not (r.table_id == "05" and r.row_key == "合计")]
    assert rule_ids(no_total) == ["schema.05.required_rows"]


def test_06_needs_no_total_rows():
    """The template's 06 prints no 人员经费合计/公用经费合计: not a schema error."""
    records = [r for r in tiny_unit() if r.row_key not in ("人员经费合计", "公用经费合计")]
    assert findings_of(records) == []


def test_duplicate_cell_reports_both_records():
    records = tiny_unit()
    duplicate = next(r for r in records if r.table_id == "03" and r.row_key == "201")
    findings = findings_of(records + [dataclasses.replace(duplicate, page=4)])
    assert [f.rule_id for f in findings] == ["schema.03.unique_cell"] * 2
    assert {f.pages for f in findings} == {(3,), (4,)}


@pytest.mark.parametrize("amount, rule, severity", [
    (1.5, "amount_decimal", "error"),
    ("1.5", "amount_decimal", "error"),
    (float("nan"), "amount_decimal", "error"),
    (D("NaN"), "amount_decimal", "error"),
    (D("1.0000001"), "amount_precision", "error"),
    (D("-3.00"), "amount_sign", "warning"),
])
def test_amount_domain(amount, rule, severity):
    records = [dataclasses.replace(r, amount=amount)
               if (r.table_id, r.row_key, r.column_key) == ("02", "201", "财政拨款收入") else r
               for r in tiny_unit()]
    (finding,) = findings_of(records)
    assert (finding.rule_id, finding.severity) == (f"schema.02.{rule}", severity)
    assert finding.pages == (2,)


@pytest.mark.parametrize("value, ok", [
    (D("1.234567"), True), (D("1.2300000"), True), (D("1E+3"), True),
    (D("1.2345671"), False), (D("1.0000000000000000000000000001"), False), (1.5, False),
])
def test_precision_of_yuan_figures(value, ok):
    assert within_precision(value) is ok


def test_negative_balances_are_fine():
    records = tiny_unit()
    records = [dataclasses.replace(r, amount=D("-2.00"))
               if (r.table_id, r.row_key) in {("01", "年末结转和结余"), ("07", "合计")}
               and r.column_key in ("决算数", "年末结转和结余") else r for r in records]
    assert any(r.amount is not None and r.amount < 0 for r in records if r.table_id == "07")
    assert findings_of(records) == []


def test_page_must_be_positive_when_known():
    records = [dataclasses.replace(r, page=0) if (r.table_id, r.row_key) == ("05", "201") else r
               for r in tiny_unit()]
    findings = findings_of(records)
    assert {f.rule_id for f in findings} == {"schema.05.page_positive"}
    assert len(findings) == 3  # the row's three cells
    unknown = [dataclasses.replace(r, page=None) for r in tiny_unit()]
    assert findings_of(unknown) == []


def test_unknown_table_id():
    findings = findings_of(tiny_unit() + [Record("10", "合计", "合计", D(1), "合计", 30)])
    assert [(f.rule_id, f.pages) for f in findings] == [("schema.10.table_id_value", (30,))]


def test_many_failures_of_one_check_are_capped():
    records = [dataclasses.replace(r, amount=1.5) if r.table_id == "02" else r
               for r in tiny_unit()]
    bad = sum(1 for r in records if r.table_id == "02" and isinstance(r.amount, float))
    assert bad > MAX_PER_CHECK
    findings = findings_of(records)
    assert len(findings) == MAX_PER_CHECK + 1
    assert f"{bad - MAX_PER_CHECK} more records" in findings[-1].message
