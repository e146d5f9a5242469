"""What `juesuan demo` and `juesuan ingest` print after a run: outcomes, then city-wide answers.

The answers come from the published snapshot through the same read-only path analysts
use, with the SQL kept in sql/demo/.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console

import sql
from juesuan.display import print_arrow_table
from warehouse.query import run_query

_console = Console(width=None if Console().is_terminal else 160)


def print_run_summary(summary) -> None:
    counts = Counter(o.status for o in summary.outcomes)
    parts = [f"{n} {status}" for status, n in sorted(counts.items())]
    if summary.skipped_unchanged:
        parts.append(f"{summary.skipped_unchanged} unchanged (skipped)")
    _console.print(f"[bold]{summary.discovered} document(s)[/bold] in {summary.seconds:.1f} s: "
                   + (", ".join(parts) or "nothing to do"))
    for outcome in summary.outcomes:
        if outcome.status not in ("loaded",):
            _console.print(f"  {outcome.status}: {outcome.fiscal_year or ''} {outcome.unit_name or outcome.path}"
                           f" — {outcome.reason}")
        if outcome.version_note:
            _console.print(f"  {outcome.fiscal_year or ''} {outcome.unit_name or outcome.path}: "
                           f"{outcome.version_note}", markup=False, highlight=False)


def print_crawl_summary(report) -> None:
    """What the crawl fetched: counts, then every attachment or page it could not get, with why."""
    if report is None:
        return
    counts = Counter(e.status for e in report.entries)
    parts = [f"{n} {status}" for status, n in sorted(counts.items())]
    _console.print(f"[bold]Crawl of {report.profile}[/bold]: {report.pages} page(s) read "
                   f"({report.pages_not_modified} not modified), {len(report.entries)} attachment(s): "
                   + (", ".join(parts) or "none") + f"; {report.requests} request(s) in {report.seconds:.1f} s")
    for entry in report.entries:
        if not entry.ok:
            _console.print(f"  {entry.status}: {entry.listed.year or ''} {entry.listed.unit or ''} "
                           f"{entry.listed.url} — {entry.reason}", markup=False, highlight=False)
    for issue in report.page_issues:
        _console.print(f"  {issue.role} page failed: {issue.url} — {issue.reason}", markup=False, highlight=False)
    if report.not_selected:
        _console.print(f"  {len(report.not_selected)} entry(ies) not selected:")
    for left in report.not_selected:
        _console.print(f"  {left.year or ''} {left.unit or ''} {left.url} — {left.reason}", markup=False,
                       highlight=False)


def print_demo_report(summary, warehouse_dir) -> None:
    print_run_summary(summary)
    print_arrow_table(run_query(warehouse_dir, sql.load("demo/documents_by_status")),
                      title="Documents in the warehouse by year and outcome")
    print_arrow_table(run_query(warehouse_dir, sql.load("demo/function_lei_by_year")),
                      title="City-wide expenditure by function 类 (万元)")
    print_arrow_table(run_query(warehouse_dir, sql.load("demo/sangong_total")),
                      title="City-wide 三公经费 (万元)")
    print_arrow_table(run_query(warehouse_dir, sql.load("demo/execution_by_lei")),
                      title="Budget execution by function 类: 一般公共预算财政拨款 (万元)")
    print_arrow_table(run_query(warehouse_dir, sql.load("demo/execution_coverage")),
                      title="Units compared (budget and final accounts both loaded)")
    print_arrow_table(run_query(warehouse_dir, sql.load("demo/budget_crosschecks")),
                      title="What the finals say of their budget vs the published budgets")
    _console.print(f"Warehouse snapshot: {warehouse_dir}/juesuan.duckdb — try "
                   f"`juesuan query \"SELECT * FROM v_city_totals\"`")
