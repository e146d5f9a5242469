"""The `juesuan` command: demo, ingest, crawl, serve, extract, check, query, export, report, release, make-current.

Thin: each command calls one function of the pure core, the warehouse package or a flow,
and prints. Prefect is imported only by the commands that run flows, so `extract`,
`check` and `query` start instantly.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click
import yaml

from juesuan.display import print_arrow_table, write_arrow_table

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO_ROOT / "corpus"

# Exit status of ingest, crawl and demo, for cron and deployments (README, "Exit status"):
EXIT_FINISHED = 0  # the run finished; every document has its recorded outcome, none `failed`
EXIT_COULD_NOT_PROCEED = 1  # nothing was run: warehouse in use, no Prefect API, bad profile
# (click's own usage errors exit with 2)
EXIT_DOCUMENTS_FAILED = 3  # the run finished and published, but some documents are `failed`


def _warehouse_dir(ctx: click.Context) -> Path:
    from warehouse.db import default_warehouse_dir

    chosen = ctx.obj.get("warehouse")
    return Path(chosen) if chosen else default_warehouse_dir()


@contextmanager
def _single_writer(warehouse_dir: Path) -> Iterator[None]:
    """Refuse clearly, before any Prefect start-up, when another ingestion holds the
    warehouse; turn a warehouse refusal during the run, or a Prefect API that cannot be
    started, into a one-line error (exit status 1, no traceback)."""
    from flows.server import LocalApiUnavailable
    from warehouse.db import open_ingest
    from warehouse.errors import WarehouseError

    try:
        open_ingest(warehouse_dir).close()
        yield
    except (WarehouseError, LocalApiUnavailable) as exc:
        raise click.ClickException(str(exc)) from exc


def _say(message: str) -> None:
    click.echo(message, err=True)


def _exit_for(summary) -> None:
    """Exit 3 when the run finished with failed documents (see EXIT_* above)."""
    if summary.count("failed"):
        sys.exit(EXIT_DOCUMENTS_FAILED)


def _quiet_prefect() -> None:
    """Local mode without a server to start; no telemetry from a machine that may be offline."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_LEVEL", "WARNING")
    # Progress comes from the flow's own log lines; task-run chatter stays quiet.
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")


@click.group()
@click.option("--warehouse", type=click.Path(file_okay=False), envvar="JUESUAN_WAREHOUSE",
              help="Warehouse directory (default ./data/warehouse, or $JUESUAN_WAREHOUSE).")
@click.pass_context
def main(ctx: click.Context, warehouse: str | None) -> None:
    """juesuan: Chinese government final accounts (部门决算) into a checked DuckDB warehouse."""
    ctx.ensure_object(dict)
    ctx.obj["warehouse"] = warehouse


@main.command()
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), default=str(SAMPLE_CORPUS),
              show_default=True, help="Folder of PDFs to ingest.")
@click.option("--workers", type=int, default=2, show_default=True, help="Extraction processes.")
@click.pass_context
def demo(ctx: click.Context, corpus: str, workers: int) -> None:
    """Ingest the shipped sample city and print city-wide answers."""
    _quiet_prefect()
    from flows.ingest import run_ingest
    from juesuan.demo_report import print_demo_report

    warehouse_dir = _warehouse_dir(ctx)
    click.echo(f"Ingesting {corpus} into {warehouse_dir} with {workers} worker(s)…")
    with _single_writer(warehouse_dir):
        summary = run_ingest([corpus], str(warehouse_dir), workers=workers, say=_say)
    print_demo_report(summary, warehouse_dir)
    _exit_for(summary)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--workers", type=int, default=2, show_default=True, help="Extraction processes.")
