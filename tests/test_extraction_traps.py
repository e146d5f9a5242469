"""Regression tests for the real-world traps (issue 3), each reproduced in a generated PDF.

Every trap the extractor meets in real packages (佛山, 西南大学, 上海 …) is drawn by the
sample renderer with a trap option of `Layout` (see juesuan.sample.traps), so the suite
needs nothing outside the repository. For each trap document the extracted records must
equal the renderer's truth cell by cell: 100% exact, nothing missing, nothing extra, with
the truth's pages and labels; the tests also check that the trap really is on the page
(a passing test on a document without the trap would prove nothing).

Each document is rendered and extracted once per module (a lazy, module-scoped cache).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

pytest.importorskip("fpdf")  # the renderer (juesuan[sample])
pdfium = pytest.importorskip("pypdfium2")

from juesuan.accuracy import score  # noqa: E402
from juesuan import canonical as C  # noqa: E402
from juesuan.canonical import COLUMNS_07, SANGONG_ITEMS, TABLE_IDS  # noqa: E402
from juesuan.extract import extract_document  # noqa: E402
from juesuan.pipeline import process_file  # noqa: E402
from juesuan.sample.traps import TRAPS, budget_package, first_printing, render_trap  # noqa: E402


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("traps")


@pytest.fixture(scope="module")
def trap(out_dir):
    """trap(name) -> (rendered document, extracted document), each made once."""
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            rendered = render_trap(name, out_dir)
            cache[name] = (rendered, extract_document(rendered.pdf_path))
        return cache[name]

    return get


def page_text(path, number: int) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        textpage.close()
        page.close()
        return text
    finally:
        pdf.close()


def assert_exact(rendered, doc, truth=None) -> None:
    """Every truth cell exact (amount, and its page and label), nothing extra, and the
    document-level table lists as in the truth."""
    truth = first_printing(rendered.records) if truth is None else truth
    result = score(rendered.pdf_path.name, truth, doc.records)
    assert (result.missing, result.wrong_amount, result.extra) == ([], [], [])
    assert result.exact == result.truth_count == len(truth) > 0
    ours = {(r.table_id, r.row_key, r.column_key): (r.page, r.row_label) for r in doc.records}
    wrong_place = [(r.table_id, r.row_key, r.column_key, (r.page, r.row_label),
                    ours[(r.table_id, r.row_key, r.column_key)]) for r in truth
                   if ours[(r.table_id, r.row_key, r.column_key)] != (r.page, r.row_label)]
    assert wrong_place == []
    assert sorted(doc.tables_present) == rendered.truth["tables_present"]
    assert sorted(doc.tables_empty) == rendered.truth["tables_empty"]
    assert sorted(doc.tables_absent) == rendered.truth["tables_absent"]
    assert doc.doc_type == "final"
    assert doc.amount_unit_printed == rendered.truth["amount_unit_printed"]
    assert (doc.unit_name, doc.fiscal_year) == (rendered.truth["unit_name"], rendered.truth["fiscal_year"])


def table_records(doc, table_id: str):
    return [r for r in doc.records if r.table_id == table_id]


# --- 1. continuation pages that repeat title, header and 合计 (佛山) ----------------------

def test_continuation_page_repeating_title_header_and_total_is_one_table(trap):
    rendered, doc = trap("repeat_header")
    pages = rendered.truth["table_pages"]
    long_tables = [t for t in ("02", "03", "05") if len(pages[t]) > 1]
    assert long_tables, "the trap needs tables that run over a page"
    for t in long_tables:
        title = {"02": "收入决算表", "03": "支出决算表", "05": "一般公共预算财政拨款支出决算表"}[t]
        for number in pages[t]:  # the title, the header and the 合计 row on every page
            text = page_text(rendered.pdf_path, number)
            assert title in text and "栏次" in text and "合计" in text
        assert doc.table_pages[t] == pages[t]
    assert_exact(rendered, doc)
    # the repeated 合计 rows carry the same figures: no conflict, no problem at all
    assert doc.problems == []


# --- 2. continuation codes spanning 类/款/项 (西南大学) --------------------------------------

def test_continuation_page_with_whole_codes_across_split_columns(trap):
    rendered, doc = trap("merged_codes")
    pages = rendered.truth["table_pages"]["02"]
    assert len(pages) > 1
    whole_code = re.compile(r"(?<!\d)\d{7}(?!\d)")
    assert not whole_code.search(page_text(rendered.pdf_path, pages[0]))  # 201 | 03 | 01
    assert whole_code.search(page_text(rendered.pdf_path, pages[1]))  # 2010301 across three
    assert_exact(rendered, doc)
    assert doc.problems == []


# --- 3. the 合计 row sharing its grid row with header words (上海 02/03, 07/08) -------------

@pytest.mark.parametrize("name", ["total_row_split", "total_row_whole"])
def test_total_row_carrying_header_words(trap, name):
    rendered, doc = trap(name)
    assert_exact(rendered, doc)
    assert doc.problems == []
    assert {"07", "08"} <= set(doc.tables_empty)
    t07 = table_records(doc, "07")
    assert {r.column_key for r in t07} == set(COLUMNS_07)  # 合计/基本/项目 are headers, not rows
    assert all(r.row_key == "合计" and r.amount is None for r in t07)
    t08 = table_records(doc, "08")
    assert t08 and all(r.row_key == "合计" and r.amount is None for r in t08)
    if name == "total_row_split":  # 类 款 项 in the 合计 row, its figures read
        assert table_records(doc, "02")[0].row_key == "合计"
        assert table_records(doc, "02")[0].amount is not None
    else:  # 08 as 本年支出 合计 | 基本支出 | 项目支出 only
        assert {r.column_key for r in t08} == {"本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"}


# --- 4. 09 under a 财政拨款“三公”经费 banner, interleaved, and empty ------------------------

@pytest.mark.parametrize("name", ["sangong_empty", "sangong_blank_grouped"])
def test_empty_sangong_table(trap, name):
    rendered, doc = trap(name)
    page = rendered.truth["table_pages"]["09"][0]
    if name == "sangong_empty":
        assert "财政拨款“三公”经费\r\n" in page_text(rendered.pdf_path, page)  # the top banner row
    assert_exact(rendered, doc)
    assert "09" in doc.tables_empty
    t09 = table_records(doc, "09")
    assert len(t09) == 12 and all(r.amount is None and r.row_key == "合计" for r in t09)
    assert {r.column_key.split("/", 1)[1] for r in t09} == set(SANGONG_ITEMS)


# --- 5. titles after the table body in the text stream (Excel export) -----------------------

def test_title_printed_after_the_body_in_the_text_stream(trap):
    rendered, doc = trap("title_after_body")
    page = rendered.truth["table_pages"]["02"][0]
    text = page_text(rendered.pdf_path, page)
    assert text.index("收入决算表") > text.index("合计")  # stream order: body, then title
    assert_exact(rendered, doc)
    assert doc.problems == []


# --- 6. titles that contain one another, shuffled order, numbering variants ----------------

@pytest.mark.parametrize("name", ["order_gongkai", "order_biao", "order_fubiao", "order_none",
                                  "order_sangong7"])
def test_shuffled_tables_and_numbering(trap, name):
    rendered, doc = trap(name)
    order = TRAPS[name].layout.table_order
    first_pages = rendered.truth["table_pages"]
    assert sorted(TABLE_IDS, key=lambda t: first_pages[t][0]) == list(order)
    assert_exact(rendered, doc)
    assert doc.table_pages == {t: first_pages[t] for t in TABLE_IDS}
    assert doc.problems == []


# --- 7. a template: every amount blank ----------------------------------------------------

@pytest.mark.parametrize("name", ["template", "template_hunan"])
def test_template_every_table_present_and_empty(trap, name):
    rendered, doc = trap(name)
    assert_exact(rendered, doc)
    assert sorted(doc.tables_present) == sorted(doc.tables_empty) == list(TABLE_IDS)
    assert doc.records and all(r.amount is None for r in doc.records)  # blank, never 0.00
    assert {r.table_id for r in doc.records} == set(TABLE_IDS)
    coded = [r for r in doc.records if r.table_id == "02" and r.row_key.isdigit()]
    assert coded  # the printed rows are all there, each with a null amount


# --- 8. 栏次 rows and year rows are never money ---------------------------------------------

def test_index_row_and_year_row_are_not_money(trap):
    rendered, doc = trap("index_and_year")
    page = rendered.truth["table_pages"]["05"][0]
    text = page_text(rendered.pdf_path, page)
    assert "2023\r\n" in text and "栏次" not in text  # a bare year row, a bare 1 2 3 row
    assert_exact(rendered, doc)
    # 05 prints 基本支出 | 项目支出 | 合计 over 1 | 2 | 3: the index row satisfies 1 + 2 = 3
    assert {r.column_key for r in table_records(doc, "05")} == {"合计", "基本支出", "项目支出"}
    assert not [r for r in doc.records if r.amount == Decimal(2023)]
    assert not [r for r in doc.records if r.row_key in ("栏次", "", "2023")]


# --- 9. separators, full-width digits, dashes, 元 → 万元 -------------------------------------

def test_yuan_thousands_and_dashes_convert_exactly(trap):
    rendered, doc = trap("yuan_dashes")
    text = page_text(rendered.pdf_path, rendered.truth["table_pages"]["03"][0])
    assert re.search(r"\d{1,3},\d{3},\d{3}\.\d{2}", text) and " - " in text
    assert_exact(rendered, doc)
    assert doc.amount_unit_printed == "元"
    big = [r.amount for r in doc.records if r.amount is not None and r.amount >= 1000]
    assert big and any(a.as_tuple().exponent == -6 and a != a.quantize(Decimal("0.01")) for a in big)
    zeros = [r for r in doc.records if r.amount is not None and r.amount == 0]
    assert zeros  # '-' is a printed zero, not a blank


def test_fullwidth_digits_and_em_dashes(trap):
    rendered, doc = trap("fullwidth_emdash")
    text = page_text(rendered.pdf_path, rendered.truth["table_pages"]["02"][0])
    assert re.search("[０-９]．[０-９]{2}", text) and "—" in text
    assert_exact(rendered, doc)
    assert [r for r in doc.records if r.amount is not None and r.amount == 0]


# --- 10. a budget package is read as a budget, not as final accounts -------------------------

def test_budget_package_is_read_as_a_budget(out_dir):
    """A final's tables with every 决算 printed 预算: read with the budget keys (docs/BUDGETS.md),
    never as final accounts. Its 07 keeps a final's balance columns, which budgets do not have:
    reported as unknown columns, not dropped silently."""
    rendered = budget_package(out_dir / "budget.pdf")
    doc = extract_document(rendered.pdf_path)
    assert doc.doc_type == "budget" and not doc.fatal
    assert doc.tables_present == list(C.TABLE_IDS)
    assert {r.column_key for r in doc.records if r.table_id == "01"} == {C.BUDGET_AMOUNT}
    assert not any(r.column_key == C.AMOUNT for r in doc.records)  # no 决算数 in a budget
    assert {p.table_id for p in doc.problems if p.code == "unknown_column"} <= {"07", "09"}
    result = process_file(rendered.pdf_path)
    assert result.status in ("loaded", "loaded_with_warnings") and result.doc.doc_type == "budget"


# --- 11. a table missing, a table printed twice ----------------------------------------------

def test_missing_table_is_absent_and_named(trap):
    rendered, doc = trap("no_08")
    assert_exact(rendered, doc)
    assert doc.tables_absent == ["08"]
    missing = [p for p in doc.problems if p.code == "table_missing"]
    assert len(missing) == 1 and missing[0].table_id == "08" and "08" in missing[0].message
    assert not missing[0].fatal


def test_table_printed_twice_uses_the_first_printing(trap):
    rendered, doc = trap("printed_twice")
    first, second = rendered.truth["table_pages"]["03"][0], rendered.truth["table_pages"]["03"][-1]
    assert second > first + 1  # printed again after 09
    assert_exact(rendered, doc)  # truth = the first printing of each cell
    assert {r.page for r in table_records(doc, "03")} == {first}


def test_table_printed_twice_is_reported(trap):
    rendered, doc = trap("printed_twice")
    second = rendered.truth["table_pages"]["03"][-1]
    reported = [p for p in doc.problems if p.code == "table_unreadable" and "twice" in p.message]
    assert reported and reported[0].page == second


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_pages_stored_sideways_with_a_rotate_entry_read_as_displayed(tmp_path, rotation):
    from juesuan.sample.traps import rotated_pages_pdf
    from tests.conftest import CORPUS

    source = sorted((CORPUS / "示例市" / "2023").glob("*.pdf"))[0]
    rotated = rotated_pages_pdf(source, tmp_path / f"rotated-{rotation}.pdf", rotation)
    pdf = pdfium.PdfDocument(str(rotated))
    try:  # the trap is real: table pages carry /Rotate and their text runs sideways in user space
        turned = [i + 1 for i in range(len(pdf)) if pdf[i].get_rotation() == rotation]
    finally:
        pdf.close()
    assert len(turned) >= 5
    original, read = extract_document(source), extract_document(rotated)

    def cells(doc):
        return sorted((r.table_id, r.row_key, r.column_key, str(r.amount), r.page, r.row_label)
                      for r in doc.records)

    assert not read.problems
    assert cells(read) == cells(original) and len(read.records) > 500
