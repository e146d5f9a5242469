"""What the city dashboard shows, read through the analyst views of the published snapshot
(sql/report/dashboard/*.sql): the same figures an analyst gets with `juesuan query`.

Amounts stay Decimals here; the charts turn them into floats only to draw bars.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import duckdb

import sql

TOP_UNITS = 15


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    relation = con.execute(sql.load(f"report/dashboard/{name}"), params or {})
    columns = [d[0] for d in relation.description]
    return [dict(zip(columns, row)) for row in relation.fetchall()]


@dataclass
class CityData:
    function_lei: list[dict] = field(default_factory=list)
    totals: list[dict] = field(default_factory=list)
    sangong: list[dict] = field(default_factory=list)
    sangong_year: int | None = None
    sangong_units: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    yoy_year: int | None = None
    yoy_units: list[dict] = field(default_factory=list)
    yoy_function: list[dict] = field(default_factory=list)
    execution_lei: list[dict] = field(default_factory=list)
    execution_coverage: list[dict] = field(default_factory=list)
    execution_year: int | None = None
    execution_units: list[dict] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({r["fiscal_year"] for r in self.totals} | {r["fiscal_year"] for r in self.function_lei})


def read_city(con: duckdb.DuckDBPyConnection) -> CityData:
    data = CityData(function_lei=_rows(con, "function_lei"), totals=_rows(con, "totals"),
                    sangong=_rows(con, "sangong_city"), outcomes=_rows(con, "outcomes"))
    sangong_years = sorted({r["fiscal_year"] for r in data.sangong})
    if sangong_years:
        data.sangong_year = sangong_years[-1]
        data.sangong_units = _rows(con, "sangong_units", {"fiscal_year": data.sangong_year, "limit": TOP_UNITS})
    yoy_years = [r["fiscal_year"] for r in _rows(con, "yoy_years")]
    if yoy_years:
        data.yoy_year = yoy_years[-1]
        data.yoy_units = _rows(con, "yoy_units", {"fiscal_year": data.yoy_year, "limit": TOP_UNITS})
        data.yoy_function = _rows(con, "yoy_function_lei", {"fiscal_year": data.yoy_year})
    data.execution_lei = _rows(con, "execution_lei")
    data.execution_coverage = _rows(con, "execution_coverage")
    execution_years = sorted({r["fiscal_year"] for r in data.execution_lei})
    if execution_years:
        data.execution_year = execution_years[-1]
        data.execution_units = _rows(con, "execution_units", {"fiscal_year": data.execution_year,
                                                              "limit": TOP_UNITS})
    return data


def as_float(value: Decimal | int | None) -> float:
    """For drawing only: bar lengths, never a figure shown as text."""
    return 0.0 if value is None else float(value)
