"""The run report (<reports>/run-<id>.html), for the people who act on a run.

A finance bureau reads this page, not the warehouse: what came in, what was held back and
why (with the command that releases it), and — per document that needs a look — every
finding and problem beside an image of the page region it is about, expected vs printed.
Documents loaded with nothing to report are listed, one click from their own page.
"""

from __future__ import annotations

import os
from pathlib import Path

from juesuan.report.data import DocumentRow, RunReport
from juesuan.report.documents import document_href, document_meta, document_title
from juesuan.report.markup import esc, release_command, status, table, when

OUTCOME_WORDS = {
    "quarantined": "quarantined — figures held back until an operator releases them",
    "failed": "failed — could not be read",
    "rejected": "rejected — not a final-accounts package",
    "loaded_with_warnings": "loaded with warnings",
    "loaded": "loaded",
}


def run_href(run_id: int) -> str:
    return f"run-{run_id}.html"


def _summary(report: RunReport) -> str:
    total = len(report.documents)
    outcome_rows = [[status(state), esc(OUTCOME_WORDS.get(state, "")), str(n)]
                    for state, n in report.outcomes()]
    if report.skipped:
        outcome_rows.append(["unchanged", "already in the warehouse, not re-read", str(report.skipped)])
    parts = [f"<p>{total} document(s) written by this run"
             + (f", fiscal year(s) {', '.join(map(str, report.years()))}" if report.years() else "")
             + '. The city as a whole: <a href="dashboard.html">dashboard</a>; everything waiting for an '
               'operator: <a href="queue.html">quarantine queue</a>.</p>',
             table(["outcome", "meaning", "documents"], outcome_rows, {2})]
    rules = report.findings_by_rule()
    if rules:
        rows = [[f"<code>{esc(rule)}</code>", str(c.get("error", 0)), str(c.get("warning", 0)),
                 str(c.get("info", 0)), str(docs)] for rule, c, docs in rules]
        parts.append("<h3>Findings by rule</h3>")
        parts.append(table(["rule", "errors", "warnings", "info", "documents"], rows, {1, 2, 3, 4}))
    else:
        parts.append("<p>No validation findings.</p>")
    return "\n".join(parts)


def _waiting(report: RunReport, warehouse_dir: os.PathLike) -> str:
    held = [d for d in report.documents if d.waiting_for_release]
    if not held:
        return ""
    rows = [[f'<a href="#doc-{esc(d.document_id)}">{esc(d.title)}</a>', esc(d.fiscal_year),
             esc((d.reason or "")[:200]), f'<code class="cmd">{esc(release_command(warehouse_dir, d.document_id))}</code>']
            for d in held]
    return ("<h2>Waiting for an operator</h2><p>Quarantined documents count in no city total until "
            "an operator has reviewed them and released them with the command beside each "
            "(replace NAME with your name).</p>"
            + table(["unit", "year", "why", "release command"], rows))


def _clean(documents: list[DocumentRow], with_pages: set[str], run_id: int) -> str:
    if not documents:
        return ""
    items = []
    for d in documents:
        name = esc(document_title(d))
        items.append(f'<a href="{esc(document_href(d.document_id))}">{name}</a>' if d.document_id in with_pages
                     else name)
    hint = ("" if all(d.document_id in with_pages for d in documents) else
            f"<p class=\"meta\">Their table views are written on request: <code>juesuan report --run {run_id} "
            "--all-documents</code>.</p>")
    return (f"<details><summary>{len(documents)} document(s) loaded with nothing to report</summary>"
            f"{hint}<p>{' · '.join(items)}</p></details>")


def run_body(report: RunReport, sections: dict[str, str], with_pages: set[str],
             warehouse_dir: os.PathLike) -> str:
    """The run page; `sections` holds each reviewed document's evidence (finding cards),
    `with_pages` the documents that have a document page."""
    meta = [f"started {esc(when(report.started_at))}", f"finished {esc(when(report.finished_at) or '—')}"]
    if report.note:
        meta.append(esc(report.note))
    review = [d for d in report.documents if d.needs_review]
    clean = [d for d in report.documents if not d.needs_review]
    parts = [f"<h1>Ingest run {esc(report.run_id)}</h1>", f'<p class="meta">{" · ".join(meta)}</p>',
             "<h2>Summary</h2>", _summary(report), _waiting(report, warehouse_dir), "<h2>Documents</h2>"]
    for d in review:
        link = (f'<p><a href="{esc(document_href(d.document_id))}">What we read: every table beside its page</a></p>'
                if d.document_id in with_pages else "")
        parts.append(f'<h3 id="doc-{esc(d.document_id)}">{esc(document_title(d))} {status(d.status)}</h3>')
        parts.append(document_meta(d, None))
        if d.reason and d.status != "loaded":
            parts.append(f"<p>{esc(d.reason)}</p>")
        parts.append(link)
        parts.append(sections.get(d.document_id, ""))
    parts.append(_clean(clean, with_pages, report.run_id))
    if not report.documents:
        parts.append("<p>This run wrote no documents.</p>")
    return "\n".join(p for p in parts if p)


def reports_dir(warehouse_dir: str | os.PathLike) -> Path:
    return Path(warehouse_dir) / "reports"
