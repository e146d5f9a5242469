"""The city crawl flow: a portal profile in, the same checked warehouse out.

crawl (in this process: polite, sequential, writes only under <warehouse>/downloads)
→ intake (unpack ZIPs, set spreadsheets aside) → the ingest path of flows/ingest.py
(extraction on the task runner, loading here as the single writer). Crawl failures are
recorded in the warehouse like failed documents (see juesuan/crawl/handoff.py).
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from juesuan.crawl.cache import FetchCache
from juesuan.crawl.crawler import CrawlReport, crawl
from juesuan.crawl.fetch import Fetcher
from juesuan.crawl.handoff import to_intake
from juesuan.crawl.profile import load_profile
from juesuan.crawl.remote import CACHE_NAME
from juesuan.intake import prepare
from flows.ingest import RunSummary, downloads_dir, ingest_intake, task_runner_for, unpacked_dir
from flows.server import shared_local_api


@task(name="crawl-portal", cache_policy=NO_CACHE, persist_result=False)
def crawl_portal(profile_path: str, warehouse_dir: str, years: list[int] | None = None) -> CrawlReport:
    """Walk the portal and download what it lists; called directly, so it runs in the flow's process."""
    logger = get_run_logger()
    profile = load_profile(profile_path)
    root = downloads_dir(warehouse_dir)
    with Fetcher(profile.fetch, profile.allowed_hosts, FetchCache(root / CACHE_NAME)) as fetcher:
        report = crawl(profile, fetcher, root, set(years) if years else None, progress=logger.info)
    logger.info("crawl of %s: %d page(s) (%d unchanged), %d attachment(s): %d downloaded, %d not modified, "
                "%d failed, %d refused; %d page(s) unavailable; %d request(s) in %.1f s",
                profile.name, report.pages, report.pages_not_modified, len(report.entries),
                report.count("downloaded"), report.count("not_modified"), report.count("failed"),
                report.count("refused"), len(report.page_issues), report.requests, report.seconds)
    return report


@flow(name="juesuan-crawl", log_prints=False)
def crawl_flow(profile: str, warehouse_dir: str, years: list[int] | None = None, workers: int = 2) -> RunSummary:
    """Crawl one city's portal and ingest what it publishes.

    Parameters are plain JSON types: a deployment (prefect.yaml, `juesuan serve`) loads
    this module from its file and validates them without the rest of the package's types.
    """
    report = crawl_portal(profile, warehouse_dir, years)
    fetched = to_intake(report)
    intake = prepare(fetched.sources, unpacked_dir(warehouse_dir))
    intake.set_aside[:0] = fetched.set_aside
    return ingest_intake(intake, warehouse_dir, workers, note=f"crawl of {report.profile}", crawl=report)


def run_crawl(profile: str | Path, warehouse_dir: str | Path, years: list[int] | None = None, workers: int = 2,
              dask_address: str | None = None, say=None) -> RunSummary:
    """Run the crawl flow with the task runner that fits (see flows.ingest.task_runner_for)."""
    load_profile(profile)  # a broken profile fails here, before any server starts
    with shared_local_api(say):
        return crawl_flow.with_options(task_runner=task_runner_for(workers, dask_address))(
            profile=str(profile), warehouse_dir=str(warehouse_dir), years=list(years) if years else None,
            workers=workers)


@flow(name="juesuan-scheduled-crawl", log_prints=False)
def scheduled_crawl(profile: str, warehouse_dir: str, years: list[int] | None = None, workers: int = 2,
                    dask_address: str | None = None) -> RunSummary:
    """The deployment's entry point: picks the task runner, then runs the crawl as a subflow.

    A flow's task runner is fixed when it starts, so a deployment parameter (workers,
    Dask address) can only choose it for a subflow.
    """
    return crawl_flow.with_options(task_runner=task_runner_for(workers, dask_address))(
        profile=profile, warehouse_dir=warehouse_dir, years=years, workers=workers)
