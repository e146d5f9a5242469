"""Trap documents and broken files: what has tripped extractors, generated on demand.

Every habit of a real 部门决算 package that once broke (or nearly broke) extraction is
reproduced here in a PDF the project draws itself, so the regression tests run without
the real documents (../shared). Two families:

**Trap documents** (`TRAPS`, `render_trap(name, out_dir)`): a small synthetic unit
rendered through a preset with one or two trap options of `layouts.Layout` switched on.
The renderer writes the truth of what it printed, so a test compares
`extract_document(path).records` with `RenderedDocument.records` cell by cell.

    repeat_header      continuation pages repeat title, header and 合计 row (佛山)
    merged_codes       continuation pages print whole codes across 类|款|项 (西南大学)
    total_row_split    类|款|项 printed in the 合计 row's code cells; empty 07/08 carry
                       本年支出 sub-headers in their 合计 row (上海 02/03, 07/08)
    total_row_whole    the same with whole codes: 07/08 合计 | 合计 基本支出 项目支出
    sangong_empty      09 headed 财政拨款“三公”经费, items, 预算数/决算数 at the bottom,
                       every cell blank (上海 2024)
    title_after_body   each title enters the content stream after its grid (Excel export)
    order_gongkai … order_none
                       shuffled table order and titles that contain one another, under
                       each numbering (公开01表, 表1, 附表一, none)
    order_sangong7     09 as 表7 before 07/08 (佛山)
    template, template_hunan
                       every amount blank (上海 template): all tables present and empty
    index_and_year     bare 栏次 row whose numbers add up (05: 1 + 2 = 3), a year row
    yuan_dashes        元 with thousands separators, zeros as '-': exact 万元
    fullwidth_emdash   full-width digits, thousands separators, zeros as '—'
    no_08              table 08 not printed
    printed_twice      table 03 printed a second time after 09
    fund_lines_like_income, fund_lines_across_pages
                       04's income lines and the fund lines under its opening balance
                       (worded 年初结转和结余 / 上年结转) print the same labels, no
                       numbering; the second with a page break between them
    break_lei_<layout>, break_kuan_<layout>
                       in each of the four layouts, every table that can span pages breaks
                       before a 类 row (resp. a 款 row after a 项; in 01/04 a 类 line, resp.
                       the opening balance's fund lines), with no rule between the last
                       row of a page and the first of the next (a spreadsheet border
                       owned by neither cell): the rows either side of the break lie
                       outside every closed cell. The unit has a 政府性基金 fund, so 07
                       has rows to split too (08 prints only 合计, 09 one row)

`budget_package(path)` renders a 部门预算 (every 决算 turned 预算): not final accounts.

**Broken files**, as bytes (write them with `write_file`): `empty_bytes`,
`random_bytes`, `html_error_page`, `truncated(data)`, `encrypted_pdf(path)` (rendered,
with a user password or only an owner password), `image_only_pdf(source)` (pages
rasterised, no text layer), `cid_font_pdf(data)` (text without a Unicode map: pdfminer
prints (cid:NNN)), `many_pages_pdf(n)` (cheap blank pages, for the page bound).

Everything is deterministic: same arguments, same bytes (random bytes from a seed).
"""

from __future__ import annotations

import copy
import io
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from juesuan.canonical import TABLE_IDS
from juesuan.model import Record
from juesuan.sample.accounts import UnitAccounts
from juesuan.sample.blocks import Block, Cover, Heading, Paragraph, Table, block_text
from juesuan.sample.builder import make_unit
from juesuan.sample.document import (
    DocumentContent, RenderedDocument, assemble, creation_date, document_kind)
from juesuan.sample.draw import draw
from juesuan.sample.font import font_file
from juesuan.sample.layouts import LAYOUTS, Layout
from juesuan.sample.statement import from_accounts
from juesuan.sample.truth import truth_dict

