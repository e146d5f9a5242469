"""Run summary as Prefect artifacts: a table of documents and outcomes, a table of what a crawl
fetched (when the run crawled), a short markdown note, and links to the review pages
(written by `write_report` under <warehouse>/reports/: the run report, the city dashboard,
the quarantine queue)."""

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
                  f"- HTTP requests: {crawl.requests} in {crawl.seconds:.1f} s",
                  f"- entries not selected (the profile's `disclosures`): {len(getattr(crawl, 'not_selected', []))}"]
    report_path = getattr(summary, "report_path", None)
    if report_path:
        reports = Path(report_path).resolve().parent
        links = [(Path(report_path).name, "ingest-report", "Run report: every finding beside its page region"),
                 ("dashboard.html", "city-dashboard", "City dashboard: the city in charts"),
                 ("queue.html", "quarantine-queue", "Quarantine queue: documents waiting for release")]
        lines += [""]
        for name, key, description in links:
            if (reports / name).exists():
                uri = (reports / name).as_uri()
                lines.append(f"- {description}: [{name}]({uri}) — `{reports / name}`")
                create_link_artifact(uri, link_text=f"juesuan {name}", key=key, description=description)
    lines += ["", f"Warehouse: `{summary.warehouse_dir}` · {summary.seconds:.1f} s"]
    create_markdown_artifact("\n".join(lines), key="ingest-summary", description="Outcome counts")


def write_report(con, warehouse_dir: str, run_id: int) -> str | None:
    """Write the review pages (juesuan.report): the run report with its documents' page
    images, the dashboard and the queue. Pages that cannot be written are logged, never a
    failed ingest — the warehouse and its snapshot are already in place."""
    from juesuan.report import write_reports

    try:
        written = write_reports(warehouse_dir, run_id, con=con)
    except Exception as exc:  # the data is loaded; only the pages are missing, and the log says why
        get_run_logger().warning("the run report could not be written: %s: %s", type(exc).__name__, exc)
        return None
    get_run_logger().info("review pages written in %.1f s (%d document page(s), %d page image(s) rendered): %s",
                          written.seconds, len(written.document_pages), written.pages_rendered, written.run_report)
    return str(written.run_report)


def publish_crawl_table(crawl) -> None:
    """One row per attachment the portal lists, and per page that could not be read."""
    rows = [{"unit (listed)": e.listed.unit or "", "year (listed)": e.listed.year or "", "fetch": e.status,
             "http": e.http_status or "", "bytes": e.size, "kind": e.kind or "", "reason": (e.reason or "")[:200],
             "url": e.listed.url} for e in crawl.entries]
    rows += [{"unit (listed)": f"[{i.role} page]", "year (listed)": i.year or "", "fetch": "failed", "http": "",
              "bytes": 0, "kind": "", "reason": i.reason[:200], "url": i.url} for i in crawl.page_issues]
    rows += [{"unit (listed)": n.unit or "", "year (listed)": n.year or "", "fetch": "not selected", "http": "",
              "bytes": 0, "kind": "", "reason": n.reason[:200], "url": n.url}
             for n in getattr(crawl, "not_selected", [])]
    if rows:
        create_table_artifact(rows, key="crawl-attachments", description=f"What the crawl of {crawl.profile} fetched")
