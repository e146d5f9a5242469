"""Run summary as Prefect artifacts: a table of documents and outcomes, a table of what a crawl
fetched (when the run crawled), a short markdown note, and a link to the run's HTML report
(written by `write_report` into <warehouse>/reports/run-<id>.html)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from prefect import get_run_logger
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact


def publish_run_artifacts(summary) -> None:
    rows = [{"unit": o.unit_name or "", "year": o.fiscal_year or "", "status": o.status,
             "errors": o.errors, "warnings": o.warnings, "reason": (o.reason or "")[:200],
             "version": (o.version_note or "")[:200],
             "file": o.path.rsplit("/", 1)[-1]} for o in summary.outcomes]
    if rows:
        create_table_artifact(rows, key="ingest-documents", description="Documents processed in this run")
    counts = Counter(o.status for o in summary.outcomes)
    lines = [f"# juesuan ingest: {summary.discovered} document(s) found", "",
             f"- unchanged, skipped: {summary.skipped_unchanged}"]
    lines += [f"- {status}: {n}" for status, n in sorted(counts.items())]
    crawl = getattr(summary, "crawl", None)
    if crawl is not None:
        publish_crawl_table(crawl)
        lines += ["", f"## Crawl of {crawl.profile} ({crawl.host})", "",
                  f"- pages read: {crawl.pages} ({crawl.pages_not_modified} not modified), "
                  f"unavailable: {len(crawl.page_issues)}",
                  f"- attachments: {len(crawl.entries)}; "
                  + ", ".join(f"{status} {n}" for status, n in sorted(Counter(e.status for e in crawl.entries).items())),
                  f"- HTTP requests: {crawl.requests} in {crawl.seconds:.1f} s"]
    report_path = getattr(summary, "report_path", None)
    if report_path:
        uri = Path(report_path).resolve().as_uri()
        lines += ["", f"Run report (findings with pages, per unit): [{Path(report_path).name}]({uri}) "
                      f"— `{report_path}`"]
        create_link_artifact(uri, link_text=f"juesuan run report {Path(report_path).name}",
                             key="ingest-report", description="HTML report of this run: findings per unit")
    lines += ["", f"Warehouse: `{summary.warehouse_dir}` · {summary.seconds:.1f} s"]
    create_markdown_artifact("\n".join(lines), key="ingest-summary", description="Outcome counts")


def write_report(con, warehouse_dir: str, run_id: int) -> str | None:
    """Write the run's HTML report (juesuan.report); a report that cannot be written is
    logged, never a failed ingest — the warehouse and its snapshot are already in place."""
    from juesuan.report import write_run_report

    try:
        return str(write_run_report(con, warehouse_dir, run_id))
    except Exception as exc:  # the data is loaded; only the page is missing, and the log says why
        get_run_logger().warning("the run report could not be written: %s: %s", type(exc).__name__, exc)
        return None


def publish_crawl_table(crawl) -> None:
    """One row per attachment the portal lists, and per page that could not be read."""
    rows = [{"unit (listed)": e.listed.unit or "", "year (listed)": e.listed.year or "", "fetch": e.status,
             "http": e.http_status or "", "bytes": e.size, "kind": e.kind or "", "reason": (e.reason or "")[:200],
             "url": e.listed.url} for e in crawl.entries]
    rows += [{"unit (listed)": f"[{i.role} page]", "year (listed)": i.year or "", "fetch": "failed", "http": "",
              "bytes": 0, "kind": "", "reason": i.reason[:200], "url": i.url} for i in crawl.page_issues]
    if rows:
        create_table_artifact(rows, key="crawl-attachments", description=f"What the crawl of {crawl.profile} fetched")
