"""An `error` must be certain: the narrative traps of issue 12, and the pure functions behind them.

Two generated documents (juesuan.sample.narrative_traps): one whose narrative prints only
correct figures in the ways that once produced false errors (letter spacing, figures
broken at a line end, full-width digits, numbered items run on in one paragraph, a share
of a named base, 财政拨款 totals, a self-evaluation table with an empty column, 决算/预算
wording, last year named as a comparison) — it must give no finding at all; and one that
prints a mistake in each of those places — it must give exactly those errors, each
naming what it compared.

Sentences in the unit tests are our own words.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from juesuan.extract import extract_document
from juesuan.model import ExtractedDocument, Record
from juesuan.sample.narrative_traps import CLEAN, FAULTY, render_narrative_traps
from juesuan.validate.index import RecordIndex
from juesuan.validate.narrative import check_narrative, narrative_findings
from juesuan.validate.narrative.concepts import last_item_named
from juesuan.validate.narrative.figures import figures
from juesuan.validate.narrative.funds_row import header_columns, read_row
from juesuan.validate.narrative.numbers import join_pieces
from juesuan.validate.narrative.shares import base_words
from juesuan.validate.narrative.text import build_blocks, split_inline_items

D = Decimal


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("traps") / "clean.pdf"
    _, draft = render_narrative_traps(list(CLEAN), path)
    doc = extract_document(path)
    return path, draft, doc, narrative_findings(doc)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    path = tmp_path_factory.mktemp("traps") / "faulty.pdf"
    _, draft = render_narrative_traps(list(FAULTY), path)
    doc = extract_document(path)
    return path, draft, doc, narrative_findings(doc)


def _serious(findings):
    return [f for f in findings if f.severity in ("error", "warning")]


def _page_text(path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[n].get_textpage().get_text_range() for n in range(len(pdf)))
    finally:
        pdf.close()


def _read_figures(doc: ExtractedDocument) -> list[Decimal]:
    return [f.value for b in build_blocks(doc.narrative) for f in figures(b.text)]


def _contains_run(values: list[Decimal], run: list[Decimal]) -> bool:
    return any(values[i:i + len(run)] == run for i in range(len(values) - len(run) + 1))


# --- the clean document: correct figures, printed awkwardly ------------------------------------

def test_clean_traps_give_no_finding_at_all(clean):
    _, _, doc, findings = clean
    assert doc.records and findings == []
    claims = check_narrative(doc).claims  # and the traps were read, not skipped
    assert claims["N.figure"] >= 9 and claims["N.share"] >= 10 and claims["N.completion_rate"] >= 12
    assert claims["N.self_evaluation"] >= 3 and claims["N.year"] >= 4 and claims["N.total"] >= 4


@pytest.mark.parametrize("habit", ["char_spacing", "break_in_figures", "fullwidth"])
def test_every_figure_of_an_awkwardly_printed_paragraph_is_read_whole(clean, habit):
    """Classes 3 and the robustness of reading: letter-spaced digits ("8 8 8 . 5 4万元"),
    a figure broken at a line end, full-width digits — each read as printed."""
    path, draft, doc, _ = clean
    fold = str.maketrans("０１２３４５６７８９．", "0123456789.")
    if habit == "fullwidth":
        paragraphs = [b for b in draft.part3 if getattr(b, "tag", None) == "s6"]
        assert "２" in paragraphs[0].text
    else:
        paragraphs = [b for b in draft.part3 if getattr(b, habit, False)]
    assert paragraphs
    read = _read_figures(doc)
    for paragraph in paragraphs:
        printed = [f.value for f in figures(paragraph.text.translate(fold))]
        assert printed and _contains_run(read, printed), paragraph.text
    text = _page_text(path)
    if habit == "char_spacing":  # the trap is real: PDFium reads a space between the digits
        assert re.search(r"\d \d \d \. \d \d 万", text)
    if habit == "break_in_figures":  # and a line does end inside a figure
        assert re.search(r"[\u4e00-\u9fff]\d+\r?\n\d[\d.]*万元", text)


# --- the faulty document: each mistake found once, and nothing else ----------------------------

def _key(f):
    return (f.rule_id, f.severity, f.actual)


def test_faulty_traps_give_exactly_their_errors(faulty):
    _, draft, _, findings = faulty
    wanted = Counter((e.rule_id, e.severity, e.actual) for e in draft.expect if e.severity != "info")
    assert Counter(_key(f) for f in _serious(findings)) == wanted


def test_every_expected_finding_says_what_it_compared(faulty):
    _, draft, _, findings = faulty
    for expect in draft.expect:
        matching = [f for f in findings if (f.rule_id, f.severity) == (expect.rule_id, expect.severity)
                    and (expect.actual is None or f.actual == expect.actual)
                    and all(m in f.message for m in expect.mentions)]
        assert matching, expect
        if expect.expected is not None:
            assert any(f.expected == expect.expected for f in matching), expect


def _one(findings, rule_id, severity="error", **where):
    found = [f for f in findings if f.rule_id == rule_id and f.severity == severity
             and all(getattr(f, k) == v for k, v in where.items())]
    assert len(found) == 1, found
    return found[0]


def test_letter_spaced_wrong_total_is_read_whole(faulty):
    """Class 3: the wrong figure is found as printed (885.33 + 1000), not as its last digit."""
    _, draft, _, findings = faulty
    finding = _one(findings, "N.total", actual=next(e.actual for e in draft.expect if e.rule_id == "N.total"
                                                      and not e.mentions))
    assert finding.expected == finding.actual - 1000


def test_run_on_items_bind_to_their_own_code(faulty):
    """Class 4: items run on in one paragraph; the wrong figure of item 2 is reported
    against item 2's 项, and no figure is compared with item 1's."""
    _, draft, doc, findings = faulty
    code = next(e.mentions[0] for e in draft.expect if e.rule_id == "N.figure")
    finding = _one(findings, "N.figure")
    assert code in finding.message
    first = next(r.row_key for r in doc.records if r.table_id == "05" and len(r.row_key) == 7)
    assert first != code and not [f for f in findings if first in f.message]


def test_a_share_is_checked_against_the_base_it_names(faulty):
    """Class 5: 占授予中小企业合同金额的80.00% — wrong against that base (75.00%), and the
    message names that base and that value, not the procurement total (60.00%)."""
    _, _, _, findings = faulty
    finding = _one(findings, "N.share")
    assert finding.expected == D("75.00") and "授予中小企业合同金额 240.00" in finding.message
    assert "政府采购支出总额" not in finding.message


def test_a_fiscal_total_is_table_04s(faulty):
    """Class 6: 财政拨款收入、支出总计 is compared with 04 总计, never with 01's."""
    _, _, doc, findings = faulty
    finding = _one(findings, "N.total", expected=next(r.amount for r in doc.records
                                                       if (r.table_id, r.row_key) == ("04", "总计/收入")))
    assert "04 总计" in finding.message and "01" not in finding.message.split("(also")[0]


