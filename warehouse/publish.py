"""Publishing a read-only snapshot of the warehouse for analysts.

DuckDB lets one process write a file or many read it, never both. Ingestion keeps
`ingest.duckdb` to itself; after a run it copies everything into a new file
(`.snapshot-tmp-*.duckdb` in the same directory), installs the views and dimensions
there, checkpoints, closes it and `os.replace`s it onto `juesuan.duckdb`. The rename is
atomic: analysts already connected keep reading the old file (their open handle), new
connections get the new one, and nobody ever waits for ingestion.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

import sql
from warehouse.db import SNAPSHOT_TMP_PREFIX, connect_or_locked, ingest_path, snapshot_path
from warehouse.dimensions import refresh_dimensions
from warehouse.errors import WarehouseError
from warehouse.schema import SCHEMA_VERSION, create_views, ensure_schema, utcnow

STALE_TMP_SECONDS = 6 * 3600  # a publish never takes this long: older temp files are debris
COPY_ORDER = ("units", "documents", "document_members", "line_items", "findings",
              "problems", "quoted_budgets", "ingest_runs")


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    path: Path
    published_at: datetime
    documents: int
    line_items: int
    last_run_id: int | None
    seconds: float


def publish_snapshot(warehouse_dir: str | os.PathLike,
                     con: duckdb.DuckDBPyConnection | None = None) -> SnapshotInfo:
    """Build a fresh snapshot from the ingest database and swap it into place.

    con: the ingest connection, when the caller (the ingest process) still holds it —
    DuckDB will not open the same file a second time in one process. Without it the
    ingest database is opened read-only, which fails (WarehouseLocked) while another
    process is ingesting.
    """
    started = time.perf_counter()
    directory = Path(warehouse_dir)
    source = ingest_path(directory)
    if con is None and not source.exists():
        raise WarehouseError(f"no ingest database at {source}: nothing to publish")
    _remove_stale_tmp(directory)
    tmp = directory / f"{SNAPSHOT_TMP_PREFIX}{uuid.uuid4().hex}.duckdb"
    try:
        _create_empty(tmp)
        if con is not None:
            _copy(con, tmp)
        else:
            with _open_source_read_only(source) as source_con:
                _copy(source_con, tmp)
        info = _finish(tmp)
        final = snapshot_path(directory)
        _remove(Path(f"{final}.wal"))  # a stale WAL must never be replayed onto new data
        os.replace(tmp, final)
    except BaseException:
        _remove(tmp)
        _remove(Path(f"{tmp}.wal"))
        raise
    return SnapshotInfo(final, info[0], info[2], info[3], info[4],
                        time.perf_counter() - started)


def _create_empty(tmp: Path) -> None:
    with duckdb.connect(str(tmp)) as snap:
        ensure_schema(snap)


class _open_source_read_only:
    """Context manager: the ingest database, read-only, with a clear error if locked."""

    def __init__(self, source: Path):
        self.source = source

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.con = connect_or_locked(
            self.source, f"{self.source} is being written by an ingest process; publish from that process "
            "(publish_snapshot(dir, con=...)) or after it finishes.", read_only=True)
        return self.con

    def __exit__(self, *exc_info) -> None:
        self.con.close()


def _copy(source_con: duckdb.DuckDBPyConnection, tmp: Path) -> None:
    """Copy every base table from the connection's default catalog into the snapshot."""
    source_con.execute(sql.load("publish/attach_snapshot"), {"path": str(tmp)})
    try:
        source_con.execute("BEGIN TRANSACTION")
        try:
            for table in COPY_ORDER:
                source_con.execute(sql.load(f"publish/copy/{table}"))
        except BaseException:
            source_con.execute("ROLLBACK")
            raise
        source_con.execute("COMMIT")
    finally:
        source_con.execute(sql.load("publish/detach_snapshot"))


def _finish(tmp: Path) -> tuple:
    """Dimensions, views (the heaviest stored once: sql/publish/materialize) and metadata
    inside the snapshot; checkpoint so no WAL remains."""
    with duckdb.connect(str(tmp)) as snap:
        refresh_dimensions(snap)
        create_views(snap)
        for name in sql.names("publish/materialize"):  # the heavy views, once per snapshot
            snap.execute(sql.load(name))
        info = snap.execute(sql.load("publish/snapshot_info"), {
            "published_at": utcnow(), "schema_version": SCHEMA_VERSION}).fetchone()
        snap.execute("CHECKPOINT")
    return info


def _remove_stale_tmp(directory: Path) -> None:
    """Temp snapshots left by a publish that was killed (they can be large)."""
    cutoff = time.time() - STALE_TMP_SECONDS
    for leftover in directory.glob(f"{SNAPSHOT_TMP_PREFIX}*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except FileNotFoundError:
            pass


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
