"""The loader judges a document's year-on-year claims as soon as last year's document of
the same unit is loaded in the same run (flows.ingest._AwaitingPreviousYear), whichever
order the workers return them in."""

from __future__ import annotations

from flows.ingest import _AwaitingPreviousYear, _Loaded
from juesuan.model import ExtractedDocument
from juesuan.pipeline import ProcessedDocument


def _entry(unit: str, year: int, scope: str = "部门", judged: bool = False) -> _Loaded:
    doc = ExtractedDocument(document=f"{unit}-{year}.pdf", unit_name=unit, fiscal_year=year,
                            doc_type="final", scope=scope)
    return _Loaded(ProcessedDocument(doc.document, "file:///x", "0" * 64, doc, status="loaded"),
                   f"doc-{unit}-{year}", judged_against_previous=judged)


def test_a_later_year_waits_for_its_unit_s_previous_year():
    awaiting = _AwaitingPreviousYear()
    later = _entry("示例市审计局", 2024)
    awaiting.add(later)
    assert awaiting.followers_of(_entry("示例市财政局", 2023).result.doc) == []  # another unit
    assert awaiting.followers_of(_entry("示例市审计局", 2022).result.doc) == []  # two years back
    assert awaiting.followers_of(_entry("示例市审计局", 2023, scope="单位").result.doc) == []  # other scope
    # the same unit printed with a space and （本级）: the same unit key
    assert awaiting.followers_of(_entry("示例市 审计局（本级）", 2023).result.doc) == [later]
    assert awaiting.followers_of(_entry("示例市审计局", 2023).result.doc) == []  # handed out once


def test_documents_already_judged_or_without_a_year_do_not_wait():
    awaiting = _AwaitingPreviousYear()
    awaiting.add(_entry("示例市审计局", 2024, judged=True))
    nameless = _entry("", 2024)
    awaiting.add(nameless)  # no usable unit name: nothing to match, nothing raised
    assert awaiting.followers_of(_entry("示例市审计局", 2023).result.doc) == []
