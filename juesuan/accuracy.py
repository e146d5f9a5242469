"""Comparing extracted records with a ground-truth file, cell by cell.

A record matches when table_id, row_key, column_key and amount are all equal (amounts
compared as decimals, blank only equal to blank). Used by the accuracy benchmark, the
corpus test and the CI ratchet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from juesuan.model import Record


def _key(r: Record) -> tuple:
    return (r.table_id, r.row_key, r.column_key)


@dataclass
class Score:
    document: str
    truth_count: int
    exact: int
    wrong_amount: list[tuple] = field(default_factory=list)  # (key, truth, ours)
    missing: list[tuple] = field(default_factory=list)
    extra: list[tuple] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.exact / self.truth_count if self.truth_count else 1.0


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b


def score(document: str, truth: list[Record], ours: list[Record]) -> Score:
    mine = {_key(r): r for r in ours}
    result = Score(document, len(truth), 0)
    seen = set()
    for t in truth:
        key = _key(t)
        seen.add(key)
        r = mine.get(key)
        if r is None:
            result.missing.append((key, t.amount))
        elif _same(r.amount, t.amount):
            result.exact += 1
        else:
            result.wrong_amount.append((key, t.amount, r.amount))
    result.extra = [(k, r.amount) for k, r in mine.items() if k not in seen]
    return result


def load_truth(path: Path) -> tuple[dict, list[Record]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data, [Record.from_json(r) for r in data["records"]]
