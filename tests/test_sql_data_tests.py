"""Every SQL data test in sql/tests/ returns zero rows on a loaded warehouse.

The runner is generic: each `sql/tests/*.sql` file is one invariant whose query returns
the rows that break it (dbt style). The warehouse is loaded with generated documents of
several shapes — consolidated packages and their members, and documents that print 款 or
项 rows without their 类 or 款 (what a row lost at a page break leaves) — so the city
views' hardest cases are present. The last tests show the invariants can fail.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from decimal import Decimal

import pytest

import sql
from warehouse import create_views, load_document, open_ingest, refresh_dimensions
from warehouse.synthetic import make_document

DATA_TESTS = sql.names("tests")
YEARS = (2023, 2024)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def without_rows(doc, drop):
    """The document with the function-coded rows `drop(code)` selects left out (02/03/05)."""
    kept = [r for r in doc.records if not (r.table_id in ("02", "03", "05") and r.row_key.isdigit()
                                           and drop(r.row_key))]
    return replace(doc, records=kept)


def first_code(doc, length: int) -> str:
    return next(r.row_key for r in doc.records if r.table_id == "03" and r.row_key.isdigit()
                and len(r.row_key) == length)


def load_city(con, shapes=("whole", "no_lei", "no_kuan", "no_lei_no_kuan"), break_total=False):
    rng = random.Random(12)
    for year in YEARS:
        for n in range(10):
            doc = make_document(f"单位{n:02d}", year, rng, scope="部门" if n == 0 else "单位",
                                consolidated=n == 0, member_units=["单位01", "单位02"] if n == 0 else [])
            shape = shapes[n % len(shapes)]
            if shape == "no_lei":  # one 类 row lost: its 款 are orphans (in 06 too)
                lei = first_code(doc, 3)
                doc = without_rows(doc, lambda code, lei=lei: code == lei)
                doc = replace(doc, records=[r for r in doc.records if (r.table_id, r.row_key) != ("06", "301")])
            elif shape == "no_kuan":  # one 款 row lost: its 项 hang on the 类
                kuan = first_code(doc, 5)
                doc = without_rows(doc, lambda code, kuan=kuan: code == kuan)
            elif shape == "no_lei_no_kuan":  # a whole branch printed at 项 level only
                lei = first_code(doc, 3)
                doc = without_rows(doc, lambda code, lei=lei: code.startswith(lei) and len(code) < 7)
            if break_total and n == 3:
                doc = replace(doc, records=[
                    replace(r, amount=r.amount + Decimal("5.00"))
                    if (r.table_id, r.row_key, r.column_key) == ("03", "合计", "本年支出合计") else r
                    for r in doc.records])
            load_document(con, doc, [], "loaded", None, sha(f"{n}/{year}/{shapes}/{break_total}"), None)
    refresh_dimensions(con)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    con = open_ingest(tmp_path_factory.mktemp("wh") / "wh")
    create_views(con)
    load_city(con)
    yield con
    con.close()


def test_there_are_data_tests():
    assert "tests/city_function_lei_reconciles" in DATA_TESTS


@pytest.mark.parametrize("name", DATA_TESTS)
def test_data_test_returns_no_rows(city, name):
    rows = city.execute(sql.load(name)).fetchall()
    assert rows == [], f"{name}: {rows[:5]}"


def test_the_city_view_counts_orphans_through_derived_parents(city):
    rows = city.execute("SELECT fiscal_year, total_03, lei_sum, derived_lei FROM v_city_function_reconciliation "
                        "ORDER BY fiscal_year").fetchall()
    assert [r[0] for r in rows] == list(YEARS)
    for _, total, lei_sum, derived in rows:
        assert lei_sum == total and derived > 0  # generated figures are exact: equal to the cent
    # the trap is real: the 类 rows the documents print fall short of their totals
    printed_only = city.execute(
        "SELECT sum(amount) FROM v_line_items_current WHERE table_id = '03' AND code_level = '类' "
        "AND column_key = '本年支出合计' AND fiscal_year = 2024").fetchone()[0]
    assert printed_only < rows[-1][1]
    # every level adds up to the same city total, each figure once
    levels = dict(city.execute("SELECT code_level, sum(\"本年支出合计\") FROM v_city_function "
                               "WHERE fiscal_year = 2024 GROUP BY code_level").fetchall())
    assert levels["类"] == levels["款"] == levels["项"] == rows[-1][1]
    derived = city.execute("SELECT count(*) FROM v_city_function_lei WHERE derived_units > 0 "
                           "AND fiscal_year = 2024").fetchone()[0]
    assert derived > 0
    economic = dict(city.execute("SELECT code_level, sum(\"决算数\") FROM v_city_economic "
                                 "WHERE fiscal_year = 2024 GROUP BY code_level").fetchall())
    assert economic["类"] == economic["款"]
    assert city.execute("SELECT derived_units FROM v_city_economic_lei WHERE fiscal_year = 2024 "
                        "AND code = '301'").fetchone()[0] > 0


def test_a_broken_total_makes_the_reconciliation_test_fail(tmp_path):
    con = open_ingest(tmp_path / "wh")
    try:
        create_views(con)
        load_city(con, break_total=True)
        rows = con.execute(sql.load("tests/city_function_lei_reconciles")).fetchall()
        assert {r[0] for r in rows} == set(YEARS)
        assert all(r[4] == Decimal("-5.00") for r in rows)  # Σ 类 short of the broken 合计 by 5
        culprit = con.execute("SELECT DISTINCT unit_name FROM v_function_reconciliation_document "
                              "WHERE abs(difference) > tolerance").fetchall()
        assert culprit == [("单位03",)]
    finally:
        con.close()
