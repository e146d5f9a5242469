"""The run report (HTML), the previous-year look-up, and the report/release commands."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from click.testing import CliRunner

from juesuan.cli import main
from juesuan.model import Finding, Problem
from juesuan.report import NoSuchRun, read_run_report, write_run_report
from warehouse import finish_run, load_document, open_ingest, start_run
from warehouse.previous import previous_year_records
from warehouse.publish import publish_snapshot
from warehouse.query import run_query
from warehouse.synthetic import small_document

D = Decimal


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SHARE = Finding("N.share", "error", "p14: share printed 44.12% of 174.97万元 but 174.97万元 / 本年支出合计 "
                "397.44 = 44.02%", ("03",), (14,), D("44.02"), D("44.12"), None, "项目支出174.97万元，占44.12%。")
BUDGET = Finding("N.sangong_budget", "error", "p15: 三公 合计 预算 printed 69万元 but table 09 prints 65.08",
                 ("09",), (15,), D("65.08"), D("69"), None, "“三公”经费财政拨款支出预算为69万元")
ROUNDING = Finding("N.share", "info", "p14: share printed 87.35% <rounding>", (), (14,), D("87.36"),
                   D("87.35"), None, "公用经费194.34万元，占基本支出的87.35%")
BROKEN = Finding("Tcode.total_sum", "error", "03 合计 misses Σ rows by 100", ("03",), (7,), D("10.00"),
                 D("110.00"), D("0.022"), "03 row 合计")


@pytest.fixture()
def warehouse_dir(tmp_path):
    """A warehouse with one run: a unit with narrative findings, a quarantined one, a clean one."""
    directory = tmp_path / "wh"
    con = open_ingest(directory)
    run_id = start_run(con, note="test run")
    first = small_document("甲局", 2022, {"2010301": ("1.00", "2.00")})
    first.problems.append(Problem("unknown_column", "列 “其他” 无法识别", "03", 3))
    load_document(con, first, [SHARE, BUDGET, ROUNDING], "loaded_with_warnings", "2 error(s)",
                  sha("甲"), None, run_id=run_id)
    load_document(con, small_document("乙局", 2022, {"2010301": ("1.00", "2.00")}), [BROKEN],
                  "quarantined", "Tcode.total_sum: 03 合计", sha("乙"), None, run_id=run_id)
    load_document(con, small_document("丙局", 2022, {"2010301": ("3.00", "4.00")}), [], "loaded", "",
                  sha("丙"), None, run_id=run_id)
    finish_run(con, run_id)
    publish_snapshot(directory, con=con)
    con.close()
    return directory


def test_report_contains_every_finding_with_pages_and_figures(warehouse_dir):
    con = open_ingest(warehouse_dir)
    try:
        report = read_run_report(con)
        page = write_run_report(con, warehouse_dir).read_text(encoding="utf-8")
    finally:
        con.close()
    assert [d.status for d in report.documents] == ["quarantined", "loaded_with_warnings", "loaded"]
    for finding in (SHARE, BUDGET, ROUNDING, BROKEN):
        assert finding.rule_id in page
        assert f"<span>page {finding.pages[0]}</span>" in page
    assert "44.12" in page and "44.02" in page and "65.08" in page and ">69<" not in page
    assert "&lt;rounding&gt;" in page and "<rounding>" not in page  # text from PDFs is escaped
    assert "«项目支出174.97万元，占44.12%。»" in page
    assert "unknown_column" in page                                  # problems listed
    held = next(d for d in report.documents if d.status == "quarantined")
    assert f"juesuan release {held.document_id} --operator NAME" in page  # the exact command
    assert page.count("--operator NAME") == 1                         # only the quarantined one
    assert "No page image: the PDF is no longer reachable" in page    # synthetic: there is no PDF
    rules = {rule: counts for rule, counts, _ in report.findings_by_rule()}
    assert rules["N.share"] == {"error": 1, "info": 1}
    assert "1 document(s) loaded with nothing to report" in page


def test_report_is_written_per_run(warehouse_dir):
    con = open_ingest(warehouse_dir)
    try:
        path = write_run_report(con, warehouse_dir, 1)
        with pytest.raises(NoSuchRun):
            read_run_report(con, 99)
    finally:
        con.close()
    assert path == warehouse_dir / "reports" / "run-1.html"
    assert "N.sangong_budget" in path.read_text(encoding="utf-8")


def test_report_and_release_commands(warehouse_dir):
    runner = CliRunner()
    made = runner.invoke(main, ["--warehouse", str(warehouse_dir), "report"])
    assert made.exit_code == 0, made.output
    assert made.output.strip().endswith("run-1.html")
    assert (warehouse_dir / "reports" / "dashboard.html").exists()
    assert (warehouse_dir / "reports" / "queue.html").exists()
    quarantined = run_query(warehouse_dir, "SELECT document_id FROM documents WHERE status = 'quarantined'")
    document_id = quarantined.column(0)[0].as_py()
    released = runner.invoke(main, ["--warehouse", str(warehouse_dir), "release", document_id,
                                    "--operator", "王会计"])
    assert released.exit_code == 0, released.output
    # republished: the snapshot analysts read sees the release
    row = run_query(warehouse_dir, "SELECT released_by, usable FROM v_documents_current WHERE document_id = ?",
                    [document_id]).to_pylist()
    assert row == [{"released_by": "王会计", "usable": True}]
    again = runner.invoke(main, ["--warehouse", str(warehouse_dir), "release", document_id, "--operator", "x"])
    assert again.exit_code == 0 and "already released" in again.output
    missing = runner.invoke(main, ["--warehouse", str(warehouse_dir), "release", "nope", "--operator", "x"])
    assert missing.exit_code != 0 and "no document" in missing.output


def test_previous_year_records_follow_the_unit(tmp_path):
    con = open_ingest(tmp_path / "wh")
    try:
        load_document(con, small_document("丁局", 2023, {"2010301": ("1.50", "2.25")}), [], "loaded", "",
                      sha("丁23"), None)
        found = previous_year_records(con, "丁局（本级）", 2024, "单位")
        assert found
        amounts = {(r.table_id, r.row_key, r.column_key): r.amount for r in found}
        assert amounts[("03", "2010301", "基本支出")] == D("1.50")
        assert str(amounts[("03", "2010301", "基本支出")]) == "1.50"  # printed precision back
        assert previous_year_records(con, "丁局", 2023, "单位") == []   # no 2022
        assert previous_year_records(con, "丁局", 2024, "部门") == []   # other scope
        assert previous_year_records(con, None, 2024) == []
    finally:
        con.close()


def test_narrative_findings_land_in_the_warehouse_with_pages(tmp_path):
    from juesuan.pipeline import process_file

    from tests.conftest import CORPUS

    result = process_file(CORPUS / "seed" / "株洲市人民政府驻北京联络处-2022-部门决算.pdf")
    assert result.status == "loaded_with_warnings"  # narrative errors never quarantine
    con = open_ingest(tmp_path / "wh")
    try:
        load_document(con, result.doc, result.findings, result.status, result.reason, result.sha256, None)
        rows = con.execute("SELECT rule_id, severity, pages, actual, expected, location FROM findings "
                           "WHERE rule_id LIKE 'N.%' ORDER BY ordinal").fetchall()
    finally:
        con.close()
    # 16: the completion rate computed from the wrong 三公 budget 20 follows that error (info)
    assert len([r for r in rows if r[1] == "error"]) == 16
    assert all(r[2] for r in rows)  # every narrative finding has its page
    assert ("N.share", "error", [14], D("44.12"), D("44.02")) in [r[:5] for r in rows]


def test_previous_year_findings_join_the_flow_result():
    from juesuan.model import Record
    from juesuan.pipeline import apply_previous_year, process_file

    from tests.conftest import CORPUS

    this = process_file(CORPUS / "示例市" / "2024" / "示例市审计局-2024-部门决算.pdf")
    last = process_file(CORPUS / "示例市" / "2023" / "示例市审计局-2023-部门决算.pdf")
    assert this.status == last.status == "loaded"
    assert apply_previous_year(this, last.doc.records) == 0 and this.status == "loaded"
    # last year's 三公 决算 was different: "与2023年度决算相比，增加71.63元" no longer holds
    tampered = [Record(r.table_id, r.row_key, r.column_key, (r.amount or 0) + D("0.5"), r.row_label, r.page)
                if (r.table_id, r.column_key) == ("09", "决算数/合计") else r for r in last.doc.records]
    assert apply_previous_year(this, tampered) >= 1
    assert this.status == "loaded_with_warnings" and "N.yoy" in {f.rule_id for f in this.findings}
