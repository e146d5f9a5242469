"""A profile selects finals, budgets or both from a column that lists them together
(juesuan/crawl/select.py): only a title that names one kind decides, anything else is kept,
and what is left out is named in the crawl report with why."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from juesuan.crawl.cache import FetchCache
from juesuan.crawl.crawler import crawl
from juesuan.crawl.fetch import Fetcher, FetchSettings
from juesuan.crawl.profile import ProfileError, parse_profile
from juesuan.crawl.select import listed_kind, not_selected
from tests.portal import GOOD_A_2024, GOOD_B_2024, Portal, Route, page


@pytest.mark.parametrize("title, kind", [
    ("示例市审计局2023年度部门决算", "final"),
    ("决算说明", "final"),
    ("部 门 决 算", "final"),
    ("示例市审计局2024年部门预算", "budget"),
    ("附件1：北京市统计局2026年度部门预算情况说明.pdf", "budget"),
    ("单位预算公开", "budget"),
    ("部门预决算公开", None),  # both
    ("2024年部门预算及2023年部门决算", None),  # both
    ("2023年度部门预算执行情况", None),  # a report on a budget's execution is neither package
    ("预算调整方案", None),
    ("一般公共预算财政拨款支出决算表", None),  # a final's table names 预算 too: not certain
    ("附件2.pdf", None),
    ("", None),
])
def test_only_a_title_naming_one_kind_decides(title, kind):
    assert listed_kind(title) == kind


def test_the_first_deciding_title_is_used_and_both_keeps_everything():
    assert not_selected("finals", "部门预决算公开", "2024年部门预算.pdf").startswith("not selected: listed as a budget")
    assert not_selected("finals", "2023年部门决算", "附件1：预算.pdf") is None  # the entry decided
    assert not_selected("budgets", "部门预决算公开", "附件2.pdf") is None  # nothing decides: kept
    assert not_selected("both", "2023年部门决算") is None


PROFILE = {"start_url": "http://127.0.0.1:1/list.html",
           "listing": {"detail_link": {"href": r"/d/\d+\.html$"}}}


def test_the_profile_field_is_checked():
    assert parse_profile(dict(PROFILE)).disclosures == "both"  # default: what the regexes select
    assert parse_profile({**PROFILE, "disclosures": "budgets"}).disclosures == "budgets"
    with pytest.raises(ProfileError, match="disclosures"):
        parse_profile({**PROFILE, "disclosures": "final"})


@pytest.fixture(scope="module")
def mixed_portal():
    """One column: a final, a budget, and a 预决算 entry whose attachments say which is which."""
    with Portal() as served:
        pdf = "application/pdf"
        r = served.routes
        r["/list.html"] = Route(page("预决算公开", [("/d/1.html", "示例市信访局2024年度部门决算"),
                                                 ("/d/2.html", "示例市信访局2024年部门预算"),
                                                 ("/d/3.html", "示例市公证处2024年预决算公开")]))
        r["/d/1.html"] = Route(page("1", [("/f/final-1.pdf", "附件：部门决算")]))
        r["/d/2.html"] = Route(page("2", [("/f/budget-2.pdf", "附件：部门预算")]))
        r["/d/3.html"] = Route(page("3", [("/f/final-3.pdf", "附件1：2024年度部门决算"),
                                          ("/f/budget-3.pdf", "附件2：2024年部门预算")]))
        for name, source in (("final-1", GOOD_A_2024), ("budget-2", GOOD_B_2024), ("final-3", GOOD_B_2024),
                             ("budget-3", GOOD_A_2024)):
            r[f"/f/{name}.pdf"] = Route(source.read_bytes(), content_type=pdf)
        for path in list(r):
            r[quote(path)] = r[path]
        yield served


@pytest.mark.parametrize("choice, fetched, left_out", [
    ("finals", {"final-1.pdf", "final-3.pdf"}, {"/d/2.html", "/f/budget-3.pdf"}),
    ("budgets", {"budget-2.pdf", "budget-3.pdf"}, {"/d/1.html", "/f/final-3.pdf"}),
    ("both", {"final-1.pdf", "budget-2.pdf", "final-3.pdf", "budget-3.pdf"}, set()),
])
def test_a_crawl_fetches_only_what_the_profile_selects(mixed_portal, tmp_path, choice, fetched, left_out):
    profile = parse_profile({"start_url": mixed_portal.url("/list.html"), "disclosures": choice,
                             "listing": {"detail_link": {"href": r"/d/\d+\.html$"}},
                             "fetch": {"rate_limit_seconds": 0, "use_env_proxy": False}})
    settings = FetchSettings(rate_limit_seconds=0, timeout_seconds=2, retries=1, backoff_seconds=0.01,
                             use_env_proxy=False)
    with Fetcher(settings, ["127.0.0.1"], FetchCache(tmp_path / "dl" / ".fetch-cache.json")) as fetcher:
        report = crawl(profile, fetcher, tmp_path / "dl")
    assert {e.listed.url.rsplit("/", 1)[-1] for e in report.entries if e.ok} == fetched
    assert {left.url.split(str(mixed_portal.port), 1)[1] for left in report.not_selected} == left_out
    assert all(left.reason.startswith("not selected: listed as") and choice in left.reason
               for left in report.not_selected)
