"""The juesuan warehouse: loading extracted documents into DuckDB and publishing them.

Ingestion writes `<dir>/ingest.duckdb` (one process at a time); analysts read the
published snapshot `<dir>/juesuan.duckdb`. No Prefect here: flows call these functions.
"""

from warehouse.db import default_warehouse_dir, ingest_path, open_ingest, snapshot_path
from warehouse.dimensions import refresh_dimensions
from warehouse.errors import (NoSnapshot, SchemaVersionError, WarehouseError,
                              WarehouseLocked)
from warehouse.export import export_excel, export_parquet
from warehouse.load import (LoadResult, is_loaded, load_document, record_failure,
                            release_document)
from warehouse.publish import SnapshotInfo, publish_snapshot
from warehouse.query import list_queries, open_snapshot, run_named_query, run_query
from warehouse.runs import finish_run, start_run
from warehouse.schema import SCHEMA_VERSION, create_views, ensure_schema
from warehouse.units import unit_key

__all__ = [
    "LoadResult", "NoSnapshot", "SCHEMA_VERSION", "SchemaVersionError", "SnapshotInfo",
    "WarehouseError", "WarehouseLocked", "create_views", "default_warehouse_dir",
    "ensure_schema", "export_excel", "export_parquet", "finish_run", "ingest_path",
    "is_loaded", "list_queries", "load_document", "open_ingest", "open_snapshot",
    "publish_snapshot", "record_failure", "refresh_dimensions", "release_document",
    "run_named_query", "run_query", "snapshot_path", "start_run", "unit_key",
]
