"""The README's demo, end to end: the whole sample corpus through the real flow.

One run of `juesuan demo` (Prefect local mode, two worker processes) feeds every test
here: every document must load, every ground-truth cell of every sample document must be
in the warehouse exactly, and an unchanged second run must change nothing.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import sql
from juesuan.cli import main
from juesuan.report.markup import amount
from warehouse import create_views
from tests.conftest import CORPUS, corpus_pdfs

pytestmark = pytest.mark.flow


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("warehouse")
    result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "demo", "--workers", "2"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return warehouse, result.output


def _snapshot(warehouse):
    return duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True)


def test_every_sample_document_is_loaded(demo_run):
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        rows = con.execute("SELECT file_name, status, status_reason FROM documents "
                           "WHERE superseded_by IS NULL").fetchall()
    by_file = {name: (status, reason) for name, status, reason in rows}
    expected = {p.name for p in corpus_pdfs()}
    assert set(by_file) == expected
    not_loaded = {f: s for f, s in by_file.items() if s[0] not in ("loaded", "loaded_with_warnings")}
    assert not_loaded == {}


def test_a_narrative_published_apart_is_stored_as_part_of_its_disclosure(demo_run):
    """附件1 情况说明 is paired with 附件2 报表 of the same unit-year (same folder): stored with
    part_of = the tables document, in no scope and no version of the unit-year."""
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        rows = con.execute("""
            SELECT n.file_name, t.file_name, n.status_reason, n.line_item_count, t.superseded_by IS NULL,
                   s.in_budget_scope, s.reason, n.disclosure = t.disclosure
            FROM documents AS n JOIN documents AS t ON t.document_id = n.part_of
            JOIN v_budget_scope AS s ON s.document_id = n.document_id""").fetchall()
    narratives = {p.name for p in corpus_pdfs() if "附件1情况说明" in p.name}
    assert {r[0] for r in rows} == narratives and len(narratives) >= 2
    for narrative, tables, reason, items, tables_current, in_scope, scope_reason, same_key in rows:
        assert tables == narrative.replace("附件1情况说明", "附件2报表") and tables in reason
        assert items == 0 and tables_current and not in_scope and same_key
        assert scope_reason.startswith("an attachment without figures")


def test_budgets_load_beside_finals_and_stay_out_of_city_views(demo_run):
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        budgets = con.execute("SELECT count(*) FROM documents WHERE doc_type = 'budget' AND part_of IS NULL "
                              "AND status IN ('loaded', 'loaded_with_warnings')").fetchone()[0]
        in_scope = con.execute("""
            SELECT count(*) FROM v_city_scope s JOIN documents d USING (document_id)
            WHERE d.doc_type = 'budget' AND (s.in_city_scope OR s.usable)""").fetchone()[0]
        in_city_rows = con.execute("""
            SELECT count(*) FROM v_line_items_unit li JOIN documents d USING (document_id)
            WHERE d.doc_type = 'budget'""").fetchone()[0]
    assert budgets == len([p for p in corpus_pdfs() if "预算" in p.name and "附件1" not in p.name])
    assert in_scope == 0 and in_city_rows == 0


def test_every_ground_truth_cell_is_in_the_warehouse_exactly(demo_run):
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        stored = con.execute("""
            SELECT d.file_name, l.table_id, l.row_key, l.column_key, l.amount
            FROM line_items l JOIN documents d USING (document_id)
            WHERE d.superseded_by IS NULL""").fetchall()
    ours = {(f, t, r, c): a for f, t, r, c, a in stored}
    checked = mismatched = 0
    problems = []
    for pdf in corpus_pdfs():
        truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
        for rec in truth["records"]:
            key = (pdf.name, rec["table_id"], rec["row_key"], rec["column_key"])
            checked += 1
            want = None if rec["amount"] is None else Decimal(rec["amount"])
            if key not in ours or ours[key] != want:
                mismatched += 1
                if len(problems) < 10:
                    problems.append((key, want, ours.get(key, "missing")))
    assert checked > 40_000
    assert mismatched == 0, problems


def test_demo_prints_city_wide_answers(demo_run):
    _, output = demo_run
    assert "City-wide expenditure by function 类" in output
    assert "三公" in output
    assert "2023" in output and "2024" in output


EXECUTION_PAIRS = {"03": {"本年支出合计": "合计", "基本支出": "基本支出", "项目支出": "项目支出"},
                   "05": {"合计": "合计", "基本支出": "基本支出", "项目支出": "项目支出"},
                   "06": {"决算数": "预算数"}}


def _truth_figures(truth: dict) -> dict:
    return {(r["table_id"], r["row_key"], r["column_key"]): (Decimal(r["amount"]) if r["amount"] else None)
            for r in truth["records"]}


def _expected_execution() -> dict:
    """From the corpus truth: every code both a unit's budget and its 部门决算 print, per pair
    of columns, with the two figures; keyed like the view's rows."""
    truths = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in corpus_pdfs()]
    finals = {(t["unit_name"], t["fiscal_year"]): t for t in truths
              if t.get("doc_type", "final") == "final" and t["document"].endswith("部门决算.pdf")}
    expected = {}
    for budget in (t for t in truths if t.get("doc_type") == "budget" and t["records"]):
        final = finals[(budget["unit_name"], budget["fiscal_year"])]
        b, f = _truth_figures(budget), _truth_figures(final)
        for (table, code, column), final_amount in f.items():
            budget_column = EXECUTION_PAIRS.get(table, {}).get(column)
            if budget_column and code.isdigit() and (table, code, budget_column) in b:
                key = (budget["unit_name"], budget["fiscal_year"], table, code, column)
                expected[key] = (b[(table, code, budget_column)], final_amount)
    return expected


