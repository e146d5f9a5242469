"""The ingestion flow: documents in, a checked warehouse and a published snapshot out.

Extraction and validation are CPU-bound and independent per document, so they run as
Prefect tasks on a pool of processes (or a Dask cluster); loading stays in the flow's own
process, the warehouse's single writer. Documents are handed to workers in batches
because a Prefect task run costs a few hundred milliseconds of bookkeeping — as much as
extracting a small PDF.

Every way in (files, folders, manifests with paths or URLs, a portal crawl in
flows/crawl.py) ends in `ingest_intake`: documents to extract, plus documents set aside
before extraction (unsupported formats, downloads that failed) that are recorded with
their reason. The warehouse is written under the single-writer limit (flows/limits.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task, unmapped
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from juesuan.bounded import start_forkserver
from juesuan.crawl.crosscheck import listing_note
from juesuan.crawl.remote import fetch_remote
from juesuan.disclosure import (DisclosureKey, check_attachment, disclosure_key, is_narrative_part, is_tables_part,
                                name_from_sibling, stem_key, unpaired_reason)
from juesuan.intake import Intake, SetAside, prepare
from juesuan.model import ExtractedDocument, Problem
from juesuan.pipeline import (DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, FAILED, ProcessedDocument, file_sha256,
                              apply_previous_year, process_file_bounded, redecide)
from juesuan.sources import Source, discover
from flows.limits import warehouse_writer
from flows.report import publish_run_artifacts, write_report
from flows.server import shared_local_api
from warehouse.db import open_ingest
from warehouse.disclosure import StoredSibling, stored_sibling
from warehouse.errors import WarehouseError
from warehouse.load import SKIPPED, is_loaded, load_document, record_failure, update_validation
from warehouse.previous import previous_year_for
from warehouse.publish import publish_snapshot
from warehouse.runs import finish_run, start_run
from warehouse.units import unit_key


@dataclass(frozen=True)
class DocumentLimits:
    """Per-document bounds: a parser that loops or balloons fails that document only."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int | None = DEFAULT_MEMORY_MB


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
    version_note: str | None = None  # set when the document was stored as an earlier version


@dataclass
class RunSummary:
    warehouse_dir: str
    discovered: int = 0
    skipped_unchanged: int = 0
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    seconds: float = 0.0
    crawl: object | None = None  # juesuan.crawl.crawler.CrawlReport of a crawl run
    report_path: str | None = None  # <warehouse>/reports/run-<id>.html

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@task(name="extract-and-validate", cache_policy=NO_CACHE, persist_result=False)
def process_batch(sources: list[Source], limits: DocumentLimits) -> list[ProcessedDocument]:
    """Extract and validate a batch of documents, each in a bounded child process."""
    return [process_file_bounded(s.path, s.source_uri, unit_name=s.unit_name, fiscal_year=s.fiscal_year,
                                 timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)
            for s in sources]


def batches(items: list, workers: int, per_worker: int = 8) -> list[list]:
    """Split work so each worker gets a few batches: enough to balance, few enough to be cheap."""
    if not items:
        return []
    count = max(1, min(len(items), workers * per_worker))
    return [items[i::count] for i in range(count)]


def downloads_dir(warehouse_dir: str | Path) -> Path:
    """Where fetched documents are kept: <warehouse>/downloads/<host>/<year>/…"""
    return Path(warehouse_dir) / "downloads"


def unpacked_dir(warehouse_dir: str | Path) -> Path:
    """Where ZIP archives are unpacked: <warehouse>/unpacked/<archive sha256[:16]>/…"""
    return Path(warehouse_dir) / "unpacked"


