"""Printing results for people (rich tables) and for programs (CSV, JSON)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

from rich.console import Console
from rich.table import Table

# Wide enough for Chinese labels and exact figures when output goes to a file or a pipe.
_console = Console(width=None if Console().is_terminal else 160)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _jsonable(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def print_arrow_table(table, title: str | None = None) -> None:
    view = Table(title=title, show_lines=False)
    for name, field in zip(table.column_names, table.schema):
        numeric = str(field.type).startswith(("decimal", "int", "double", "float"))
        view.add_column(name, justify="right" if numeric else "left")
    for row in table.to_pylist():
        view.add_row(*(_cell(v) for v in row.values()))
    _console.print(view)


def write_arrow_table(table, fmt: str, stream) -> None:
    rows = table.to_pylist()
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(table.column_names)
        for row in rows:
            writer.writerow([_cell(v) for v in row.values()])
    else:
        json.dump([{k: _jsonable(v) for k, v in row.items()} for row in rows], stream, ensure_ascii=False, indent=1)
        stream.write("\n")


def print_records(doc) -> None:
    view = Table(title=f"{doc.unit_name} {doc.fiscal_year} ({doc.amount_unit_printed})")
    for name in ("table", "row_key", "column_key", "amount (万元)", "row_label", "page"):
        view.add_column(name, justify="right" if name.startswith("amount") else "left")
    for r in doc.records:
        view.add_row(r.table_id, r.row_key, r.column_key, _cell(r.amount), r.row_label, _cell(r.page))
    _console.print(view)


def print_check(result) -> None:
    doc = result.doc
    _console.print(f"[bold]{doc.unit_name or doc.document}[/bold] {doc.fiscal_year or ''} — "
                   f"outcome: [bold]{result.status}[/bold]")
    if result.reason:
        _console.print(result.reason)
    for p in doc.problems:
        _console.print(f"  problem {p.code} table {p.table_id or '-'} page {p.page or '-'}: {p.message}")
    view = Table(title=f"{len(result.findings)} finding(s)")
    for name in ("severity", "rule", "pages", "expected", "actual", "message"):
        view.add_column(name)
    for f in result.findings:
        view.add_row(f.severity, f.rule_id, ",".join(map(str, f.pages)), _cell(f.expected), _cell(f.actual),
                     f.message)
    _console.print(view)