# Unit shapes: few rows (one page per table), or enough 项 for 02/03/05 to run over pages.
SMALL: dict = {"projects": 3}
LONG: dict = {"projects": 30, "pool": ("201", "208", "212", "213")}


@dataclass(frozen=True)
class Trap:
    name: str
    what: str  # the real-world habit reproduced, in words
    layout: Layout
    unit: dict = field(default_factory=lambda: dict(SMALL))  # make_unit keyword arguments


def _with(preset: str, name: str, **options) -> Layout:
    return replace(LAYOUTS[preset], name=name, **options)


_TITLE_VARIANTS = dict(LAYOUTS["hunan"].titles)
_TITLE_VARIANTS.update({
    "06": "一般公共预算财政拨款基本支出决算表",
    "07": "政府性基金预算财政拨款支出决算表",  # contains 支出决算表 (03's title)
    "08": "国有资本经营预算财政拨款支出决算表",
    "09": "一般公共预算财政拨款“三公”经费支出决算表",  # contains 05's words
})

_ORDERS = {
    "gongkai": ("09", "01", "02", "03", "04", "05", "06", "07", "08"),  # 三公 as 公开01表
    "biao": ("07", "08", "09", "06", "05", "04", "03", "02", "01"),  # reversed: 07 before 03
    "fubiao": ("04", "09", "01", "07", "03", "06", "08", "02", "05"),
    "none": ("08", "03", "07", "02", "09", "05", "01", "06", "04"),
}
# The presets every page-break trap is drawn in (all of the renderer's layouts).
PAGE_BREAK_LAYOUTS = ("hunan", "hunan_b", "shanghai", "yuan")

_ORDERS_SANGONG_7 = ("01", "02", "03", "04", "05", "06", "09", "07", "08")  # 佛山: 三公 as 表7

