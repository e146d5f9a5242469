"""Look-ups over one document's records, so rules read like the identities they check.

A rule must tell three cases apart (DOMAIN.md): a cell that was not printed at all (no
record: the rule cannot judge and skips), a blank printed cell (record, amount None:
sums as 0) and a printed figure.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable

from juesuan.model import Record

ZERO = Decimal(0)


def amount_of(record: Record | None) -> Decimal:
    """A record's amount with blank (and unprinted) as 0, for sums."""
    if record is None or record.amount is None:
        return ZERO
    return record.amount


class RecordIndex:
    """Records of one document keyed by (table_id, row_key, column_key).

    Row and column orders are kept as first seen, which is the printed order.
    When a key occurs twice (a schema error of its own) the first record wins.
    """

    def __init__(self, records: Iterable[Record]):
        self.records: list[Record] = list(records)
        self.memo: dict[str, object] = {}  # derived look-ups a rule builds once per document
        self._cells: dict[tuple[str, str, str], Record] = {}
        self._rows: dict[str, list[str]] = defaultdict(list)
        self._columns: dict[str, list[str]] = defaultdict(list)
        for rec in self.records:
            key = (rec.table_id, rec.row_key, rec.column_key)
            self._cells.setdefault(key, rec)
            if rec.row_key not in self._rows[rec.table_id]:
                self._rows[rec.table_id].append(rec.row_key)
            if rec.column_key not in self._columns[rec.table_id]:
                self._columns[rec.table_id].append(rec.column_key)

    def has_table(self, table_id: str) -> bool:
        return table_id in self._rows

    def tables(self) -> list[str]:
        return sorted(self._rows)

    def rows(self, table_id: str) -> list[str]:
        return list(self._rows.get(table_id, ()))

    def columns(self, table_id: str) -> list[str]:
        return list(self._columns.get(table_id, ()))

    def get(self, table_id: str, row_key: str, column_key: str) -> Record | None:
        return self._cells.get((table_id, row_key, column_key))

    def row(self, table_id: str, row_key: str) -> dict[str, Record]:
        """column_key → record for one printed row."""
        return {c: r for c in self.columns(table_id)
                if (r := self.get(table_id, row_key, c)) is not None}

    def table_records(self, table_id: str) -> list[Record]:
        return [r for r in self.records if r.table_id == table_id]

    def all_blank(self, table_id: str) -> bool:
        return all(r.amount is None for r in self.table_records(table_id))
