"""One document through the pure stages: hash, extract, validate, decide its outcome.

This is what a worker process runs; it touches no database and no Prefect state, so it
can run in any pool (processes, a Dask cluster) and be tested directly. The single
warehouse writer receives the ProcessedDocument and loads it.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.extract import extract_document
from juesuan.model import ExtractedDocument, Finding, Problem

FAILED = "failed"  # could not be read at all
REJECTED = "rejected"  # readable, but not a package we read (a budget's narrative-only attachment)
REJECTING_CODES = frozenset({"not_final_accounts", "narrative_only"})


@dataclass
class ProcessedDocument:
    path: str
    source_uri: str
    sha256: str
    doc: ExtractedDocument
    findings: list[Finding] = field(default_factory=list)
    status: str = FAILED
    reason: str = ""
    seconds: float = 0.0
    quoted: list = field(default_factory=list)  # a final narrative's 年初预算 figures (narrative/quoted.py)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(path: str | Path, source_uri: str | None = None, *, unit_name: str | None = None,
                 fiscal_year: int | None = None) -> ProcessedDocument:
    """Extract and validate one file; never raises for a bad document."""
    from juesuan.validate import decide_outcome, validate_document
    from juesuan.validate.certainty import qualify
    from juesuan.validate.narrative.quoted import quoted_budgets

    started = time.perf_counter()
    path = Path(path)
    sha = file_sha256(path)
    try:
        doc = extract_document(path, unit_name=unit_name, fiscal_year=fiscal_year)
    except Exception as exc:  # a parser bug on one file must not stop the run: record it
        doc = ExtractedDocument(document=path.name)
        doc.problems.append(Problem("parser_crash", f"the PDF parser failed: {type(exc).__name__}: {exc}",
                                    fatal=True))
    result = ProcessedDocument(str(path), source_uri or path.resolve().as_uri(), sha, doc)
    fatal = [p for p in doc.problems if p.fatal]
    if fatal:
        result.status = REJECTED if fatal[0].code in REJECTING_CODES else FAILED
        result.reason = "; ".join(_where(p) for p in fatal)
    else:
        result.findings, held = qualify(validate_document(doc), doc.problems)
        doc.problems.extend(held)
        result.quoted = quoted_budgets(doc)
        result.status = decide_outcome(result.findings, doc.problems)
        result.reason = outcome_summary(result)
    result.seconds = time.perf_counter() - started
    return result


def redecide(result: ProcessedDocument) -> None:
    """Outcome and reason again, after the writer changed the document's problems (a
    tables attachment named by its 情况说明 sibling)."""
    from juesuan.validate import decide_outcome

    result.status = decide_outcome(result.findings, result.doc.problems)
    result.reason = outcome_summary(result)


def apply_previous_year(result: ProcessedDocument, previous) -> int:
    """Add the narrative findings that need the unit's previous-year records (year-on-year
    claims), which workers do not have; re-decide the outcome. Returns how many were added."""
    from juesuan.validate import decide_outcome, previous_year_findings

    if result.status in (FAILED, REJECTED) or not previous or result.doc.doc_type == "budget":
        return 0  # a budget's 比上年 compares budgets: the final's year-on-year checks do not apply
    added = previous_year_findings(result.doc, previous, already=result.findings)
    if added:
        result.findings = result.findings + added
        result.status = decide_outcome(result.findings, result.doc.problems)
        result.reason = outcome_summary(result)
    return len(added)


def _where(problem) -> str:
    place = []
    if problem.table_id:
        place.append(f"table {problem.table_id}")
    if problem.page:
        place.append(f"page {problem.page}")
    return f"{problem.code}: {problem.message}" + (f" ({', '.join(place)})" if place else "")


def outcome_summary(result: ProcessedDocument) -> str:
    """The document's status reason: its first error, counts of warnings and problems."""
    errors = [f for f in result.findings if f.severity == "error"]
    warnings = [f for f in result.findings if f.severity == "warning"]
    parts = []
    if errors:
        parts.append(f"{len(errors)} error(s), first: {errors[0].rule_id} {errors[0].message}")
    if warnings:
        parts.append(f"{len(warnings)} warning(s)")
    problems = [p for p in result.doc.problems if not p.fatal]
    if problems:
        parts.append(f"{len(problems)} extraction problem(s), first: {_where(problems[0])}")
    return "; ".join(parts)


DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MEMORY_MB = 2048


def process_file_bounded(path: str | Path, source_uri: str | None = None, *, unit_name: str | None = None,
                         fiscal_year: int | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
                         memory_mb: int | None = DEFAULT_MEMORY_MB) -> ProcessedDocument:
    """process_file in a child process with time and memory bounds (juesuan.bounded)."""
    from juesuan.bounded import can_fork_children, run_bounded

    if not can_fork_children():
        # A daemonic worker (Dask's default) cannot host the bounded child: extract in
        # place. Deployments set distributed.worker.daemon=false to keep the bounds.
        return process_file(path, source_uri, unit_name=unit_name, fiscal_year=fiscal_year)
    started = time.perf_counter()
    outcome = run_bounded(process_file, str(path), source_uri, unit_name=unit_name, fiscal_year=fiscal_year,
                          timeout_s=timeout_s, memory_mb=memory_mb)
    if outcome.error_code is None:
        return outcome.value
    path = Path(path)
    doc = ExtractedDocument(document=path.name)
    doc.problems.append(Problem(outcome.error_code, outcome.message.splitlines()[0], fatal=True))
    result = ProcessedDocument(str(path), source_uri or path.resolve().as_uri(), file_sha256(path), doc)
    result.status = FAILED
    result.reason = _where(doc.problems[0])
    result.seconds = time.perf_counter() - started
    return result
