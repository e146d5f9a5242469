"""A 情况说明 published apart from its 报表 (juesuan/disclosure.py): keyed, judged against its
sibling's tables, and set aside with a specific reason when no sibling is found."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from juesuan.disclosure import (check_attachment, disclosure_key, is_narrative_part, is_tables_part,
                                unpaired_reason)
from juesuan.extract import extract_document
from juesuan.model import ExtractedDocument, Problem
from juesuan.pipeline import REJECTED, ProcessedDocument
from juesuan.validate.narrative import narrative_findings

from tests.conftest import CORPUS

SEED = CORPUS / "seed" / "株洲市人民政府驻北京联络处-2022-部门决算.pdf"


@pytest.fixture(scope="module")
def seed():
    return extract_document(SEED)


def narrative_part(doc: ExtractedDocument) -> ProcessedDocument:
    """What a worker returns for the 情况说明 half of `doc`: no records, rejected narrative_only."""
    part = dataclasses.replace(doc, records=[], tables_present=[], problems=[
        Problem("narrative_only", "a budget that prints none of the budget tables", page=1, fatal=True)])
    return ProcessedDocument("/x/情况说明.pdf", "file:///x/情况说明.pdf", "a" * 64, part, status=REJECTED,
                             reason="narrative_only: no table")


def test_key_needs_unit_year_and_type_and_falls_back_to_the_folder(seed):
    key = disclosure_key(None, "/portal/2022/a.pdf", "株洲市人民政府驻北京联络处", seed)
    assert key.where == "/portal/2022" and key.fiscal_year == 2022 and key.doc_type == "final"
    assert disclosure_key("https://portal/entry/7", "/x/a.pdf", "u", seed).where == "https://portal/entry/7"
    assert disclosure_key(None, "/x/a.pdf", None, seed) is None
    assert disclosure_key(None, "/x/a.pdf", "u", dataclasses.replace(seed, fiscal_year=None)) is None
    assert disclosure_key(None, "/x/a.pdf", "u", dataclasses.replace(seed, doc_type="unknown")) is None


def test_parts_are_told_apart(seed):
    part = narrative_part(seed)
    assert is_narrative_part(part) and not is_tables_part(part)
    tables = ProcessedDocument("/x/t.pdf", "file:///x/t.pdf", "b" * 64, seed, status="loaded_with_warnings")
    assert is_tables_part(tables) and not is_narrative_part(tables)
    no_text = dataclasses.replace(part, doc=dataclasses.replace(part.doc, narrative=[]))
    assert not is_narrative_part(no_text)  # nothing to check: stays set aside
    other = dataclasses.replace(part, doc=dataclasses.replace(part.doc, problems=[
        Problem("image_only_page", "scan", fatal=True)]))
    assert not is_narrative_part(other)


def test_a_final_narrative_apart_is_judged_as_if_in_one_file(seed):
    """The seed split in two: its narrative findings against the sibling's tables are the
    findings of the whole document."""
    tables = dataclasses.replace(seed, narrative=[])
    checked = check_attachment(narrative_part(seed), tables, "报表.pdf", "t1")
    expected = {(f.rule_id, f.actual, f.expected) for f in narrative_findings(seed)}
    assert {(f.rule_id, f.actual, f.expected) for f in checked.findings} == expected and expected
    assert checked.status == "loaded_with_warnings" and checked.doc.records == []
    assert not any(p.fatal for p in checked.doc.problems)
    assert "报表.pdf (document t1)" in checked.reason and "error(s)" in checked.reason


def test_not_judged_against_quarantined_tables_or_for_a_budget(seed):
    tables = dataclasses.replace(seed, narrative=[])
    held = check_attachment(narrative_part(seed), tables, "报表.pdf", "t1", tables_usable=False)
    assert held.findings == [] and "quarantined and not released" in held.reason
    budget = check_attachment(narrative_part(seed), dataclasses.replace(tables, doc_type="budget"), "报表.pdf", "t1")
    # judged on the budget subset only: the seed's 三公 budgets (69 / 20 / 24.00 vs 09) and its
    # 项目支出 share of the 本年支出合计 it states (44.12% for 44.02%); its 机关运行经费 is info
    errors = {f.rule_id for f in budget.findings if f.severity == "error"}
    assert errors == {"N.sangong_budget", "N.budget_share"} and "三公 budgets" in budget.reason
    assert {f.rule_id for f in budget.findings if f.severity != "error"} <= {"N.budget_operating"}


def test_an_unpaired_part_says_what_was_looked_for(seed):
    part = narrative_part(seed)
    key = disclosure_key(None, "/portal/2022/a.pdf", "驻京办", seed)
    assert str(key) in unpaired_reason(part, key) and unpaired_reason(part, key).startswith("narrative_only")
    assert "could not be read" in unpaired_reason(part, None)


@pytest.mark.parametrize("name, stem", [
    ("0712b170dd43-信访局_附件1：北京市信访办公室2026年度部门预算情况说明.pdf", "北京市信访办公室2026年度部门预算"),
    ("9a-政府办公厅_附件2：北京市信访办公室2026年度部门预算报表.pdf", "北京市信访办公室2026年度部门预算"),
    ("示例市统计局-2024-部门预算-附件1情况说明.pdf", "示例市统计局-2024-部门预算"),
    ("示例市统计局-2024-部门预算-附件2报表.PDF.pdf", "示例市统计局-2024-部门预算"),
    ("附件2.pdf", None),  # nothing shared to pair by
    ("重庆市商务委员会2026年部门预算情况说明.pdf", None),  # not marked as an attachment
])
def test_attachment_stems(name, stem):
    from juesuan.disclosure import attachment_stem

    assert attachment_stem(name) == stem


def test_a_nameless_tables_attachment_takes_its_sibling_s_unit(seed):
    from juesuan.disclosure import name_from_sibling

    tables = dataclasses.replace(seed, unit_name=None, fiscal_year=None, scope=None, problems=[
        Problem("metadata", "the document does not print its unit or fiscal year where we read it", page=1)])
    name_from_sibling(tables, seed, "附件1情况说明.pdf")
    assert (tables.unit_name, tables.fiscal_year, tables.scope) == (seed.unit_name, 2022, seed.scope)
    assert [p.code for p in tables.problems] == ["unit_from_sibling"]
    assert "附件1情况说明.pdf" in tables.problems[0].message


def test_the_year_start_budgets_a_final_quotes_are_kept_bound_to_their_cells(seed):
    """The seed's narrative (page 14) quotes 年初预算 224.46 for 一般公共预算财政拨款支出 and per 项;
    三公 budgets (预算为, not 年初) and 会议费 are not kept."""
    from juesuan.validate.narrative.quoted import quoted_budgets

    quoted = {(q.table_id, q.row_key, q.column_key): (q.amount, q.page) for q in quoted_budgets(seed)}
    assert quoted[("05", "合计", "合计")] == (Decimal("224.46"), 14)
    assert quoted[("05", "2010301", "合计")] == (Decimal("224.46"), 14)
    assert quoted[("05", "2160699", "合计")] == (Decimal("0"), 14)
    assert len(quoted) == 6 and all(table == "05" for table, _, _ in quoted)
    assert quoted_budgets(dataclasses.replace(seed, doc_type="budget")) == []
