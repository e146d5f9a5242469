"""One explicit transaction, rolled back on any error.

Loading a document touches several tables; analysts must never see half of it and a
crash must leave the previous state. DuckDB rolls back everything since BEGIN.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import duckdb
import pyarrow as pa


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """Expose an Arrow table to SQL under a fixed internal name for one statement."""
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)
