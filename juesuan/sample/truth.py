"""Truth files: what a rendered document printed, as canonical records with pages.

The structure is that of ../shared/truth/*.json (`juesuan.canonical.TRUTH_KEYS`) plus the
fields the sample corpus adds: scope, consolidated, member_units, layout,
printed_inconsistencies (with pages), and table_pages / page_count as notes for people.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from juesuan.canonical import BUDGET_TABLE_IDS, DOC_FINAL, TABLE_IDS
from juesuan.model import Record
from juesuan.sample.layouts import Layout
from juesuan.sample.statement import Statement


def _tables_status(records: list[Record]) -> tuple[list[str], list[str]]:
    present = sorted({r.table_id for r in records}, key=BUDGET_TABLE_IDS.index)
    empty = [t for t in present
             if all(r.amount is None for r in records if r.table_id == t)]
    return present, empty


def _inconsistency_pages(inconsistencies: list[dict], tag_pages: dict[str, list[int]],
                         table_pages: dict[str, list[int]]) -> list[dict]:
    out = []
    for item in inconsistencies:
        pages: set[int] = set()
        for tag in item.get("tags", []):
            if tag.startswith("table:"):
                pages.update(table_pages.get(tag[6:], []))
            else:
                pages.update(tag_pages.get(tag, []))
        entry = {k: v for k, v in item.items() if k != "tags"}
        entry["pages"] = sorted(pages)
        out.append(entry)
    return out


def truth_dict(document: str, st: Statement, layout: Layout, records: list[Record],
               inconsistencies: list[dict], tag_pages: dict[str, list[int]],
               table_pages: dict[str, list[int]], page_count: int, doc_type: str = DOC_FINAL) -> dict:
    """`st` is a final's Statement or a budget's BudgetStatement (same naming fields)."""
    present, empty = _tables_status(records)
    return {
        "document": document,
        "unit_name": st.unit_name,
        "fiscal_year": st.fiscal_year,
        "doc_type": doc_type,
        "amount_unit_printed": layout.amount_unit,
        "tables_present": present,
        "tables_empty": empty,
        "tables_absent": [t for t in TABLE_IDS if t not in present],
        "records": [r.to_json() for r in records],
        "scope": st.scope,
        "consolidated": getattr(st, "consolidated", False),
        "member_units": list(getattr(st, "member_units", ())),
        "layout": layout.name,
        "printed_inconsistencies": _inconsistency_pages(inconsistencies, tag_pages, table_pages),
        "table_pages": {t: table_pages[t] for t in present},
        "page_count": page_count,
    }


def truth_json(truth: dict) -> str:
    """The truth file's text: readable header fields, then one compact record per line.

    Still plain JSON (json.load reads it); the compact records keep a corpus of tens of
    thousands of records small enough to commit.
    """
    head = []
    for key, value in truth.items():
        if key == "records":
            continue
        if key == "printed_inconsistencies" and value:
            items = ",\n".join("  " + json.dumps(i, ensure_ascii=False) for i in value)
            head.append(f' "{key}": [\n{items}\n ]')
        else:
            head.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in truth["records"]]
    return ("{\n" + ",\n".join(head) + ',\n "records": [\n' + ",\n".join(lines)
            + "\n ]\n}\n")


def write_truth(truth: dict, path: Path) -> Path:
    path.write_text(truth_json(truth), encoding="utf-8")
    return path


def write_manifest(out_dir: Path, documents: list[tuple[Path, dict]]) -> Path:
    """MANIFEST.csv: path (relative to out_dir), unit_name, fiscal_year, layout, scope, sha256."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["path", "unit_name", "fiscal_year", "layout", "scope", "sha256"])
    for pdf, truth in documents:
        writer.writerow([pdf.relative_to(out_dir).as_posix(), truth["unit_name"],
                         truth["fiscal_year"], truth["layout"], truth["scope"],
                         hashlib.sha256(pdf.read_bytes()).hexdigest()])
    path = out_dir / "MANIFEST.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path