def test_a_gapped_self_evaluation_row_that_fits_no_reading_is_only_info(faulty):
    """Class 7: an empty 年初预算数 and a 执行率 that fits no reading of the gap: not read,
    said so, and the 分值 is never taken for money."""
    _, _, _, findings = faulty
    finding = _one(findings, "N.self_evaluation", severity="info")
    assert finding.message.startswith("p") and "could not verify" in finding.message
    assert not [f for f in findings if f.rule_id == "N.self_evaluation" and f.severity != "info"]


def test_rates_from_a_flagged_figure_follow_it(faulty):
    """Class 8: the 三公 budget printed wrong is one error; the completion rate and the
    决算/预算 comparison computed from it are information attached to it."""
    _, _, _, findings = faulty
    budget = _one(findings, "N.sangong_budget")
    attached = [f for f in findings if f.follows == budget.key]
    assert attached and all(f.severity == "info" for f in attached)
    item = _one(findings, "N.figure")
    assert [f.rule_id for f in findings if f.follows == item.key] == ["N.completion_rate"]
    assert all(f.follows in {g.key for g in findings} for f in findings if f.follows)


def test_budget_wording_that_contradicts_its_sentence(faulty):
    """Class 9: 决算数等于年初预算数 beside different figures; 决算数高于年初预算数 beside a
    completion rate under 100%."""
    _, _, _, findings = faulty
    rules = [f for f in _serious(findings) if f.rule_id == "N.completion_rate"]
    assert {("持平" in f.message, "rate printed" in f.message) for f in rules} == {(True, False), (False, True)}


def test_wrong_year_and_placeholder_in_headings(faulty):
    """Class 9: 2023年度 in a 2024 document's heading and year-end date; 示例市XX局 in the title."""
    _, _, _, findings = faulty
    years = [f for f in findings if f.rule_id == "N.year"]
    assert len(years) == 2 and all(f.severity == "error" and f.actual == 2023 for f in years)
    assert _one(findings, "N.placeholder").location == "示例市XX局"