def test_execution_view_equals_the_truth(demo_run):
    """年初预算 from the budget, 决算 from the final, for every code both print, exactly; the
    rate is 决算 / 年初预算 × 100 rounded half up to 2 places, NULL against a 0 or blank budget."""
    warehouse, _ = demo_run
    expected = _expected_execution()
    with _snapshot(warehouse) as con:
        rows = con.execute("""
            SELECT unit_name, fiscal_year, table_id, code, final_column, "年初预算", "决算", execution_rate_pct,
                   budget_page, final_page
            FROM v_execution_unit_code
            WHERE NOT budget_derived AND NOT final_derived""").fetchall()
    ours = {r[:5]: r[5:] for r in rows}
    assert len(expected) > 1000
    assert set(ours) == set(expected)
    for key, (budget, final) in expected.items():
        got_budget, got_final, rate, budget_page, final_page = ours[key]
        assert (got_budget, got_final) == (budget, final), key
        if budget in (None, Decimal(0)) or final is None:
            assert rate is None, key
        else:
            assert rate == (final * 100 / budget).quantize(Decimal("0.01"), ROUND_HALF_UP), key
        assert budget_page and final_page


def test_city_execution_sums_the_units_with_both_documents(demo_run):
    """Per 类, the city sums 年初预算 and 决算 over the units that published both documents; a 类
    only one side prints counts as blank on the other, so it is summed from the truth on each side
    separately rather than from the pairs."""
    warehouse, output = demo_run
    truths = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in corpus_pdfs()]
    finals = {(t["unit_name"], t["fiscal_year"]): t for t in truths
              if t.get("doc_type", "final") == "final" and t["document"].endswith("部门决算.pdf")}
    lei = {}
    for budget in (t for t in truths if t.get("doc_type") == "budget" and t["records"]):
        final = finals[(budget["unit_name"], budget["fiscal_year"])]
        for side, truth in ((0, budget), (1, final)):
            for (table, code, column), amount in _truth_figures(truth).items():
                if table == "05" and column == "合计" and len(code) == 3 and code.isdigit():
                    total = lei.setdefault((budget["fiscal_year"], code), [Decimal(0), Decimal(0)])
                    total[side] += amount or 0
    with _snapshot(warehouse) as con:
        rows = con.execute("""
            SELECT fiscal_year, code, "年初预算", "决算" FROM v_city_execution_function_lei
            WHERE table_id = '05' AND measure = '一般公共预算财政拨款支出'""").fetchall()
    assert len(lei) > 5
    assert {(y, c): [b or 0, f or 0] for y, c, b, f in rows} == lei
    assert "Budget execution by function 类" in output and "What the finals say of their budget" in output