@click.option("--dask-address", default=None, help="Run extraction on this Dask scheduler (tcp://host:8786).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], workers: int, dask_address: str | None) -> None:
    """Ingest files, folders and manifests (CSV/YAML; rows with a url are downloaded politely)."""
    _quiet_prefect()
    from flows.ingest import run_ingest
    from juesuan.demo_report import print_run_summary
    from juesuan.sources import discover

    try:
        discover(list(paths))  # a broken manifest fails here, before any server starts
    except (ValueError, OSError, yaml.YAMLError) as exc:
        raise click.ClickException(f"cannot read the input: {exc}") from exc

    with _single_writer(_warehouse_dir(ctx)):
        summary = run_ingest(list(paths), str(_warehouse_dir(ctx)), workers=workers, dask_address=dask_address,
                             say=_say)
    print_run_summary(summary)
    _exit_for(summary)


def _years(value: str | None) -> list[int] | None:
    """'2023,2024' or '2021-2024' (or both, comma-separated) to a sorted list of years."""
    if not value:
        return None
    years: set[int] = set()
    try:
        for part in value.split(","):
            low, dash, high = part.strip().partition("-")
            years.update(range(int(low), int(high) + 1) if dash else [int(low)])
    except ValueError as exc:
        raise click.BadParameter(f"years like 2023,2024 or 2021-2024, not {value!r}") from exc
    return sorted(years)


@main.command()
@click.argument("profile", type=click.Path(exists=True, dir_okay=False))
@click.option("--years", default=None, help="Years to crawl: 2023,2024 or 2021-2024 (default: all listed).")
@click.option("--workers", type=int, default=2, show_default=True, help="Extraction processes.")
@click.option("--dask-address", default=None, help="Run extraction on this Dask scheduler (tcp://host:8786).")
@click.pass_context
def crawl(ctx: click.Context, profile: str, years: str | None, workers: int, dask_address: str | None) -> None:
    """Crawl a finance bureau's portal (a profile YAML) and ingest what it publishes."""
    _quiet_prefect()
    from flows.crawl import run_crawl
    from juesuan.crawl.profile import ProfileError
    from juesuan.demo_report import print_crawl_summary, print_run_summary

    try:
        with _single_writer(_warehouse_dir(ctx)):
            summary = run_crawl(profile, str(_warehouse_dir(ctx)), _years(years), workers=workers,
                                dask_address=dask_address, say=_say)
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from exc
    print_crawl_summary(summary.crawl)
    print_run_summary(summary)
    _exit_for(summary)


@main.command()
@click.argument("profile", type=click.Path(exists=True, dir_okay=False))
@click.option("--cron", default="0 3 * * *", show_default=True, help="When to crawl (cron syntax).")
@click.option("--timezone", "tz", default="Asia/Shanghai", show_default=True, help="Time zone of the cron.")
@click.option("--name", default=None, help="Deployment name (default: the profile file's name).")
@click.option("--years", default=None, help="Years to crawl: 2023,2024 or 2021-2024 (default: all listed).")
@click.option("--workers", type=int, default=2, show_default=True, help="Extraction processes.")
@click.option("--dask-address", default=None, help="Run extraction on this Dask scheduler (tcp://host:8786).")
@click.pass_context
def serve(ctx: click.Context, profile: str, cron: str, tz: str, name: str | None, years: str | None,
          workers: int, dask_address: str | None) -> None:
    """Crawl a portal on a cron schedule (needs a Prefect server: PREFECT_API_URL)."""
    if not os.environ.get("PREFECT_API_URL"):
        raise click.ClickException("juesuan serve needs a Prefect server: set PREFECT_API_URL "
                                   "(docker/compose.yaml runs one; see README, Scheduled ingestion)")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.schedules import Cron

    from flows.crawl import scheduled_crawl
    from flows.limits import ensure_writer_limit
    from juesuan.crawl.profile import ProfileError, load_profile

    try:
        load_profile(profile)
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from exc
    ensure_writer_limit()
    scheduled_crawl.serve(
        name=name or Path(profile).stem, schedule=Cron(cron, timezone=tz), global_limit=1,
        tags=["juesuan", "warehouse-writer"],
        parameters={"profile": str(Path(profile).resolve()), "warehouse_dir": str(_warehouse_dir(ctx).resolve()),
                    "years": _years(years), "workers": workers, "dask_address": dask_address})


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--unit-name", default=None, help="Override the unit name the document prints.")
@click.option("--fiscal-year", type=int, default=None, help="Override the fiscal year the document prints.")
def extract(file: str, fmt: str, unit_name: str | None, fiscal_year: int | None) -> None:
    """Print one document's metadata and canonical records (the ground-truth JSON structure)."""
    from juesuan.extract import extract_document

    doc = extract_document(file, unit_name=unit_name, fiscal_year=fiscal_year)
    if fmt == "json":
        click.echo(json.dumps(doc.to_truth_json(), ensure_ascii=False, indent=1))
    else:
        from juesuan.display import print_records

        print_records(doc)
    for problem in doc.problems:
        where = f" table {problem.table_id}" if problem.table_id else ""
        where += f" page {problem.page}" if problem.page else ""
        click.echo(f"{problem.code}{where}: {problem.message}", err=True)
    if doc.fatal:
        sys.exit(2)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(file: str, fmt: str) -> None:
    """Validate one document without loading it: findings with pages, and its outcome."""
    from juesuan.pipeline import process_file

    result = process_file(file)
    if fmt == "json":
        click.echo(json.dumps({
            "document": result.doc.document, "unit_name": result.doc.unit_name,
            "fiscal_year": result.doc.fiscal_year, "outcome": result.status, "reason": result.reason,
            "problems": [p.to_json() for p in result.doc.problems],
            "findings": [f.to_json() for f in result.findings]}, ensure_ascii=False, indent=1))
    else:
        from juesuan.display import print_check

        print_check(result)
    if result.status in ("failed", "rejected", "quarantined"):
        sys.exit(1)


@main.command()
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--param", "params", multiple=True, help="Positional parameter for ? placeholders (repeatable).")
@click.pass_context
def query(ctx: click.Context, sql: str, fmt: str, params: tuple[str, ...]) -> None:
    """Run read-only SQL on the published snapshot: SQL text, or the path of a .sql file
    (the data tests in sql/tests/ open with a '--' comment, which a shell argument cannot)."""
    import duckdb

    from warehouse.errors import WarehouseError
    from warehouse.query import run_query

    if sql.endswith(".sql") and Path(sql).is_file():
        try:
            sql = Path(sql).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"cannot read {sql}: {exc}") from exc
    try:
        table = run_query(_warehouse_dir(ctx), sql, list(params) or None)
    except (duckdb.Error, WarehouseError) as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "table":
        print_arrow_table(table)
    else:
        write_arrow_table(table, fmt, sys.stdout)


