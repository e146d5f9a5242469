"""Analyst views over generated data: levels add up, year-on-year, rankings, 三公."""

from __future__ import annotations

import hashlib
import random
from decimal import Decimal

import pytest

from warehouse import create_views, load_document, open_ingest, refresh_dimensions
from warehouse.synthetic import make_document, small_document


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture()
def con(tmp_path):
    connection = open_ingest(tmp_path / "wh")
    create_views(connection)
    yield connection
    connection.close()


def test_levels_add_up_exactly_on_consistent_documents(con):
    rng = random.Random(7)
    for unit in range(12):
        for year in (2022, 2023):
            doc = make_document(f"单位{unit:02d}", year, rng,
                                scope="部门" if unit == 0 else "单位",
                                consolidated=unit == 0,
                                member_units=["单位01", "单位02"] if unit == 0 else [])
            load_document(con, doc, [], "loaded", None, sha(f"{unit}/{year}"), None)
    refresh_dimensions(con)
    for year in (2022, 2023):
        level_sums = dict(con.execute(
            "SELECT code_level, sum(\"本年支出合计\") FROM v_city_function "
            "WHERE fiscal_year = ? GROUP BY code_level", [year]).fetchall())
        total = con.execute("SELECT \"本年支出合计\", \"基本支出\" FROM v_city_totals "
                            "WHERE fiscal_year = ?", [year]).fetchone()
        # generated documents are exact: every level sums to the same city total
        assert level_sums["类"] == level_sums["款"] == level_sums["项"] == total[0]
        economic = dict(con.execute(
            "SELECT code_level, sum(\"决算数\") FROM v_city_economic "
            "WHERE fiscal_year = ? GROUP BY code_level", [year]).fetchall())
        assert economic["类"] == economic["款"] == total[1]
        # 10 documents count (units 01 and 02 are inside unit 00's package)
        assert con.execute("SELECT documents FROM v_city_totals WHERE fiscal_year = ?",
                           [year]).fetchone()[0] == 10
        per_unit = con.execute(
            "SELECT sum(\"本年支出合计\") FROM v_t03_expenditure "
            "WHERE fiscal_year = ? AND row_key = '合计' AND in_city_scope", [year]).fetchone()[0]
        assert per_unit == total[0]
        sangong = con.execute("SELECT sum(\"决算数/合计\") FROM v_sangong_unit "
                              "WHERE fiscal_year = ? AND in_city_scope", [year]).fetchone()[0]
        assert sangong == con.execute("SELECT \"决算数\" FROM v_city_sangong WHERE "
                                      "fiscal_year = ? AND item = '合计'", [year]).fetchone()[0]


def test_year_on_year_and_rankings(con):
    plan = {("甲局", 2022): ("100.00", "2.00"), ("甲局", 2023): ("150.00", "3.00"),
            ("乙局", 2022): ("80.00", "6.00"), ("乙局", 2023): ("40.00", "9.00"),
            ("丙局", 2023): ("10.00", "1.00")}
    for (unit, year), (amount, reception) in plan.items():
        doc = small_document(unit, year, {"2010301": (amount, "0.00")},
                             sangong={"公务接待费": ("5.00", reception)})
        load_document(con, doc, [], "loaded", None, sha(f"{unit}{year}"), None)

    yoy = {r[0]: r[1:] for r in con.execute(
        "SELECT unit_name, \"上年本年支出合计\", \"本年支出合计_change\", "
        "\"本年支出合计_change_pct\", \"公务接待费_change\" FROM v_yoy_unit "
        "WHERE fiscal_year = 2023").fetchall()}
    assert yoy["甲局"] == (Decimal("100.00"), Decimal("50.00"), Decimal("50.00"), Decimal("1.00"))
    assert yoy["乙局"] == (Decimal("80.00"), Decimal("-40.00"), Decimal("-50.00"), Decimal("3.00"))
    assert yoy["丙局"] == (None, None, None, None)  # no 2022 document

    by_code = con.execute("SELECT \"本年支出合计\", \"上年本年支出合计\", change, change_pct "
                          "FROM v_yoy_city_function WHERE code = '201' AND fiscal_year = 2023"
                          ).fetchone()
    assert by_code == (Decimal("200.00"), Decimal("180.00"), Decimal("20.00"), Decimal("11.11"))
    unit_code = con.execute("SELECT change FROM v_yoy_unit_function WHERE unit_name = '乙局' "
                            "AND code = '2010301' AND fiscal_year = 2023").fetchone()[0]
    assert unit_code == Decimal("-40.00")

    ranking = con.execute("SELECT unit_name, expenditure_rank, sangong_rank, "
                          "sangong_completion_pct FROM v_unit_ranking WHERE fiscal_year = 2023 "
                          "ORDER BY expenditure_rank").fetchall()
    assert ranking == [("甲局", 1, 2, Decimal("60.00")), ("乙局", 2, 1, Decimal("180.00")),
                       ("丙局", 3, 3, Decimal("20.00"))]


def test_sangong_sub_unit_rows_are_summed_when_no_total_row(con):
    from juesuan.model import ExtractedDocument, Record
    records = []
    for sub, (budget, final) in {"机关": ("4.00", "3.00"), "中心": ("2.00", "2.50")}.items():
        records.append(Record("09", sub, "预算数/合计", Decimal(budget), sub, 9))
        records.append(Record("09", sub, "决算数/合计", Decimal(final), sub, 9))
    doc = ExtractedDocument("s.pdf", "丁局", 2023, "final", "部门", records=records)
    load_document(con, doc, [], "loaded", None, sha("sub"), None)
    row = con.execute("SELECT \"预算数/合计\", \"决算数/合计\", completion_pct "
                      "FROM v_sangong_unit").fetchone()
    assert row == (Decimal("6.00"), Decimal("5.50"), Decimal("91.67"))
    assert con.execute("SELECT count(*) FROM v_t09_sangong").fetchone()[0] == 2
