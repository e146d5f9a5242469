"""Ingest runs: when a run started and finished, and what it did (for operators)."""

from __future__ import annotations

import duckdb

import sql
from warehouse.errors import WarehouseError
from warehouse.schema import utcnow


def start_run(con: duckdb.DuckDBPyConnection, note: str | None = None) -> int:
    """Open a run; pass its id to load_document/record_failure as run_id."""
    return con.execute(sql.load("runs/start_run"),
                       {"started_at": utcnow(), "note": note}).fetchone()[0]


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, *, skipped: int = 0) -> dict:
    """Close a run and return its counts. `skipped`: files not loaded because unchanged."""
    cursor = con.execute(sql.load("runs/finish_run"),
                         {"finished_at": utcnow(), "skipped": skipped, "run_id": run_id})
    row = cursor.fetchone()
    if row is None:
        raise WarehouseError(f"no ingest run {run_id}")
    return dict(zip([d[0] for d in cursor.description], row))
