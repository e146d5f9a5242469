"""Loading one extracted document into the ingest database: atomic, idempotent, versioned.

- Atomic: one transaction per document; any error rolls back to the previous state.
- Idempotent: a file whose sha256 is already stored with a definitive outcome is skipped
  without writing a single row (re-running a crawl changes nothing).
- Versioned: a different file for the same unit, fiscal year, scope and document type
  is another version (a corrected re-publication, or the original arriving after its
  correction). Which one is current follows the publisher — dates, correction marks, an
  operator's choice — and only then load order (warehouse/versions.py); the others keep
  their rows and get `superseded_by`, each with a `version_reason`. Views read current
  versions only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

import sql
from juesuan.model import ExtractedDocument, Finding, Problem
from juesuan.publication import Publication
from warehouse.arrow_rows import findings_table, line_items_table, problems_table, quoted_budgets_table
from warehouse.errors import WarehouseError
from warehouse.schema import utcnow
from warehouse.transaction import registered, transaction
from warehouse.units import resolve_unit
from warehouse.versions import Decision, Version, current_of

LOADED_STATUSES = ("loaded", "loaded_with_warnings", "quarantined")
FAILURE_STATUSES = ("failed", "rejected")
STATUSES = LOADED_STATUSES + FAILURE_STATUSES
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

INSERTED, REPLACED, SKIPPED = "inserted", "replaced", "skipped"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a load did: `action` is 'inserted', 'replaced' (superseded older versions) or
    'skipped' (this content was already stored; nothing was written). `current` is False
    when the document was stored as an earlier version of one already loaded (the
    publisher's order says so); `version_reason` says why either way."""

    document_id: str
    action: str
    status: str
    unit_id: int | None = None
    line_items: int = 0
    superseded: tuple[str, ...] = ()
    current: bool = True
    version_reason: str | None = None

    @property
    def skipped(self) -> bool:
        return self.action == SKIPPED


def document_id_for(sha256: str) -> str:
    """A short, stable id derived from the file's content hash."""
    return _check_sha256(sha256)[:16]


def _check_sha256(sha256: str) -> str:
    value = (sha256 or "").strip().lower()
    if not _SHA256.match(value):
        raise WarehouseError(f"not a sha256 hex digest: {sha256!r}")
    return value