@flow(name="juesuan-ingest", log_prints=False)
def ingest_flow(inputs: list[str], warehouse_dir: str, workers: int = 2,
                limits: DocumentLimits | None = None) -> RunSummary:
    """Ingest files, folders and manifests into the warehouse, then publish a snapshot."""
    logger = get_run_logger()
    fetched = fetch_remote(discover(inputs), downloads_dir(warehouse_dir), progress=logger.info)
    intake = prepare(fetched.sources, unpacked_dir(warehouse_dir))
    intake.set_aside[:0] = fetched.set_aside
    return ingest_intake(intake, warehouse_dir, workers, note=f"ingest of {len(inputs)} input(s)", limits=limits)


def ingest_intake(intake: Intake, warehouse_dir: str, workers: int, note: str, crawl=None,
                  limits: DocumentLimits | None = None) -> RunSummary:
    """Extract in the task runner, load here (the single writer), publish. Call inside a flow."""
    logger = get_run_logger()
    limits = limits or DocumentLimits()
    started = time.perf_counter()
    summary = RunSummary(warehouse_dir=warehouse_dir, crawl=crawl)
    summary.discovered = len(intake.sources) + len(intake.set_aside)
    with warehouse_writer():
        con = open_ingest(Path(warehouse_dir))
        try:
            run_id = start_run(con, note=note)
            for aside in intake.set_aside:
                if aside.sha256 and is_loaded(con, aside.sha256):
                    summary.skipped_unchanged += 1
                else:
                    summary.outcomes.append(_record_set_aside(con, aside, run_id))
            todo = _changed_only(con, intake.sources, summary)
            logger.info("%d document(s) found, %d unchanged, %d set aside, %d to process with %d worker(s)",
                        summary.discovered, summary.skipped_unchanged, len(summary.outcomes), len(todo), workers)
            listed = {source.path: source for source in todo}
            _extract_and_load(con, batches(todo, workers), limits, listed, run_id, summary)
            finish_run(con, run_id, skipped=summary.skipped_unchanged)
            if summary.outcomes or not Path(warehouse_dir, "juesuan.duckdb").exists():
                publish_snapshot(Path(warehouse_dir), con=con)
            if summary.outcomes:
                summary.report_path = write_report(con, warehouse_dir, run_id)
        finally:
            con.close()
    summary.seconds = time.perf_counter() - started
    publish_run_artifacts(summary)
    return summary


def _extract_and_load(con, work: list[list[Source]], limits: DocumentLimits, listed: dict[str, Source],
                      run_id: int, summary: RunSummary) -> None:
    """Submit every batch; load each document as its batch finishes (overlapping the
    workers), logging progress. A 情况说明 published apart waits for the attachment with
    its tables (juesuan/disclosure.py) and is stored as a part of that disclosure; a
    tables attachment that prints no unit waits to the end of the run for its 情况说明
    to name it."""
    futures = process_batch.map(work, limits=unmapped(limits))
    batch_of = {future: batch for future, batch in zip(futures, work)}
    total = sum(len(batch) for batch in work)
    loader = _Loader(con, listed, run_id, summary, total)
    for future in as_completed(futures):
        for result in _batch_results(batch_of[future], future):
            if is_narrative_part(result):
                loader.narrative(result)
            elif is_tables_part(result) and not result.doc.unit_name and loader.stem_key(result):
                loader.nameless.append(result)
            else:
                loader.document(result)
    loader.finish()