# --- pure functions, in our own words -----------------------------------------------------------

@pytest.mark.parametrize("squeezed,joined", [
    ("合计9 9 9.8 3万元", "合计999.83万元"),                      # letter-spaced, '9.8' unspaced
    ("合计1 2 3 4 . 5 6万元，占4 1.1 5%", "合计1234.56万元，占41.15%"),
    ("支出29\n40.05万元", "支出2940.05万元"),                      # broken at a line end
    ("支出2 9\n4 0.0 5万元", "支出2940.05万元"),                    # both
    ("预算1 2 , 3 4 5 . 6 7万元", "预算12,345.67万元"),              # with a thousands separator
    ("66.05 69.00 65.08", "66.05 69.00 65.08"),                   # a table row stays a row
    ("66.05\n69.00万元", "66.05 69.00万元"),                       # two whole figures stay two
    ("第3 12月", "第3 12月"),                                     # no unit follows: untouched
])
def test_pieces_of_a_figure_are_joined(squeezed, joined):
    text, pages = join_pieces(squeezed, list(range(len(squeezed))))
    assert text == joined and len(pages) == len(text)


def test_an_unjoinable_run_yields_no_figure_rather_than_a_wrong_one():
    [block] = build_blocks([(3, "本年支出合计1 2 3.4 5 6.7万元。")])  # two pieces longer than one
    assert [f.text for f in figures(block.text)] == []


def test_fullwidth_digits_and_points():
    [block] = build_blocks([(3, "本年支出合计１２３．４５万元，占４５．６７％。")])
    assert [f.value for f in figures(block.text)] == [D("123.45"), D("45.67")]


def test_items_starting_inside_a_line_are_cut():
    line = "完成预算的98%。2.教育支出（类）普通教育（款）小学教育（项）。年初预算为3.5万元；（3）科学"
    assert split_inline_items(line) == ["完成预算的98%。", "2.教育支出（类）普通教育（款）小学教育（项）。年初预算为3.5万元；",
                                        "（3）科学"]
    assert split_inline_items("年初预算为2.5万元。3.5万元用于培训") == ["年初预算为2.5万元。3.5万元用于培训"]


def _coded(*rows: tuple[str, str]) -> RecordIndex:
    return RecordIndex([Record("05", code, "合计", D("1"), label, 5) for code, label in rows])


def test_the_last_item_named_is_the_figures():
    index = _coded(("205", "教育支出"), ("20502", "普通教育"), ("2050202", "小学教育"),
                   ("2050203", "初中教育"))
    text = ("1.教育支出（类）普通教育（款）小学教育（项）。年初预算为9万元。"
            "2.教育支出（类）普通教育（款）初中教育（项）。年初预算为")
    assert last_item_named(text, index).code == "2050203"
    unknown = last_item_named("教育支出（类）普通教育（款）高中教育（项）。支出决算为", index)
    assert unknown.code is None and "高中教育" in unknown.words
    assert last_item_named("本年支出合计", index) is None


def _doc(text: str, records: list[Record], year: int = 2024) -> ExtractedDocument:
    return ExtractedDocument("own.pdf", amount_unit_printed="万元", fiscal_year=year,
                             records=records, narrative=[(7, text)])


ITEM_RECORDS = [Record("05", "合计", "合计", D("130.00"), "合计", 5),
                Record("05", "205", "合计", D("130.00"), "教育支出", 5),
                Record("05", "20502", "合计", D("130.00"), "普通教育", 5),
                Record("05", "2050202", "合计", D("100.00"), "小学教育", 5),
                Record("05", "2050203", "合计", D("30.00"), "初中教育", 5)]


def test_an_item_that_cannot_be_found_is_not_verified_not_an_error():
    text = ("五、一般公共预算财政拨款支出决算情况说明\n（三）具体情况\n"
            "1.教育支出（类）普通教育（款）小学教育（项）。年初预算为100万元，支出决算为100.00万元。"
            "2.教育支出（类）普通教育（款）特殊教育（项）。年初预算为30万元，支出决算为30.00万元。")
    findings = narrative_findings(_doc(text, ITEM_RECORDS))
    assert [(f.severity, f.actual) for f in findings] == [("info", D("30.00"))]
    assert "could not verify" in findings[0].message and "特殊教育" in findings[0].message


