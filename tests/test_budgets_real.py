"""The real budgets of ../shared/realpdfs/budget hold the share bench/budgets.py reached.

A ratchet, like bench/accuracy_floor.json for finals: the share read (extracted, every
identity holding, no unplaced figure) may not fall below bench/budgets_floor.json, no
document recorded there as read may stop being read, and a document not read must carry a
verdict checked on its rendered page (bench/budgets_explained.json). About a minute: it
reads 164 documents.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import REPO, SHARED, needs_shared

pytestmark = [pytest.mark.realpdfs, needs_shared]

sys.path.insert(0, str(REPO))
from bench.budgets import check_floor, explanations, measure, summary  # noqa: E402

FLOOR = json.loads((REPO / "bench" / "budgets_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readings():
    return measure(sorted((SHARED / "realpdfs" / "budget").glob("*.pdf")))


def test_real_budgets_hold_their_floor(readings):
    assert check_floor(readings, FLOOR, explanations()) == []
    assert summary(readings)["share"] >= FLOOR["share"]


def test_every_real_budget_is_taken_for_a_budget_of_a_year(readings):
    assert len(readings) == 164
    assert {r.doc_type for r in readings} == {"budget"}
    # The year budgeted, or a metadata problem saying the pages never print it (some old
    # Jiangsu exports print no year at all: the crawl's listing supplies it then).
    assert all(r.fiscal_year or "fiscal year" in r.metadata for r in readings if r.outcome == "read")
    # (a59d3e87fad5 and 42d4fd889f7a, read since white cell fills stopped cutting their
    # grids, print no year budgeted: only 无2017年政府性基金支出 in a note.)
    assert sum(1 for r in readings if r.outcome == "read" and not r.fiscal_year) <= 6


def test_explanations_name_real_documents():
    names = {p.name for p in (SHARED / "realpdfs" / "budget").glob("*.pdf")}
    verdicts = explanations()
    assert set(verdicts) <= names
    assert all(v["verdict"] in ("theirs", "ours") and v["why"] for v in verdicts.values())