class _Loader:
    """The single writer's loading of one run: documents as they come, attachments paired."""

    def __init__(self, con, listed: dict[str, Source], run_id: int, summary: RunSummary, total: int) -> None:
        self.con, self.listed, self.run_id, self.summary, self.total = con, listed, run_id, summary, total
        self.awaiting = _AwaitingPreviousYear()
        self.tables: dict[DisclosureKey, StoredSibling] = {}  # this run's attachments with tables
        self.waiting: dict[DisclosureKey | None, list[ProcessedDocument]] = {}  # 情况说明 without them yet
        self.nameless: list[ProcessedDocument] = []  # tables that print no unit

    def key(self, result: ProcessedDocument) -> DisclosureKey | None:
        try:
            unit = unit_key(result.doc.unit_name) if result.doc.unit_name else None
        except WarehouseError:
            unit = None
        source = self.listed.get(result.path)
        return disclosure_key(source.disclosure if source else None, result.path, unit, result.doc)

    def stem_key(self, result: ProcessedDocument) -> tuple | None:
        source = self.listed.get(result.path)
        return stem_key(source.disclosure if source else None, result.path, result.doc)

    def narrative(self, part: ProcessedDocument) -> None:
        key = self.key(part)
        sibling = (self.tables.get(key) or _stored_sibling(self.con, key)) if key else None
        if sibling is None:
            self.waiting.setdefault(key, []).append(part)
        else:
            self._attachment(part, sibling, key)

    def document(self, result: ProcessedDocument) -> None:
        key = self.key(result)
        previous = _previous_year(self.con, result)
        outcome, document_id = _load(self.con, result, self.run_id, self.listed.get(result.path), previous,
                                     disclosure=str(key) if key else None)
        _log(self.summary, self.total, outcome)
        if document_id is None:
            return
        # judge now, while the workers still extract, rather than at the end
        _recheck_year_on_year(self.con, self.awaiting.followers_of(result.doc))
        self.awaiting.add(_Loaded(result, document_id, judged_against_previous=bool(previous)))
        if key and is_tables_part(result):
            sibling = StoredSibling(document_id, Path(result.path).name,
                                    result.status in ("loaded", "loaded_with_warnings"), result.doc)
            self.tables[key] = sibling
            for part in self.waiting.pop(key, []):
                self._attachment(part, sibling, key)

    def finish(self) -> None:
        """Name the nameless tables by their one 情况说明 of the same stem, then load them;
        what is still unpaired is set aside (情况说明) or loaded as it is (tables)."""
        by_stem: dict[tuple, list[ProcessedDocument]] = {}
        for parts in self.waiting.values():
            for part in parts:
                by_stem.setdefault(self.stem_key(part), []).append(part)
        tables_by_stem: dict[tuple, list[ProcessedDocument]] = {}
        for result in self.nameless:
            tables_by_stem.setdefault(self.stem_key(result), []).append(result)
        for stem, results in tables_by_stem.items():
            narratives = by_stem.get(stem, [])
            if len(results) == 1 and len(narratives) == 1 and narratives[0].doc.unit_name:
                name_from_sibling(results[0].doc, narratives[0].doc, Path(narratives[0].path).name)
                redecide(results[0])
                self._unwait(narratives[0])
                self.document(results[0])
                self.narrative(narratives[0])
            else:
                for result in results:
                    self.document(result)
        for key, parts in self.waiting.items():
            for part in parts:
                part.reason = unpaired_reason(part, key)
                _log(self.summary, self.total, _load(self.con, part, self.run_id, self.listed.get(part.path))[0])
        self.waiting = {}

    def _unwait(self, part: ProcessedDocument) -> None:
        for key, parts in self.waiting.items():
            self.waiting[key] = [p for p in parts if p is not part]

    def _attachment(self, part: ProcessedDocument, sibling: StoredSibling, key: DisclosureKey) -> None:
        checked = check_attachment(part, sibling.doc, sibling.file_name, sibling.document_id, sibling.usable)
        part.doc, part.findings, part.status, part.reason = (checked.doc, checked.findings, checked.status,
                                                             checked.reason)
        part.quoted = checked.quoted
        outcome = _load(self.con, part, self.run_id, self.listed.get(part.path), disclosure=str(key),
                        part_of=sibling.document_id)[0]
        _log(self.summary, self.total, outcome)


def _stored_sibling(con, key: DisclosureKey) -> StoredSibling | None:
    try:
        return stored_sibling(con, str(key))
    except Exception as exc:  # the part then waits, and is set aside with its reason at the end
        get_run_logger().warning("the stored tables of %s could not be read: %s", key, exc)
        return None


