"""Creating and versioning the warehouse schema; installing the analyst views.

The DDL lives in sql/schema/*.sql (idempotent), the views in sql/views/*.sql. Both
run in file-name order, which is their dependency order.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

import sql
from warehouse.errors import SchemaVersionError

SCHEMA_VERSION = 6  # one sql/schema file per version, each idempotent (006: quoted_budgets)


def utcnow() -> datetime:
    """Naive UTC timestamp: the warehouse stores TIMESTAMP (no zone) meaning UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Create missing tables, add the columns of later versions (every file in sql/schema is
    idempotent), and record the schema version; return the version.

    Refuses a database whose recorded version is newer than this code's: writing into
    it could silently drop columns the newer code relies on. Runs as one transaction, so
    a process killed while creating a new warehouse leaves either no tables or all of
    them, never a half-made schema without its version row.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        for name in sql.names("schema"):
            con.execute(sql.load(name))
        recorded = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if recorded is not None and recorded > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"warehouse schema version {recorded} is newer than this juesuan's "
                f"({SCHEMA_VERSION}); upgrade juesuan before writing to it")
        if recorded is None or recorded < SCHEMA_VERSION:  # a new warehouse, or one just upgraded
            con.execute("INSERT INTO schema_version VALUES ($version, $applied_at)",
                        {"version": SCHEMA_VERSION, "applied_at": utcnow()})
            recorded = SCHEMA_VERSION
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return recorded


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create every analyst view; return the view file names applied."""
    applied = []
    for name in sql.names("views"):
        con.execute(sql.load(name))
        applied.append(name)
    return applied
