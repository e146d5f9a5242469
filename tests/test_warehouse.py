"""Warehouse loading: atomic, idempotent, versioned; units; city views; no double counting."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

import warehouse.load as load_module
from juesuan.model import ExtractedDocument, Finding, Problem, Record
from warehouse import (WarehouseError, create_views, finish_run, is_loaded, load_document,
                       open_ingest, record_failure, release_document, start_run, unit_key)
from warehouse.schema import SCHEMA_VERSION
from warehouse.synthetic import small_document

TRUTH_DIR = Path(__file__).resolve().parents[2] / "shared" / "truth"
BASE_TABLES = ("units", "documents", "document_members", "line_items", "findings",
               "problems", "ingest_runs", "schema_version")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dump(con) -> dict[str, list[tuple]]:
    """Every row of every base table, sorted: equality means zero rows changed."""
    return {table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in BASE_TABLES}


def one(con, query: str, params=None):
    return con.execute(query, params).fetchone()[0] if params else con.execute(query).fetchone()[0]


@pytest.fixture()
def con(tmp_path):
    connection = open_ingest(tmp_path / "wh")
    create_views(connection)
    yield connection
    connection.close()


def city_total(con, year: int) -> Decimal:
    return one(con, "SELECT \"本年支出合计\" FROM v_city_totals WHERE fiscal_year = ?", [year])


# --- schema ------------------------------------------------------------------------------

def test_schema_is_idempotent_and_versioned(tmp_path):
    first = open_ingest(tmp_path)
    first.close()
    again = open_ingest(tmp_path)
    assert again.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    tables = {r[0] for r in again.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert set(BASE_TABLES) | {"dim_function_code", "dim_economic_code", "snapshot_info"} <= tables
    again.close()


def test_a_version_1_warehouse_is_upgraded_in_place_keeping_its_rows(tmp_path):
    import sql as sql_files

    path = tmp_path / "ingest.duckdb"
    old = duckdb.connect(str(path))
    old.execute(sql_files.load("schema/001_core"))
    old.execute("INSERT INTO schema_version VALUES (1, now())")
    doc = small_document("甲局", 2023, {"2010301": ("100.10", "0.00")})
    old.execute("INSERT INTO line_items (document_id, ordinal, table_id, row_key, column_key, amount) "
                "VALUES ('d1', 0, '03', '2010301', '基本支出', 100.10)")
    old.close()
    con = open_ingest(tmp_path)
    try:
        assert [v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()] == [
            1, SCHEMA_VERSION]
        row = con.execute("SELECT amount, cell_x0, cell_bottom FROM line_items WHERE document_id = 'd1'").fetchone()
        assert row == (Decimal("100.10"), None, None)
        result = load_document(con, doc, [], "loaded", None, sha("甲"), None)
        assert result.line_items == len(doc.records)
    finally:
        con.close()


# --- loading -----------------------------------------------------------------------------

def test_load_then_views_return_the_sums(con):
    doc = small_document("甲局", 2023, {"2010301": ("100.10", "0.00"),
                                       "2010302": ("0.00", "50.05"),
                                       "2080501": ("20.00", "5.00")},
                         sangong={"公务接待费": ("3.00", "2.50")})
    result = load_document(con, doc, [], "loaded", None, sha("甲"), "http://portal/甲.pdf")
    assert result.action == "inserted" and result.line_items == len(doc.records)

    lei = dict(con.execute("SELECT code, \"本年支出合计\" FROM v_city_function_lei "
                           "WHERE fiscal_year = 2023").fetchall())
    assert lei == {"201": Decimal("150.15"), "208": Decimal("25.00")}
    kuan = con.execute("SELECT \"基本支出\", \"项目支出\", units FROM v_city_function_kuan "
                       "WHERE code = '20103'").fetchone()
    assert kuan == (Decimal("100.10"), Decimal("50.05"), 1)
    assert city_total(con, 2023) == Decimal("175.15")
    final, budget = con.execute("SELECT \"决算数\", \"预算数\" FROM v_city_sangong "
                                "WHERE item = '公务接待费'").fetchone()
    assert (final, budget) == (Decimal("2.50"), Decimal("3.00"))
    row = con.execute("SELECT \"本年支出合计\", row_label FROM v_t03_expenditure "
                      "WHERE row_key = '2010302'").fetchone()
    assert row == (Decimal("50.05"), "名称2010302")


def test_amounts_are_exact_decimals_and_blanks_stay_null(con):
    records = [Record("03", "合计", "本年支出合计", Decimal("0.1"), "合计", 1),
               Record("03", "合计", "基本支出", None, "合计", 1),
               Record("03", "合计", "项目支出", Decimal("0.2"), "合计", 1),
               Record("03", "201", "本年支出合计", Decimal("0.000001"), "一般公共服务支出", 1)]
    doc = ExtractedDocument("x.pdf", "乙局", 2023, "final", "单位", records=records)
    load_document(con, doc, [], "loaded", None, sha("exact"), None)
    values = dict(con.execute("SELECT column_key || row_key, amount FROM line_items").fetchall())
    assert values["本年支出合计合计"] == Decimal("0.1")
    assert values["基本支出合计"] is None
    assert values["本年支出合计201"] == Decimal("0.000001")
    # Decimal arithmetic in SQL: 0.1 + 0.2 is exactly 0.3
    assert one(con, "SELECT sum(amount) FROM line_items WHERE row_key = '合计'") == Decimal("0.3")
    assert one(con, "SELECT typeof(amount) FROM line_items LIMIT 1") == "DECIMAL(18,6)"


def test_amount_with_too_many_places_is_refused_before_writing(con):
    doc = ExtractedDocument("x.pdf", "乙局", 2023, "final", "单位",
                            records=[Record("03", "合计", "基本支出", Decimal("1.0000001"), "合计", 1)])
    before = dump(con)
    with pytest.raises(WarehouseError, match="more than 6 decimal places"):
        load_document(con, doc, [], "loaded", None, sha("bad"), None)
    assert dump(con) == before


def test_loading_the_same_file_again_changes_zero_rows(con):
    doc = small_document("甲局", 2023, {"2010301": ("1.00", "2.00")})
    findings = [Finding("t03.sum", "warning", "合计 ≠ Σ 类", ("03",), (3,),
                        Decimal("3.00"), Decimal("3.01"), Decimal("0.02"), "合计/本年支出合计")]
    first = load_document(con, doc, findings, "loaded_with_warnings", "1 warning",
                          sha("甲"), "http://a")
    before = dump(con)
    ingested_at = one(con, "SELECT ingested_at FROM documents")
    again = load_document(con, doc, findings, "loaded_with_warnings", "1 warning",
                          sha("甲"), "http://a")
    assert again.skipped and again.document_id == first.document_id
    assert dump(con) == before
    assert one(con, "SELECT ingested_at FROM documents") == ingested_at
    assert is_loaded(con, sha("甲"))
    assert not is_loaded(con, sha("never seen"))


def test_findings_and_problems_are_stored(con):
    doc = small_document("甲局", 2023, {"2010301": ("1.00", "2.00")})
    doc.problems.append(Problem("unknown_column", "列 “其他” 无法识别", "03", 3))
    finding = Finding("narrative.share", "error", "占44.12% (应为44.02%)", ("03",), (2, 5),
                      Decimal("44.02"), Decimal("44.12"), Decimal("0.01"), "情况说明")
    load_document(con, doc, [finding], "quarantined", "narrative error", sha("f"), None)
    row = con.execute("SELECT rule_id, severity, expected, actual, table_ids, pages, location "
                      "FROM findings").fetchone()
    assert row == ("narrative.share", "error", Decimal("44.02"), Decimal("44.12"), ["03"],
                   [2, 5], "情况说明")
    assert con.execute("SELECT code, table_id, page, fatal FROM problems").fetchall() == [
        ("unknown_column", "03", 3, False)]


def test_a_finding_that_follows_another_names_it(con):
    doc = small_document("乙局", 2023, {"2010301": ("1.00", "2.00")})
    budget = Finding("N.sangong_budget", "error", "预算 20 vs 22.81", ("09",), (15,),
                     Decimal("22.81"), Decimal("20"), None, "公务接待费支出预算为20万元")
    rate = Finding("N.completion_rate", "info", "100% vs 114.05%", (), (15,), Decimal("114.05"),
                   Decimal("100"), None, "公务接待费支出预算为20万元", follows=budget.key)
    load_document(con, doc, [budget, rate], "loaded_with_warnings", None, sha("乙"), None)
    rows = con.execute("SELECT rule_id, severity, follows FROM findings ORDER BY ordinal").fetchall()
    assert rows == [("N.sangong_budget", "error", None), ("N.completion_rate", "info", budget.key)]


def test_a_version_2_warehouse_gains_the_follows_column(tmp_path):
    import sql as sql_files

    path = tmp_path / "ingest.duckdb"
    old = duckdb.connect(str(path))
    old.execute(sql_files.load("schema/001_core"))
    old.execute(sql_files.load("schema/002_cell_positions"))
    old.execute("INSERT INTO schema_version VALUES (2, now())")
    old.execute("INSERT INTO findings (document_id, ordinal, rule_id, severity, message) "
                "VALUES ('d1', 0, 'N.share', 'error', 'old')")
    old.close()
    con = open_ingest(tmp_path)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (SCHEMA_VERSION,)
        assert con.execute("SELECT message, follows FROM findings").fetchall() == [("old", None)]
    finally:
        con.close()


def test_republication_replaces_in_one_step_and_old_version_stays(con):
    old = small_document("甲局", 2023, {"2010301": ("100.00", "0.00")})
    new = small_document("甲局", 2023, {"2010301": ("90.00", "0.00")})
    first = load_document(con, old, [], "loaded", None, sha("v1"), "http://a/v1.pdf")
    second = load_document(con, new, [], "loaded", None, sha("v2"), "http://a/v2.pdf")
    assert second.action == "replaced" and second.superseded == (first.document_id,)

    assert con.execute("SELECT document_id, superseded_by FROM documents ORDER BY ingested_at"
                       ).fetchall() == [(first.document_id, second.document_id),
                                        (second.document_id, None)]
    # the old figures remain traceable by document_id …
    assert one(con, "SELECT count(*) FROM line_items WHERE document_id = ?",
               [first.document_id]) == len(old.records)
    # … and the views use only the current version
    assert city_total(con, 2023) == Decimal("90.00")
    assert one(con, "SELECT count(*) FROM v_documents_current") == 1
    # a different scope of the same unit-year is another document, not a version
    other_scope = small_document("甲局", 2023, {"2010301": ("5.00", "0.00")}, scope="部门")
    assert load_document(con, other_scope, [], "loaded", None, sha("v3"), None).action == "inserted"


def test_failure_mid_load_leaves_the_previous_state(con, monkeypatch):
    old = small_document("甲局", 2023, {"2010301": ("100.00", "0.00")})
    load_document(con, old, [], "loaded", None, sha("v1"), None)
    before = dump(con)

    real_insert = load_module._insert_rows

    def failing_insert(connection, name, statement, table):
        real_insert(connection, name, statement, table)
        if name == "arrow_line_items":  # line items written, then the process "crashes"
            raise RuntimeError("injected failure")

    monkeypatch.setattr(load_module, "_insert_rows", failing_insert)
    new = small_document("甲局", 2023, {"2010301": ("90.00", "0.00")})
    with pytest.raises(RuntimeError, match="injected"):
        load_document(con, new, [], "loaded", None, sha("v2"), None)
    with pytest.raises(RuntimeError, match="injected"):
        load_document(con, small_document("乙局", 2023, {"2010301": ("1.00", "0.00")}), [],
                      "loaded", None, sha("other"), None)
    assert dump(con) == before  # no superseded_by, no new unit, no line items
    assert city_total(con, 2023) == Decimal("100.00")

    monkeypatch.setattr(load_module, "_insert_rows", real_insert)
    assert load_document(con, new, [], "loaded", None, sha("v2"), None).action == "replaced"


def test_quarantined_documents_are_kept_but_out_of_city_views_until_released(con):
    good = small_document("甲局", 2023, {"2010301": ("10.00", "0.00")})
    bad = small_document("乙局", 2023, {"2010301": ("7.00", "0.00")})
    load_document(con, good, [], "loaded", None, sha("good"), None)
    quarantined = load_document(con, bad, [], "quarantined", "03 合计 ≠ Σ 类", sha("bad"), None)

    assert city_total(con, 2023) == Decimal("10.00")
    assert one(con, "SELECT count(*) FROM line_items WHERE document_id = ?",
               [quarantined.document_id]) == len(bad.records)
    scope = con.execute("SELECT in_city_scope, reason FROM v_city_scope WHERE document_id = ?",
                        [quarantined.document_id]).fetchone()
    assert scope[0] is False and scope[1].startswith("quarantined, not released")

    assert release_document(con, quarantined.document_id, "王科长") is True
    assert release_document(con, quarantined.document_id, "王科长") is False
    assert city_total(con, 2023) == Decimal("17.00")
    assert con.execute("SELECT status, released_by FROM documents WHERE document_id = ?",
                       [quarantined.document_id]).fetchone() == ("quarantined", "王科长")
    with pytest.raises(WarehouseError, match="not quarantined"):
        release_document(con, load_document(con, good, [], "loaded", None, sha("good"),
                                            None).document_id, "王科长")


def test_failures_are_recorded_and_retried(con):
    problem = Problem("timeout", "extraction exceeded 120 s", fatal=True)
    failed = record_failure(con, "乙局.pdf", sha("slow"), "http://b", "failed", "timeout", [problem])
    assert failed.action == "inserted"
    assert con.execute("SELECT status, status_reason, file_name FROM documents").fetchall() == [
        ("failed", "timeout", "乙局.pdf")]
    assert one(con, "SELECT fatal FROM problems") is True
    assert not is_loaded(con, sha("slow"))  # a failure is retried …
    before = dump(con)
    assert record_failure(con, "乙局.pdf", sha("slow"), "http://b", "failed", "again",
                          []).skipped
    assert dump(con) == before
    # … and a later success of the same content replaces the failure row
    doc = small_document("乙局", 2023, {"2010301": ("1.00", "0.00")})
    loaded = load_document(con, doc, [], "loaded", None, sha("slow"), "http://b")
    assert loaded.document_id == failed.document_id and loaded.action == "inserted"
    assert con.execute("SELECT status FROM documents").fetchall() == [("loaded",)]
    assert one(con, "SELECT count(*) FROM problems") == 0
    # a good load is never downgraded by a later failure of the same content
    assert record_failure(con, "乙局.pdf", sha("slow"), None, "failed", "flaky", []).skipped

    rejected = record_failure(con, "预算.pdf", sha("budget"), None, "rejected",
                              "not_final_accounts: 部门预算", [])
    assert is_loaded(con, sha("budget"))
    scope = con.execute("SELECT in_city_scope, reason FROM v_city_scope WHERE document_id = ?",
                        [rejected.document_id]).fetchone()
    assert scope == (False, "rejected: not_final_accounts: 部门预算")
    no_bytes = record_failure(con, "x.pdf", None, "http://c/x.pdf", "failed", "HTTP 404", [])
    assert no_bytes.document_id.startswith("x")
    assert record_failure(con, "x.pdf", None, "http://c/x.pdf", "failed", "HTTP 404", []).skipped
    with pytest.raises(WarehouseError):
        record_failure(con, "x.pdf", sha("y"), None, "loaded", "", [])


def test_status_and_sha256_are_checked(con):
    doc = small_document("甲局", 2023, {"2010301": ("1.00", "0.00")})
    with pytest.raises(WarehouseError, match="unknown status"):
        load_document(con, doc, [], "ok", None, sha("a"), None)
    with pytest.raises(WarehouseError, match="sha256"):
        load_document(con, doc, [], "loaded", None, "abc", None)
    # 'rejected' through load_document is recorded as a failure, with the doc's problems
    doc.problems.append(Problem("not_final_accounts", "部门预算"))
    result = load_document(con, doc, [], "rejected", "budget", sha("a"), None)
    assert result.status == "rejected" and one(con, "SELECT count(*) FROM line_items") == 0


# --- units -------------------------------------------------------------------------------

def test_unit_name_variants_map_to_one_unit(con):
    variants = ["上海市普陀区财政局", "上海市普陀区 财政局", "上海市普陀区财政局（本级）",
                "上海市普陀区财政局(本级)", "上海市普陀区财政局本级", "上海市普陀区财政局 "]
    assert len({unit_key(v) for v in variants}) == 1
    assert unit_key("某某（集团）中心") == unit_key("某某(集团)中心") == unit_key("某某〔集团〕中心")
    assert unit_key("上海市普陀区财政局") != unit_key("上海市普陀区规划和自然资源局")
    assert unit_key("第１中学") == unit_key("第1中学")

    for year, name in zip(range(2019, 2024), ["上海市普陀区财政局（本级）", "上海市普陀区 财政局",
                                              "上海市普陀区财政局", "上海市普陀区财政局(本级)",
                                              "上海市普陀区财政局"]):
        load_document(con, small_document(name, year, {"2010301": ("1.00", "0.00")}), [],
                      "loaded", None, sha(f"{name}{year}"), None)
    units = con.execute("SELECT unit_id, display_name, display_year, names_seen FROM units").fetchall()
    assert len(units) == 1
    _, display, display_year, seen = units[0]
    assert (display, display_year) == ("上海市普陀区财政局", 2023)
    assert set(seen) == {"上海市普陀区财政局（本级）", "上海市普陀区 财政局", "上海市普陀区财政局",
                         "上海市普陀区财政局(本级)"}
    # year-on-year follows the unit through its renames
    assert one(con, "SELECT count(*) FROM v_yoy_unit WHERE \"上年本年支出合计\" IS NOT NULL") == 4
    # a reload of an older year does not rename the unit
    load_document(con, small_document("上海市普陀区财政局本级", 2018, {"2010301": ("1", "0")}),
                  [], "loaded", None, sha("2018"), None)
    assert one(con, "SELECT display_name FROM units") == "上海市普陀区财政局"


def test_names_with_quotes_and_sql_are_stored_verbatim(con):
    name = "Robert'); DROP TABLE documents; -- “局” \"x\" ''"
    label = "行政运行'); DELETE FROM line_items; --"
    doc = small_document(name, 2023, {"2010301": ("1.00", "0.00")}, labels={"2010301": label},
                         member_units=["O'Brien 单位; DROP TABLE units"], consolidated=True,
                         scope="部门")
    result = load_document(con, doc, [], "loaded", "status with 'quote'", sha("sql"),
                           "http://x/?a=1'--")
    assert one(con, "SELECT unit_name FROM documents") == name
    assert one(con, "SELECT display_name FROM units WHERE unit_id = ?", [result.unit_id]) == name
    assert one(con, "SELECT row_label FROM line_items WHERE row_key = '2010301' LIMIT 1") == label
    assert one(con, "SELECT member_unit_name FROM document_members") == "O'Brien 单位; DROP TABLE units"
    assert one(con, "SELECT status_reason FROM documents") == "status with 'quote'"
    assert one(con, "SELECT count(*) FROM units") == 2
    assert one(con, "SELECT unit_name FROM v_city_scope") == name


# --- no double counting ------------------------------------------------------------------

def _department_with_members(con, *, package_status: str = "loaded"):
    """A department (consolidated: 本级 + 两个下属单位) and the members' own 单位决算."""
    members = ["示范局（本级）", "示范局信息中心", "示范局执法大队"]
    own = {"示范局（本级）": ("10.00", "1.00"), "示范局信息中心": ("20.00", "2.00"),
           "示范局执法大队": ("30.00", "3.00")}
    docs = {}
    for name, (b, p) in own.items():
        docs[name] = load_document(con, small_document(name, 2023, {"2010301": (b, p)}), [],
                                   "loaded", None, sha(name), None)
    package = small_document("示范局", 2023, {"2010301": ("60.00", "6.00")}, scope="部门",
                             consolidated=True, member_units=members)
    docs["示范局"] = load_document(con, package, [], package_status,
                                  None if package_status == "loaded" else "check", sha("pkg"), None)
    docs["独立单位"] = load_document(
        con, small_document("独立单位", 2023, {"2080501": ("5.00", "0.00")}), [], "loaded",
        None, sha("alone"), None)
    return docs


