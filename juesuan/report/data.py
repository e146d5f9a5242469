"""What the review pages show, read from the warehouse: runs, documents, their findings,
problems and the figures read from them (with the box of the cell each was printed in).

Reads through any DuckDB connection holding the warehouse schema — the ingest database
right after a run (the flow), or the published read-only snapshot (`juesuan report`, which
must never block ingestion). The queue reads a view, so it needs the snapshot. SQL lives
in sql/report/.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb

import sql

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
OUTCOME_ORDER = ("quarantined", "failed", "rejected", "loaded_with_warnings", "loaded")


@dataclass(frozen=True)
class FindingRow:
    rule_id: str
    severity: str
    message: str
    expected: Decimal | None
    actual: Decimal | None
    tables: tuple[str, ...]
    pages: tuple[int, ...]
    location: str


@dataclass(frozen=True)
class ProblemRow:
    code: str
    message: str
    table_id: str | None
    page: int | None
    fatal: bool


@dataclass(frozen=True)
class CellRow:
    """One figure as read: where it sits in the canonical table and on the page."""

    table_id: str
    row_key: str
    column_key: str
    amount: Decimal | None
    row_label: str | None
    page: int | None
    box: tuple[float, float, float, float] | None  # (x0, top, x1, bottom) in points


@dataclass
class DocumentRow:
    document_id: str
    unit_name: str | None
    fiscal_year: int | None
    scope: str | None
    file_name: str | None
    source_uri: str | None
    status: str
    reason: str | None
    released_by: str | None
    superseded_by: str | None
    page_count: int | None = None
    line_item_count: int = 0
    sha256: str | None = None
    ingested_at: object = None
    published_on: object = None  # the publisher's date, when known
    published_source: str | None = None
    correction_mark: str | None = None
    version_reason: str | None = None  # why this version is (or is not) current
    findings: list[FindingRow] = field(default_factory=list)
    problems: list[ProblemRow] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        """Anything a reviewer should look at: not plainly loaded, findings or problems, or a
        re-published unit-year (which version counts, and why)."""
        return (self.status != "loaded" or bool(self.findings) or bool(self.problems)
                or self.version_reason not in (None, "the only version"))

    @property
    def waiting_for_release(self) -> bool:
        return self.status == "quarantined" and not self.released_by

    @property
    def title(self) -> str:
        return self.unit_name or self.file_name or self.document_id

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


@dataclass
class RunReport:
    run_id: int
    started_at: object = None
    finished_at: object = None
    note: str | None = None
    skipped: int = 0
    documents: list[DocumentRow] = field(default_factory=list)

    def outcomes(self) -> list[tuple[str, int]]:
        counts = Counter(d.status for d in self.documents)
        return [(status, counts[status]) for status in OUTCOME_ORDER if counts[status]] + \
               [(s, n) for s, n in sorted(counts.items()) if s not in OUTCOME_ORDER]

    def findings_by_rule(self) -> list[tuple[str, dict[str, int], int]]:
        """(rule id, count per severity, documents concerned), most errors first."""
        per_rule: dict[str, Counter] = {}
        docs: dict[str, set] = {}
        for document in self.documents:
            for finding in document.findings:
                per_rule.setdefault(finding.rule_id, Counter())[finding.severity] += 1
                docs.setdefault(finding.rule_id, set()).add(document.document_id)
        rows = [(rule, dict(counts), len(docs[rule])) for rule, counts in per_rule.items()]
        return sorted(rows, key=lambda r: (-r[1].get("error", 0), -r[1].get("warning", 0), r[0]))

    def years(self) -> list[int]:
        return sorted({d.fiscal_year for d in self.documents if d.fiscal_year})


class NoSuchRun(LookupError):
    """The warehouse has no ingest run with that id (or no run at all)."""


def latest_run_id(con: duckdb.DuckDBPyConnection) -> int | None:
    row = con.execute(sql.load("report/latest_run")).fetchone()
    return row[0] if row else None


def read_run_report(con: duckdb.DuckDBPyConnection, run_id: int | None = None) -> RunReport:
    """Everything the report shows about one run (the latest that wrote documents by default)."""
    if run_id is None:
        run_id = latest_run_id(con)
        if run_id is None:
            raise NoSuchRun("the warehouse has no ingest run that wrote documents yet")
    params = {"run_id": int(run_id)}
    run = con.execute(sql.load("report/run"), params).fetchone()
    if run is None:
        raise NoSuchRun(f"no ingest run {run_id}")
    report = RunReport(run_id=run[0], started_at=run[1], finished_at=run[2], note=run[3],
                       skipped=run[5] or 0)
    report.documents = _documents(con, con.execute(sql.load("report/run_documents"), params).fetchall())
    return report


def read_documents(con: duckdb.DuckDBPyConnection, document_ids: list[str]) -> list[DocumentRow]:
    """These documents (unknown ids are left out), worst outcome first, with their
    findings and problems."""
    rows = con.execute(sql.load("report/documents"), {"ids": list(document_ids)}).fetchall()
    return _documents(con, rows)


def read_quarantine_queue(con: duckdb.DuckDBPyConnection) -> list[DocumentRow]:
    """Every current quarantined document not yet released (needs the views: the snapshot)."""
    ids = [row[0] for row in con.execute(sql.load("report/quarantine_queue")).fetchall()]
    order = {document_id: i for i, document_id in enumerate(ids)}
    return sorted(read_documents(con, ids), key=lambda d: order[d.document_id])


def read_cells(con: duckdb.DuckDBPyConnection, document_id: str) -> list[CellRow]:
    """Every figure read from a document, in extraction order."""
    cells = []
    for row in con.execute(sql.load("report/document_cells"), {"document_id": document_id}).fetchall():
        box = tuple(row[6:10])
        cells.append(CellRow(row[0], row[1], row[2], row[3], row[4], row[5],
                             None if any(v is None for v in box) else box))
    return cells


def _documents(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> list[DocumentRow]:
    documents = [DocumentRow(document_id=row[0], unit_name=row[1], fiscal_year=row[2], scope=row[3],
                             file_name=row[4], source_uri=row[5], status=row[6], reason=row[7],
                             released_by=row[8], superseded_by=row[10], page_count=row[11],
                             line_item_count=row[12] or 0, sha256=row[13], ingested_at=row[14],
                             published_on=row[15], published_source=row[16], correction_mark=row[17],
                             version_reason=row[18])
                 for row in rows]
    by_id = {document.document_id: document for document in documents}
    ids = {"ids": list(by_id)}
    for row in con.execute(sql.load("report/findings"), ids).fetchall():
        by_id[row[0]].findings.append(FindingRow(
            rule_id=row[2], severity=row[3], message=row[4], expected=row[5], actual=row[6],
            tables=tuple(row[8] or ()), pages=tuple(row[9] or ()), location=row[10] or ""))
    for row in con.execute(sql.load("report/problems"), ids).fetchall():
        by_id[row[0]].problems.append(ProblemRow(row[2], row[3], row[4], row[5], bool(row[6])))
    for document in documents:
        document.findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9),
                                              f.pages[0] if f.pages else 0))
    return documents