@main.command()
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), default=None,
              help="Write Parquet here (line items partitioned by fiscal year, documents, findings).")
@click.option("--excel", "excel_path", type=click.Path(dir_okay=False), default=None,
              help="Write an Excel workbook of the city-wide views here.")
@click.pass_context
def export(ctx: click.Context, parquet_dir: str | None, excel_path: str | None) -> None:
    """Export the published snapshot to Parquet and/or Excel (default: both, under ./exports)."""
    from warehouse.errors import WarehouseError
    from warehouse.export import export_excel, export_parquet

    if parquet_dir is None and excel_path is None:
        parquet_dir, excel_path = "exports/parquet", "exports/juesuan.xlsx"
    try:
        if parquet_dir:
            for name, target in export_parquet(_warehouse_dir(ctx), parquet_dir).items():
                click.echo(f"{name}: {target}")
        if excel_path:
            click.echo(f"workbook: {export_excel(_warehouse_dir(ctx), excel_path)}")
    except WarehouseError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.option("--run", "run_id", type=int, default=None, help="Ingest run id (default: the latest run).")
@click.option("--all-documents", is_flag=True,
              help="Write a document page (page images, what we read) for every document of the run, "
                   "not only those to review.")
@click.pass_context
def report(ctx: click.Context, run_id: int | None, all_documents: bool) -> None:
    """Write the review pages under <warehouse>/reports/ from the published snapshot: the run
    report (run-<id>.html), the city dashboard and the quarantine queue."""
    import duckdb

    from juesuan.report import NoSuchRun, write_reports
    from warehouse.errors import WarehouseError

    try:
        written = write_reports(_warehouse_dir(ctx), run_id, all_documents=all_documents)
    except (NoSuchRun, WarehouseError, duckdb.Error) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"dashboard: {written.dashboard}")
    click.echo(f"quarantine queue: {written.queue}")
    click.echo(f"{len(written.document_pages)} document page(s), {written.pages_rendered} page image(s) "
               f"rendered, {written.seconds:.1f} s")
    click.echo(str(written.run_report))