@pytest.mark.parametrize("name", sql.names("tests"))
def test_sql_data_tests_hold_on_the_sample_city(demo_run, name):
    """The warehouse invariants (sql/tests/) on the demo: finals and budgets of both years."""
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        assert con.execute(sql.load(name)).fetchall() == [], name


def test_a_budget_that_loses_a_code_breaks_the_budget_reconciliation(demo_run, tmp_path):
    """The budget invariant can fail: drop one 类 row of one budget in a copy of the demo."""
    warehouse, _ = demo_run
    with _demo_copy(warehouse, tmp_path) as con:
        document_id, row_key = con.execute("""
            SELECT document_id, row_key FROM v_budget_coded_items
            WHERE in_budget_scope AND table_id = '03' AND code_level = '类' AND NOT derived
              AND column_key = '合计' AND amount > 1 LIMIT 1""").fetchone()
        con.execute("DELETE FROM line_items WHERE document_id = ? AND table_id = '03' AND row_key LIKE ? || '%'",
                    [document_id, row_key])
        assert con.execute(sql.load("tests/city_budget_function_lei_reconciles")).fetchall() != []


def _demo_copy(warehouse, tmp_path):
    """A writable copy of the demo snapshot with its views live again (the snapshot stores
    the heaviest ones: sql/publish/materialize), so a changed figure shows through them."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes((warehouse / "juesuan.duckdb").read_bytes())
    con = duckdb.connect(str(copy))
    create_views(con)
    return con


def test_finals_print_the_sangong_budget_their_unit_published(demo_run, tmp_path):
    """Cross-document: every 09 预算数 a final prints equals its unit's budget (the sample city
    agrees); a changed budget figure shows up naming both documents and pages, as info."""
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        rows = con.execute("SELECT agrees, count(*) FROM v_budget_final_crosscheck GROUP BY ALL").fetchall()
    assert dict(rows).get(True, 0) > 10 and dict(rows).get(False, 0) == 0
    with _demo_copy(warehouse, tmp_path) as con:
        budget_id, column = con.execute("""SELECT budget_document_id, column_key FROM v_budget_final_crosscheck
            WHERE final_amount > 1 ORDER BY ALL LIMIT 1""").fetchone()
        con.execute("UPDATE line_items SET amount = amount + 1 WHERE document_id = ? AND table_id = '09' "
                    "AND column_key = ?", [budget_id, column])
        [(agrees, finding, final_page, budget_page)] = con.execute("""
            SELECT agrees, finding, final_page, budget_page FROM v_budget_final_crosscheck
            WHERE budget_document_id = ? AND column_key = ?""", [budget_id, column]).fetchall()
    assert agrees is False and finding.startswith("info:") and final_page and budget_page
    assert f"(page {final_page})" in finding and f"(page {budget_page})" in finding


def test_the_year_start_budget_finals_quote_is_the_published_budget(demo_run, tmp_path):
    """Every 年初预算 a sample final's narrative quotes (total and per 项) equals its unit's
    budget (05); a budget changed in a copy turns the total into a warning naming both pages."""
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        counts = dict(((a, s), n) for a, s, n in con.execute(
            "SELECT agrees, severity, count(*) FROM v_budget_narrative_crosscheck GROUP BY ALL").fetchall())
    assert counts.get((True, None), 0) > 100
    assert not any(severity == "warning" for _, severity in counts)
    with _demo_copy(warehouse, tmp_path) as con:
        budget_id, narrative_page = con.execute("""SELECT budget_document_id, narrative_page
            FROM v_budget_narrative_crosscheck WHERE agrees AND row_key = '合计' ORDER BY ALL LIMIT 1""").fetchone()
        con.execute("UPDATE line_items SET amount = amount + 10 WHERE document_id = ? AND table_id = '05' "
                    "AND row_key = '合计' AND column_key = '合计'", [budget_id])
        [(severity, finding, budget_page)] = con.execute("""SELECT severity, finding, budget_page
            FROM v_budget_narrative_crosscheck WHERE budget_document_id = ? AND row_key = '合计'""",
                                                          [budget_id]).fetchall()
    assert severity == "warning" and f"(page {narrative_page})" in finding and f"(page {budget_page})" in finding


def test_a_budget_05_on_another_basis_is_not_compared(demo_run, tmp_path):
    """A budget whose 05 is its 财政拨款支出预算表 (problem table_basis) shows no 年初预算 and no
    rate for 05, says why, and drops out of the city's 05 execution; its 03 is still compared."""
    warehouse, _ = demo_run
    with _demo_copy(warehouse, tmp_path) as con:
        budget_id, unit_id, year = con.execute("""SELECT budget_document_id, unit_id, fiscal_year
            FROM v_execution_unit_code WHERE table_id = '05' AND in_city_scope AND "年初预算" > 0
            ORDER BY ALL LIMIT 1""").fetchone()
        city = """SELECT sum("年初预算") FROM v_city_execution_function_lei
                  WHERE fiscal_year = ? AND table_id = ? AND measure IN ('一般公共预算财政拨款支出', '支出合计')"""
        before = {t: con.execute(city, [year, t]).fetchone()[0] for t in ("03", "05")}
        unit_05 = con.execute("""SELECT sum("年初预算") FROM v_execution_unit_code WHERE unit_id = ? AND fiscal_year = ?
            AND table_id = '05' AND measure = '一般公共预算财政拨款支出' AND code_level = '类'""",
                              [unit_id, year]).fetchone()[0]
        con.execute("INSERT INTO problems VALUES (?, 999, 'table_basis', 'table 05 is read from the "
                    "财政拨款支出预算表', '05', 3, false)", [budget_id])
        rows = con.execute("""SELECT "年初预算", execution_rate_pct, comparable, note FROM v_execution_unit_code
            WHERE unit_id = ? AND fiscal_year = ? AND table_id = '05'""", [unit_id, year]).fetchall()
        after = {t: con.execute(city, [year, t]).fetchone()[0] for t in ("03", "05")}
        compared_03 = con.execute("""SELECT count(*) FROM v_execution_unit_code WHERE unit_id = ? AND fiscal_year = ?
            AND table_id = '03' AND comparable AND execution_rate_pct IS NOT NULL""", [unit_id, year]).fetchone()[0]
    assert rows and all(b is None and r is None and not c and n.startswith("not compared:") for b, r, c, n in rows)
    assert after["05"] == before["05"] - unit_05 and after["03"] == before["03"] and compared_03 > 0


