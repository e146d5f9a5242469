"""SIGKILL the loader at many points: the warehouse reopens consistent, and the next run finishes.

A child process loads sample documents one transaction at a time (then publishes a
snapshot) and prints each committed document id. The test kills it at spread-out
moments, reopens the ingest database and checks that every document row is complete
(its line items all there, none orphaned) and that everything the child reported as
committed survived. A second, unkilled run must then complete the work.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import CORPUS, REPO

DOCUMENTS = 12

LOADER = r"""
import hashlib, json, sys
from decimal import Decimal
from pathlib import Path
from juesuan.model import ExtractedDocument, Record
from warehouse.db import open_ingest
from warehouse.load import load_document
from warehouse.publish import publish_snapshot

warehouse, files = Path(sys.argv[1]), sys.argv[2:]
con = open_ingest(warehouse)
for name in files:
    truth = json.loads(Path(name).read_text(encoding="utf-8"))
    doc = ExtractedDocument(document=truth["document"], unit_name=truth["unit_name"],
                            fiscal_year=truth["fiscal_year"], doc_type=truth["doc_type"],
                            scope=truth.get("scope"), consolidated=truth.get("consolidated", False),
                            member_units=truth.get("member_units", []),
                            amount_unit_printed=truth["amount_unit_printed"],
                            tables_present=truth["tables_present"], tables_empty=truth["tables_empty"],
                            tables_absent=truth["tables_absent"],
                            records=[Record.from_json(r) for r in truth["records"]])
    sha = hashlib.sha256(truth["document"].encode()).hexdigest()
    result = load_document(con, doc, [], "loaded", "", sha, "file://" + name)
    print(result.document_id, flush=True)
publish_snapshot(warehouse, con=con)
print("published", flush=True)
con.close()
"""


def _truth_files() -> list[str]:
    return [str(p) for p in sorted(CORPUS.glob("示例市/2023/*.json"))[:DOCUMENTS]]


def _run_loader(warehouse: Path, kill_after: float | None) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, "-c", LOADER, str(warehouse), *_truth_files()],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    if kill_after is None:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    else:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=60)
    return [line for line in out.splitlines() if line and line != "published"]


def _check_consistent(warehouse: Path, committed: list[str]) -> int:
    path = warehouse / "ingest.duckdb"
    if not path.exists():
        assert not committed
        return 0
    with duckdb.connect(str(path), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "documents" not in tables:  # killed while the schema was being created
            assert not tables, f"half-made schema: {sorted(tables)}"
            assert not committed
            return 0
        docs = dict(con.execute("SELECT document_id, line_item_count FROM documents").fetchall())
        counts = dict(con.execute("SELECT document_id, count(*) FROM line_items GROUP BY 1").fetchall())
        orphans = con.execute("SELECT count(*) FROM line_items WHERE document_id NOT IN "
                              "(SELECT document_id FROM documents)").fetchone()[0]
    assert orphans == 0
    for document_id, expected in docs.items():
        assert counts.get(document_id, 0) == expected, document_id
    assert set(committed) <= set(docs), "a committed document was lost"
    snapshot = warehouse / "juesuan.duckdb"
    if snapshot.exists():  # a snapshot, if any, is a whole database
        with duckdb.connect(str(snapshot), read_only=True) as con:
            con.execute("SELECT count(*) FROM documents").fetchone()
    return len(docs)


@pytest.fixture(scope="module")
def full_duration(tmp_path_factory) -> float:
    warehouse = tmp_path_factory.mktemp("reference")
    started = time.perf_counter()
    ids = _run_loader(warehouse, None)
    assert len(ids) == DOCUMENTS
    return time.perf_counter() - started


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.85, 0.97])
def test_sigkill_leaves_previous_or_next_state_and_rerun_completes(tmp_path, full_duration, fraction):
    warehouse = tmp_path / "warehouse"
    committed = _run_loader(warehouse, kill_after=full_duration * fraction)
    _check_consistent(warehouse, committed)
    rerun_started = time.time()
    rerun = _run_loader(warehouse, None)
    assert len(rerun) == DOCUMENTS
    assert _check_consistent(warehouse, rerun) == DOCUMENTS
    with duckdb.connect(str(warehouse / "juesuan.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == DOCUMENTS
    # A publish killed midway may leave its temporary file; it is never the published
    # snapshot, and later publishes delete such leftovers once they are old.
    leftovers = list(warehouse.glob(".snapshot-tmp-*"))
    assert all(p.stat().st_mtime < rerun_started for p in leftovers)


def test_a_creation_killed_midway_never_leaves_a_half_made_ingest_database(tmp_path):
    from warehouse.db import INGEST_FILE, open_ingest

    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    debris = warehouse / f".{INGEST_FILE}.creating-999999"  # what a SIGKILL mid-creation leaves
    debris.write_bytes(b"DUCK" + bytes(100))
    assert not (warehouse / INGEST_FILE).exists()
    con = open_ingest(warehouse)
    try:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        con.close()
    assert {"documents", "line_items", "findings", "schema_version"} <= tables
    assert not list(warehouse.glob(f".{INGEST_FILE}.creating-{os.getpid()}*"))
