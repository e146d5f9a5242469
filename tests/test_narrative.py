"""Narrative checks: the 情况说明 and the self-evaluation against the tables.

The seed document (corpus/seed) prints the real unit's narrative mistakes; every
`error` in its truth's printed_inconsistencies must be found with its figures, the
`rounding` ones at most as info, the `within_tolerance` one not at all, and nothing
else. The 示例市 documents' narratives are correct and must yield nothing.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from juesuan.extract import extract_document
from juesuan.model import ExtractedDocument, Record
from juesuan.validate import check_document, validate_document
from juesuan.validate.narrative import check_narrative, narrative_findings, previous_year_findings
from juesuan.validate.narrative.figures import Figure, Ratio, figures, percent_verdict
from juesuan.validate.narrative.text import build_blocks, reattach_numbers

from tests.conftest import CORPUS, SHARED, needs_shared

SEED = CORPUS / "seed" / "株洲市人民政府驻北京联络处-2022-部门决算.pdf"
D = Decimal


@pytest.fixture(scope="module")
def seed():
    return extract_document(SEED)


@pytest.fixture(scope="module")
def seed_findings(seed):
    return narrative_findings(seed)


def keyed(findings, severities=("error", "warning")) -> set[tuple[str, Decimal | None, Decimal | None]]:
    return {(f.rule_id, f.actual, f.expected) for f in findings if f.severity in severities}


# --- the seed: what the truth lists, and nothing else -------------------------------------

SEED_EXPECTED = {
    # 三、支出决算情况说明: 项目支出 占44.12% (174.97/397.44 = 44.02%)
    ("N.share", D("44.12"), D("44.02")),
    # 五(三): 完成年初预算的100% (397.44/224.46 = 177.06%)
    ("N.completion_rate", D("100"), D("177.06")),
    # 五(三)1 行政运行: 100% (99.11%) and 持平 (222.47 vs 224.46)
    ("N.completion_rate", D("100"), D("99.11")),
    ("N.completion_rate", D("222.47"), D("224.46")),
    # 九(一): budgets 69 / 20 / 24.00 vs table 09's 65.08 / 22.81 / 17.26 (the rate 100%
    # computed from the wrong 20 follows from it: test_a_rate_from_a_flagged_figure_follows_it)
    ("N.sangong_budget", D("69"), D("65.08")),
    ("N.sangong_budget", D("20"), D("22.81")),
    ("N.sangong_budget", D("24.00"), D("17.26")),
    # 附件1-2: 项目支出：194.34 (tables: 174.97)
    ("N.self_evaluation", D("194.34"), D("174.97")),
    # 附件1-1 基础数据表 2022年预算数 vs table 09 预算数
    ("N.self_evaluation", D("69.00"), D("65.08")),
    ("N.self_evaluation", D("49.00"), D("42.26")),
    ("N.self_evaluation", D("24.00"), D("17.26")),
    ("N.self_evaluation", D("20.00"), D("22.81")),
    # project amounts: 48.75 + 126.25 = 175.00 > 项目支出 174.97
    ("N.self_evaluation", D("175.00"), D("174.97")),
    # 六(二)2: 190 − 126.25 = 63.75, not 63.78
    ("N.arithmetic", D("63.78"), D("63.75")),
    # 六(二): 金额 60 / 190 vs the project tables' 全年预算数 48.75 / 126.25
    ("N.self_evaluation", D("60"), D("48.75")),
    ("N.self_evaluation", D("190"), D("126.25")),
}


def test_seed_reports_every_printed_error_and_nothing_else(seed_findings):
    assert keyed(seed_findings) == SEED_EXPECTED


def test_a_rate_from_a_flagged_figure_follows_it(seed_findings):
    """'公务接待费支出预算为20万元，支出决算为22.81万元，完成预算的100%': the budget 20 is
    wrong (table 09: 22.81); the rate 100% is computed from it, so it is shown with it as
    information, not counted as a second error."""
    budget = next(f for f in seed_findings if f.rule_id == "N.sangong_budget" and f.actual == D("20"))
    rate = next(f for f in seed_findings if f.rule_id == "N.completion_rate" and f.expected == D("114.05"))
    assert budget.severity == "error" and budget.follows is None
    assert rate.severity == "info" and rate.follows == budget.key
    assert "follows from the N.sangong_budget finding" in rate.message


def test_seed_findings_carry_pages_and_the_sentence(seed_findings):
    truth = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    errors = [f for f in seed_findings if f.severity in ("error", "warning")]
    assert all(f.pages and f.location for f in errors)
    by_page = {p for f in errors for p in f.pages}
    for item in truth["printed_inconsistencies"]:
        if item["severity"] == "error":
            assert set(item["pages"]) & by_page, item["rule"]
    share = next(f for f in errors if f.rule_id == "N.share")
    assert share.pages == (14,) and "44.12%" in share.location


def test_seed_rounding_is_at_most_info_and_tolerance_silent(seed):
    findings = validate_document(seed)
    rounding = [f for f in findings if f.actual in (D("87.35"), D("44.06"), D("31.69"), D("64.95"),
                                                     D("52.93"))]
    assert all(f.severity == "info" for f in rounding)
    # 06 人员+公用 = 222.48 vs 05 基本支出 222.47: within tolerance, in tables and narrative
    assert not [f for f in findings if f.severity in ("error", "warning")
                and {f.actual, f.expected} == {D("222.48"), D("222.47")}]


def test_check_document_counts_narrative_claims(seed):
    report = check_document(seed)
    runs = {r.rule_id: r for r in report.runs}
    assert runs["N.share"].checks >= 10 and runs["N.share"].findings >= 1
    assert runs["N.self_evaluation"].findings == 8


# --- 示例市: correct narratives, no findings -----------------------------------------------

SAMPLE = [CORPUS / "示例市" / "2024" / name for name in (
    "示例市人民政府办公室-2024-部门决算.pdf",      # hunan
    "示例市发展和改革委员会-2024-部门决算.pdf",    # shanghai (split codes, blanks)
    "示例市审计局-2024-部门决算.pdf",            # 元
    "示例市教育局-2024-部门决算.pdf",            # consolidated department
)]


@pytest.fixture(scope="module")
def sample_docs():
    docs = {}
    for path in SAMPLE:
        docs[path] = extract_document(path)
        previous = path.parent.parent / "2023" / path.name.replace("2024", "2023")
        docs[previous] = extract_document(previous)
    return docs


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.stem)
def test_sample_narratives_are_clean(sample_docs, path):
    doc = sample_docs[path]
    previous = sample_docs[path.parent.parent / "2023" / path.name.replace("2024", "2023")]
    report = check_narrative(doc, previous.records)
    assert report.findings == []
    assert report.claims["N.share"] and report.claims["N.completion_rate"]
    assert report.claims["N.yoy"] >= 4  # checked against last year's tables too
    assert check_narrative(previous).findings == []


def test_year_on_year_against_last_year(sample_docs):
    path = SAMPLE[0]
    doc = sample_docs[path]
    previous = sample_docs[path.parent.parent / "2023" / path.name.replace("2024", "2023")]
    # last year's 01 totals said otherwise: "收入、支出总计各增加22.73万元" is now wrong
    totals = ("总计/收入", "总计/支出", "本年收入合计", "本年支出合计")
    tampered = [r if not (r.table_id == "01" and r.row_key in totals) else
                Record(r.table_id, r.row_key, r.column_key, r.amount + 10, r.row_label, r.page)
                for r in previous.records]
    added = previous_year_findings(doc, tampered)
    assert {f.rule_id for f in added} == {"N.yoy"}
    assert all(f.severity == "error" and f.pages for f in added)
    assert any("22.73" in f.message and f.expected == D("12.73") for f in added)
    assert previous_year_findings(doc, previous.records) == []


# --- split digits -----------------------------------------------------------------------

SPLIT = """二、收入决算情况说明
本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他
2946.25 2940.05 99.79%
收入 万元，占 。
6.2 0.21%
财政供养人员情况（人） 编制数 2022年实际在职人数 控制率
7 5 71%"""


def test_split_digits_are_put_back_where_the_sentence_wants_them():
    lines = reattach_numbers(SPLIT.splitlines())
    assert lines[1] == "本年收入合计2946.25 万元，其中：财政拨款收入2940.05 万元，占99.79% ；其他"
    assert lines[2] == "收入6.2 万元，占0.21% 。"
    # a table row under a header is not a sentence with holes
    assert lines[-2:] == ["财政供养人员情况（人） 编制数 2022年实际在职人数 控制率", "7 5 71%"]


def test_more_numbers_than_holes_are_left_alone():
    lines = ["本年收入合计 万元。", "2946.25 2940.05"]
    assert reattach_numbers(lines) == lines


def _income_doc(share: str) -> ExtractedDocument:
    text = SPLIT.replace("99.79%", share)
    records = [Record("02", "合计", "本年收入合计", D("2946.25"), "合计", 6),
               Record("02", "合计", "财政拨款收入", D("2940.05"), "合计", 6),
               Record("02", "合计", "其他收入", D("6.20"), "合计", 6)]
    return ExtractedDocument("split.pdf", amount_unit_printed="万元", records=records,
                             narrative=[(21, text)])


def test_split_text_is_checked_like_whole_text():
    assert narrative_findings(_income_doc("99.79%")) == []
    wrong = narrative_findings(_income_doc("98.79%"))
    assert keyed(wrong) == {("N.share", D("98.79"), D("99.79"))}
    assert wrong[0].pages == (21,)


# --- the judging of a figure ----------------------------------------------------------------

def _pct(text: str) -> Figure:
    return figures(text)[0]


def test_figures_read_units_separators_and_precision():
    found = figures("收入总计430,725.03万元，其中7854354.86元，占56.42%，约1.2亿元")
    assert [f.value for f in found] == [D("430725.03"), D("785.435486"), D("56.42"), D("12000.0")]
    assert [f.decimals for f in found] == [2, 2, 2, 1]
    assert found[0].subject == "收入总计" and found[2].is_percent


@pytest.mark.parametrize("stated,part,whole,severity", [
    ("44.12%", "174.97", "397.44", "error"),    # the seed's share
    ("44.02%", "174.97", "397.44", None),
    ("87.35%", "194.34", "222.47", "info"),     # 87.356 → 87.36: rounding
    ("100%", "222.47", "224.46", "error"),      # 99.11%: a whole point is not rounding
    ("5%", "19.9", "397.44", None),             # precision as printed
    ("73.5%", "292.1", "397.44", None),
])
def test_percent_verdicts(stated, part, whole, severity):
    p, w = figures(f"{part}万元，{whole}万元")
    assert percent_verdict(_pct(stated), Ratio(p.value, w.value, p.half_unit, w.half_unit))[0] == severity


def _sentence_doc(sentence: str, records=()) -> ExtractedDocument:
    return ExtractedDocument("one.pdf", amount_unit_printed="万元", fiscal_year=2024,
                             records=list(records) or [Record("05", "合计", "合计", D("1"), "合计", 3)],
                             narrative=[(9, "五、一般公共预算财政拨款支出决算情况说明\n" + sentence)])


def test_completion_rate_against_a_zero_budget():
    zero = "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。"
    [finding] = narrative_findings(_sentence_doc(zero))
    assert finding.rule_id == "N.completion_rate" and "undefined" in finding.message
    # "0%" against no budget is a convention, not a computed rate
    convention = "年初预算为0万元，支出决算为49.63万元，完成年初预算的0%。"
    assert narrative_findings(_sentence_doc(convention)) == []


def test_change_and_rate_in_one_sentence():
    ok = "2022年度收入、支出总计均为397.44万元，比上年减少71.81万元，降幅15.30%。"
    assert narrative_findings(_sentence_doc(ok)) == []
    wrong = ok.replace("15.30%", "18.07%")
    [finding] = narrative_findings(_sentence_doc(wrong))
    assert (finding.rule_id, finding.severity, finding.expected) == ("N.yoy", "error", D("15.30"))


def test_unrelated_figures_are_not_compared():
    """机关运行经费 is not 公用经费, and a self-evaluation's 项目支出 in prose is one project's."""
    records = [Record("06", "公用经费合计", "决算数", D("10.00"), "公用经费合计", 10),
               Record("03", "合计", "项目支出", D("174.97"), "合计", 7)]
    text = "2022年度机关运行经费支出194.34万元。"
    assert narrative_findings(_sentence_doc(text, records)) == []
    annex = ExtractedDocument("a.pdf", amount_unit_printed="万元", records=records, narrative=[
        (18, "第五部分 附件\n（1）驻京办人员驻京补贴\n项目支出48.75万元，主要用于补贴。")])
    assert narrative_findings(annex) == []


def test_blocks_know_their_section():
    blocks = build_blocks([(14, "三、支出决算情况说明\n本年支出合计397.44万元。\n九、财政拨款“三公”经费支出决算情况说明\n"
                                "（一）总体情况\n预算为69万元。")])
    assert [(b.section, b.first_page) for b in blocks] == [("expenditure", 14), ("sangong", 14),
                                                           ("sangong", 14)]


# --- real documents (../shared) -------------------------------------------------------------

REAL = SHARED / "realpdfs" / "final"


@needs_shared
def test_real_documents_errors_found():
    finance = extract_document(REAL / "上海市普陀区财政局-2024-部门决算.pdf")
    found = keyed(narrative_findings(finance))
    assert ("N.total", D("0.3"), D("2961.68")) in found  # 财政拨款收入支出总计0.3万元
    social = extract_document(REAL / "中共上海市普陀区委社会工作部-2024-部门决算.pdf")
    [zero] = [f for f in narrative_findings(social) if f.rule_id == "N.completion_rate"
              and f.severity == "error"]
    assert zero.actual == D("95.89") and zero.pages == (18,)


@needs_shared
def test_pdfplumber_text_with_split_digits_reads_the_same():
    """pdfminer puts this document's digits on their own lines; repaired, the checks agree."""
    import copy

    import pdfplumber

    path = REAL / "上海市普陀区财政局-2024-部门决算.pdf"
    doc = extract_document(path)
    split = copy.copy(doc)
    with pdfplumber.open(path) as pdf:
        split.narrative = [(n, pdf.pages[n - 1].extract_text()) for n, _ in doc.narrative]
    assert "本年收入合计 万元" in dict(split.narrative)[21]
    whole, repaired = check_narrative(doc), check_narrative(split)
    assert repaired.claims == whole.claims
    assert keyed(repaired.findings, ("error", "warning", "info")) == keyed(whole.findings,
                                                                          ("error", "warning", "info"))


