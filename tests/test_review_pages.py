"""The review pages: where findings are marked, which PDF is shown, what is written, at what cost.

Pure functions first (cell references, quote search, PDF look-up, image encoding, font),
then the pages of a generated warehouse (tests/review_site.py): a marked box must sit on
the printed figure or sentence it stands for, and every link must resolve.
"""

from __future__ import annotations

import io
import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from juesuan.extract.pdfium_page import read_page
from juesuan.report import write_reports
from juesuan.report.data import CellRow, DocumentRow
from juesuan.report.highlight import PageText, find_quote, line_boxes, sentence_target, table_targets
from juesuan.report.pages import GREY_LEVELS, encode_page
from juesuan.report.pdfs import PdfFinder, local_path
from juesuan.report.webfont import subset_font
from juesuan.pipeline import file_sha256
from juesuan.text import normalise_text
from tests.review_site import ADDED

D = Decimal


def cell(table_id, row_key, column_key, box, page=7, amount="1.00", label=None):
    return CellRow(table_id, row_key, column_key, D(amount), label or row_key, page, box)


CELLS = [
    cell("03", "合计", "本年支出合计", (100, 200, 150, 212)),
    cell("03", "合计", "基本支出", (150, 200, 200, 212)),
    cell("03", "201", "本年支出合计", (100, 212, 150, 224), label="一般公共服务支出"),
    cell("03", "201", "基本支出", (150, 212, 200, 224), label="一般公共服务支出"),
    cell("03", "2010301", "基本支出", (150, 224, 200, 236), label="行政运行"),
    cell("01", "支出/一般公共服务支出", "决算数", (300, 100, 350, 112), page=5),
    cell("06", "30201", "决算数", (100, 300, 150, 312), page=10, label="办公费"),
    cell("09", "合计", "决算数/公务接待费", (400, 300, 450, 312), page=12),
]


# --- which cells a finding names ------------------------------------------------------------

@pytest.mark.parametrize("location, expected", [
    ("03 row 合计, column 基本支出", {(7, (150, 200, 200, 212))}),
    ("03 row 201 (一般公共服务支出), column 本年支出合计", {(7, (100, 212, 150, 224))}),
    ("03 row 201 (一般公共服务支出)", {(7, (100, 212, 150, 224)), (7, (150, 212, 200, 224))}),
    ("03 row 2010301", {(7, (150, 224, 200, 236))}),  # not the prefix row 201
    ("01 支出/一般公共服务支出/决算数 vs 03 201/本年支出合计",
     {(5, (300, 100, 350, 112)), (7, (100, 212, 150, 224))}),
    ("06 30201 (办公费) ≤ 09 合计/决算数/公务接待费", {(10, (100, 300, 150, 312)), (12, (400, 300, 450, 312))}),
    ("03 基本支出", {(7, (150, 200, 200, 212)), (7, (150, 212, 200, 224)), (7, (150, 224, 200, 236))}),
])
def test_cells_named_by_a_location_are_marked(location, expected):
    targets = table_targets(location, (7,), CELLS)
    marked = {(t.page, box) for t in targets for box in t.boxes}
    assert marked == expected
    assert all(t.note is None for t in targets)


def test_a_whole_table_or_an_unknown_cell_is_outlined_and_said_so():
    whole = table_targets("table 03", (7,), CELLS)
    assert [(t.page, t.boxes) for t in whole] == [(7, ())]
    assert whole[0].context == (100, 200, 200, 236) and "no single cell" in whole[0].note
    unknown = table_targets("03 row 2990101, column 基本支出", (7,), CELLS)
    assert unknown[0].boxes == () and "not read with a position" in unknown[0].note
    assert table_targets("项目支出174.97万元，占44.12%。", (14,), CELLS) is None  # a sentence


# --- quoted sentences on a page ---------------------------------------------------------------

def page_of(lines: list[str], top: float = 100.0) -> PageText:
    """Characters 10 pt wide, one line per string, 20 pt apart."""
    chars = []
    for n, line in enumerate(lines):
        y = top + 20 * n
        chars += [{"text": ch, "x0": 50 + 10 * i, "x1": 60 + 10 * i, "top": y, "bottom": y + 10,
                   "baseline": y + 9} for i, ch in enumerate(line)]
    return PageText.from_chars(chars)


def test_a_sentence_over_two_lines_is_marked_line_by_line():
    page = page_of(["二、支出情况本年支出合计397.44万", "元，其中基本支出222.47万元。下一句"])
    spans, partial = find_quote(page, "本年支出合计397.44万元，其中基本支出222.47万元。")
    assert not partial and len(spans) == 1
    boxes = line_boxes(page, *spans[0])
    assert boxes == [(110, 100, 240, 110), (50, 120, 220, 130)]