def test_department_package_and_member_units_are_not_double_counted(con):
    docs = _department_with_members(con)
    # 66 (department incl. members) + 5 (an unrelated unit); not 66 + 11 + 22 + 33 + 5
    assert city_total(con, 2023) == Decimal("71.00")
    assert one(con, "SELECT \"本年支出合计\" FROM v_city_function_lei WHERE code = '201'") \
        == Decimal("66.00")
    assert one(con, "SELECT units FROM v_city_function_lei WHERE code = '201'") == 1
    by_id = {r[0]: r[1:] for r in con.execute(
        "SELECT document_id, in_city_scope, reason, covered_by FROM v_city_scope").fetchall()}
    scope = {name: by_id[result.document_id] for name, result in docs.items()}
    package_id = docs["示范局"].document_id
    assert scope["示范局"] == (True, "consolidated department package", None)
    assert scope["独立单位"] == (True, "standalone 单位", None)
    # 本级 is the department's own unit (the key drops 本级): counted through the package
    assert scope["示范局（本级）"] == (
        False, f"same unit-year counted through document {package_id} "
               "(consolidated > 部门 > 单位 > latest)", package_id)
    assert one(con, "SELECT count(*) FROM units") == 4
    assert set(one(con, "SELECT names_seen FROM units WHERE display_name = '示范局'")) == {
        "示范局", "示范局（本级）"}
    for member in ("示范局信息中心", "示范局执法大队"):
        assert scope[member] == (False, f"member unit of consolidated package {package_id}",
                                 package_id)
    # per-unit views still show each member's own figures
    assert one(con, "SELECT \"本年支出合计\" FROM v_t03_expenditure WHERE unit_name = "
                    "'示范局信息中心' AND row_key = '合计'") == Decimal("22.00")