def is_loaded(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    """True when this content already has a definitive outcome, so extraction can be skipped.

    'failed' outcomes (timeouts, unreadable files) are not definitive: they are retried,
    and a later success replaces the failure row. Nor is a 情况说明 set aside because its
    tables attachment was not found: it is read again, and paired once the tables are in.
    """
    return bool(con.execute(sql.load("load/is_loaded"),
                            {"sha256": _check_sha256(sha256)}).fetchone()[0])


def load_document(con: duckdb.DuckDBPyConnection, doc: ExtractedDocument,
                  findings: list[Finding], status: str, status_reason: str | None,
                  sha256: str, source_uri: str | None, *, run_id: int | None = None,
                  now: datetime | None = None, publication: Publication | None = None,
                  disclosure: str | None = None, part_of: str | None = None,
                  quoted: Iterable = ()) -> LoadResult:
    """Store one extracted document with its findings, in one transaction.

    status: 'loaded' | 'loaded_with_warnings' | 'quarantined' (a 'failed' or 'rejected'
    status is passed on to record_failure with the document's problems).
    publication: what the publisher says of it (date, correction mark), which orders it
    among the unit-year's versions.
    disclosure: the key it was published under (juesuan/disclosure.py). part_of: for an
    attachment without figures (a 情况说明 apart from its 报表), the id of the sibling
    document with the tables; such a part is never a version of the unit-year.
    """
    if status in FAILURE_STATUSES:
        return record_failure(con, doc.document, sha256, source_uri, status,
                              status_reason or "", doc.problems, run_id=run_id, now=now,
                              publication=publication)
    if status not in LOADED_STATUSES:
        raise WarehouseError(f"unknown status {status!r}; expected one of {STATUSES}")
    sha256 = _check_sha256(sha256)
    document_id = document_id_for(sha256)
    now = now or utcnow()
    # Build the Arrow tables first: a bad amount fails before any transaction starts.
    items = line_items_table(document_id, doc.records)
    finding_rows = findings_table(document_id, findings)
    problem_rows = problems_table(document_id, doc.problems)
    quoted_rows = quoted_budgets_table(document_id, quoted)

    with transaction(con):
        existing = con.execute(sql.load("load/document_by_sha256"), {"sha256": sha256}).fetchone()
        if existing is not None and existing[1] in LOADED_STATUSES:
            return LoadResult(existing[0], SKIPPED, existing[1])
        _check_id_free(con, document_id, sha256)
        if existing is not None:  # an earlier failure of this same content: replace it
            _delete_document_rows(con, existing[0])

        unit_id = (resolve_unit(con, doc.unit_name, doc.fiscal_year)
                   if doc.unit_name and doc.unit_name.strip() else None)
        con.execute(sql.load("load/insert_document"), {
            "document_id": document_id, "sha256": sha256, "unit_name": doc.unit_name,
            "unit_id": unit_id, "fiscal_year": doc.fiscal_year, "doc_type": doc.doc_type,
            "scope": doc.scope, "consolidated": bool(doc.consolidated),
            "source_uri": source_uri, "file_name": doc.document, "page_count": doc.page_count,
            "amount_unit_printed": doc.amount_unit_printed,
            "tables_present": list(doc.tables_present), "tables_empty": list(doc.tables_empty),
            "tables_absent": list(doc.tables_absent), "line_item_count": items.num_rows,
            "status": status, "status_reason": status_reason, "ingested_at": now,
            "run_id": run_id, **_publication_row(publication), "disclosure": disclosure, "part_of": part_of,
        })
        if part_of is None:
            previous = _current_in_group(con, unit_id, doc.fiscal_year, doc.scope, doc.doc_type, document_id)
            decision = _order_versions(con, unit_id, doc.fiscal_year, doc.scope, doc.doc_type, now)
        else:
            previous, decision = [], None
        _insert_members(con, document_id, doc.member_units)
        _insert_rows(con, "arrow_line_items", "load/insert_line_items", items)
        _insert_rows(con, "arrow_findings", "load/insert_findings", finding_rows)
        _insert_rows(con, "arrow_problems", "load/insert_problems", problem_rows)
        _insert_rows(con, "arrow_quoted_budgets", "load/insert_quoted_budgets", quoted_rows)

    is_current = decision is None or decision.current.document_id == document_id
    replaced = tuple(previous) if is_current else ()
    reason = None if decision is None else (decision.why_current if is_current
                                            else decision.why_superseded.get(document_id))
    return LoadResult(document_id, REPLACED if replaced else INSERTED, status, unit_id,
                      items.num_rows, replaced, is_current, reason)


def record_failure(con: duckdb.DuckDBPyConnection, file_name: str, sha256: str | None,
                   source_uri: str | None, status: str, reason: str,
                   problems: list[Problem], *, run_id: int | None = None,
                   now: datetime | None = None, publication: Publication | None = None) -> LoadResult:
    """Record a file that could not be extracted ('failed') or is not a final-accounts
    package ('rejected'), so the operator sees it and the crawl does not lose it.

    Idempotent like load_document: content already recorded (whatever its outcome) is
    skipped, so a transient failure never overwrites a good load. Without a sha256 (the
    bytes were never obtained) the id derives from source_uri and file name.
    """
    if status not in FAILURE_STATUSES:
        raise WarehouseError(f"record_failure takes 'failed' or 'rejected', not {status!r}")
    if sha256:
        sha256 = _check_sha256(sha256)
        document_id = document_id_for(sha256)
    else:
        origin = f"{source_uri or ''}\x00{file_name or ''}".encode("utf-8")
        document_id = "x" + hashlib.sha256(origin).hexdigest()[:15]
    now = now or utcnow()
    problem_rows = problems_table(document_id, problems)
    with transaction(con):
        if sha256:
            existing = con.execute(sql.load("load/document_by_sha256"),
                                   {"sha256": sha256}).fetchone()
        else:
            existing = con.execute(sql.load("load/document_by_id"),
                                   {"document_id": document_id}).fetchone()
        if existing is not None:
            return LoadResult(existing[0], SKIPPED, existing[1] if sha256 else existing[2])
        if sha256:
            _check_id_free(con, document_id, sha256)
        con.execute(sql.load("load/insert_document"), {
            "document_id": document_id, "sha256": sha256, "unit_name": None, "unit_id": None,
            "fiscal_year": None, "doc_type": None, "scope": None, "consolidated": False,
            "source_uri": source_uri, "file_name": file_name, "page_count": None,
            "amount_unit_printed": None, "tables_present": None, "tables_empty": None,
            "tables_absent": None, "line_item_count": 0, "status": status,
            "status_reason": reason, "ingested_at": now, "run_id": run_id,
            **_publication_row(publication), "disclosure": None, "part_of": None,
        })
        _insert_rows(con, "arrow_problems", "load/insert_problems", problem_rows)
    return LoadResult(document_id, INSERTED, status)


def release_document(con: duckdb.DuckDBPyConnection, document_id: str, operator: str,
                     *, now: datetime | None = None) -> bool:
    """An operator accepts a quarantined document: it then counts in the city views.

    Returns False when it was already released (nothing changes); raises for a document
    that does not exist or is not quarantined.
    """
    if not operator or not operator.strip():
        raise WarehouseError("release_document needs the operator's name")
    with transaction(con):
        row = con.execute(sql.load("load/document_by_id"), {"document_id": document_id}).fetchone()
        if row is None:
            raise WarehouseError(f"no document {document_id!r}")
        if row[2] != "quarantined":
            raise WarehouseError(f"document {document_id} is {row[2]!r}, not quarantined")
        if row[3] is not None:
            return False
        con.execute(sql.load("load/release_document"), {
            "operator": operator.strip(), "released_at": now or utcnow(),
            "document_id": document_id})
    return True


def _check_id_free(con: duckdb.DuckDBPyConnection, document_id: str, sha256: str) -> None:
    row = con.execute(sql.load("load/document_by_id"), {"document_id": document_id}).fetchone()
    if row is not None and row[1] is not None and row[1] != sha256:
        raise WarehouseError(f"document id {document_id} already belongs to content {row[1]}")


def _publication_row(publication: Publication | None) -> dict:
    publication = publication or Publication()
    return {"published_on": publication.published_on, "published_source": publication.source,
            "published_evidence": publication.evidence, "correction_mark": publication.correction_mark}


def _versions(con: duckdb.DuckDBPyConnection, unit_id: int | None, fiscal_year: int | None,
              scope: str | None, doc_type: str | None) -> list[Version]:
    """Every stored version of a unit-year-scope-type (none without unit and year)."""
    if unit_id is None or fiscal_year is None:
        return []
    rows = con.execute(sql.load("load/versions_of"), {
        "unit_id": unit_id, "fiscal_year": fiscal_year, "scope": scope, "doc_type": doc_type}).fetchall()
    return [Version(*row) for row in rows]


def _current_in_group(con, unit_id, fiscal_year, scope, doc_type, new_id: str) -> list[str]:
    """The version(s) current before this load (to report what a new version replaced)."""
    if unit_id is None or fiscal_year is None:
        return []
    rows = con.execute(sql.load("load/current_versions"), {
        "unit_id": unit_id, "fiscal_year": fiscal_year, "scope": scope, "doc_type": doc_type,
        "document_id": new_id}).fetchall()
    return sorted(row[0] for row in rows)


def _order_versions(con: duckdb.DuckDBPyConnection, unit_id: int | None, fiscal_year: int | None,
                    scope: str | None, doc_type: str | None, now: datetime) -> Decision | None:
    """Decide the current version of a unit-year and record every version's place and why."""
    versions = _versions(con, unit_id, fiscal_year, scope, doc_type)
    if not versions:
        return None
    decision = current_of(versions)
    for version in versions:
        is_current = version.document_id == decision.current.document_id
        con.execute(sql.load("load/supersede"), {
            "document_id": version.document_id, "now": now,
            "superseded_by": None if is_current else decision.current.document_id,
            "version_reason": decision.why_current if is_current else decision.why_superseded[version.document_id]})
    return decision


def choose_version(con: duckdb.DuckDBPyConnection, document_id: str, operator: str, why: str,
                   *, now: datetime | None = None) -> Decision:
    """An operator makes a stored version current (recording who, why and when).

    The choice holds against every version stored before it; a version loaded later is
    ordered against it by the usual rules (warehouse/versions.py).
    """
    if not operator or not operator.strip():
        raise WarehouseError("choosing a version needs the operator's name")
    if not why or not why.strip():
        raise WarehouseError("choosing a version needs a reason (why this version is the right one)")
    now = now or utcnow()
    with transaction(con):
        row = con.execute(sql.load("load/version_group"), {"document_id": document_id}).fetchone()
        if row is None:
            raise WarehouseError(f"no document {document_id!r}")
        _, unit_id, fiscal_year, scope, doc_type, status = row
        if status not in LOADED_STATUSES:
            raise WarehouseError(f"document {document_id} is {status!r}: it has no figures to make current")
        if unit_id is None or fiscal_year is None:
            raise WarehouseError(f"document {document_id} has no unit and year: it is not a version of anything")
        con.execute(sql.load("load/choose_version"), {
            "operator": operator.strip(), "why": why.strip(), "chosen_at": now, "document_id": document_id})
        decision = _order_versions(con, unit_id, fiscal_year, scope, doc_type, now)
    return decision


def _delete_document_rows(con: duckdb.DuckDBPyConnection, document_id: str) -> None:
    for name in sql.names("load/delete_document"):
        con.execute(sql.load(name), {"document_id": document_id})


def _insert_members(con: duckdb.DuckDBPyConnection, document_id: str,
                    member_units: list[str]) -> None:
    """Members resolve to units without renaming them: a package's spelling of a member
    is recorded as a variant but the member's own documents decide its display name."""
    for ordinal, name in enumerate(member_units):
        member_id = resolve_unit(con, name, None) if name and name.strip() else None
        con.execute(sql.load("load/insert_members"), {
            "document_id": document_id, "ordinal": ordinal, "member_unit_name": name,
            "member_unit_id": member_id})


def _insert_rows(con: duckdb.DuckDBPyConnection, name: str, statement: str, table) -> None:
    if table.num_rows:
        with registered(con, name, table):
            con.execute(sql.load(statement))


def update_validation(con: duckdb.DuckDBPyConnection, document_id: str, findings: list[Finding],
                      status: str, status_reason: str | None) -> None:
    """Replace a loaded document's findings and outcome in one transaction.

    Used when a document was loaded before last year's document of the same unit (both in
    one run): its year-on-year claims are judged afterwards and the result stored here.
    Line items never change: a document's figures are only ever replaced by a new file.
    """
    if status not in LOADED_STATUSES:
        raise WarehouseError(f"update_validation only re-judges loaded documents, not {status!r}")
    finding_rows = findings_table(document_id, findings)
    with transaction(con):
        con.execute(sql.load("load/delete_document/20_findings"), {"document_id": document_id})
        _insert_rows(con, "arrow_findings", "load/insert_findings", finding_rows)
        con.execute(sql.load("load/update_validation"), {
            "document_id": document_id, "status": status, "status_reason": status_reason})