def test_full_width_and_spaces_do_not_hide_a_sentence():
    page = page_of(["表格 66.05 69.00 65.08 其他"])
    spans, partial = find_quote(page, "表格６６．０５ 69.00  65.08")
    assert spans and not partial


def test_a_trimmed_quote_is_found_by_its_two_ends():
    sentence = "一般公共预算财政拨款支出年初预算数224.46万元，决算数397.44万元，完成年初预算的100%"
    page = page_of([sentence[:30], sentence[30:]])
    quote = sentence[:20] + "…" + sentence[-20:]
    spans, partial = find_quote(page, quote)
    assert spans == [(0, len(normalise_text(sentence)))] and not partial


def test_a_sentence_running_onto_the_next_page_marks_its_beginning_and_says_so():
    quote = "公用经费194.34万元，占基本支出的87.35%，包括办公费、差旅费、租赁费。"
    page = page_of(["前文。公用经费194.34万元，占基本支出的", "87.35%，包括办公费、", "-14-"])
    target = sentence_target(14, page, quote)
    assert target.boxes and "only part" in target.note


def test_a_sentence_not_on_the_page_marks_nothing():
    page = page_of(["这一页说的是别的事情，没有这个句子。"])
    target = sentence_target(3, page, "本年收入合计397.44万元，全部为财政拨款收入。")
    assert target.boxes == () and "not found on page 3" in target.note
    # a piece too short to be evidence is not searched at all
    assert find_quote(page_of(["10 20 30"]), "10") == ([], False)


# --- which PDF is shown -----------------------------------------------------------------------

def document(path: Path | None, sha: str | None, uri: str | None = None, name: str | None = None) -> DocumentRow:
    return DocumentRow("d1", "单位", 2024, "单位", name or (path.name if path else "x.pdf"),
                       uri if uri is not None else (path.resolve().as_uri() if path else None),
                       "quarantined", "", None, None, sha256=sha)


def test_a_pdf_is_shown_only_when_its_bytes_are_the_ones_loaded(tmp_path):
    pdf = tmp_path / "单位 2024.pdf"
    pdf.write_bytes(b"%PDF-1.4 loaded bytes")
    loaded = file_sha256(pdf)
    assert local_path(pdf.resolve().as_uri()) == pdf.resolve()
    finder = PdfFinder(tmp_path / "wh")
    assert finder.locate(document(pdf, loaded)).path == pdf.resolve()
    pdf.write_bytes(b"%PDF-1.4 a corrected version")
    changed = PdfFinder(tmp_path / "wh").locate(document(pdf, loaded))
    assert changed.path is None and "has changed since it was loaded" in changed.missing
    pdf.unlink()
    gone = PdfFinder(tmp_path / "wh").locate(document(pdf, loaded))
    assert gone.path is None and "no longer reachable" in gone.missing


def test_a_downloaded_or_unpacked_copy_is_found_in_the_warehouse(tmp_path):
    kept = tmp_path / "wh" / "downloads" / "portal.example" / "2024" / "甲局-决算.pdf"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"%PDF-1.4 downloaded")
    other = tmp_path / "wh" / "unpacked" / "abc" / "甲局-决算.pdf"  # same name, other bytes
    other.parent.mkdir(parents=True)
    other.write_bytes(b"%PDF-1.4 other")
    url = "https://portal.example/files/%E7%94%B2.pdf"
    found = PdfFinder(tmp_path / "wh").locate(document(None, file_sha256(kept), url, "甲局-决算.pdf"))
    assert found.path == kept
    member = PdfFinder(tmp_path / "wh").locate(
        document(None, file_sha256(other), f"{url}.zip!/甲局-决算.pdf", "甲局-决算.pdf"))
    assert member.path == other
    assert PdfFinder(tmp_path / "wh").locate(document(None, None, url)).missing.startswith("the file was never read")


# --- images and font -----------------------------------------------------------------------

def test_page_images_are_4_bit_greyscale_pngs_of_the_same_size():
    source = Image.linear_gradient("L").resize((300, 200))
    data = encode_page(source)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.mode == "P" and image.size == (300, 200)
    assert len(image.getcolors()) == GREY_LEVELS  # a gradient uses every level
    assert data[24] == 4  # IHDR bit depth


