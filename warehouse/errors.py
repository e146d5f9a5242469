"""Errors the warehouse raises, so callers (flows, CLI) can tell them apart from bugs."""

from __future__ import annotations


class WarehouseError(RuntimeError):
    """Something about the warehouse's state or inputs prevents the operation."""


class WarehouseLocked(WarehouseError):
    """Another process holds the ingest database: DuckDB allows one writer at a time."""


class NoSnapshot(WarehouseError):
    """No snapshot has been published yet, so there is nothing for analysts to query."""


class SchemaVersionError(WarehouseError):
    """The database was written by a newer juesuan than this one."""
