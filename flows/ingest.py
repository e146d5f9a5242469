"""The ingestion flow: documents in, a checked warehouse and a published snapshot out.

Extraction and validation are CPU-bound and independent per document, so they run as
Prefect tasks on a pool of processes (or a Dask cluster); loading stays in the flow's own
process, the warehouse's single writer. Documents are handed to workers in batches
because a Prefect task run costs a few hundred milliseconds of bookkeeping — as much as
extracting a small PDF.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from juesuan.pipeline import FAILED, ProcessedDocument, process_file
from juesuan.sources import Source, discover
from flows.report import publish_run_artifacts
from flows.server import shared_local_api
from warehouse.db import open_ingest
from warehouse.load import is_loaded, load_document, record_failure
from warehouse.publish import publish_snapshot
from warehouse.runs import finish_run, start_run


@dataclass
class DocumentOutcome:
    path: str
    unit_name: str | None
    fiscal_year: int | None
    status: str
    reason: str
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0


@dataclass
class RunSummary:
    warehouse_dir: str
    discovered: int = 0
    skipped_unchanged: int = 0
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@task(name="extract-and-validate", cache_policy=NO_CACHE, persist_result=False)
def process_batch(sources: list[Source]) -> list[ProcessedDocument]:
    """Extract and validate a batch of documents (pure work; safe in any worker)."""
    return [process_file(s.path, s.source_uri, unit_name=s.unit_name, fiscal_year=s.fiscal_year)
            for s in sources]


def batches(items: list, workers: int, per_worker: int = 4) -> list[list]:
    """Split work so each worker gets a few batches: enough to balance, few enough to be cheap."""
    if not items:
        return []
    count = max(1, min(len(items), workers * per_worker))
    return [items[i::count] for i in range(count)]


@flow(name="juesuan-ingest", log_prints=False)
def ingest_flow(inputs: list[str], warehouse_dir: str, workers: int = 2) -> RunSummary:
    """Ingest files, folders and manifests into the warehouse, then publish a snapshot."""
    logger = get_run_logger()
    started = time.perf_counter()
    summary = RunSummary(warehouse_dir=warehouse_dir)
    sources = discover(inputs)
    summary.discovered = len(sources)
    con = open_ingest(Path(warehouse_dir))
    try:
        run_id = start_run(con, note=f"ingest of {len(inputs)} input(s)")
        todo = _changed_only(con, sources, summary)
        logger.info("%d document(s) found, %d unchanged, %d to process with %d worker(s)",
                    len(sources), summary.skipped_unchanged, len(todo), workers)
        futures = process_batch.map(batches(todo, workers))
        done = 0
        for future in futures:
            for result in future.result():
                done += 1
                outcome = _load(con, result, run_id)
                summary.outcomes.append(outcome)
                logger.info("[%d/%d] %s %s %s%s", done, len(todo), outcome.status, outcome.fiscal_year or "",
                            outcome.unit_name or Path(outcome.path).name,
                            f" — {outcome.reason}" if outcome.status not in ("loaded",) and outcome.reason else "")
        finish_run(con, run_id, skipped=summary.skipped_unchanged)
        if summary.outcomes or not Path(warehouse_dir, "juesuan.duckdb").exists():
            publish_snapshot(Path(warehouse_dir), con=con)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - started
    publish_run_artifacts(summary)
    return summary


def _changed_only(con, sources: list[Source], summary: RunSummary) -> list[Source]:
    from juesuan.pipeline import file_sha256

    todo = []
    for source in sources:
        if Path(source.path).is_file() and is_loaded(con, file_sha256(source.path)):
            summary.skipped_unchanged += 1
        else:
            todo.append(source)
    return todo


def _load(con, result: ProcessedDocument, run_id: int) -> DocumentOutcome:
    doc = result.doc
    errors = sum(1 for f in result.findings if f.severity == "error")
    warnings = sum(1 for f in result.findings if f.severity == "warning")
    outcome = DocumentOutcome(result.path, doc.unit_name, doc.fiscal_year, result.status, result.reason,
                              errors, warnings, result.seconds)
    try:
        if result.status in (FAILED, "rejected"):
            record_failure(con, doc.document, result.sha256, result.source_uri, result.status, result.reason,
                           doc.problems, run_id=run_id)
        else:
            load_document(con, doc, result.findings, result.status, result.reason, result.sha256,
                          result.source_uri, run_id=run_id)
    except Exception as exc:  # the load rolled back; record why, and the run goes on
        outcome.status = FAILED
        outcome.reason = f"load failed: {type(exc).__name__}: {exc}"
        try:
            record_failure(con, doc.document, result.sha256, result.source_uri, FAILED, outcome.reason,
                           doc.problems, run_id=run_id)
        except Exception as again:  # the warehouse itself refuses: say so in the run log
            outcome.reason += f"; recording the failure also failed: {again}"
    return outcome


def run_ingest(inputs: list[str], warehouse_dir: str, workers: int = 2, dask_address: str | None = None) -> RunSummary:
    """Run the flow with the task runner that fits: threads for one worker, processes, or Dask."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
    elif workers > 1:
        runner = ProcessPoolTaskRunner(max_workers=workers)
    else:
        runner = ThreadPoolTaskRunner(max_workers=1)
    with shared_local_api():
        return ingest_flow.with_options(task_runner=runner)(inputs=[str(i) for i in inputs],
                                                            warehouse_dir=str(warehouse_dir), workers=workers)