def test_the_web_font_holds_exactly_what_the_pages_need():
    data = subset_font("示例市审计局 397.44")
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff"
    cmap = font.getBestCmap()
    assert all(ord(ch) in cmap for ch in "示例市审计局397.")
    assert ord("龘") not in cmap and len(cmap) < 40
    assert "Open Font License" in " ".join(str(n) for n in font["name"].names)


# --- the pages of a generated warehouse -----------------------------------------------------------

@pytest.fixture()
def site(review_site):
    return review_site  # tests/conftest.py: built once per session


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.links.append(value)
            if name == "style" and value and "url(" in value:
                self.links += re.findall(r'url\("?([^")]+)"?\)', value)


def links_of(path: Path) -> list[str]:
    parser = _Links()
    text = path.read_text(encoding="utf-8")
    parser.feed(text)
    return parser.links + re.findall(r'url\("([^"]+)"\)', text)


def test_every_page_link_and_image_resolves_inside_the_reports_folder(site):
    pages = [site.written.run_report, site.written.dashboard, site.written.queue, *site.written.document_pages]
    for page in pages:
        for link in links_of(page):
            assert not re.match(r"^(https?:|//|/|file:)", link), f"{page.name}: {link} is not relative"
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.exists(), f"{page.name} links to a missing {link}"
            assert target == site.reports or site.reports in target.parents


def _marked_text(style: str, page: int, pdf: Path) -> str:
    """The characters of the PDF page whose centres fall inside a highlight (its style in %)."""
    numbers = dict(re.findall(r"(left|top|width|height):([\d.]+)%", style))
    document = pdfium.PdfDocument(str(pdf))
    try:
        content = read_page(document, page - 1)
    finally:
        document.close()
    x0 = float(numbers["left"]) / 100 * content.width
    y0 = float(numbers["top"]) / 100 * content.height
    x1 = x0 + float(numbers["width"]) / 100 * content.width
    y1 = y0 + float(numbers["height"]) / 100 * content.height
    return "".join(c["text"] for c in content.chars
                   if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and y0 <= (c["top"] + c["bottom"]) / 2 <= y1)


def _cards(page: str) -> list[str]:
    return re.findall(r'<div class="card".*?</div></div></div>', page, re.S)


def test_a_broken_total_is_marked_on_the_printed_figure(site):
    page = site.written.run_report.read_text(encoding="utf-8")
    card = next(c for c in _cards(page) if "Tcode.total_sum" in c and site.ids["tampered"] in c)
    src = re.search(r'<img src="([^"]+)"', card).group(1)
    (style,) = re.findall(r'<span class="hl" style="([^"]+)"', card)
    printed = re.search(r"printed</td><td><span class=\"num\">([\d.]+)<", card).group(1)
    expected = re.search(r"expected</td><td><span class=\"num\">([\d.]+)<", card).group(1)
    assert abs(D(printed) - D(expected) - ADDED) <= D("0.05")  # the alteration (Σ rows round)
    assert (site.reports / src).exists()
    assert _marked_text(style, 7, site.pdfs["tampered"]) == printed


def test_a_quoted_sentence_is_marked_where_it_is_printed(site):
    page = site.written.run_report.read_text(encoding="utf-8")
    card = next(c for c in _cards(page) if "N.share" in c and "44.12" in c)
    styles = re.findall(r'<span class="hl" style="([^"]+)"', card)
    marked = "".join(_marked_text(style, 14, site.pdfs["seed"]) for style in styles)
    # one box per printed line of the sentence (it wraps): together exactly the quote
    assert len(styles) == 2 and marked == "项目支出174.97万元，占44.12%。"


def test_a_missing_pdf_and_a_page_problem_are_shown_honestly(site):
    page = site.written.run_report.read_text(encoding="utf-8")
    moved = page[page.index(f'id="doc-{site.ids["moved"]}"'):]
    moved = moved[:moved.index("<h3", 10)]
    assert "No page image: the PDF is no longer reachable" in moved and "<img" not in moved
    twice = page[page.index(f'id="doc-{site.ids["printed_twice"]}"'):]
    twice = twice[:twice.index("<h3", 10)] if "<h3" in twice[10:] else twice
    assert "table_unreadable" in twice and "p014-100dpi.png" in twice
    no_08 = page[page.index(f'id="doc-{site.ids["no_08"]}"'):]
    assert "the problem concerns the document as a whole" in no_08[:no_08.index("</div></div></div>")]


def test_a_document_that_could_not_be_read_is_not_opened_again(site):
    page = site.written.run_report.read_text(encoding="utf-8")
    failed = page[page.index(f'id="doc-{site.ids["encrypted"]}"'):]
    failed = failed[:failed.index("<h3", 10)]
    assert "the PDF is encrypted" in failed
    assert not list(site.reports.glob(f"documents/{site.ids['encrypted']}/*.png"))
    document = (site.reports / f"documents/{site.ids['encrypted']}.html").read_text(encoding="utf-8")
    assert "could not be read, so its pages are not shown" in document