def test_members_count_when_their_package_is_quarantined(con):
    _department_with_members(con, package_status="quarantined")
    assert city_total(con, 2023) == Decimal("71.00")  # 11 + 22 + 33 + 5
    assert one(con, "SELECT count(*) FROM v_city_scope WHERE in_city_scope") == 4


def test_nested_packages_are_covered_transitively(con):
    load_document(con, small_document("市教育局", 2023, {"2050101": ("100.00", "0.00")},
                                      scope="部门", consolidated=True,
                                      member_units=["市第一中学集团"]), [], "loaded", None,
                  sha("edu"), None)
    load_document(con, small_document("市第一中学集团", 2023, {"2050101": ("40.00", "0.00")},
                                      scope="部门", consolidated=True,
                                      member_units=["市第一中学分校"]), [], "loaded", None,
                  sha("group"), None)
    load_document(con, small_document("市第一中学分校", 2023, {"2050101": ("15.00", "0.00")}),
                  [], "loaded", None, sha("branch"), None)
    assert city_total(con, 2023) == Decimal("100.00")


def test_packages_only_cover_members_in_their_own_year(con):
    load_document(con, small_document("示范局", 2022, {"2010301": ("60.00", "0.00")}, scope="部门",
                                      consolidated=True, member_units=["示范局信息中心"]),
                  [], "loaded", None, sha("pkg22"), None)
    load_document(con, small_document("示范局信息中心", 2023, {"2010301": ("20.00", "0.00")}),
                  [], "loaded", None, sha("m23"), None)
    assert city_total(con, 2022) == Decimal("60.00")
    assert city_total(con, 2023) == Decimal("20.00")