_TRAP_LIST = [
    Trap("repeat_header", "continuation pages repeat the title block, the header and the 合计 "
         "row with the same figures (佛山 style)",
         _with("hunan", "trap-repeat", continuation="repeat_total"), dict(LONG)),
    Trap("merged_codes", "continuation pages print each code whole in one cell spanning 类|款|项, "
         "the first page splits them (西南大学 style)",
         _with("shanghai", "trap-merged-codes", continuation_codes="merged"), dict(LONG)),
    Trap("total_row_split", "类 | 款 | 项 printed in the code cells of the 合计 row; empty 07/08 "
         "print their 本年支出 sub-headers in the 合计 row (上海 02/03 and 07/08 style)",
         _with("shanghai", "trap-total-row-split", total_position="first", header_in_total_row=True)),
    Trap("total_row_whole", "whole codes; empty 07/08 print 合计 | 合计 基本支出 项目支出 in one row",
         _with("hunan", "trap-total-row-whole", header_in_total_row=True, index_row=False)),
    Trap("sangong_empty", "09 headed 财政拨款“三公”经费 over items over 预算数/决算数, every cell "
         "blank (上海 style)",
         _with("shanghai", "trap-sangong-empty"), dict(SMALL, sangong="none")),
    Trap("sangong_blank_grouped", "09 grouped (预算数 | 决算数 over items) printed with blank cells",
         _with("hunan", "trap-sangong-blank", blank_tables=frozenset({"09"}))),
    Trap("title_after_body", "each table's title block enters the content stream after its grid",
         _with("hunan", "trap-title-after-body", title_after_body=True)),
    *[Trap(f"order_{numbering}", f"tables in the order {'/'.join(order)}, numbered '{numbering}', "
           "titles that contain one another",
           _with("hunan", f"trap-order-{numbering}", table_order=order, numbering=numbering,
                 titles=dict(_TITLE_VARIANTS)))
      for numbering, order in _ORDERS.items()],
    Trap("order_sangong7", "09 printed as 表7 before 07/08 and titled 一般公共预算财政拨款“三公”经费"
         "支出决算表 (佛山 style)",
         _with("hunan", "trap-order-sangong7", table_order=_ORDERS_SANGONG_7, numbering="biao",
               titles=dict(_TITLE_VARIANTS))),
    Trap("template", "a template: every amount cell blank (上海 style)",
         _with("shanghai", "trap-template", blank_tables=frozenset(TABLE_IDS))),
    Trap("template_hunan", "a template: every amount cell blank (hunan style, 栏次 rows)",
         _with("hunan", "trap-template-hunan", blank_tables=frozenset(TABLE_IDS))),
    Trap("index_and_year", "a bare 栏次 row (no label) whose numbers satisfy 05's identity "
         "(基本 1 + 项目 2 = 合计 3) and a header row holding only the year",
         _with("hunan", "trap-index-year", index_label="", year_row=True, t05_header="plain",
               t05_total_last=True)),
    Trap("yuan_dashes", "amounts in 元 with thousands separators (exact in 万元), zeros as '-'",
         _with("yuan", "trap-yuan-dashes", zero_style="dash"), dict(SMALL, staff=160)),
    Trap("fullwidth_emdash", "full-width digits, thousands separators, zeros as '—'",
         _with("hunan", "trap-fullwidth", digits="fullwidth", thousands=True, zero_style="emdash",
               landscape=frozenset({"02", "03", "04", "05", "07", "08", "09"})),
         dict(SMALL, staff=300)),
    Trap("no_08", "table 08 not printed at all",
         _with("hunan", "trap-no-08", table_order=("01", "02", "03", "04", "05", "06", "07", "09"))),
    Trap("printed_twice", "table 03 printed a second time after 09",
         _with("hunan", "trap-printed-twice", table_order=TABLE_IDS + ("03",))),
    Trap("fund_lines_like_income", "04 prints its income lines bare (一般公共预算财政拨款 …, no numbering) "
         "and the fund lines under an opening balance worded 年初结转和结余 with exactly those labels",
         _with("hunan", "trap-fund-lines", t04_income_numbering=False, t04_opening_label="年初结转和结余"),
         dict(SMALL, funds=("2120801",))),
    Trap("fund_lines_across_pages", "the same as fund_lines_like_income, 上年结转 wording, with the page "
         "breaking between the opening balance and its fund lines (no rule at the break)",
         _with("shanghai", "trap-fund-lines-pages", t04_income_numbering=False, t04_opening_label="上年结转",
               break_before="kuan", break_rules="open"), dict(SMALL, funds=("2120801",))),
    *[Trap(f"break_{where}_{preset}", f"every table that can span pages breaks before a {word}; the rule "
           "between the last row of a page and the first row of the next is drawn on neither page, the "
           f"column rules are ({preset} layout)",
           _with(preset, f"trap-break-{where}-{preset}", break_before=where, break_rules="open"),
           dict(SMALL, funds=("2120801",)))
      for where, word in (("lei", "类 row"), ("kuan", "款 row that follows a 项 (01/04: the opening "
                                                       "balance's lines)"))
      for preset in PAGE_BREAK_LAYOUTS],
]
TRAPS: dict[str, Trap] = {t.name: t for t in _TRAP_LIST}


def trap_accounts(trap: Trap) -> UnitAccounts:
    return make_unit(**trap.unit)


def render_trap(name: str, out_dir: str | Path, write_truth_file: bool = False) -> RenderedDocument:
    """Render trap `name` to out_dir/<name>.pdf; the result carries the truth records."""
    from juesuan.sample.document import render_document

    trap = TRAPS[name]
    return render_document(trap_accounts(trap), trap.layout, Path(out_dir) / f"{name}.pdf",
                           write_truth_file=write_truth_file)


