"""Read-only queries against the published snapshot (analysts, `juesuan query`).

Never opens ingest.duckdb: a reader there would block ingestion (DuckDB: one writer
XOR many readers). The snapshot is replaced atomically by publish_snapshot, so a
query always sees one consistent publication.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Iterator, Mapping, Sequence

import duckdb
import pyarrow as pa

import sql
from warehouse.db import default_warehouse_dir, snapshot_path
from warehouse.errors import NoSnapshot


@contextmanager
def open_snapshot(warehouse_dir: str | os.PathLike | None = None
                  ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published snapshot, closed on exit."""
    directory = warehouse_dir if warehouse_dir is not None else default_warehouse_dir()
    path = snapshot_path(directory)
    if not path.exists():
        raise NoSnapshot(
            f"no published snapshot at {path}: run an ingest (which publishes one) or "
            f"publish_snapshot({str(directory)!r}) first")
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


def run_query(warehouse_dir: str | os.PathLike | None, query: str,
              params: Sequence[Any] | Mapping[str, Any] | None = None) -> pa.Table:
    """Run one SQL statement on the snapshot; `params` bind ? or $name placeholders."""
    with open_snapshot(warehouse_dir) as con:
        relation = con.sql(query, params=params)
        return relation.to_arrow_table() if relation is not None else pa.table({})


def list_queries() -> dict[str, str]:
    """Ready analyst queries (sql/queries/*.sql) by name, with their header's first line."""
    catalogue = {}
    for name in sql.names("queries"):
        header = [line.removeprefix("--").strip() for line in sql.load(name).splitlines()
                  if line.startswith("--")]
        catalogue[name.removeprefix("queries/")] = header[0] if header else ""
    return catalogue


def run_named_query(warehouse_dir: str | os.PathLike | None, name: str,
                    params: Mapping[str, Any] | None = None) -> pa.Table:
    """Run sql/queries/<name>.sql with named parameters ($year, $limit, …)."""
    return run_query(warehouse_dir, sql.load(f"queries/{name}"), params)
