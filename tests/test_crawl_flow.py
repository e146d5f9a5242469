"""The crawl flow end to end, with real components: a mock portal on 127.0.0.1, Prefect
(one local API for the module), the warehouse, and a local Dask cluster.

Two crawl runs: the first ingests what the portal lists and records every failure; then
the portal re-publishes one unit's document with different bytes, and the second run
replaces it (the old version stays, with superseded_by) while everything unchanged is
answered 304 and skipped.
"""

from __future__ import annotations

import duckdb
import pytest
from click.testing import CliRunner

from flows.server import shared_local_api
from juesuan.cli import main
from tests.portal import GOOD_B_2024, Portal, build, republished, write_profile

pytestmark = pytest.mark.flow

B_URL_PATH = "/uploads/2024/公证处决算.pdf"


@pytest.fixture(scope="module")
def local_api():
    with shared_local_api() as url:
        yield url


@pytest.fixture(scope="module")
def crawled(local_api, tmp_path_factory):
    from flows.crawl import run_crawl

    root = tmp_path_factory.mktemp("crawl")
    warehouse = root / "warehouse"
    with Portal() as portal:
        build(portal)
        profile = write_profile(portal, root / "测试市.yaml")
        first = run_crawl(profile, warehouse, years=[2023, 2024], workers=1)
        first_requests = list(portal.requests)
        portal.reset_log()
        portal.routes[B_URL_PATH].body = republished(GOOD_B_2024)  # one Route for both spellings of the path
        second = CliRunner().invoke(main, ["--warehouse", str(warehouse), "crawl", str(profile),
                                           "--years", "2023-2024", "--workers", "1"])
        second_requests = list(portal.requests)
    return warehouse, first, second, first_requests, second_requests


def _ids_of_second_run(docs):
    """The re-published version: the one document the second crawl added."""
    return [d["id"] for d in docs if d["unit"] == "示例市公证处" and d["superseded_by"] is None]


def _documents(warehouse):
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT document_id, unit_name, fiscal_year, status, status_reason, source_uri, "
                           "superseded_by, sha256 FROM documents ORDER BY ingested_at").fetchall()
    return [dict(zip(("id", "unit", "year", "status", "reason", "uri", "superseded_by", "sha256"), r)) for r in rows]


def test_first_crawl_loads_the_documents_and_records_every_failure(crawled):
    warehouse, first, _second, _requests, _ = crawled
    docs = _documents(warehouse)
    first_run = [d for d in docs if d["id"] not in _ids_of_second_run(docs)]
    loaded = sorted((d["unit"], d["year"]) for d in first_run if d["status"].startswith("loaded"))
    assert loaded == [("示例市信访局", 2023), ("示例市信访局", 2024), ("示例市公证处", 2024),
                                   ("示例市审计局", 2024)]
    failed = {d["uri"].rsplit("/", 1)[-1]: d["reason"] for d in docs if d["status"] == "failed"}
    assert failed["missing.pdf"].startswith("HTTP 404 Not Found")
    assert failed["slow.pdf"].startswith("timeout")
    assert "HTML page" in failed["error-page.pdf"]
    assert "localhost is not an allowed host" in failed["moved.pdf"]
    assert "bound" in failed["huge.pdf"]
    assert any(uri.endswith("t110.html") for uri in failed)  # the detail page without attachment
    assert all(d["sha256"] is None for d in docs if d["status"] == "failed")
    [sheet] = [d for d in docs if d["status"] == "rejected"]
    assert sheet["reason"].startswith("unsupported_format: an XLSX spreadsheet")
    zipped = next(d for d in docs if d["unit"] == "示例市审计局")
    assert "!/" in zipped["uri"] and zipped["uri"].startswith("http://127.0.0.1:")
    statuses = {o.status for o in first.outcomes}
    assert statuses >= {"failed", "unsupported_format"} and first.crawl.count("downloaded") == 5


def test_second_crawl_replaces_the_republished_document_and_skips_the_rest(crawled):
    warehouse, _first, second, _, second_requests = crawled
    assert second.exit_code == 3, second.output  # finished, but the portal still has failures: exit 3 says so
    docs = _documents(warehouse)
    notary = [d for d in docs if d["unit"] == "示例市公证处"]
    assert len(notary) == 2
    old, new = notary
    assert old["superseded_by"] == new["id"] and new["superseded_by"] is None
    # unchanged documents: a 304, then skipped on their content hash without extraction —
    # 信访局 2023 and 2024, the ZIP's PDF, the spreadsheet (a definitive 'rejected')
    not_modified = {p for p, status, _ in second_requests if status == 304 and p.startswith("/uploads/")}
    assert len(not_modified) == 4
    output = " ".join(second.output.split())
    assert "4 unchanged (skipped)" in output and "1 loaded" in output
    assert "Crawl of 测试市财政局 部门决算" in output and "HTTP 404 Not Found" in output
    # failures are recorded once, whatever the number of crawls
    assert sum(1 for d in docs if d["uri"].endswith("missing.pdf")) == 1


def test_the_writer_limit_exists_with_one_slot(crawled):
    from prefect.client.orchestration import get_client

    from flows.limits import WAREHOUSE_WRITER_LIMIT

    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name(WAREHOUSE_WRITER_LIMIT)
    assert limit.limit == 1 and limit.active


def test_extraction_runs_on_a_local_dask_cluster(local_api, tmp_path):
    import dask
    from distributed import LocalCluster

    from flows.ingest import run_ingest
    from tests.portal import GOOD_A_2023, GOOD_A_2024

    # Dask workers are daemonic by default, and a daemonic process may not start the
    # per-document child processes extraction runs in (juesuan.bounded).
    with dask.config.set({"distributed.worker.daemon": False}), \
            LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        summary = run_ingest([GOOD_A_2023, GOOD_A_2024, GOOD_B_2024], str(tmp_path / "wh"), workers=2,
                             dask_address=cluster.scheduler_address)
    assert sorted((o.unit_name, o.fiscal_year, o.status) for o in summary.outcomes) == [
        ("示例市信访局", 2023, "loaded"), ("示例市信访局", 2024, "loaded"), ("示例市公证处", 2024, "loaded")]
