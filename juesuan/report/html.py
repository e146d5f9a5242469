"""One self-contained HTML page per ingest run, for the people who act on it.

A finance bureau reads this page, not the warehouse: what came in, what was held back and
why, and — per unit — every finding with the page to open and the figures to compare
(expected vs printed). Plain HTML and CSS from a `string.Template`; no JavaScript, no
external assets, so it opens from a file share or an e-mail attachment. Every value is
escaped: unit names and quoted sentences come from PDFs.
"""

from __future__ import annotations

import html
import os
from decimal import Decimal
from pathlib import Path
from string import Template

import duckdb

from juesuan.report.data import DocumentRow, FindingRow, RunReport, read_run_report

OUTCOME_WORDS = {
    "quarantined": "quarantined — figures held back until an operator releases them",
    "failed": "failed — could not be read",
    "rejected": "rejected — not a final-accounts package",
    "loaded_with_warnings": "loaded with warnings",
    "loaded": "loaded",
}

PAGE = Template("""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>juesuan — run $run_id</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em} h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
h3{font-size:1.05em;margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:.4em 0 1em} th,td{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3} td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sev-error{color:#a40000;font-weight:bold} .sev-warning{color:#8a5a00;font-weight:bold} .sev-info{color:#555}
.st{display:inline-block;padding:0 .4em;border-radius:3px;font-size:.85em}
.st-quarantined,.st-failed{background:#fbdada} .st-rejected{background:#eee}
.st-loaded_with_warnings{background:#fff1c9} .st-loaded{background:#dff3df}
.quote{color:#444;font-size:.92em} .meta{color:#666;font-size:.9em} code{background:#f6f6f6;padding:0 .2em}
</style></head><body>
<h1>juesuan — ingest run $run_id</h1>
<p class="meta">$run_meta</p>
<h2>City summary</h2>
$summary
$release
<h2>Units</h2>
$units
</body></html>
""")


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def amount(value: Decimal | None) -> str:
    """A warehouse DECIMAL(18,6) as a person writes it: 397.440000 → 397.44."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        text = f"{whole}.{frac}"
    return text


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
                         for i, cell in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _status(status: str) -> str:
    return f'<span class="st st-{esc(status)}">{esc(status)}</span>'


def _summary(report: RunReport) -> str:
    total = len(report.documents)
    outcome_rows = [[_status(status), esc(OUTCOME_WORDS.get(status, "")), str(n)]
                    for status, n in report.outcomes()]
    if report.skipped:
        outcome_rows.append(["unchanged", "already in the warehouse, not re-read", str(report.skipped)])
    parts = [f"<p>{total} document(s) written by this run"
             + (f", fiscal year(s) {', '.join(map(str, report.years()))}" if report.years() else "")
             + ".</p>",
             _table(["outcome", "meaning", "documents"], outcome_rows, {2})]
    rules = report.findings_by_rule()
    if rules:
        rows = [[f"<code>{esc(rule)}</code>", str(c.get("error", 0)), str(c.get("warning", 0)),
                 str(c.get("info", 0)), str(docs)] for rule, c, docs in rules]
        parts.append("<h3>Findings by rule</h3>")
        parts.append(_table(["rule", "errors", "warnings", "info", "documents"], rows, {1, 2, 3, 4}))
    else:
        parts.append("<p>No validation findings.</p>")
    return "\n".join(parts)


def _release(report: RunReport) -> str:
    held = [d for d in report.documents if d.status == "quarantined" and not d.released_by]
    if not held:
        return ""
    rows = [[esc(d.title), esc(d.fiscal_year), f"<code>{esc(d.document_id)}</code>",
             esc((d.reason or "")[:200])] for d in held]
    return ("<h2>Waiting for an operator</h2><p>Quarantined documents count in no city total "
            "until released, after review, with "
            "<code>juesuan release DOCUMENT_ID --operator NAME</code>.</p>"
            + _table(["unit", "year", "document id", "why"], rows))


def _finding_rows(findings: list[FindingRow]) -> str:
    rows = []
    for f in findings:
        rows.append([
            f'<span class="sev-{esc(f.severity)}">{esc(f.severity)}</span>',
            f"<code>{esc(f.rule_id)}</code>",
            esc(", ".join(map(str, f.pages))),
            esc(amount(f.expected)),
            esc(amount(f.actual)),
            esc(f.message) + (f'<div class="quote">«{esc(f.location)}»</div>' if f.location else ""),
        ])
    return _table(["severity", "rule", "page", "expected", "printed", "what and where"], rows, {3, 4})


def _document(document: DocumentRow) -> str:
    anchor = f"doc-{esc(document.document_id)}"
    head = (f'<h3 id="{anchor}">{esc(document.title)} {esc(document.fiscal_year or "")} '
            f"{_status(document.status)}</h3>")
    meta = [f"file {esc(document.file_name)}", f"document id <code>{esc(document.document_id)}</code>"]
    if document.scope:
        meta.append(f"scope {esc(document.scope)}")
    if document.released_by:
        meta.append(f"released by {esc(document.released_by)}")
    if document.published_on:
        meta.append(f"published {esc(document.published_on)} ({esc(document.published_source)})")
    if document.correction_mark:
        meta.append(f"marked {esc(document.correction_mark)}")
    if document.superseded_by:
        meta.append(f"superseded by <code>{esc(document.superseded_by)}</code>")
    parts = [head, f'<p class="meta">{" · ".join(meta)}</p>']
    if document.version_reason and document.version_reason != "the only version":
        parts.append(f'<p class="meta">version: {esc(document.version_reason)}</p>')
    if document.reason and document.status != "loaded":
        parts.append(f"<p>{esc(document.reason)}</p>")
    if document.findings:
        counts = ", ".join(f"{document.count(s)} {s}" for s in ("error", "warning", "info") if document.count(s))
        parts.append(f"<p>{len(document.findings)} finding(s): {counts}</p>")
        parts.append(_finding_rows(document.findings))
    if document.problems:
        rows = [[esc(p.code), esc(p.table_id or ""), esc(p.page or ""), esc("yes" if p.fatal else ""),
                 esc(p.message)] for p in document.problems]
        parts.append("<p>Extraction problems:</p>")
        parts.append(_table(["problem", "table", "page", "fatal", "message"], rows))
    return "\n".join(parts)


def _units(report: RunReport) -> str:
    # a re-published unit-year is worth a look too: which version counts, and why
    attention = [d for d in report.documents if d.status != "loaded" or d.findings or d.problems
                 or d.version_reason not in (None, "the only version")]
    clean = [d for d in report.documents if d not in attention]
    parts = [_document(d) for d in attention]
    if clean:
        names = ", ".join(f"{esc(d.title)} {esc(d.fiscal_year or '')}" for d in clean)
        parts.append(f"<details><summary>{len(clean)} document(s) loaded with nothing to report"
                     f"</summary><p>{names}</p></details>")
    return "\n".join(parts) or "<p>This run wrote no documents.</p>"


def render_html(report: RunReport) -> str:
    meta = [f"started {esc(report.started_at)}", f"finished {esc(report.finished_at or '—')}"]
    if report.note:
        meta.append(esc(report.note))
    return PAGE.substitute(run_id=esc(report.run_id), run_meta=" · ".join(meta),
                           summary=_summary(report), release=_release(report), units=_units(report))


def reports_dir(warehouse_dir: str | os.PathLike) -> Path:
    return Path(warehouse_dir) / "reports"


def write_run_report(con: duckdb.DuckDBPyConnection, warehouse_dir: str | os.PathLike,
                     run_id: int | None = None) -> Path:
    """Write <warehouse_dir>/reports/run-<id>.html (atomically: readers never see half a page)."""
    report = read_run_report(con, run_id)
    directory = reports_dir(warehouse_dir)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"run-{report.run_id}.html"
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(render_html(report), encoding="utf-8")
    os.replace(tmp, target)
    return target