# --- dimensions, runs --------------------------------------------------------------------

def test_dimensions_take_the_most_common_name_and_keep_variants(con):
    from warehouse import refresh_dimensions
    for i, label in enumerate(["行政运行", "行政运行", "行政 运行（机关）"]):
        load_document(con, small_document(f"单位{i}", 2023, {"2010301": ("1.00", "0.00")},
                                          labels={"2010301": label}), [], "loaded", None,
                      sha(f"dim{i}"), None)
    counts = refresh_dimensions(con)
    assert counts["dim_function_code"] == 3 and counts["dim_economic_code"] == 2
    row = con.execute("SELECT name, level, parent_code, name_variants, documents "
                      "FROM dim_function_code WHERE code = '2010301'").fetchone()
    assert row == ("行政运行", "项", "20103", ["行政运行", "行政运行（机关）"], 3)
    assert one(con, "SELECT name FROM v_city_function_xiang WHERE code = '2010301'") == "行政运行"


def test_runs_count_what_they_did(con):
    run = start_run(con, "nightly")
    load_document(con, small_document("甲局", 2023, {"2010301": ("1.00", "0.00")}), [],
                  "loaded", None, sha("r1"), None, run_id=run)
    load_document(con, small_document("甲局", 2023, {"2010301": ("2.00", "0.00")}), [],
                  "quarantined", "x", sha("r2"), None, run_id=run)
    record_failure(con, "bad.pdf", sha("r3"), None, "failed", "unreadable", [], run_id=run)
    counts = finish_run(con, run, skipped=4)
    assert {k: counts[k] for k in ("seen", "skipped", "loaded", "quarantined", "failed",
                                    "replaced")} == {"seen": 7, "skipped": 4, "loaded": 1,
                                                     "quarantined": 1, "failed": 1,
                                                     "replaced": 1}


