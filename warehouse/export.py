"""Exports from the published snapshot: Parquet for tools, Excel for people.

Both read the snapshot (never the ingest database) so they can run while ingestion
does. Money stays exact: Parquet keeps DECIMAL(18,6); Excel cells get the Decimal value
as a number with a two-decimal format, so nothing is rounded in the cell itself.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

import sql
from warehouse.query import open_snapshot

MONEY_FORMAT = "#,##0.00"


def export_parquet(warehouse_dir: str | os.PathLike | None,
                   out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write line_items/ (partitioned by fiscal_year), documents.parquet, findings.parquet."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    targets = {
        "line_items": out / "line_items",
        "documents": out / "documents.parquet",
        "findings": out / "findings.parquet",
    }
    with open_snapshot(warehouse_dir) as con:
        for name, target in targets.items():
            con.execute(sql.load(f"export/{name}_parquet"), {"path": str(target)})
    return targets


def excel_sheets() -> list[tuple[str, str]]:
    """(sheet name, SQL) of every sql/export/excel/*.sql, in file order.

    Each file's first line is `-- sheet: <name>`; adding a sheet means adding a file.
    """
    sheets = []
    for name in sql.names("export/excel"):
        text = sql.load(name)
        first = text.splitlines()[0]
        if not first.startswith("-- sheet:"):
            raise ValueError(f"sql/{name}.sql must start with '-- sheet: <name>'")
        sheets.append((first.removeprefix("-- sheet:").strip()[:31], text))
    return sheets


def export_excel(warehouse_dir: str | os.PathLike | None, path: str | os.PathLike) -> Path:
    """One sheet per city-wide view; decimals as numbers shown with two decimals."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    with open_snapshot(warehouse_dir) as con:
        for sheet_name, query in excel_sheets():
            cursor = con.execute(query)
            sheet = workbook.create_sheet(sheet_name)
            sheet.freeze_panes = "A2"
            header = []
            for column in cursor.description:
                cell = WriteOnlyCell(sheet, value=column[0])
                cell.font = bold
                header.append(cell)
            sheet.append(header)
            while batch := cursor.fetchmany(10_000):
                for row in batch:
                    sheet.append([_cell(sheet, value) for value in row])
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def _cell(sheet, value):
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value
