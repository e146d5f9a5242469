"""The quarantine queue (<reports>/queue.html): every document whose figures are held back,
why, and the exact command that releases it after review.

Warehouse-wide (not one run's): a document quarantined last month and still not
released is still waiting. Each entry links to its document page for the page images.
"""

from __future__ import annotations

import os
from pathlib import Path

from juesuan.report.data import DocumentRow
from juesuan.report.documents import document_href, document_title
from juesuan.report.markup import Site, amount, esc, release_block, table, when


def _entry(document: DocumentRow, warehouse_dir: os.PathLike) -> str:
    errors = [f for f in document.findings if f.severity == "error"]
    parts = [f'<h3 id="{esc(document.document_id)}">{esc(document_title(document))}</h3>',
             f'<p class="meta">document id <code>{esc(document.document_id)}</code> · file '
             f"{esc(document.file_name)} · loaded {esc(when(document.ingested_at))} · "
             f'<a href="{esc(document_href(document.document_id))}">page images and what we read</a></p>',
             f"<p>{esc(document.reason)}</p>" if document.reason else "",
             release_block(warehouse_dir, document.document_id)]
    if document.problems:
        rows = [[f"<code>{esc(p.code)}</code>", esc(p.table_id or ""), esc(p.page or ""),
                 "yes" if p.fatal else "", esc(p.message)] for p in document.problems]
        parts.append("<h4>Extraction problems</h4>" + table(["problem", "table", "page", "fatal", "message"], rows))
    if document.findings:
        rows = [[f'<span class="sev-{esc(f.severity)}">{esc(f.severity)}</span>', f"<code>{esc(f.rule_id)}</code>",
                 esc(", ".join(map(str, f.pages))), esc(amount(f.expected)), esc(amount(f.actual)), esc(f.message)]
                for f in document.findings]
        parts.append(f"<h4>Findings ({len(errors)} error(s))</h4>"
                     + table(["severity", "rule", "page", "expected", "printed", "what"], rows, {3, 4}))
    return "\n".join(p for p in parts if p)


def add_queue(site: Site, queue: list[DocumentRow], warehouse_dir: os.PathLike) -> Path:
    if queue:
        intro = (f"<p>{len(queue)} quarantined document(s) wait for an operator. A structural error (a broken "
                 "total, a missing core table) makes a document's figures unusable: they stay in the warehouse "
                 "with their findings and count in no city-wide view until released.</p>")
    else:
        intro = "<p>No quarantined document waits for an operator.</p>"
    body = "<h1>Quarantine queue</h1>\n" + intro + "\n".join(_entry(d, warehouse_dir) for d in queue)
    return site.add("queue.html", "juesuan — quarantine queue", body)


__all__ = ["add_queue"]