def _log(summary: RunSummary, total: int, outcome: DocumentOutcome) -> None:
    summary.outcomes.append(outcome)
    get_run_logger().info("[%d/%d] %s %s %s%s%s", len(summary.outcomes), total, outcome.status,
                          outcome.fiscal_year or "", outcome.unit_name or Path(outcome.path).name,
                          f" — {outcome.reason}" if outcome.status != "loaded" and outcome.reason else "",
                          f" — {outcome.version_note}" if outcome.version_note else "")


def _previous_year(con, result: ProcessedDocument):
    if result.status in (FAILED, "rejected"):
        return None
    try:
        return previous_year_for(con, result.doc)
    except Exception as exc:  # the claims go unchecked against last year; say so in the log
        get_run_logger().warning("last year's records for %s not read: %s", result.path, exc)
        return None


@dataclass
class _Loaded:
    """A document stored by this run, and whether its year-on-year claims were judged."""

    result: ProcessedDocument
    document_id: str | None
    judged_against_previous: bool


class _AwaitingPreviousYear:
    """Documents of this run loaded before last year's document of their unit, by unit and
    year, so the loader can judge their year-on-year claims as soon as that one arrives."""

    def __init__(self) -> None:
        self._waiting: dict[tuple, list] = {}

    @staticmethod
    def _key(doc, year: int | None) -> tuple | None:
        try:
            return (unit_key(doc.unit_name), doc.scope, doc.doc_type, year) if year is not None else None
        except WarehouseError:
            return None

    def add(self, entry: _Loaded) -> None:
        key = self._key(entry.result.doc, entry.result.doc.fiscal_year)
        if not entry.judged_against_previous and key is not None:
            self._waiting.setdefault(key, []).append(entry)

    def followers_of(self, doc) -> list[_Loaded]:
        """The waiting documents of the year after `doc`'s, of the same unit (removed)."""
        key = self._key(doc, doc.fiscal_year + 1 if doc.fiscal_year is not None else None)
        return self._waiting.pop(key, []) if key is not None else []


def _recheck_year_on_year(con, loaded: list[_Loaded]) -> None:
    """Documents loaded before last year's document of the same unit (both in this run):
    judge their year-on-year claims now that it is stored, and store the new outcome.

    No pass at the end of the run is needed: a document whose previous year was already
    stored was judged when it was loaded, and one whose previous year arrives later is
    handed back here by _AwaitingPreviousYear when that document is loaded."""
    logger = get_run_logger()
    for entry in loaded:
        result = entry.result
        if entry.judged_against_previous or entry.document_id is None or result.status in (FAILED, "rejected"):
            continue
        previous = _previous_year(con, result)
        if not previous:
            continue
        entry.judged_against_previous = True
        if apply_previous_year(result, previous):
            update_validation(con, entry.document_id, result.findings, result.status, result.reason)
            logger.info("year-on-year claims of %s %s checked: %s", result.doc.fiscal_year,
                        result.doc.unit_name, result.status)


def _batch_results(batch: list[Source], future) -> list[ProcessedDocument]:
    """A batch's results; if the task itself failed (a worker died, a runner refused to start
    a child process), each of its documents becomes a failure with that reason."""
    try:
        return future.result()
    except Exception as exc:  # the run goes on: the batch's documents are recorded as failed
        reason = f"extraction task failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        get_run_logger().warning("%s (%d document(s))", reason, len(batch))
        failed = []
        for source in batch:
            doc = ExtractedDocument(document=Path(source.path).name)
            doc.problems.append(Problem("parser_crash", reason, fatal=True))
            failed.append(ProcessedDocument(source.path, source.source_uri, file_sha256(source.path), doc,
                                            status=FAILED, reason=f"parser_crash: {reason}"))
        return failed