# --- real canonical records --------------------------------------------------------------

def _truth_files() -> list[Path]:
    return sorted(TRUTH_DIR.glob("*.json")) if TRUTH_DIR.is_dir() else []


@pytest.mark.skipif(not _truth_files(), reason="../shared/truth not present")
def test_truth_documents_load_and_roll_up_consistently(con):
    expected_total: dict[int, Decimal] = {}
    for index, path in enumerate(_truth_files()):
        data = json.loads(path.read_text(encoding="utf-8"))
        doc = ExtractedDocument(
            document=data["document"], unit_name=data["unit_name"],
            fiscal_year=data["fiscal_year"], doc_type=data["doc_type"], scope="部门",
            amount_unit_printed=data["amount_unit_printed"],
            tables_present=data["tables_present"], tables_empty=data["tables_empty"],
            tables_absent=data["tables_absent"],
            records=[Record.from_json(r) for r in data["records"]])
        result = load_document(con, doc, [], "loaded", None, sha(path.name), str(path))
        assert result.line_items == len(data["records"])
        total = sum((Decimal(r["amount"]) for r in data["records"]
                     if r["table_id"] == "03" and r["row_key"] == "合计"
                     and r["column_key"] == "本年支出合计" and r["amount"] is not None),
                    Decimal(0))
        expected_total[data["fiscal_year"]] = expected_total.get(data["fiscal_year"], 0) + total

    for year, total in expected_total.items():
        assert city_total(con, year) == total
        # Σ leaf rows = Σ 类 = Σ 合计 within printed rounding (0.01 per term)
        lei = con.execute("SELECT sum(\"本年支出合计\"), count(*) FROM v_city_function_lei "
                          "WHERE fiscal_year = ?", [year]).fetchone()
        leaf = con.execute(
            "SELECT coalesce(sum(amount), 0), count(*) FROM v_line_items_current AS li "
            "WHERE table_id = '03' AND column_key = '本年支出合计' AND code_system = 'function' "
            "AND fiscal_year = ? AND NOT EXISTS (SELECT 1 FROM v_line_items_current AS c "
            "WHERE c.document_id = li.document_id AND c.table_id = '03' "
            "AND c.parent_code = li.row_key)", [year]).fetchone()
        if lei[1]:
            assert abs(lei[0] - total) <= Decimal("0.01") * lei[1]
            assert abs(leaf[0] - lei[0]) <= Decimal("0.01") * leaf[1]
    # 株洲 2022 (the seed): table 03 rows as printed
    row = con.execute("SELECT \"本年支出合计\", \"基本支出\", \"项目支出\" FROM v_t03_expenditure "
                      "WHERE unit_name = '株洲市人民政府驻北京联络处' AND row_key = '2010301'"
                      ).fetchone()
    if row is not None:
        assert row == (Decimal("222.47"), Decimal("222.47"), Decimal("0.00"))