def test_the_snapshot_stores_its_heavy_views_exactly_as_computed(demo_run, tmp_path):
    """sql/publish/materialize: the stored rows are the live views' rows, both ways."""
    warehouse, _ = demo_run
    with _demo_copy(warehouse, tmp_path) as con:
        for stored, view in (("snapshot_execution_unit_code", "v_execution_unit_code"),
                             ("snapshot_budget_coded_items", "v_budget_coded_items")):
            assert con.execute(f"SELECT count(*) FROM {stored}").fetchone()[0] > 100
            for a, b in ((stored, view), (view, stored)):
                assert con.execute(f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})"
                                   ).fetchone()[0] == 0, (a, b)


def test_unchanged_rerun_changes_nothing(demo_run):
    warehouse, _ = demo_run
    with _snapshot(warehouse) as con:
        before = con.execute("SELECT count(*), sum(amount) FROM line_items").fetchone()
        docs_before = con.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone()
    result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "ingest", str(CORPUS), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert f"{len(corpus_pdfs())} unchanged" in result.output
    with _snapshot(warehouse) as con:
        assert con.execute("SELECT count(*), sum(amount) FROM line_items").fetchone() == before
        assert con.execute("SELECT count(*), max(ingested_at) FROM documents").fetchone() == docs_before