def test_every_table_is_shown_beside_what_was_read(site):
    page = (site.reports / f"documents/{site.ids['tampered']}.html").read_text(encoding="utf-8")
    assert "What we read" in page
    for table_id in ("01", "02", "03", "04", "05", "06", "07", "08", "09"):
        assert f"Table {table_id} — page" in page
    assert page.count('class="cellbox"') >= 500  # every figure read is outlined (612 in all)
    assert '<td class="num" title="合计 / 基本支出"' in page
    assert "juesuan release " + site.ids["tampered"] in page


def test_queue_lists_each_quarantined_document_with_its_release_command(site):
    page = site.written.queue.read_text(encoding="utf-8")
    for role in ("tampered", "moved"):
        assert f"juesuan release {site.ids[role]} --operator NAME" in page
    assert site.ids["seed"] not in page and "Tcode.total_sum" in page
    assert "2 quarantined document(s) wait" in page


def test_dashboard_draws_each_chart_with_its_figures(site):
    page = site.written.dashboard.read_text(encoding="utf-8")
    charts = re.findall(r'data-chart="([^"]+)"><img src="([^"]+)"', page)
    assert [name for name, _ in charts] == ["function-by-year", "basic-vs-project", "sangong-by-year",
                                            "sangong-by-unit", "outcomes", "yoy-units"]
    for _, src in charts:
        svg = (site.reports / src).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<path" in svg
        assert "<text" not in svg  # labels are outlines: no font needed to read them
    assert 'id="budget-execution"' in page
    assert "示例市审计局" in page  # in the figures tables, from the views


def test_only_needed_pages_are_rendered_and_kept_for_the_next_time(site):
    images = list(site.reports.glob("documents/*/*.png"))
    assert len(images) == site.written.pages_rendered
    moved = list(site.reports.glob(f"documents/{site.ids['moved']}/*.png"))
    assert moved == []  # no PDF, no image
    clean = list(site.reports.glob(f"documents/{site.ids['audit_2023']}/*.png"))
    assert clean == []  # nothing to review: no page images unless asked for
    again = write_reports(site.warehouse)
    assert again.pages_rendered == 0
    assert sum(p.stat().st_size for p in images) < 60_000 * len(images)


def test_all_documents_on_request(site, tmp_path):
    copy = tmp_path / "warehouse"
    shutil.copytree(site.warehouse, copy)
    written = write_reports(copy, all_documents=True)
    assert {p.stem for p in written.document_pages} >= {site.ids["audit_2023"], site.ids["audit_2024"]}
    assert list(copy.glob(f"reports/documents/{site.ids['audit_2024']}/*.png"))


def test_pages_stored_sideways_are_shown_and_marked_as_displayed(tmp_path):
    from juesuan.pipeline import process_file
    from juesuan.sample.traps import rotated_pages_pdf
    from tests.review_site import tampered_pdf
    from warehouse import load_document, open_ingest, start_run
    from warehouse.publish import publish_snapshot

    upright = tampered_pdf(tmp_path / "upright.pdf", "示例市旋转测试局", 3)
    sideways = rotated_pages_pdf(upright, tmp_path / "示例市旋转测试局-2023-部门决算.pdf", 90, landscape_only=False)
    result = process_file(sideways, sideways.resolve().as_uri())
    assert result.status == "quarantined"
    con = open_ingest(tmp_path / "wh")
    try:
        load_document(con, result.doc, result.findings, result.status, result.reason, result.sha256,
                      result.source_uri, run_id=start_run(con))
        publish_snapshot(tmp_path / "wh", con=con)
    finally:
        con.close()
    page = write_reports(tmp_path / "wh").run_report.read_text(encoding="utf-8")
    card = next(c for c in _cards(page) if "Tcode.total_sum" in c)
    (style,) = re.findall(r'<span class="hl" style="([^"]+)"', card)
    printed = re.search(r"printed</td><td><span class=\"num\">([\d.]+)<", card).group(1)
    assert _marked_text(style, 7, sideways) == printed
    src = re.search(r'<img src="([^"]+)"', card).group(1)
    with Image.open(tmp_path / "wh" / "reports" / src) as image:
        document = pdfium.PdfDocument(str(sideways))
        width, height = document[6].get_size()  # as displayed
        document.close()
        assert abs(image.width / image.height - width / height) < 0.01