def _review_decision(ctx: click.Context, decide):
    """Apply an operator's decision to the ingest database and republish the snapshot.

    `decide(con)` returns what to report; a refusal (no such document, wrong state, the
    warehouse held by an ingestion) is one line, exit status 1.
    """
    import duckdb

    from warehouse.db import ingest_path, open_ingest
    from warehouse.errors import WarehouseError
    from warehouse.publish import publish_snapshot

    warehouse_dir = _warehouse_dir(ctx)
    if not ingest_path(warehouse_dir).exists():
        raise click.ClickException(f"no warehouse at {warehouse_dir} (nothing was ingested there)")
    try:
        con = open_ingest(warehouse_dir)
        try:
            outcome = decide(con)
            publish_snapshot(warehouse_dir, con=con)
        finally:
            con.close()
    except (WarehouseError, duckdb.Error) as exc:
        raise click.ClickException(str(exc)) from exc
    return outcome


@main.command()
@click.argument("document_id")
@click.option("--operator", required=True, help="Who reviewed the document and accepts its figures.")
@click.pass_context
def release(ctx: click.Context, document_id: str, operator: str) -> None:
    """Accept a quarantined document into the city views, then republish the snapshot."""
    from warehouse.load import release_document

    changed = _review_decision(ctx, lambda con: release_document(con, document_id, operator))
    click.echo(f"{document_id} released by {operator.strip()}; snapshot republished" if changed
               else f"{document_id} was already released; snapshot republished")
    _refresh_city_pages(_warehouse_dir(ctx))


def _refresh_city_pages(warehouse_dir: Path) -> None:
    """The dashboard and the queue follow the snapshot; a page that cannot be written is
    reported, the release stands."""
    from juesuan.report import write_reports

    try:
        written = write_reports(warehouse_dir, run_report=False)
    except Exception as exc:  # the release is committed and published; only the pages lag
        click.echo(f"review pages not refreshed ({type(exc).__name__}: {exc}); run `juesuan report`", err=True)
        return
    click.echo(f"quarantine queue: {written.queue}")


@main.command("make-current")
@click.argument("document_id")
@click.option("--operator", required=True, help="Who decides.")
@click.option("--why", required=True, help="Why this version is the right one (kept with the choice).")
@click.pass_context
def make_current(ctx: click.Context, document_id: str, operator: str, why: str) -> None:
    """Make one stored version of a unit-year current (over the publisher's order), then republish.

    The choice is recorded (who, why, when) and holds against every version stored before
    it; `juesuan query "SELECT * FROM v_document_versions"` shows every version and why.
    """
    from warehouse.load import choose_version

    decision = _review_decision(ctx, lambda con: choose_version(con, document_id, operator, why))
    others = ", ".join(sorted(decision.why_superseded)) or "no other version"
    click.echo(f"{document_id} is current ({decision.why_current}); superseded: {others}; snapshot republished")
    _refresh_city_pages(_warehouse_dir(ctx))


if __name__ == "__main__":
    main()
