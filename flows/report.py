"""Run summary as Prefect artifacts: a table of documents and outcomes, and a short markdown note."""

from __future__ import annotations

from collections import Counter

from prefect.artifacts import create_markdown_artifact, create_table_artifact


def publish_run_artifacts(summary) -> None:
    rows = [{"unit": o.unit_name or "", "year": o.fiscal_year or "", "status": o.status,
             "errors": o.errors, "warnings": o.warnings, "reason": (o.reason or "")[:200],
             "file": o.path.rsplit("/", 1)[-1]} for o in summary.outcomes]
    if rows:
        create_table_artifact(rows, key="ingest-documents", description="Documents processed in this run")
    counts = Counter(o.status for o in summary.outcomes)
    lines = [f"# juesuan ingest: {summary.discovered} document(s) found", "",
             f"- unchanged, skipped: {summary.skipped_unchanged}"]
    lines += [f"- {status}: {n}" for status, n in sorted(counts.items())]
    lines += ["", f"Warehouse: `{summary.warehouse_dir}` · {summary.seconds:.1f} s"]
    create_markdown_artifact("\n".join(lines), key="ingest-summary", description="Outcome counts")