def test_query_is_read_only_and_formats(demo_run):
    warehouse, _ = demo_run
    runner = CliRunner()
    as_json = runner.invoke(main, ["--warehouse", str(warehouse), "query",
                                   "SELECT fiscal_year, count(*) AS n FROM v_documents_current "
                                   "WHERE fiscal_year = ? AND doc_type = 'final' GROUP BY 1", "--param", "2024",
                                   "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout) == [{"fiscal_year": 2024, "n": 43}]
    as_csv = runner.invoke(main, ["--warehouse", str(warehouse), "query",
                                  "SELECT code, 本年支出合计 FROM v_city_function_lei WHERE fiscal_year = 2024 "
                                  "ORDER BY code LIMIT 1", "--format", "csv"])
    assert as_csv.stdout.splitlines()[0] == "code,本年支出合计"
    refused = runner.invoke(main, ["--warehouse", str(warehouse), "query", "DELETE FROM line_items"])
    assert refused.exit_code != 0
    # a data test run by its path: the file opens with a '--' comment
    data_test = Path(__file__).resolve().parent.parent / "sql" / "tests" / "city_function_lei_reconciles.sql"
    from_file = runner.invoke(main, ["--warehouse", str(warehouse), "query", str(data_test), "--format", "json"])
    assert from_file.exit_code == 0, from_file.output
    assert json.loads(from_file.stdout) == []
    with _snapshot(warehouse) as con:
        assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] > 40_000


def test_export_writes_parquet_by_year_and_a_workbook(demo_run, tmp_path):
    warehouse, _ = demo_run
    result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "export", "--parquet", str(tmp_path / "pq"),
                                       "--excel", str(tmp_path / "city.xlsx")])
    assert result.exit_code == 0, result.output
    years = sorted(p.name for p in (tmp_path / "pq" / "line_items").iterdir())
    assert years == ["fiscal_year=2022", "fiscal_year=2023", "fiscal_year=2024"]
    with duckdb.connect() as con:
        total = con.execute("SELECT sum(amount) FROM read_parquet(?, hive_partitioning = true) "
                            "WHERE table_id = '03' AND row_key = '合计' AND column_key = '本年支出合计'",
                            [str(tmp_path / "pq" / "line_items" / "*" / "*.parquet")]).fetchone()[0]
    with _snapshot(warehouse) as snap:
        expected = snap.execute("SELECT sum(l.amount) FROM line_items l JOIN documents d USING (document_id) "
                                "WHERE l.table_id = '03' AND l.row_key = '合计' AND l.column_key = '本年支出合计'"
                                ).fetchone()[0]
    assert total == expected and isinstance(total, Decimal)
    assert (tmp_path / "city.xlsx").stat().st_size > 5_000


def test_the_run_writes_its_review_pages(demo_run):
    """The flow writes the run report, the dashboard and the queue; a review page for each
    document that needs one (the seed's findings, the budget narratives set aside), none for
    the clean ones; page images only for the pages its findings and problems name."""
    warehouse, _ = demo_run
    reports = warehouse / "reports"
    for name in ("run-1.html", "dashboard.html", "queue.html"):
        assert (reports / name).is_file(), name
    with _snapshot(warehouse) as con:
        (seed,) = con.execute("SELECT document_id FROM documents WHERE status = 'loaded_with_warnings'").fetchone()
        review = {r[0] for r in con.execute("SELECT document_id FROM documents WHERE status <> 'loaded'").fetchall()}
    assert seed in review and len(review) < 10
    assert {p.stem for p in reports.glob("documents/*.html")} == review
    images = list(reports.glob(f"documents/{seed}/*.png"))
    assert 0 < len(images) <= 22  # the pages its findings and tables name, at most its 22 pages
    assert "N.share" in (reports / "run-1.html").read_text(encoding="utf-8")
    assert len(list(reports.glob("dashboard/*.svg"))) == 7
    dashboard = (reports / "dashboard.html").read_text(encoding="utf-8")
    execution = dashboard[dashboard.index('id="budget-execution"'):]
    assert 'data-chart="execution-by-class"' in execution and "Units furthest from their budget" in execution
    with _snapshot(warehouse) as con:  # the panel prints the view's exact figures
        budget, final = con.execute("""SELECT "年初预算", "决算" FROM v_city_execution_function_lei
            WHERE table_id = '05' AND measure = '一般公共预算财政拨款支出' ORDER BY fiscal_year DESC, code
            LIMIT 1""").fetchone()
    assert f">{amount(budget)}<" in execution and f">{amount(final)}<" in execution
