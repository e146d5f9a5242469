"""One page per document (<reports>/documents/<id>.html): its findings and problems beside
their page regions, then every table it was read from beside the figures read.

The same finding cards appear in the run report; this page adds "what we read", so a
reviewer can confirm a whole document in a minute.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pypdfium2 as pdfium

from juesuan.report.data import DocumentRow, read_cells
from juesuan.report.evidence import DocumentEvidence, finding_card, problem_card, tables_read
from juesuan.report.markup import esc, release_block, status
from juesuan.report.pages import DocumentPages
from juesuan.report.pdfs import PdfFinder, PdfLocation, local_path


def document_href(document_id: str) -> str:
    return f"documents/{document_id}.html"


@contextmanager
def open_evidence(con: duckdb.DuckDBPyConnection, document: DocumentRow, finder: PdfFinder,
                  reports_dir: os.PathLike) -> Iterator[DocumentEvidence]:
    """A document's figures and, when its PDF is reachable and unchanged, its pages."""
    cells = read_cells(con, document.document_id)
    if document.status == "failed":
        # it could not be read, or its reading was stopped at a bound: it is not opened
        # again here, outside the sandbox that bounded it
        location = PdfLocation(None, "the document could not be read, so its pages are not shown")
    else:
        location = finder.locate(document)
    pages, missing = None, location.missing
    if location.path is not None:
        try:
            pages = DocumentPages(reports_dir, document.document_id, location.path)
        except pdfium.PdfiumError as exc:
            missing = f"the PDF at {location.path} cannot be opened for rendering: {exc}"
    try:
        yield DocumentEvidence(document, cells, pages, missing)
    finally:
        if pages is not None:
            pages.close()


def document_meta(document: DocumentRow, evidence: DocumentEvidence | None) -> str:
    meta = [f"file {esc(document.file_name)}", f"document id <code>{esc(document.document_id)}</code>"]
    if document.scope:
        meta.append(f"scope {esc(document.scope)}")
    if document.page_count:
        meta.append(f"{document.page_count} pages")
    meta.append(f"{document.line_item_count} figures read")
    if document.released_by:
        meta.append(f"released by {esc(document.released_by)}")
    if document.published_on:
        meta.append(f"published {esc(document.published_on)} ({esc(document.published_source)})")
    if document.correction_mark:
        meta.append(f"marked {esc(document.correction_mark)}")
    if document.superseded_by:
        meta.append(f"superseded by <code>{esc(document.superseded_by)}</code>")
    if evidence is not None and evidence.pages is None and evidence.missing:
        meta.append(f'<span class="note">no page images: {esc(evidence.missing)}</span>')
    version = (f'<p class="meta">version: {esc(document.version_reason)}</p>'
               if document.version_reason and document.version_reason != "the only version" else "")
    return f'<p class="meta">{" · ".join(meta)}</p>{version}'


def cards(evidence: DocumentEvidence, prefix: str) -> str:
    document = evidence.document
    parts = []
    if document.findings:
        counts = ", ".join(f"{document.count(s)} {s}" for s in ("error", "warning", "info") if document.count(s))
        parts.append(f"<h4>{len(document.findings)} finding(s): {counts}</h4>")
        parts += [finding_card(f, evidence, prefix, f"{document.document_id}-f{i}")
                  for i, f in enumerate(document.findings, 1)]
    if document.problems:
        parts.append(f"<h4>{len(document.problems)} extraction problem(s)</h4>")
        parts += [problem_card(p, evidence, prefix, f"{document.document_id}-p{i}")
                  for i, p in enumerate(document.problems, 1)]
    return "\n".join(parts)


def document_title(document: DocumentRow) -> str:
    return f"{document.title} {document.fiscal_year or ''}".strip()


def document_body(evidence: DocumentEvidence, warehouse_dir: os.PathLike, run_href: str | None) -> str:
    """The document page (it lives one folder down: links start with ../)."""
    document = evidence.document
    prefix = "../"
    parts = [f"<h1>{esc(document_title(document))} {status(document.status)}</h1>",
             document_meta(document, evidence)]
    if document.source_uri:
        parts.append(f'<p class="meta">source {esc(local_path(document.source_uri) or document.source_uri)}</p>')
    if run_href:
        parts.append(f'<p><a href="{esc(prefix + run_href)}">back to the run report</a></p>')
    if document.reason and document.status != "loaded":
        parts.append(f"<p>{esc(document.reason)}</p>")
    if document.waiting_for_release:
        parts.append(release_block(warehouse_dir, document.document_id))
    parts.append(cards(evidence, prefix))
    parts.append("<h2>What we read</h2><p class=\"meta\">Each table page beside the figures read from it. "
                 "Every cell read is outlined on the page; a printed figure without an outline was not read. "
                 "Blank cells are hatched in the grid (blank is not 0.00).</p>")
    parts.append(tables_read(evidence, prefix))
    return "\n".join(parts)
