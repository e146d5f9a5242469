"""The crawler without Prefect: pure planning functions, safe names, the fetcher and a whole
crawl against a real HTTP server on 127.0.0.1 (tests/portal.py), intake of ZIPs and
spreadsheets, manifest URLs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from juesuan import formats
from juesuan.crawl.cache import FetchCache
from juesuan.crawl.crawler import (Listed, attachments, crawl, detail_pages, download_path, next_page,
                                   year_listing_urls)
from juesuan.crawl.crosscheck import listing_note
from juesuan.crawl.fetch import Fetcher, FetchSettings, display_url
from juesuan.crawl.handoff import to_intake
from juesuan.crawl.links import Link, decode_html, parse_links
from juesuan.crawl.names import inside, safe_name, url_file_name
from juesuan.crawl.profile import ProfileError, load_profile, parse_profile
from juesuan.crawl.remote import fetch_remote
from juesuan.intake import UNSUPPORTED, prepare
from juesuan.sources import Source, read_manifest
from juesuan.unzip import ArchiveLimits, ArchiveRefused, unpack
from tests.conftest import REPO
from tests.portal import (GOOD_A_2024, GOOD_B_2024, MAX_BYTES, Portal, Route, build, write_profile, xlsx_bytes,
                          zip_of)

FAST = FetchSettings(rate_limit_seconds=0, timeout_seconds=0.5, retries=1, backoff_seconds=0.01,
                     max_bytes=MAX_BYTES, use_env_proxy=False)


@pytest.fixture(scope="module")
def portal():
    with Portal() as served:
        build(served)
        yield served


@pytest.fixture
def profile(portal, tmp_path):
    return load_profile(write_profile(portal, tmp_path / "测试市.yaml"))


def fetcher_for(portal, tmp_path, settings=FAST, **kwargs) -> Fetcher:
    return Fetcher(settings, ["127.0.0.1"], FetchCache(tmp_path / "dl" / ".fetch-cache.json"), **kwargs)


# ---- names ----------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("../../etc/passwd", "_.._etc_passwd"),
    ("a/b\\c.pdf", "a_b_c.pdf"),
    ("\x00evil\x1b[31m.pdf", "_evil_[31m.pdf"),
    ("  .hidden.pdf  ", "hidden.pdf"),
    ("CON.pdf", "_CON.pdf"),
    ("", "document"),
    ("..", "document"),
    ("示例市财政局 2024年 部门决算.PDF", "示例市财政局 2024年 部门决算.PDF"),
])
def test_safe_name_has_no_separators_controls_or_traversal(raw, expected):
    assert safe_name(raw) == expected


def test_safe_name_is_bounded_in_bytes_and_keeps_cjk_and_suffix():
    name = safe_name("单位" * 200 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= 150
    assert name.startswith("单位单位")


def test_paths_stay_inside_the_root(tmp_path):
    path = inside(tmp_path, "127.0.0.1", "2024", "../../x.pdf")
    assert path.parent == (tmp_path / "127.0.0.1" / "2024").resolve()
    assert inside(tmp_path, "..") == (tmp_path / "_").resolve()  # a bare '..' is made harmless
    assert url_file_name("http://h/a/%E5%86%B3%E7%AE%97.pdf?x=1") == "决算.pdf"
    assert url_file_name("http://h/a/%BE%F6%CB%E3.pdf") == "决算.pdf"  # GBK percent-encoded


# ---- links and profiles ---------------------------------------------------------------

def test_links_resolve_against_base_and_skip_non_http():
    html = """<html><head><base href="/czj/"></head><body>
      <a href="bmjs/t1.html#top"> 示例市财政局
         2024年度部门决算 </a><a href="javascript:go()">x</a><a href="mailto:a@b">m</a>
      <a href="https://other.example/x.pdf" title="外链">  </a><a>no href</a></body></html>"""
    links = parse_links(html, "http://portal.example/start/index.html")
    assert links == [Link("http://portal.example/czj/bmjs/t1.html", "示例市财政局 2024年度部门决算"),
                     Link("https://other.example/x.pdf", "外链")]


def test_gbk_pages_are_decoded_from_header_or_meta():
    body = "<html><head><meta charset=gb2312></head><a href='x'>部门决算</a></html>".encode("gbk")
    assert "部门决算" in decode_html(body)
    assert "部门决算" in decode_html("部门决算".encode("gbk"), "text/html; charset=GBK")
    assert "部门决算" in decode_html("部门决算".encode("gb18030"))  # undeclared: fallback


def test_the_example_profile_loads_and_documents_every_field():
    example = REPO / "docker" / "profiles" / "example.yaml"
    profile = load_profile(example)
    assert profile.allowed_hosts[0] == "czj.example.gov.cn"
    assert profile.years and profile.years.link and profile.next_page
    text = example.read_text(encoding="utf-8")
    for name in FetchSettings.__dataclass_fields__:
        assert (name if name != "auth_env" else "auth:") in text, name


@pytest.mark.parametrize("change, message", [
    ({"listing": {"detail_link": "/t", "nextpage": "下一页"}}, "unknown field(s) nextpage"),
    ({"years": {"link": {"text": "20\\d\\d年"}}}, "named group (?P<year>"),
    ({"fetch": {"headers": {"Cookie": "s=1"}}}, "must not carry secrets"),
    ({"listing": {"detail_link": {"href": "("}}}, "not a valid regular expression"),
    ({"start_url": "file:///etc/passwd"}, "http(s) URL"),
    ({"fetch": {"timeout_seconds": 0}}, "timeout_seconds must be > 0"),
])
def test_profile_mistakes_are_refused_with_the_field_named(change, message):
    data = {"start_url": "https://czj.example.gov.cn/", "listing": {"detail_link": "/t"}, **change}
    with pytest.raises(ProfileError, match=re.escape(message)):
        parse_profile(data)


def test_planning_functions_pick_years_details_pages_and_attachments(profile, portal):
    start = [Link(portal.url("/czj/bmjs/2024/index.html"), "2024年部门决算"),
             Link(portal.url("/czj/bmjs/2023/index.html"), "2023年部门决算"),
             Link(portal.url("/czj/bmys/index.html"), "2024年部门预算")]
    assert year_listing_urls(profile, start, {2024}) == [(2024, portal.url("/czj/bmjs/2024/index.html"))]
    assert [y for y, _ in year_listing_urls(profile, start, None)] == [2023, 2024]
    listing = [Link(portal.url("/czj/bmjs/2024/t1.html"), "示例市审计局2024年度部门决算"),
               Link(portal.url("/czj/bmjs/2024/t1.html"), "示例市审计局2024年度部门决算"),
               Link(portal.url("/czj/bmjs/index.html"), "返回"),
               Link(portal.url("/czj/bmjs/2024/index_1.html"), "下一页")]
    assert [(d.url, d.unit, d.year) for d in detail_pages(profile, listing, 2024)] == [
        (portal.url("/czj/bmjs/2024/t1.html"), "示例市审计局", 2024)]
    assert next_page(profile, listing, set()) == portal.url("/czj/bmjs/2024/index_1.html")
    assert next_page(profile, listing, {portal.url("/czj/bmjs/2024/index_1.html")}) is None
    detail = [Link(portal.url("/u/a.PDF"), "附件1"), Link(portal.url("/u/b.doc"), "说明"),
              Link(portal.url("/u/c.xlsx"), "附件2")]
    assert [a.url for a in attachments(profile, detail)] == [portal.url("/u/a.PDF"), portal.url("/u/c.xlsx")]


def test_download_paths_are_per_host_and_year_and_never_collide(tmp_path):
    taken: dict = {}
    a = download_path(tmp_path, Listed("http://h:1/x/附件1.pdf", "", "d", "单位甲", 2024), taken)
    b = download_path(tmp_path, Listed("http://h:1/y/附件1.pdf", "", "d", "单位甲", 2024), taken)
    again = download_path(tmp_path, Listed("http://h:1/x/附件1.pdf", "", "d", "单位甲", 2024), taken)
    assert a == tmp_path.resolve() / "h" / "2024" / "单位甲-附件1.pdf" and a == again
    assert b != a and b.parent == a.parent


# ---- the fetcher against a real server --------------------------------------------------

def test_fetch_retries_5xx_with_backoff_but_not_404(portal, tmp_path):
    portal.routes["/flaky.pdf"] = Route(GOOD_A_2024.read_bytes(), content_type="application/pdf", fail_first=1)
    waits = []
    with fetcher_for(portal, tmp_path, sleep=waits.append) as fetcher:
        flaky = fetcher.fetch(portal.url("/flaky.pdf"), tmp_path / "flaky.pdf")
        missing = fetcher.fetch(portal.url("/nothing.pdf"), tmp_path / "nothing.pdf")
    assert flaky.status == "downloaded" and flaky.attempts == 2 and flaky.kind == formats.PDF
    assert waits == [FAST.backoff_seconds]
    assert missing.status == "failed" and missing.attempts == 1 and missing.reason.startswith("HTTP 404")
    assert not (tmp_path / "nothing.pdf").exists()


def test_backoff_doubles_and_is_capped():
    settings = FetchSettings(backoff_seconds=2, max_backoff_seconds=5)
    with Fetcher(settings, ["h"]) as fetcher:
        assert [fetcher._backoff(n, None) for n in (1, 2, 3)] == [2, 4, 5]
        assert fetcher._backoff(1, 30) == 5  # Retry-After honoured up to the cap


def test_rate_limit_spaces_every_request(portal, tmp_path):
    clock = [100.0]
    waits = []

    def sleep(seconds):
        waits.append(round(seconds, 3))
        clock[0] += seconds

    settings = FetchSettings(rate_limit_seconds=2.0, timeout_seconds=2, use_env_proxy=False)
    with Fetcher(settings, ["127.0.0.1"], sleep=sleep, clock=lambda: clock[0]) as fetcher:
        for n in range(3):
            fetcher.fetch(portal.url("/czj/bmjs/index.html"), tmp_path / f"p{n}.html")
    assert waits == [2.0, 2.0]


def test_a_slow_answer_times_out(portal, tmp_path):
    with fetcher_for(portal, tmp_path, sleep=lambda s: None) as fetcher:
        result = fetcher.fetch(portal.url("/uploads/2024/slow.pdf"), tmp_path / "slow.pdf")
    assert result.status == "failed" and result.reason.startswith("timeout") and result.attempts == 2


def test_redirects_are_followed_on_the_host_and_refused_off_it(portal, tmp_path):
    portal.routes["/go"] = Route(status=301, headers={"Location": "/uploads/2024/" + quote("公证处决算.pdf")})
    with fetcher_for(portal, tmp_path) as fetcher:
        same = fetcher.fetch(portal.url("/go"), tmp_path / "same.pdf")
        other = fetcher.fetch(portal.url("/uploads/2024/moved.pdf"), tmp_path / "other.pdf")
        direct = fetcher.fetch(portal.url("/x.pdf", host="localhost"), tmp_path / "direct.pdf")
    assert same.status == "downloaded" and same.final_url.endswith(quote("公证处决算.pdf"))
    assert other.status == "refused" and "localhost is not an allowed host" in other.reason
    assert direct.status == "refused" and not (tmp_path / "other.pdf").exists()


def test_size_bound_holds_with_and_without_content_length(portal, tmp_path):
    portal.routes["/stream.pdf"] = Route(b"%PDF-1.4\n" + b"1" * (MAX_BYTES + 5), content_type="application/pdf",
                                         chunked=True)
    with fetcher_for(portal, tmp_path) as fetcher:
        announced = fetcher.fetch(portal.url("/uploads/2024/huge.pdf"), tmp_path / "huge.pdf")
        streamed = fetcher.fetch(portal.url("/stream.pdf"), tmp_path / "stream.pdf")
    assert announced.status == "refused" and "announced" in announced.reason
    assert streamed.status == "refused" and "download stopped" in streamed.reason
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*part"))


def test_conditional_requests_reuse_the_saved_file(portal, tmp_path):
    url = portal.url("/uploads/2024/" + quote("公证处决算.pdf"))
    with fetcher_for(portal, tmp_path) as fetcher:
        first = fetcher.fetch(url, tmp_path / "dl" / "b.pdf")
    portal.reset_log()
    with fetcher_for(portal, tmp_path) as fetcher:  # a new run: validators come from the cache file
        second = fetcher.fetch(url, tmp_path / "dl" / "b.pdf")
    sent = portal.requests[0][2]
    assert first.status == "downloaded" and second.status == "not_modified"
    assert sent["if-none-match"] and sent["if-modified-since"]
    assert second.sha256 == first.sha256 and second.path == first.path
    Path(first.path).write_bytes(b"tampered")  # the saved copy changed: fetched in full again
    with fetcher_for(portal, tmp_path) as fetcher:
        third = fetcher.fetch(url, tmp_path / "dl" / "b.pdf")
    assert third.status == "downloaded" and Path(third.path).read_bytes() == GOOD_B_2024.read_bytes()


def test_credentials_come_from_the_environment_and_never_show(portal, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_USER", "bureau")
    monkeypatch.setenv("PORTAL_PASSWORD", "s3cret-pw")
    settings = FetchSettings(rate_limit_seconds=0, auth_env=("PORTAL_USER", "PORTAL_PASSWORD"), use_env_proxy=False)
    portal.reset_log()
    with Fetcher(settings, ["127.0.0.1"]) as fetcher:
        result = fetcher.fetch(portal.url("/nothing.pdf"), tmp_path / "n.pdf")
    assert portal.requests[0][2]["authorization"].startswith("Basic ")
    assert "s3cret" not in repr(result)
    assert display_url("https://user:pw@host/x") == "https://host/x"
    monkeypatch.delenv("PORTAL_PASSWORD")
    with pytest.raises(RuntimeError, match="PORTAL_PASSWORD"):
        Fetcher(settings, ["127.0.0.1"])


# ---- a whole crawl ----------------------------------------------------------------------

def test_crawl_fetches_exactly_the_listed_documents_and_reports_the_rest(portal, profile, tmp_path):
    portal.reset_log()
    with fetcher_for(portal, tmp_path) as fetcher:
        report = crawl(profile, fetcher, tmp_path / "dl", {2023, 2024})
    by_unit = {(e.listed.unit, e.listed.year): e for e in report.entries}
    assert {k: e.status for k, e in by_unit.items()} == {
        ("示例市信访局", 2023): "downloaded", ("示例市信访局", 2024): "downloaded",
        ("示例市公证处", 2024): "downloaded", ("示例市审计局", 2024): "downloaded",
        ("示例市总工会", 2024): "downloaded", ("示例市档案馆", 2024): "failed",
        ("示例市商务局", 2024): "failed", ("示例市统计局", 2024): "failed",
        ("示例市司法局", 2024): "refused", ("示例市公安局", 2024): "refused",
        ("示例市财政局", 2024): "failed"}
    assert by_unit[("示例市档案馆", 2024)].reason.startswith("HTTP 404 Not Found")
    assert by_unit[("示例市商务局", 2024)].reason.startswith("timeout")
    assert "HTML page" in by_unit[("示例市统计局", 2024)].reason
    assert "localhost is not an allowed host" in by_unit[("示例市司法局", 2024)].reason
    assert "bound" in by_unit[("示例市公安局", 2024)].reason
    assert by_unit[("示例市财政局", 2024)].reason == "no attachment link on the detail page"
    assert not report.page_issues
    # exactly these requests: no 2022, no 预算, no off-host link, no back/rules links
    requested = {p for p in portal.paths()}
    assert not any("2022" in p or "bmys" in p or "rules" in p or p == "/index.html" for p in requested)
    assert {p for p in requested if p.startswith("/czj/")} == (
        {"/czj/bmjs/index.html", "/czj/bmjs/2023/index.html", "/czj/bmjs/2024/index.html",
         "/czj/bmjs/2024/index_1.html", "/czj/bmjs/2023/t201.html"}
        | {f"/czj/bmjs/2024/t{n}.html" for n in range(101, 111)})
    assert portal.paths().count("/uploads/2024/slow.pdf") == 2  # one retry
    saved = {p.relative_to(tmp_path / "dl").as_posix() for p in (tmp_path / "dl").rglob("*")
             if p.is_file() and "_pages" not in p.parts and not p.name.startswith(".")}
    assert saved == {"127.0.0.1/2023/示例市信访局-信访局2023决算.pdf", "127.0.0.1/2024/示例市信访局2024年度部门决算.pdf",
                     "127.0.0.1/2024/示例市公证处-公证处决算.pdf", "127.0.0.1/2024/示例市审计局-审计局决算公开.zip",
                     "127.0.0.1/2024/示例市总工会-总工会决算表.xlsx"}

    intake = prepare(to_intake(report).sources, tmp_path / "unpacked")
    failures = to_intake(report).set_aside
    assert len(failures) == 6 and all(f.status == "failed" and f.sha256 is None for f in failures)
    assert sorted(Path(s.path).name for s in intake.sources) == [
        "示例市信访局-信访局2023决算.pdf", "示例市信访局2024年度部门决算.pdf", "示例市公证处-公证处决算.pdf",
        "示例市审计局-2024-部门决算.pdf"]
    zipped = next(s for s in intake.sources if "!/" in s.source_uri)
    assert zipped.source_uri.endswith("!/../../审计局/示例市审计局-2024-部门决算.pdf")
    assert Path(zipped.path).parent.parent == (tmp_path / "unpacked").resolve()
    [sheet] = intake.set_aside
    assert sheet.status == UNSUPPORTED and sheet.warehouse_status == "rejected" and "XLSX" in sheet.reason


def test_a_listing_page_that_fails_is_reported(portal, profile, tmp_path):
    portal.routes["/czj/bmjs/2024/index_1.html"].status = 500
    try:
        with fetcher_for(portal, tmp_path, sleep=lambda s: None) as fetcher:
            report = crawl(profile, fetcher, tmp_path / "dl", {2024})
    finally:
        portal.routes["/czj/bmjs/2024/index_1.html"].status = 200
    [issue] = report.page_issues
    assert issue.role == "listing" and issue.year == 2024 and "HTTP 500" in issue.reason
    assert len({e.listed.detail_url for e in report.entries}) == 6  # the first page's units still came


# ---- intake: archives, spreadsheets, manifests -------------------------------------------

def test_zip_members_are_flattened_and_bounded(tmp_path):
    archive = tmp_path / "a.zip"
    archive.write_bytes(zip_of({"../../../etc/x.pdf": GOOD_A_2024.read_bytes(), "/abs/y.pdf": b"%PDF-1.4 y",
                                "inner.zip": zip_of({"z.pdf": b"%PDF-1.4"}), "表.xlsx": xlsx_bytes()}))
    unpacked = unpack(archive, tmp_path / "out")
    assert sorted(m.path.name for m in unpacked.members) == ["x.pdf", "y.pdf", "表.xlsx"]
    assert all(m.path.parent == tmp_path / "out" for m in unpacked.members)
    assert unpacked.skipped == [("inner.zip", "nested archive, not unpacked")]
    with pytest.raises(ArchiveRefused, match="over the bound"):
        unpack(archive, tmp_path / "small", ArchiveLimits(max_total_bytes=1000))
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("b.pdf", b"\0" * 5_000_000)
    with pytest.raises(ArchiveRefused, match="ZIP bomb"):
        unpack(bomb, tmp_path / "bomb", ArchiveLimits(max_ratio=100))
    assert not (tmp_path / "bomb").exists()


def test_intake_routes_by_content_not_by_name(tmp_path):
    (tmp_path / "sheet.pdf").write_bytes(xlsx_bytes())  # an XLSX under a .pdf name
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "empty.zip").write_bytes(zip_of({}))
    (tmp_path / "doc.pdf").write_bytes(GOOD_A_2024.read_bytes())
    sources = [Source(str(tmp_path / n), f"file:///{n}") for n in ("sheet.pdf", "old.xls", "empty.zip", "doc.pdf",
                                                                    "gone.pdf")]
    intake = prepare(sources, tmp_path / "unpacked")
    assert [Path(s.path).name for s in intake.sources] == ["doc.pdf"]
    reasons = {a.file_name: (a.status, a.reason) for a in intake.set_aside}
    assert reasons["sheet.pdf"][0] == UNSUPPORTED and "XLSX spreadsheet" in reasons["sheet.pdf"][1]
    assert reasons["old.xls"][0] == UNSUPPORTED and "OLE" in reasons["old.xls"][1]
    assert reasons["empty.zip"][0] == UNSUPPORTED and "holds no document" in reasons["empty.zip"][1]
    assert reasons["gone.pdf"] == ("failed", f"file not found: {tmp_path / 'gone.pdf'}")


def test_manifest_urls_download_through_the_polite_fetcher(portal, tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("unit,year,url\n"
                        f"示例市公证处,2024,{portal.url('/uploads/2024/' + quote('公证处决算.pdf'))}\n"
                        f",,{portal.url('/uploads/2024/missing.pdf')}\n", encoding="utf-8")
    intake = fetch_remote(read_manifest(manifest), tmp_path / "dl", FAST)
    [source] = intake.sources
    assert (source.unit_name, source.fiscal_year) == ("示例市公证处", 2024)  # a manifest's word overrides
    assert Path(source.path).read_bytes() == GOOD_B_2024.read_bytes()
    assert source.source_uri.startswith("http://127.0.0.1:")
    [failure] = intake.set_aside
    assert failure.status == "failed" and failure.reason.startswith("HTTP 404")


def test_listing_disagreements_become_a_note():
    assert listing_note("示例市审计局", 2024, "示例市审计局", 2024) is None
    assert listing_note("审计局", None, "示例市审计局", 2024) is None  # a shortened name is fine
    note = listing_note("示例市统计局", 2023, "示例市审计局", 2024)
    assert "under 2023" in note and "示例市统计局" in note


def test_cli_years_and_serve_needs_a_server(monkeypatch):
    from click.testing import CliRunner

    from juesuan.cli import _years, main

    assert _years("2021-2023,2025") == [2021, 2022, 2023, 2025] and _years(None) is None
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    result = CliRunner().invoke(main, ["serve", str(REPO / "docker" / "profiles" / "example.yaml")])
    assert result.exit_code != 0 and "needs a Prefect server" in result.output


def test_a_failed_extraction_task_fails_its_documents_not_the_run(tmp_path):
    from prefect.logging import disable_run_logger

    from flows.ingest import _batch_results

    class Broken:
        def result(self):
            raise AssertionError("daemonic processes are not allowed to have children")

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(GOOD_A_2024.read_bytes())
    with disable_run_logger():
        [result] = _batch_results([Source(str(pdf), pdf.as_uri())], Broken())
    assert result.status == "failed" and "daemonic processes" in result.reason
    assert result.doc.problems[0].code == "parser_crash" and len(result.sha256) == 64
