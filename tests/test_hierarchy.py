"""A printed 款/项 whose 类/款 is not printed is reported (issue 12, hierarchy completeness)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from juesuan.validate import validate_records
from juesuan.validate.hierarchy import PARENT_MISSING, orphans
from juesuan.validate.outcome import LOADED_WITH_WARNINGS, decide_outcome
from warehouse.synthetic import make_document


def document(seed: int = 3):
    return make_document("测试局", 2024, random.Random(seed))


def drop(doc, codes: set[str], tables=("02", "03", "05", "06")):
    return replace(doc, records=[r for r in doc.records if not (r.table_id in tables and r.row_key in codes)])


def hierarchy_findings(doc):
    return [f for f in validate_records(doc.records, "万元") if f.rule_id == PARENT_MISSING]


def test_orphans_group_children_by_their_missing_parent():
    assert orphans(["201", "20101", "2010101", "20103", "2010301", "2080501", "2080502", "21001"]) == {
        "20805": ["2080501", "2080502"], "210": ["21001"]}
    assert orphans(["201", "20101", "2010101"]) == {}


def test_a_whole_document_has_no_finding():
    assert hierarchy_findings(document()) == []


def test_a_missing_lei_is_reported_once_per_table_and_only_warns():
    doc = document()
    lei = next(r.row_key for r in doc.records if r.table_id == "03" and len(r.row_key) == 3)
    findings = hierarchy_findings(drop(doc, {lei}, tables=("03",)))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity == "warning" and finding.table_ids == ("03",)
    assert f"not their 类 {lei}" in finding.message and finding.location == f"03 row {lei}"
    kuans = sorted({r.row_key for r in doc.records if r.table_id == "03" and len(r.row_key) == 5
                    and r.row_key.startswith(lei)})
    assert all(k in finding.message for k in kuans)  # every orphan named
    def errors(records):
        return sorted(f.rule_id for f in validate_records(records, "万元") if f.severity == "error")

    # the totals still balance and 01's 类 line meets the 类 derived from 03's rows: no
    # error beyond those of the whole (generated) document
    assert errors(drop(doc, {lei}, tables=("03",)).records) == errors(doc.records)
    dropped = drop(doc, {lei}, tables=("03",))
    assert decide_outcome([f for f in validate_records(dropped.records, "万元")
                           if f.rule_id == PARENT_MISSING], []) == LOADED_WITH_WARNINGS


def test_missing_kuan_and_economic_class():
    doc = document()
    kuan = next(r.row_key for r in doc.records if r.table_id == "03" and len(r.row_key) == 5)
    findings = hierarchy_findings(drop(doc, {kuan, "301"}))
    where = {(f.table_ids, f.location) for f in findings}
    assert (("03",), f"03 row {kuan}") in where and (("06",), "06 row 301") in where
    assert all("款" in f.message for f in findings if f.table_ids == ("03",))


def test_a_row_lost_at_a_page_break_is_reported_by_the_hierarchy_rule(tmp_path, monkeypatch):
    """Class 1 as it was: without the grid closing, a lost 类 row leaves its 款 orphans."""
    pytest.importorskip("fpdf")
    import juesuan.extract.grid as grid_module
    from juesuan.extract import extract_document
    from juesuan.sample.traps import render_trap
    from juesuan.validate import validate_document

    monkeypatch.setattr(grid_module, "close_open_ends", lambda h, v, chars=None: (h, v))
    rendered = render_trap("break_lei_shanghai", tmp_path)
    doc = extract_document(rendered.pdf_path)
    read = {(r.table_id, r.row_key) for r in doc.records}
    lost_lei = {(r.table_id, r.row_key) for r in rendered.records
                if r.row_key.isdigit() and len(r.row_key) == 3 and (r.table_id, r.row_key) not in read}
    assert lost_lei  # the trap lost a 类 row
    reported = {(f.table_ids[0], f.location.split()[-1]) for f in validate_document(doc)
                if f.rule_id == PARENT_MISSING}
    assert lost_lei <= reported
