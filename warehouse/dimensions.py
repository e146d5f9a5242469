"""Classification dimensions built from what the documents themselves print.

There is no authoritative code list to ship (it changes yearly and per province), so
the warehouse learns names from its documents: the most common printed name per code,
with the variants kept for the curious. Rebuilt wholesale: cheap, and never stale.
"""

from __future__ import annotations

import duckdb

import sql
from warehouse.transaction import transaction


def refresh_dimensions(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild dim_function_code and dim_economic_code; return their row counts."""
    with transaction(con):
        con.execute(sql.load("dimensions/printed_code_dimension"))
        con.execute(sql.load("dimensions/function_code"))
        con.execute(sql.load("dimensions/economic_code"))
    return {
        "dim_function_code": con.execute("SELECT count(*) FROM dim_function_code").fetchone()[0],
        "dim_economic_code": con.execute("SELECT count(*) FROM dim_economic_code").fetchone()[0],
    }
