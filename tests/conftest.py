"""Shared test set-up: an isolated Prefect home, and where the corpus and ../shared live."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"

# Prefect must never touch the developer's ~/.prefect nor phone home from CI.
_prefect_home = tempfile.mkdtemp(prefix="juesuan-prefect-")
os.environ.setdefault("PREFECT_HOME", _prefect_home)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("JUESUAN_WAREHOUSE", None)


def corpus_pdfs() -> list[Path]:
    return sorted(CORPUS.rglob("*.pdf"))


needs_shared = pytest.mark.skipif(not (SHARED / "realpdfs").is_dir(), reason="../shared/realpdfs is absent")


@pytest.fixture()
def warehouse_con(tmp_path):
    """An empty ingest database with the analyst views, closed after the test."""
    from warehouse.db import open_ingest
    from warehouse.schema import create_views

    connection = open_ingest(tmp_path / "wh")
    create_views(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def review_site(tmp_path_factory):
    """A small warehouse with every kind of evidence, its review pages written
    (tests/review_site.py); shared by the page tests and the browser test."""
    from juesuan.report import write_reports
    from tests.review_site import build_review_warehouse

    site = build_review_warehouse(tmp_path_factory.mktemp("review"))
    site.written = write_reports(site.warehouse)
    return site