@pytest.mark.parametrize("words,base", [("授予中小企业合同金额的", "授予中小企业合同金额"),
                                        ("本年支出合计的比例为", "本年支出合计"), ("", "")])
def test_base_words(words, base):
    assert base_words(words) == base


SHARE_RECORDS = [Record("03", "合计", "本年支出合计", D("200.00"), "合计", 4)]


def test_a_named_base_that_is_not_stated_is_not_verified():
    text = "十二、政府采购情况说明\n采购合同金额60.00万元，占工程类合同金额的40.00%。"
    [finding] = narrative_findings(_doc(text, SHARE_RECORDS))
    assert finding.severity == "info" and "could not verify" in finding.message


def test_a_generic_total_base_may_be_the_enumerations_head():
    """'财政拨款支出总计…，其中基本支出…，占总支出的…' : 总支出 names no particular base."""
    text = ("四、财政拨款支出决算说明\n财政拨款支出总计为120.00万元，其中基本支出90.00万元，占总支出的75.00%；"
            "项目支出30.00万元，占总支出的25.00%。")
    assert narrative_findings(_doc(text, SHARE_RECORDS)) == []


@pytest.mark.parametrize("sentence,severity", [
    ("年初预算为50万元，支出决算为40.00万元，决算数小于年初预算数。", None),
    ("年初预算为50万元，支出决算为40.00万元，年初预算数大于决算数。", None),
    ("年初预算为50万元，支出决算为40.00万元，决算数等于年初预算数。", "error"),
    ("年初预算为50万元，支出决算为40.00万元，决算数较年初预算数增加。", "error"),
    ("年初预算为50万元，支出决算为40.00万元，预算数低于决算数。", "error"),
    ("完成年初预算的96.50%，决算数大于年初预算数。", "error"),
    ("完成年初预算的100.00%，决算数等于年初预算数。", None),
    ("完成全年预算的96.50%，决算数大于年初预算数。", None),  # another budget: not comparable
    ("年初预算为50万元，支出决算为49.00万元，决算数与年初预算数基本持平。", None),
    ("支出决算为12.00万元，完成预算10.00万元的120.00%，决算数小于预算数。", "error"),  # final first
    ("支出决算为0.16万元，完成预算0万元的0%。决算数大于预算数。", None),  # '0万元' may be 0.4
    ("完成预算的0%，决算数大于预算数。", None),  # 0% is also the convention for a budget of 0
])
def test_budget_wording_against_the_figures_of_its_sentence(sentence, severity):
    text = "十三、预算执行说明\n" + sentence
    found = [f for f in narrative_findings(_doc(text, SHARE_RECORDS)) if f.rule_id == "N.completion_rate"]
    assert [f.severity for f in found] == ([severity] if severity else [])


HEADINGS = "第二部分 2024年度部门决算表\n第三部分 2024年度部门决算情况说明\n"


@pytest.mark.parametrize("text,years", [
    ("三、2023年度支出决算情况说明\n本年支出合计200.00万元。", [2023]),
    ("三、与2023年度相比的变化情况\n本年支出合计200.00万元。", []),
    ("十、资产情况\n截至2023年12月31日，共有车辆1辆。", [2023]),
    ("十、资产情况\n与截至2023年12月31日的资产相比，车辆未增加。", []),
    ("十、资产情况\n截至2024年12月31日，共有车辆1辆。", []),
    ("七、结转情况\n年初结转和结余（截至2023年12月31日）为5.00万元。", []),
])
def test_a_wrong_year_only_when_certain(text, years):
    findings = narrative_findings(_doc(HEADINGS + text, SHARE_RECORDS))
    assert [int(f.actual) for f in findings if f.rule_id == "N.year"] == years


def test_no_year_finding_when_the_fiscal_year_is_not_the_headings():
    """A misread fiscal year must not turn every heading into a finding."""
    findings = narrative_findings(_doc(HEADINGS + "三、2024年度支出决算情况说明\n本年支出合计200.00万元。",
                                       SHARE_RECORDS, year=2023))
    assert not [f for f in findings if f.rule_id == "N.year"]


@pytest.mark.parametrize("heading,name", [("第一部分 上海市XX局概况", "上海市XX局"),
                                          ("一、××单位基本情况", "××单位"),
                                          ("第三部分 20XX年度部门决算情况说明", "20XX年度"),
                                          ("一、XXL设备采购情况", None)])
