"""The stored sibling of an attachment: the document that prints a disclosure's tables.

A 情况说明 published apart from its 报表 may arrive in a later run than the tables (a
portal adds the narrative a week on). The ingest flow then finds the tables here, by the
disclosure key stored with every loaded document, and reads their records back to check
the narrative against them (juesuan/disclosure.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

import sql
from juesuan.model import ExtractedDocument, Record
from warehouse.previous import printed_amount


@dataclass
class StoredSibling:
    document_id: str
    file_name: str
    usable: bool  # loaded, or quarantined and released: figures a narrative may be judged on
    doc: ExtractedDocument


def stored_sibling(con: duckdb.DuckDBPyConnection, disclosure: str) -> StoredSibling | None:
    row = con.execute(sql.load("load/disclosure_sibling"), {"disclosure": disclosure}).fetchone()
    if row is None:
        return None
    document_id, file_name, unit_name, fiscal_year, doc_type, scope, unit_printed, usable = row
    records = [Record(table_id, row_key, column_key, printed_amount(amount), row_label or "", page)
               for table_id, row_key, column_key, amount, row_label, page
               in con.execute(sql.load("load/document_records"), {"document_id": document_id}).fetchall()]
    doc = ExtractedDocument(document=file_name or document_id, unit_name=unit_name, fiscal_year=fiscal_year,
                            doc_type=doc_type or "unknown", scope=scope, amount_unit_printed=unit_printed,
                            records=records)
    return StoredSibling(document_id, file_name or document_id, bool(usable), doc)