def first_printing(records: Iterable[Record]) -> list[Record]:
    """Truth of a document that prints a table twice: the first printing of each cell."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in records:
        key = (r.table_id, r.row_key, r.column_key)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


# --- rendering with a hook ------------------------------------------------------------------

def _render(accounts: UnitAccounts, layout: Layout, path: Path,
            transform: Callable[[Block], Block] | None = None,
            before_output=None) -> RenderedDocument:
    """render_document with two hooks: rewrite each block, adjust the FPDF before output."""
    content = DocumentContent(from_accounts(accounts, layout))
    st = content.statement
    blocks = assemble(content, layout)
    if transform is not None:
        blocks = [transform(b) for b in blocks]
    chars = set("".join(block_text(b) for b in blocks)) | set("- 0123456789")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    result = draw(blocks, str(font_file(chars)), str(path), creation_date(st.fiscal_year),
                  title=f"{st.unit_name}{st.fiscal_year}年度{document_kind(st)}",
                  page_numbers=layout.page_numbers, before_output=before_output)
    truth = truth_dict(path.name, st, layout, result.records, [], result.tag_pages,
                       result.table_pages, result.page_count)
    return RenderedDocument(path, None, truth, result.records, result.page_count)


def _to_budget(block: Block) -> Block:
    """The same block with every 决算 printed as 预算."""
    swap = lambda text: text.replace("决算", "预算")  # noqa: E731
    block = copy.deepcopy(block)
    if isinstance(block, Cover):
        block.title, block.unit_name = swap(block.title), swap(block.unit_name)
    elif isinstance(block, (Heading, Paragraph)):
        block.text = swap(block.text)
    elif isinstance(block, Table):
        block.title = swap(block.title)
        block.notes = [swap(n) for n in block.notes]
        for row in block.header + block.body:
            for cell in row.cells:
                cell.text = swap(cell.text)
    return block


def budget_package(path: str | Path, layout: str | Layout = "hunan", **unit) -> RenderedDocument:
    """A 部门预算 package (收入支出预算总表 …): the renderer's document with 决算 → 预算
    everywhere. No page prints a 决算 table: an extractor must reject it, not read it."""
    layout = LAYOUTS[layout] if isinstance(layout, str) else layout
    return _render(make_unit(**(unit or SMALL)), layout, Path(path), transform=_to_budget)


def encrypted_pdf(path: str | Path, user_password: str | None = "juesuan",
                  owner_password: str = "owner") -> RenderedDocument:
    """A small final-accounts document encrypted with fpdf2 (RC4). With a user password
    it cannot be opened without it; with user_password=None only permissions are set and
    any reader opens it (the truth then still applies)."""
    def encrypt(pdf) -> None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)

    return _render(make_unit(**SMALL), LAYOUTS["hunan"], Path(path), before_output=encrypt)


# --- broken files, as bytes ----------------------------------------------------------------

def write_file(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def empty_bytes() -> bytes:
    return b""


def random_bytes(size: int = 4096, seed: int = 20221231) -> bytes:
    """Noise that is not a PDF (it never contains a %PDF- header: checked)."""
    data = random.Random(seed).randbytes(size)
    assert b"%PDF-" not in data
    return data


def html_error_page() -> bytes:
    """What a portal serves under a .pdf name when the file is gone."""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<title>404 页面不存在</title></head>\n<body><h1>404 Not Found</h1>"
            "<p>您访问的页面不存在或已被删除。</p></body></html>\n").encode("utf-8")


def truncated(data: bytes, fraction: float = 0.5) -> bytes:
    """The first `fraction` of a file's bytes (an interrupted download)."""
    return data[: int(len(data) * fraction)]