def test_placeholders_in_headings(heading, name):
    findings = [f for f in narrative_findings(_doc(heading + "\n本年支出合计200.00万元。", SHARE_RECORDS))
                if f.rule_id == "N.placeholder"]
    assert [f.location for f in findings] == ([name] if name else [])


@pytest.mark.parametrize("values,reading", [
    # 年初预算数 blank: 全年 48.75, 执行 48.75, 分值 10 — the only reading its 100% fits
    (["48.75", "48.75", "10", "100%", "10"], (None, D("48.75"), D("48.75"))),
    (["0", "48.75", "48.75", "10", "100%", "10"], (D("0"), D("48.75"), D("48.75"))),
    (["48.75", "48.75", "10", "90%", "10"], None),  # no reading fits 90%: unread
    (["48.75", "48.75", "10"], None),               # no rate to decide by
])
def test_self_evaluation_row_read_by_header(values, reading):
    columns = header_columns("项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分")
    assert columns == ["initial", "full_year", "spent", "weight", "rate", "score"]
    row = read_row(columns, values, "万元")
    got = None if row is None else tuple(f.printed if f else None for f in (row.initial, row.full_year, row.spent))
    assert got == reading


# --- the findings-review ratchet (bench/findings_review.py) -------------------------------------

def test_the_review_ratchet_fails_on_unreviewed_false_and_lost(faulty):
    from bench.findings_review import judge

    path, _, _, findings = faulty
    errors = [f for f in findings if f.severity == "error"]
    first, second = errors[0], errors[1]
    reviewed = {f.key: {"key": f.key, "verdict": True} for f in errors[2:]}
    reviewed[second.key] = {"key": second.key, "verdict": False}
    reviewed["N.total|p99|a finding this document no longer gives|1"] = {"verdict": True}
    problems = judge(path, reviewed).problems
    assert len(problems) == 3
    assert problems[0].startswith("error not reviewed: " + first.key)
    assert problems[1] == f"reviewed FALSE but given again (error): {second.key}"
    assert problems[2].startswith("reviewed TRUE but no longer given: N.total|p99|")
    reviewed.update({first.key: {"verdict": True}, second.key: {"verdict": True}})
    del reviewed["N.total|p99|a finding this document no longer gives|1"]
    assert judge(path, reviewed).problems == []


INCOME = [Record("02", "合计", "本年收入合计", D("200.00"), "合计", 4),
          Record("02", "合计", "财政拨款收入", D("150.00"), "合计", 4),
          Record("02", "合计", "其他收入", D("50.00"), "合计", 4)]


@pytest.mark.parametrize("text,rate", [
    ("本年收入合计200.00万元，其中：财政拨款收入150.00万元，占75.00%；其他收入50.00万元，占25.00%。"
     "与上年相比，增加20.00万元，增长11.11%。", None),
    ("本年收入合计200.00万元。其中：财政拨款收入150.00万元，其他收入50.00万元。比上年增加20.00万元，"
     "增长11.11%。", None),
    ("本年收入合计200.00万元。其中：财政拨款收入150.00万元，其他收入50.00万元。比上年增加20.00万元，"
     "增长19.11%。", D("11.11")),
])
def test_a_change_without_subject_is_the_paragraphs_head_not_its_last_item(text, rate):
    """'…其他收入50.00万元。比上年增加20.00万元，增长11.11%': the change is of the 200.00
    the enumeration hangs on; read against the last item (50.00) it was a false error."""
    findings = [f for f in narrative_findings(_doc("二、收入决算情况说明\n" + text, INCOME))
                if f.severity == "error"]
    assert [f.expected for f in findings] == ([rate] if rate else [])
    assert all("200.00" in f.message for f in findings)


def test_items_numbered_in_brackets_under_a_letter_spaced_heading():
    """A letter-spaced section heading still opens its section, and items numbered
    '（一）…（项）' bind their figures like '1.' items: item 2's 31.00 against item 2's 30.00."""
    text = ("五 、 一 般 公 共 预 算 财 政 拨 款 支 出 决 算 情 况 说 明\n（三）具体情况\n"
            "（一）教育支出（类）普通教育（款）小学教育（项）。\n年初预算为100万元，支出决算为100.00万元。\n"
            "（二）教育支出（类）普通教育（款）初中教育（项）。\n年初预算为30万元，支出决算为31.00万元。")
    [finding] = narrative_findings(_doc(text, ITEM_RECORDS))
    assert (finding.severity, finding.actual, finding.expected) == ("error", D("31.00"), D("30.00"))
    assert "2050203" in finding.message