def test_update_validation_replaces_findings_and_outcome_only(con):
    doc = small_document("示例市测试局", 2024, {"2010301": ("1.00", "2.00")})
    result = load_document(con, doc, [], "loaded", "", sha("yoy"), "file:///yoy.pdf")
    items_before = con.execute("SELECT count(*), sum(amount) FROM line_items WHERE document_id = ?",
                       [result.document_id]).fetchone()
    finding = Finding("N.yoy", "error", "减少71.81万元 but last year's 总计 says 减少70.00万元",
                      pages=(3,), expected=Decimal("70.00"), actual=Decimal("71.81"))
    load_module.update_validation(con, result.document_id, [finding], "loaded_with_warnings", "1 error(s)")
    assert con.execute("SELECT status, status_reason FROM documents WHERE document_id = ?",
               [result.document_id]).fetchone() == ("loaded_with_warnings", "1 error(s)")
    assert con.execute("SELECT rule_id, expected, actual FROM findings WHERE document_id = ?",
               [result.document_id]).fetchone() == ("N.yoy", Decimal("70.00"), Decimal("71.81"))
    assert con.execute("SELECT count(*), sum(amount) FROM line_items WHERE document_id = ?",
               [result.document_id]).fetchone() == items_before
    with pytest.raises(WarehouseError):
        load_module.update_validation(con, result.document_id, [], "failed", "no")