def image_only_pdf(source: str | Path, pages: Iterable[int] | None = None, scale: float = 1.0) -> bytes:
    """A scan: each page of `source` (1-based numbers; default all) rasterised with PDFium
    and placed as one full-page image in a new PDF with no text at all."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    src = pdfium.PdfDocument(str(source))
    try:
        numbers = list(pages) if pages is not None else list(range(1, len(src) + 1))
        pdf = FPDF(unit="pt")
        pdf.set_creation_date(creation_date(2023))
        for n in numbers:
            page = src[n - 1]
            width, height = page.get_size()
            image = page.render(scale=scale).to_pil()
            page.close()
            buffer = io.BytesIO()
            image.convert("L").save(buffer, format="PNG")
            pdf.add_page(format=(width, height))
            pdf.image(buffer, x=0, y=0, w=width, h=height)
    finally:
        src.close()
    return bytes(pdf.output())


def rotated_pages_pdf(source: str | Path, out: str | Path, rotation: int = 90,
                      landscape_only: bool = True) -> Path:
    """The same document with pages stored sideways and a /Rotate entry that turns them
    back: what printer drivers emit for landscape tables. Every page object is moved into
    the rotated user space, so a reader applying /Rotate sees the page unchanged; one
    ignoring it sees text running up the page. Angle 90, 180 or 270."""
    import pypdfium2 as pdfium

    if rotation not in (90, 180, 270):
        raise ValueError(f"rotation must be 90, 180 or 270, not {rotation}")
    pdf = pdfium.PdfDocument(str(source))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            if landscape_only and width <= height:
                continue
            # display (X, Y), origin bottom-left  ->  user space of a page rotated clockwise
            user_w, user_h = (height, width) if rotation in (90, 270) else (width, height)
            matrix = {90: (0, 1, -1, 0, user_w, 0), 180: (-1, 0, 0, -1, user_w, user_h),
                      270: (0, -1, 1, 0, 0, user_h)}[rotation]
            for obj in list(page.get_objects(max_depth=1)):
                obj.transform(pdfium.PdfMatrix(*matrix))
            page.gen_content()
            page.set_mediabox(0, 0, user_w, user_h)
            page.set_rotation(rotation)
            page.close()
        pdf.save(str(out))
    finally:
        pdf.close()
    return Path(out)


def cid_font_pdf(data: bytes) -> bytes:
    """An fpdf2-rendered PDF whose text has no Unicode map: the font's /ToUnicode entry is
    blanked and its CIDSystemInfo ordering made unknown (so readers cannot fall back to
    the embedded font's cmap). Same length, so the xref stays valid. pdfminer then prints
    (cid:NNN) for every glyph and PDFium returns control characters."""
    out, n = re.subn(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group(0)), data)
    out, k = re.subn(rb"/Ordering \(UCS\)", b"/Ordering (XYZ)", out)
    if not n or not k:
        raise ValueError("not an fpdf2 PDF with a /ToUnicode map and a UCS ordering")
    return out


def many_pages_pdf(pages: int = 2000, text: bool = True, ruled: bool = False) -> bytes:
    """A long PDF made cheaply: `pages` A4 pages, each with one short line of ASCII text
    (or blank). For the page bound of extraction. `ruled` adds a small ruled 6 x 4 grid of
    figures to every page, so each page is a table candidate (the costly case)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(creation_date(2023))
    pdf.set_font("helvetica", size=10)
    pdf.set_line_width(0.5)
    for n in range(pages):
        pdf.add_page()
        if text:
            pdf.text(72, 72, f"page {n + 1}")
        if ruled:
            x0, y0, w, h, rows, cols = 72.0, 100.0, 90.0, 18.0, 6, 4
            for r in range(rows + 1):
                pdf.line(x0, y0 + r * h, x0 + cols * w, y0 + r * h)
            for c in range(cols + 1):
                pdf.line(x0 + c * w, y0, x0 + c * w, y0 + rows * h)
            for r in range(rows):
                for c in range(cols):
                    pdf.text(x0 + c * w + 4, y0 + r * h + 13, f"{(n + r) * 7 + c}.00")
    return bytes(pdf.output())


__all__ = ["LONG", "PAGE_BREAK_LAYOUTS", "SMALL", "TRAPS", "Trap", "budget_package", "cid_font_pdf", "empty_bytes",
           "encrypted_pdf", "first_printing", "html_error_page", "image_only_pdf", "many_pages_pdf",
           "random_bytes", "render_trap", "trap_accounts", "truncated", "write_file"]
