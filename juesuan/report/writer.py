"""Writing the review pages: which pages, from which connection, at what cost.

After a run (or `juesuan report`): the run report, a document page for every document of
the run that needs a look (all of them with `all_documents`), and — from the published
snapshot, whose views they read — the city dashboard and the quarantine queue. Page
images are rendered only for pages that a finding, a problem or a table names, and only
once per document (they are kept beside the pages). All pages written together share one
subset font.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from juesuan.report.city import read_city
from juesuan.report.dashboard import add_dashboard
from juesuan.report.data import DocumentRow, RunReport, read_quarantine_queue, read_run_report
from juesuan.report.documents import cards, document_body, document_href, document_title, open_evidence
from juesuan.report.html import reports_dir, run_body, run_href
from juesuan.report.markup import Site
from juesuan.report.pdfs import PdfFinder
from juesuan.report.queue import add_queue


@dataclass
class ReportsWritten:
    run_report: Path | None = None
    dashboard: Path | None = None
    queue: Path | None = None
    document_pages: list[Path] = field(default_factory=list)
    pages_rendered: int = 0
    seconds: float = 0.0


class _Documents:
    """Document pages of one batch: each written once, images counted."""

    def __init__(self, site: Site, warehouse_dir: os.PathLike, run_link: str | None):
        self.site = site
        self.warehouse_dir = warehouse_dir
        self.run_link = run_link
        self.finder = PdfFinder(warehouse_dir)
        self.written: dict[str, Path] = {}
        self.sections: dict[str, str] = {}
        self.rendered = 0

    def add(self, con: duckdb.DuckDBPyConnection, document: DocumentRow) -> None:
        if document.document_id in self.written:
            return
        with open_evidence(con, document, self.finder, self.site.reports_dir) as evidence:
            self.sections[document.document_id] = cards(evidence, "")
            body = document_body(evidence, self.warehouse_dir, self.run_link)
            self.written[document.document_id] = self.site.add(
                document_href(document.document_id), f"juesuan — {document_title(document)}", body,
                interactive=True)
            self.rendered += evidence.pages.rendered if evidence.pages is not None else 0


def _add_run(site: Site, documents: _Documents, con: duckdb.DuckDBPyConnection, report: RunReport,
             all_documents: bool) -> Path:
    for document in report.documents:
        if all_documents or document.needs_review:
            documents.add(con, document)
    have_pages = {d.document_id for d in report.documents
                  if d.document_id in documents.written or (site.reports_dir / document_href(d.document_id)).exists()}
    body = run_body(report, documents.sections, have_pages, documents.warehouse_dir)
    return site.add(run_href(report.run_id), f"juesuan — run {report.run_id}", body)


def _add_city(site: Site, documents: _Documents, snapshot: duckdb.DuckDBPyConnection,
              result: ReportsWritten) -> None:
    queue = read_quarantine_queue(snapshot)
    for document in queue:  # their pages may predate this batch, or be gone
        if not (site.reports_dir / document_href(document.document_id)).exists():
            documents.add(snapshot, document)
    published = snapshot.execute("SELECT max(published_at) FROM snapshot_info").fetchone()[0]
    result.dashboard = add_dashboard(site, read_city(snapshot), len(queue), published)
    result.queue = add_queue(site, queue, documents.warehouse_dir)


def write_reports(warehouse_dir: str | os.PathLike, run_id: int | None = None,
                  con: duckdb.DuckDBPyConnection | None = None, all_documents: bool = False,
                  run_report: bool = True) -> ReportsWritten:
    """Write the review pages under <warehouse>/reports/.

    con: the ingest connection the flow still holds (the run report reads it: DuckDB will
    not open that file twice in one process); without it everything is read from the
    published snapshot. The dashboard and the queue always read the snapshot.
    """
    from warehouse.db import snapshot_path
    from warehouse.query import open_snapshot

    started = time.perf_counter()
    result = ReportsWritten()
    site = Site(reports_dir(warehouse_dir), latest_run=_latest_run_page(reports_dir(warehouse_dir)))
    documents = _Documents(site, warehouse_dir, site.latest_run)

    def add_run(connection: duckdb.DuckDBPyConnection) -> None:
        report = read_run_report(connection, run_id)
        site.latest_run = documents.run_link = run_href(report.run_id)
        result.run_report = _add_run(site, documents, connection, report, all_documents)

    if run_report and con is not None:
        add_run(con)
    if snapshot_path(warehouse_dir).exists() or con is None:
        with open_snapshot(warehouse_dir) as snapshot:  # NoSnapshot when there is none
            if run_report and con is None:
                add_run(snapshot)
            _add_city(site, documents, snapshot, result)
    site.write()
    result.document_pages = list(documents.written.values())
    result.pages_rendered = documents.rendered
    result.seconds = time.perf_counter() - started
    return result


def write_run_report(con: duckdb.DuckDBPyConnection, warehouse_dir: str | os.PathLike,
                     run_id: int | None = None, all_documents: bool = False) -> Path:
    """The run report and its document pages only (no snapshot needed)."""
    report = read_run_report(con, run_id)
    directory = reports_dir(warehouse_dir)
    site = Site(directory, latest_run=run_href(report.run_id))
    path = _add_run(site, _Documents(site, warehouse_dir, site.latest_run), con, report, all_documents)
    site.write()
    return path


def _latest_run_page(directory: Path) -> str | None:
    runs = sorted(directory.glob("run-*.html"), key=lambda p: (len(p.name), p.name))
    return runs[-1].name if runs else None
