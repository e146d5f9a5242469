"""A second ingestion while one holds the warehouse refuses with a clear message and changes nothing."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
from click.testing import CliRunner

from juesuan.cli import main
from tests.conftest import CORPUS, REPO

HOLDER = """
import sys, time
from warehouse.db import open_ingest
con = open_ingest(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


def test_second_ingestion_refuses_while_the_first_writes(tmp_path):
    warehouse = tmp_path / "warehouse"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(warehouse)], stdout=subprocess.PIPE, text=True,
                              cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.perf_counter()
        result = CliRunner().invoke(main, ["--warehouse", str(warehouse), "ingest", str(CORPUS / "seed")])
        elapsed = time.perf_counter() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert "in use by another process" in result.output
    assert elapsed < 20, "refused before starting a Prefect server or extracting anything"
    with duckdb.connect(str(warehouse / "ingest.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
