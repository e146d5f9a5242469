"""Where the warehouse lives and how the single writer opens it.

Ingestion owns `<dir>/ingest.duckdb` (read-write, one process at a time); analysts
only ever open the published snapshot `<dir>/juesuan.duckdb` (see publish.py), because
DuckDB allows one read-write process XOR many read-only ones per file.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseLocked
from warehouse.schema import ensure_schema

ENV_VAR = "JUESUAN_WAREHOUSE"
INGEST_FILE = "ingest.duckdb"
SNAPSHOT_FILE = "juesuan.duckdb"
SNAPSHOT_TMP_PREFIX = ".snapshot-tmp-"


def default_warehouse_dir() -> Path:
    """$JUESUAN_WAREHOUSE if set, else ./data/warehouse (relative to the working dir)."""
    configured = os.environ.get(ENV_VAR)
    return Path(configured) if configured else Path("data") / "warehouse"


def ingest_path(warehouse_dir: str | os.PathLike) -> Path:
    return Path(warehouse_dir) / INGEST_FILE


def snapshot_path(warehouse_dir: str | os.PathLike) -> Path:
    return Path(warehouse_dir) / SNAPSHOT_FILE


def is_lock_error(exc: duckdb.Error) -> bool:
    """DuckDB's "Could not set lock … Conflicting lock is held" (another process has the file)."""
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set" in text)


def connect_or_locked(path: Path, locked_message: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, turning DuckDB's lock IOException into WarehouseLocked(locked_message)."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if is_lock_error(exc):
            raise WarehouseLocked(f"{locked_message} DuckDB said: {exc}") from exc
        raise


def open_ingest(warehouse_dir: str | os.PathLike | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the ingest database read-write, schema ensured.

    A second process trying to write at the same time gets WarehouseLocked rather than
    DuckDB's IOException, with a message saying what to do.
    """
    directory = Path(warehouse_dir) if warehouse_dir is not None else default_warehouse_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = ingest_path(directory)
    if not path.exists():
        _create_whole(path)
    con = connect_or_locked(path, f"the ingest database {path} is in use by another process (only one "
                                  f"ingestion may write at a time; analysts should query {SNAPSHOT_FILE}).")
    try:
        ensure_schema(con)
    except BaseException:
        con.close()
        raise
    return con


def _create_whole(path: Path) -> None:
    """Create a new ingest database aside, schema included, then link it into place.

    A process killed while DuckDB writes a brand-new file could leave a file it cannot
    reopen; made aside, the database appears whole or not at all. os.link refuses to
    overwrite, so of two processes creating the same warehouse at once, the first wins
    and the other simply opens it.
    """
    aside = path.with_name(f".{path.name}.creating-{os.getpid()}")
    try:
        with duckdb.connect(str(aside)) as con:
            ensure_schema(con)
        try:
            os.link(aside, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
    finally:
        for leftover in (aside, Path(f"{aside}.wal")):
            leftover.unlink(missing_ok=True)