def _record_set_aside(con, aside: SetAside, run_id: int) -> DocumentOutcome:
    """Record a document that was not extracted; the run goes on whatever happens here."""
    outcome = DocumentOutcome(aside.source_uri, aside.listed_unit, aside.listed_year, aside.status, aside.reason)
    problems = [Problem("not_pdf", aside.reason, fatal=True)] if aside.warehouse_status == "rejected" else []
    try:
        result = record_failure(con, aside.file_name, aside.sha256, aside.source_uri, aside.warehouse_status,
                                aside.reason, problems, run_id=run_id)
        if result.action == SKIPPED:
            outcome.reason += " (already recorded by an earlier run)"
    except Exception as exc:  # the warehouse refuses: keep the outcome, say why it is not stored
        outcome.reason += f"; recording it failed: {type(exc).__name__}: {exc}"
    get_run_logger().info("%s %s — %s", outcome.status, outcome.path, outcome.reason)
    return outcome


def _changed_only(con, sources: list[Source], summary: RunSummary) -> list[Source]:
    todo = []
    for source in sources:
        if Path(source.path).is_file() and is_loaded(con, file_sha256(source.path)):
            summary.skipped_unchanged += 1
        else:
            todo.append(source)
    return todo


def _load(con, result: ProcessedDocument, run_id: int, source: Source | None = None,
          previous=None, disclosure: str | None = None, part_of: str | None = None,
          ) -> tuple[DocumentOutcome, str | None]:
    """Store one result (or its failure); returns the outcome and the stored document id."""
    doc = result.doc
    if previous:
        apply_previous_year(result, previous)  # narrative year-on-year claims
    note = source and listing_note(source.listed_unit, source.listed_year, doc.unit_name, doc.fiscal_year)
    publication = source.publication if source else None
    if note:
        result.reason = f"{result.reason}; {note}" if result.reason else note
    errors = sum(1 for f in result.findings if f.severity == "error")
    warnings = sum(1 for f in result.findings if f.severity == "warning")
    outcome = DocumentOutcome(result.path, doc.unit_name, doc.fiscal_year, result.status, result.reason,
                              errors, warnings, result.seconds)
    try:
        if result.status in (FAILED, "rejected"):
            record_failure(con, doc.document, result.sha256, result.source_uri, result.status, result.reason,
                           doc.problems, run_id=run_id, publication=publication)
            return outcome, None
        stored = load_document(con, doc, result.findings, result.status, result.reason, result.sha256,
                               result.source_uri, run_id=run_id, publication=publication,
                               disclosure=disclosure, part_of=part_of, quoted=result.quoted)
        if not stored.current and stored.action != SKIPPED:
            outcome.version_note = f"stored as an earlier version, {stored.version_reason}"
        return outcome, stored.document_id
    except Exception as exc:  # the load rolled back; record why, and the run goes on
        outcome.status = FAILED
        outcome.reason = f"load failed: {type(exc).__name__}: {exc}"
        try:
            record_failure(con, doc.document, result.sha256, result.source_uri, FAILED, outcome.reason,
                           doc.problems, run_id=run_id)
        except Exception as again:  # the warehouse itself refuses: say so in the run log
            outcome.reason += f"; recording the failure also failed: {again}"
        return outcome, None


def task_runner_for(workers: int, dask_address: str | None = None):
    """Threads for one worker, processes for several, or a Dask cluster when given its address."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    if workers > 1:
        return ProcessPoolTaskRunner(max_workers=workers, initializer=start_forkserver)
    return ThreadPoolTaskRunner(max_workers=1)


def run_ingest(inputs: list[str], warehouse_dir: str, workers: int = 2, dask_address: str | None = None,
               limits: DocumentLimits | None = None, say=None) -> RunSummary:
    """Run the flow with the task runner that fits: threads for one worker, processes, or Dask.
    `say` prints a line to the operator (the one-time preparation of Prefect's database)."""
    with shared_local_api(say):
        return ingest_flow.with_options(task_runner=task_runner_for(workers, dask_address))(
            inputs=[str(i) for i in inputs], warehouse_dir=str(warehouse_dir), workers=workers, limits=limits)
