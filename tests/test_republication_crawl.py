"""A corrected re-publication on a mock portal, listed newest first: it stays current
whichever order the crawl meets and loads the two versions, and both stay traceable.

Real components: a portal on 127.0.0.1 (tests/portal.py's server) whose listing prints a
date beside each entry and whose detail pages print 发布时间, the crawl flow with one
worker (so documents load in the order the crawl met them), Prefect's local API, and the
warehouse's published snapshot."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from urllib.parse import quote

import duckdb
import pytest
from click.testing import CliRunner

from flows.server import shared_local_api
from juesuan.cli import main
from tests.portal import Portal, Route

pytestmark = pytest.mark.flow

UNIT = "示例市版本测试局"
PROFILE = """\
name: 版本测试
start_url: {start}
listing:
  detail_link: {{href: '/bmjs/t\\d+\\.html$'}}
detail:
  attachment_link: {{href: '(?i)\\.pdf$'}}
fetch: {{rate_limit_seconds: 0, timeout_seconds: 5, retries: 0, use_env_proxy: false}}
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Two renderings of one unit-year with different figures: the original and its correction."""
    from juesuan.sample import make_unit, render_document

    root = tmp_path_factory.mktemp("versions")
    original = render_document(make_unit(UNIT, projects=6, year=2024, seed=11), "hunan",
                               root / "original.pdf", write_truth_file=False)
    corrected = render_document(make_unit(UNIT, projects=6, year=2024, seed=12), "hunan",
                                root / "corrected.pdf", write_truth_file=False)
    return original, corrected


def _total(rendered) -> str:
    return next(r["amount"] for r in rendered.truth["records"]
                if r["table_id"] == "03" and r["row_key"] == "合计" and r["column_key"] == "本年支出合计")


def _lay_out(portal: Portal, original: bytes, corrected: bytes, corrected_first: bool) -> None:
    entries = [("t2", f"{UNIT}2024年度部门决算（更正）", "2025-06-20", "/files/corrected.pdf", corrected),
               ("t1", f"{UNIT}2024年度部门决算", "2025-05-30", "/files/original.pdf", original)]
    if not corrected_first:
        entries.reverse()
    items = "".join(f'<li><a href="/bmjs/{tid}.html">{title}</a><span class="date">{day}</span></li>'
                    for tid, title, day, _, _ in entries)
    portal.routes["/bmjs/index.html"] = Route(f"<html><body><ul>{items}</ul></body></html>".encode())
    for tid, title, day, path, body in entries:
        portal.routes[f"/bmjs/{tid}.html"] = Route(
            f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<p>来源：市财政局 发布时间：{day} 09:30</p><p>截至2024年12月31日的情况见附件。</p>"
            f'<a href="{quote(path)}">附件：{title}.pdf</a></body></html>'.encode())
        portal.routes[path] = portal.routes[quote(path)] = Route(body, content_type="application/pdf")


@pytest.fixture(scope="module")
def local_api():
    with shared_local_api() as url:
        yield url


@pytest.mark.parametrize("corrected_first", [True, False], ids=["corrected-listed-first", "original-listed-first"])
def test_the_corrected_version_is_current_in_either_order(local_api, versions, tmp_path, corrected_first):
    original, corrected = versions
    warehouse = tmp_path / "warehouse"
    with Portal() as portal:
        _lay_out(portal, original.pdf_path.read_bytes(), corrected.pdf_path.read_bytes(), corrected_first)
        profile = tmp_path / "p.yaml"
        profile.write_text(PROFILE.format(start=portal.url("/bmjs/index.html")), encoding="utf-8")
        result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "crawl", str(profile), "--workers", "1"])
        fetched = [p for p in portal.paths() if p.startswith("/files/")]
    assert result.exit_code == 0, result.output
    first_loaded = "corrected" if corrected_first else "original"
    assert fetched[0].endswith(f"{first_loaded}.pdf")  # the crawl met them in listing order
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT source_uri, is_current, superseded_by, published_on, published_source, "
                           "correction_mark, version_reason, document_id FROM v_document_versions").fetchall()
        city = con.execute('SELECT "本年支出合计" FROM v_city_totals WHERE fiscal_year = 2024').fetchone()[0]
    by_file = {r[0].rsplit("/", 1)[-1]: r for r in rows}
    assert set(by_file) == {"original.pdf", "corrected.pdf"}  # both versions traceable
    fixed, old = by_file["corrected.pdf"], by_file["original.pdf"]
    assert fixed[1] is True and fixed[3] == date(2025, 6, 20) and fixed[4] == "detail page" and fixed[5] == "更正"
    assert old[1] is False and old[2] == fixed[7] and old[3] == date(2025, 5, 30)
    assert "published 2025-06-20 (detail page), after 2025-05-30 (detail page)" in old[6]
    assert city == Decimal(_total(corrected)) != Decimal(_total(original))
    [report] = (warehouse / "reports").glob("run-*.html")
    page = report.read_text(encoding="utf-8")
    assert "published 2025-06-20 (detail page)" in page and "marked 更正" in page and "version: superseded by" in page
    if not corrected_first:  # the corrected one arrived second and replaced the original
        assert "stored as an earlier version" not in result.output
    else:  # the original arrived second: kept, not current, and the run says so
        assert "stored as an earlier version" in result.output


def test_an_operator_choice_is_recorded_and_shown(local_api, versions, tmp_path):
    original, corrected = versions
    warehouse = tmp_path / "warehouse"
    result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "ingest", str(original.pdf_path),
                                       str(corrected.pdf_path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        rows = dict(con.execute("SELECT source_uri, document_id FROM v_document_versions").fetchall())
    original_id = next(i for uri, i in rows.items() if uri.endswith("original.pdf"))
    chose = CliRunner().invoke(main, ["--warehouse", str(warehouse), "make-current", original_id,
                                      "--operator", "王五", "--why", "paper copy checked"])
    assert chose.exit_code == 0, chose.output
    assert f"{original_id} is current (current over" in chose.output and "chosen by 王五" in chose.output
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        current = con.execute("SELECT document_id, chosen_by, version_reason FROM v_documents_current "
                              "WHERE unit_name = ?", [UNIT]).fetchall()
    assert [(c[0], c[1]) for c in current] == [(original_id, "王五")] and "paper copy checked" in current[0][2]
    refused = CliRunner().invoke(main, ["--warehouse", str(warehouse), "make-current", "nosuchdoc",
                                        "--operator", "王五", "--why", "x"])
    assert refused.exit_code == 1 and "no document" in refused.output
