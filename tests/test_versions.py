"""Which version of a unit-year is current: the publisher's order, whatever the load order.

Portals list newest first, so a crawl meets a corrected re-publication before the original
it corrects; loaded last, the original used to become current (issue 11)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from juesuan.publication import (DETAIL_PAGE, LAST_MODIFIED, LISTING, MANIFEST, Publication, combine,
                                 correction_mark, labelled_date, parse_published, the_one_date)
from juesuan.sources import read_manifest
from warehouse.load import choose_version, load_document
from warehouse.synthetic import small_document
from warehouse.versions import Version, compare, current_of

T0 = datetime(2026, 1, 5, 8, 0)


def v(doc_id: str, minutes: int = 0, published: date | None = None, source: str | None = LISTING,
      mark: str | None = None, chosen_at: datetime | None = None) -> Version:
    return Version(doc_id, T0 + timedelta(minutes=minutes), published, source if published else None, mark,
                   "张三" if chosen_at else None, "核对过纸质版" if chosen_at else None, chosen_at)


# --- what the publisher says ---------------------------------------------------------------

def test_publication_dates_are_read_only_where_the_publisher_puts_them():
    assert labelled_date("来源：市财政局  发布时间：2025-06-20 10:31  浏览：12") == (date(2025, 6, 20),
                                                                            "发布时间:2025-06-20")
    assert labelled_date("发布日期：2025年6月3日") [0] == date(2025, 6, 3)
    # a date in the body is not a publication date; two labelled dates that disagree say nothing
    assert labelled_date("截至2024年12月31日，本单位共有车辆3辆。") is None
    assert labelled_date("发布日期：2025-06-20 发布日期：2025-06-21") is None
    # the stronger label wins over 更新时间
    assert labelled_date("更新时间：2025-07-01 发布时间：2025-06-20")[0] == date(2025, 6, 20)
    # a listing entry: exactly one date, or none
    assert the_one_date("示例市信访局2024年度部门决算 2025/06/20")[0] == date(2025, 6, 20)
    assert the_one_date("2025-06-20 至 2025-06-30") is None
    assert the_one_date("2099-01-01") is None  # the future is not a publication date
    assert correction_mark("示例市信访局2024年度部门决算（更正版）") == "更正版"
    assert correction_mark("信访局决算-重新公开.pdf") == "重新公开"
    assert correction_mark("示例市信访局2024年度部门决算") is None
    assert parse_published("2025-06-20") == parse_published("2025年6月20日") == date(2025, 6, 20)
    with pytest.raises(ValueError):
        parse_published("soon")


def test_the_strongest_date_wins_and_a_mark_is_kept():
    listing = Publication(date(2025, 5, 30), LISTING, "listing", None)
    detail = Publication(date(2025, 6, 1), DETAIL_PAGE, "detail", "更正")
    modified = Publication(date(2025, 7, 9), LAST_MODIFIED, "Last-Modified", None)
    both = combine(modified, listing, detail)
    assert (both.published_on, both.source, both.correction_mark) == (date(2025, 6, 1), DETAIL_PAGE, "更正")
    assert combine(modified).source == LAST_MODIFIED


def test_a_manifest_says_when_a_document_was_published(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("unit,year,path,published,title\n甲局,2024,a.pdf,2025-06-20,甲局2024年部门决算（更正）\n"
                        "甲局,2024,b.pdf,,\n", encoding="utf-8")
    first, second = read_manifest(manifest)
    assert first.publication == Publication(date(2025, 6, 20), MANIFEST, "m.csv: published 2025-06-20", "更正")
    assert second.publication is None
    manifest.write_text("unit,year,path,published\n甲局,2024,a.pdf,next week\n", encoding="utf-8")
    with pytest.raises(ValueError, match="published"):
        read_manifest(manifest)


# --- the order --------------------------------------------------------------------------------

@pytest.mark.parametrize("corrected_loaded_first", [True, False])
def test_the_later_publication_is_current_whatever_the_load_order(corrected_loaded_first):
    corrected = v("corrected", 0 if corrected_loaded_first else 5, date(2025, 6, 20), mark="更正")
    original = v("original", 5 if corrected_loaded_first else 0, date(2025, 5, 30))
    decision = current_of([corrected, original])
    assert decision.current.document_id == "corrected"
    assert "2025-06-20" in decision.why_current and "2025-05-30" in decision.why_current
    assert decision.why_superseded["original"].startswith("superseded by corrected: published 2025-06-20")


def test_without_dates_a_correction_mark_decides_then_load_order():
    assert current_of([v("fix", 0, mark="更正"), v("orig", 5)]).current.document_id == "fix"
    decision = current_of([v("first", 0), v("second", 5)])
    assert decision.current.document_id == "second" and "loaded later" in decision.why_current


def test_last_modified_is_the_last_resort():
    marked = v("fix", 0, date(2025, 6, 1), source=LAST_MODIFIED, mark="修订")
    reuploaded = v("orig", 5, date(2025, 9, 1), source=LAST_MODIFIED)
    assert current_of([marked, reuploaded]).current.document_id == "fix"  # the mark outranks Last-Modified
    assert current_of([v("a", 5, date(2025, 6, 1), source=LAST_MODIFIED),
                       v("b", 0, date(2025, 6, 9), source=LAST_MODIFIED)]).current.document_id == "b"
    # a publisher's date outranks a mark only when both versions have one
    assert current_of([v("dated", 0, date(2025, 6, 1)), v("marked", 5, mark="更正")]).current.document_id == "marked"


def test_an_operators_choice_holds_against_what_existed_not_what_comes_later():
    chosen = v("old", 0, date(2025, 5, 1), chosen_at=T0 + timedelta(minutes=10))
    newer = v("new", 5, date(2025, 6, 1))
    decision = current_of([chosen, newer])
    assert decision.current.document_id == "old" and "chosen by 张三" in decision.why_current
    later = v("later", 20, date(2025, 7, 1))
    assert current_of([chosen, newer, later]).current.document_id == "later"
    assert compare(chosen, later)[0] == -1


def test_three_versions_order_totally():
    versions = [v("b", 1, date(2025, 6, 2)), v("c", 2, date(2025, 6, 1)), v("a", 3, date(2025, 6, 3))]
    decision = current_of(versions)
    assert decision.current.document_id == "a" and set(decision.why_superseded) == {"b", "c"}


# --- in the warehouse ------------------------------------------------------------------------

def _sha(tag: str) -> str:
    import hashlib

    return hashlib.sha256(tag.encode()).hexdigest()


@pytest.fixture()
def con(warehouse_con):
    return warehouse_con


def _city_total(con, year):
    return con.execute('SELECT "本年支出合计" FROM v_city_totals WHERE fiscal_year = ?', [year]).fetchone()[0]


@pytest.mark.parametrize("corrected_loaded_first", [True, False])
def test_the_corrected_figures_reach_the_city_views_in_either_load_order(con, corrected_loaded_first):
    corrected = small_document("甲局", 2024, {"2010301": ("100.00", "20.00")})
    original = small_document("甲局", 2024, {"2010301": ("100.00", "90.00")})
    loads = [("corrected", corrected, Publication(date(2025, 6, 20), DETAIL_PAGE, "发布时间:2025-06-20", "更正")),
             ("original", original, Publication(date(2025, 5, 30), DETAIL_PAGE, "发布时间:2025-05-30"))]
    if not corrected_loaded_first:
        loads.reverse()
    results = {}
    for name, doc, publication in loads:
        # the original is quarantined: it must never push the corrected version out
        status = "quarantined" if name == "original" else "loaded"
        results[name] = load_document(con, doc, [], status, None, _sha(name), f"http://portal/{name}.pdf",
                                      publication=publication)
    assert _city_total(con, 2024) == Decimal("120.00")
    rows = con.execute("SELECT document_id, is_current, superseded_by, published_on, correction_mark, "
                       "version_reason FROM v_document_versions ORDER BY document_id").fetchall()
    by_id = {r[0]: r for r in rows}
    fixed, old = by_id[results["corrected"].document_id], by_id[results["original"].document_id]
    assert fixed[1] is True and fixed[2] is None and fixed[3] == date(2025, 6, 20) and fixed[4] == "更正"
    assert old[1] is False and old[2] == fixed[0] and "published 2025-06-20" in old[5]
    assert "current over" in fixed[5]
    # the load that arrived second says what it did
    second = results[loads[1][0]]
    assert second.current is (loads[1][0] == "corrected")
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == len(corrected.records) * 2


def test_an_operator_can_make_an_earlier_version_current_and_it_is_recorded(con):
    first = small_document("甲局", 2024, {"2010301": ("10.00", "0.00")})
    second = small_document("甲局", 2024, {"2010301": ("30.00", "0.00")})
    a = load_document(con, first, [], "loaded", None, _sha("a"), None)
    load_document(con, second, [], "loaded", None, _sha("b"), None)
    assert _city_total(con, 2024) == Decimal("30.00")
    decision = choose_version(con, a.document_id, "李四", "the re-publication dropped a page")
    assert decision.current.document_id == a.document_id
    assert _city_total(con, 2024) == Decimal("10.00")
    row = con.execute("SELECT chosen_by, chosen_why, version_reason FROM documents WHERE document_id = ?",
                      [a.document_id]).fetchone()
    assert row[0] == "李四" and row[1] == "the re-publication dropped a page" and "chosen by 李四" in row[2]
    with pytest.raises(Exception, match="reason"):
        choose_version(con, a.document_id, "李四", " ")


def test_a_broken_manifest_stops_the_command_before_anything_runs(tmp_path):
    from click.testing import CliRunner

    from juesuan.cli import main

    manifest = tmp_path / "m.csv"
    for row, expected in (("甲局,2024,a.pdf,someday", "`published` must hold one date"),
                          ("甲局,twenty,a.pdf,", "year must be a number")):
        manifest.write_text(f"unit,year,path,published\n{row}\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["--warehouse", str(tmp_path / "wh"), "ingest", str(manifest)])
        assert result.exit_code == 1 and expected in result.output and "Traceback" not in result.output
    assert not (tmp_path / "wh" / "ingest.duckdb").exists()
