"""Snapshot publishing: analysts read while ingestion writes, and never block it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import pytest

from warehouse import (NoSnapshot, default_warehouse_dir, load_document,
                       open_ingest, publish_snapshot, run_named_query, run_query)
from warehouse.synthetic import small_document

REPO = Path(__file__).resolve().parents[1]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    """Run code in a separate process (DuckDB's file locks are per process)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kwargs)


def load(con, unit: str, amount: str, year: int = 2023):
    return load_document(con, small_document(unit, year, {"2010301": (amount, "0.00")}), [],
                         "loaded", None, sha(unit + amount), None)


def city_total(warehouse_dir) -> Decimal:
    table = run_query(warehouse_dir, "SELECT \"本年支出合计\" FROM v_city_totals "
                                     "WHERE fiscal_year = $year", {"year": 2023})
    return table.column(0)[0].as_py()


READER = """
    import sys, time, pathlib, duckdb
    snapshot, ready, go = sys.argv[1:4]
    con = duckdb.connect(snapshot, read_only=True)
    query = 'SELECT "本年支出合计" FROM v_city_totals WHERE fiscal_year = 2023'
    before = con.execute(query).fetchone()[0]
    pathlib.Path(ready).write_text(str(before))
    deadline = time.time() + 60
    while not pathlib.Path(go).exists() and time.time() < deadline:
        time.sleep(0.02)
    after = con.execute(query).fetchone()[0]
    print(before, after)
"""


def test_reader_holding_the_snapshot_does_not_block_ingest_and_publish(tmp_path):
    directory = tmp_path / "wh"
    con = open_ingest(directory)
    load(con, "甲局", "10.00")
    publish_snapshot(directory, con)

    ready, go = tmp_path / "ready", tmp_path / "go"
    reader = python(READER, str(directory / "juesuan.duckdb"), str(ready), str(go))
    try:
        deadline = time.time() + 30
        while not ready.exists():
            assert reader.poll() is None, reader.communicate()
            assert time.time() < deadline, "reader did not start"
            time.sleep(0.02)
        assert ready.read_text() == "10.000000"

        # while the reader holds the old snapshot open: ingest and publish, unblocked
        started = time.perf_counter()
        load(con, "乙局", "5.00")
        info = publish_snapshot(directory, con)
        assert time.perf_counter() - started < 10
        assert info.documents == 2

        # new connections see the new snapshot …
        assert city_total(directory) == Decimal("15.00")
        fresh = python("""
            import sys, duckdb
            con = duckdb.connect(sys.argv[1], read_only=True)
            print(con.execute('SELECT count(*) FROM documents').fetchone()[0])
        """, str(directory / "juesuan.duckdb"))
        assert fresh.communicate(timeout=60)[0].strip() == "2"
    finally:
        go.write_text("go")
        out, err = reader.communicate(timeout=60)
    # … while the open reader kept seeing its own, consistent, old snapshot
    assert reader.returncode == 0, err
    assert out.split() == ["10.000000", "10.000000"]
    con.close()
    assert not list(directory.glob(".snapshot-tmp-*"))


def test_a_second_writer_fails_with_a_clear_message(tmp_path):
    directory = tmp_path / "wh"
    con = open_ingest(directory)
    load(con, "甲局", "10.00")
    probe = python("""
        import sys
        from warehouse import open_ingest, publish_snapshot, WarehouseLocked
        for attempt in (lambda: open_ingest(sys.argv[1]), lambda: publish_snapshot(sys.argv[1])):
            try:
                attempt()
                print("opened")
            except WarehouseLocked as exc:
                print("locked:", "only one ingestion may write" in str(exc)
                      or "being written by an ingest process" in str(exc))
    """, str(directory))
    out, err = probe.communicate(timeout=60)
    assert out.split("\n")[:2] == ["locked: True", "locked: True"], err
    con.close()


def test_publish_without_a_connection_after_ingestion_closed(tmp_path):
    directory = tmp_path / "wh"
    con = open_ingest(directory)
    load(con, "甲局", "10.00")
    con.close()
    info = publish_snapshot(directory)
    assert info.line_items > 0 and info.path == directory / "juesuan.duckdb"
    assert city_total(directory) == Decimal("10.00")
    views = run_query(directory, "SELECT count(*) FROM duckdb_views() WHERE NOT internal "
                                 "AND comment IS NULL").column(0)[0].as_py()
    assert views == 0  # every analyst view carries a COMMENT
    assert run_query(directory, "SELECT count(*) FROM dim_function_code").column(0)[0].as_py() == 3
    # read-only: analysts cannot change the snapshot
    with pytest.raises(Exception, match="read-only"):
        run_query(directory, "CREATE TABLE scratch (x INTEGER)")
    assert not (directory / "juesuan.duckdb.wal").exists()


def test_querying_before_any_publication_is_refused(tmp_path):
    with pytest.raises(NoSnapshot, match="no published snapshot"):
        run_query(tmp_path, "SELECT 1")


def test_default_warehouse_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("JUESUAN_WAREHOUSE", str(tmp_path / "elsewhere"))
    assert default_warehouse_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("JUESUAN_WAREHOUSE")
    assert default_warehouse_dir() == Path("data") / "warehouse"


def test_every_ready_query_runs_on_a_snapshot(tmp_path):
    from warehouse import list_queries
    directory = tmp_path / "wh"
    con = open_ingest(directory)
    for year, reception in ((2022, "1.00"), (2023, "4.00")):
        for unit, factor in (("甲局", 1), ("乙局", 2)):
            doc = small_document(unit, year, {"2010301": (str(10 * factor), "1.00"),
                                              "2080501": ("3.00", "0.00")},
                                 sangong={"公务接待费": ("5.00", str(Decimal(reception) * factor))})
            load_document(con, doc, [], "loaded", None, sha(f"{unit}{year}"), None)
    publish_snapshot(directory, con)
    con.close()
    params = {"year": 2023, "limit": 10, "code": "201", "unit": "局"}
    catalogue = list_queries()
    assert "top_reception_growth" in catalogue and "basic_share_by_class" in catalogue
    for name, title in catalogue.items():
        assert title, f"{name} lacks a header comment"
        text = (REPO / "sql" / "queries" / f"{name}.sql").read_text(encoding="utf-8")
        used = {key: value for key, value in params.items() if f"${key}" in text}
        run_named_query(directory, name, used)  # binds and runs
    growth = run_named_query(directory, "top_reception_growth", {"year": 2023, "limit": 5})
    assert growth.column("unit_name").to_pylist() == ["乙局", "甲局"]
    assert growth.column("change").to_pylist() == [Decimal("6.00"), Decimal("3.00")]
    share = run_named_query(directory, "basic_share_by_class", {"year": 2023}).to_pylist()
    assert share[0]["code"] == "201"
    assert share[0]["basic_share_pct"] == Decimal("93.75")  # 30 / 32