@needs_shared
def test_the_original_seed_wording_yields_the_same_findings(seed):
    """The real document's own text (../shared/seed) words the same mistakes differently."""
    import copy

    text = (SHARED / "seed" / "000_f8bf98fc7e49c619.txt").read_text(encoding="utf-8")
    original = copy.copy(seed)
    original.narrative = [(100, text[text.index("第三部分\n\n2022年度部门决算情况说明"):].replace("\t", " "))]
    assert keyed(narrative_findings(original)) == SEED_EXPECTED


def test_unit_name_printed_two_ways():
    name = "上海市普陀区规划和自然资源局"
    pages = [(20, f"{name}2024年度收入支出总计9859.38万元。{name}……"),
             (26, "上海市普陀区规划与自然资源局所属各预算单位；上海市普陀区规划和自然资源管理事务中心")]
    doc = ExtractedDocument("n.pdf", unit_name=name, records=[Record("05", "合计", "合计", D("1"), "", 3)],
                            narrative=pages)
    [finding] = [f for f in narrative_findings(doc) if f.rule_id == "N.unit_name"]
    assert finding.severity == "warning" and finding.pages == (26,)
    assert "规划与自然资源局" in finding.message  # …管理事务中心 is another body, not a misprint


def test_the_narrative_package_imports_flow_one_way():
    """check.py lists the package's modules; each imports only from those above it."""
    import re
    from pathlib import Path

    import juesuan.validate.narrative as package

    folder = Path(package.__file__).parent
    listing = (folder / "check.py").read_text(encoding="utf-8").split("those above it):")[1]
    order = re.findall(r"^  (\w+)\s{2,}", listing, re.M)
    assert sorted(order) == sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    for module in order:
        imported = re.findall(r"juesuan\.validate\.narrative\.(\w+)", (folder / f"{module}.py").read_text(
            encoding="utf-8"))
        assert all(order.index(m) < order.index(module) for m in imported), module
