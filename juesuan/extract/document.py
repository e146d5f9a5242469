"""One PDF in, one ExtractedDocument out: the extraction stage as a single pure function.

Order of work: a cheap PDFium scan of every page; metadata from the cover; pdfplumber
only on pages that carry ruled graphics or a table title; grids assigned to the nine
tables by title and continuation; each table read by its reader. Whatever cannot be read
becomes a Problem with its page, and the document still comes back.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from juesuan.canonical import DOC_BUDGET, DOC_FINAL, TABLE_IDS, UNIT_WAN, UNIT_YUAN
from juesuan.extract.budget.document import extract_budget
from juesuan.extract.coded import read_coded_table
from juesuan.extract.completeness import TableRegion, audit_tables
from juesuan.extract.economic import read_economic_table
from juesuan.extract.emit import TableOutput
from juesuan.extract.foot_titles import carry_foot_titles
from juesuan.extract.grid import Grid, grids_on_page
from juesuan.extract.locate import LocatedTable, classify_title, locate_tables, title_of
from juesuan.extract.pdfium_page import read_page
from juesuan.extract.printed import TextLine, lines_outside
from juesuan.extract.metadata import member_units, read_cover, unit_from_headings
from juesuan.extract.narrative_text import narrative_pages
from juesuan.extract.sangong import read_sangong_table
from juesuan.extract.scan import PageScan, UnreadableDocument, scan_pdf
from juesuan.extract.summary import read_summary_table
from juesuan.model import ExtractedDocument, Problem

MAX_PAGES = 2000
MIN_PATHS_FOR_CONTINUATION = 2  # a one-row grid: a few lines, sometimes one path each
_UNIT_TEXT = re.compile(r"单位[:：]?(万元|元)")


def extract_document(path: str | Path, *, unit_name: str | None = None, fiscal_year: int | None = None,
                     max_pages: int = MAX_PAGES) -> ExtractedDocument:
    """Read one PDF: final accounts here, a budget package in juesuan.extract.budget.
    `unit_name` / `fiscal_year` override what the document says."""
    path = Path(path)
    doc = ExtractedDocument(document=path.name)
    try:
        scans = scan_pdf(path, max_pages=max_pages)
    except UnreadableDocument as exc:
        doc.problems.append(Problem(exc.code, exc.message, fatal=True))
        return doc
    doc.page_count = len(scans)
    _report_unreadable_pages(scans, doc)

    grids, outside = read_grids(path, scans, doc)
    if _is_budget_package(scans):
        return extract_budget(doc, scans, grids, outside, unit_name=unit_name, fiscal_year=fiscal_year)
    # A title ending one page names the untitled grid starting the next (foot_titles.py).
    grids = carry_foot_titles(grids, outside, grid_title=title_of, line_title=classify_title)
    tables, unassigned = locate_tables(grids)
    _apply_metadata(doc, scans, grids, tables)
    if unit_name:
        doc.unit_name = unit_name
    if fiscal_year:
        doc.fiscal_year = fiscal_year

    if not tables:
        _explain_no_tables(doc, scans, grids)
        if any(p.code == "narrative_only" for p in doc.problems):
            doc.narrative = [(s.number, s.text) for s in scans if s.norm]
        return doc
    for grid in unassigned:
        if title_of(grid):
            doc.problems.append(Problem("table_unreadable", "a table is printed twice; the first printing is used",
                                        page=grid.page))

    default_unit = _document_unit(grids)
    if doc.amount_unit_printed is None:
        doc.amount_unit_printed = default_unit
    repeats: list[tuple[int, tuple]] = []
    for table_id in TABLE_IDS:
        located = tables.get(table_id)
        if located is None:
            doc.tables_absent.append(table_id)
            doc.problems.append(Problem("table_missing", f"table {table_id} was not found", table_id))
            continue
        out = _read_table(located, _table_unit(located, default_unit))
        doc.records.extend(out.records)
        doc.problems.extend(out.problems)
        repeats += out.repeats
        doc.table_pages[table_id] = located.pages
        doc.tables_present.append(table_id)
        if out.records and all(r.amount is None for r in out.records):
            doc.tables_empty.append(table_id)
    audit_numbers(doc, tables, unassigned, outside, repeats)
    table_pages = {p for pages in doc.table_pages.values() for p in pages}
    doc.narrative = narrative_pages(scans, table_pages, grids, outside)
    return doc


def read_grids(path: Path, scans: list[PageScan],
                doc: ExtractedDocument) -> tuple[list[Grid], dict[int, list[TextLine]]]:
    """Grids of every page that carries ruled graphics (PDFium geometry, pdfplumber cells),
    and the text lines outside them on those pages (for the completeness audit)."""
    candidates = table_candidates(scans)
    grids: list[Grid] = []
    outside: dict[int, list[TextLine]] = {}
    if not candidates:
        return grids, outside
    pdf = pdfium.PdfDocument(str(path))
    try:
        with pdfplumber.open(path) as plumber:
            for scan in candidates:
                content = read_page(pdf, scan.number - 1)
                if content.unmapped_chars > 20 and content.unmapped_chars > len(content.chars) / 10:
                    doc.problems.append(Problem(
                        "cid_text", f"{content.unmapped_chars} characters in a font without a Unicode map "
                        "((cid:NNN)); the page's figures cannot be read reliably", page=scan.number))
                    continue
                page_grids = grids_on_page(content, plumber.pages[scan.number - 1])
                grids.extend(page_grids)
                if page_grids:
                    outside[scan.number] = lines_outside(content, page_grids)
    finally:
        pdf.close()
    return grids, outside


def audit_numbers(doc: ExtractedDocument, tables: dict[str, LocatedTable], unassigned: list[Grid],
                  outside: dict[int, list[TextLine]], repeats: list[tuple[int, tuple]]) -> None:
    """Every number printed in the tables placed in one record or explained (completeness.py):
    adds the audit's problems to `doc` and its counts to `doc.numbers_accounted`. Any table
    reader's output goes through here (`repeats`: TableOutput.repeats of its tables)."""
    regions = [TableRegion(t.table_id, t.grids) for t in tables.values()]
    pages = {g.page for t in tables.values() for g in t.grids}
    # A grid with no title next to a table that no table took: its figures are lost.
    orphans = [g for g in unassigned if title_of(g) is None and not _titled(g)
               and (g.page in pages or g.page - 1 in pages)]
    audit = audit_tables(regions, doc.records, outside, repeats=repeats, orphans=orphans)
    doc.problems.extend(audit.problems)
    doc.numbers_accounted = dict(audit.counts)


def _titled(grid: Grid) -> bool:
    """Some other table's title above the grid (a 绩效 form, a staffing table); a running
    head naming the whole package (…部门决算表) is no table's title."""
    return any(("表" in line[-6:]) and not line.endswith(_PACKAGE_HEADS) for line in grid.lines_above[:3])


_PACKAGE_HEADS = ("部门决算表", "单位决算表", "决算报表", "部门决算", "单位决算")


def table_candidates(scans: list[PageScan]) -> list[PageScan]:
    """Pages worth a table parse: those with ruled graphics, and a page right after one
    that draws any lines at all — the last row or two of a table continued there take
    only a few path objects, below the bound that keeps prose pages out."""
    out: list[PageScan] = []
    for scan in scans:
        follows = bool(out) and out[-1].number == scan.number - 1
        if scan.ruled or (follows and scan.paths >= MIN_PATHS_FOR_CONTINUATION):
            out.append(scan)
    return out


def _report_unreadable_pages(scans: list[PageScan], doc: ExtractedDocument) -> None:
    for scan in scans:
        if scan.image_only:
            doc.problems.append(Problem("image_only_page", "the page is an image (a scan) with no text layer",
                                        page=scan.number))
        elif scan.unmapped_text:
            doc.problems.append(Problem("cid_text", "the page's text has no Unicode map", page=scan.number))
    _report_hidden_figures(scans, doc)


def _report_hidden_figures(scans: list[PageScan], doc: ExtractedDocument) -> None:
    """One note when pages carry figures outside their visible box (an export's overflow).

    They are not read (pdfium_page, scan): nothing a reader sees is lost, so this is no
    warning. But a text extraction of the file (pdftotext, a viewer's search) finds those
    figures, and an operator comparing it with our records would take them for figures we
    lost: the note names the pages. Hidden text without figures (a clipped word) is not
    worth a line."""
    pages = [(s.number, s.hidden_figures) for s in scans if s.hidden_figures]
    if not pages:
        return
    where = ", ".join(f"{number} ({len(figures)}, first {figures[0]})" for number, figures in pages[:5])
    more = f" and {len(pages) - 5} more page(s)" if len(pages) > 5 else ""
    doc.problems.append(Problem(
        "hidden_text", f"figures drawn outside the visible page, not printed and not read, on page(s) {where}"
        f"{more}", page=pages[0][0]))


def _apply_metadata(doc: ExtractedDocument, scans: list[PageScan], grids: list[Grid],
                    tables: dict[str, LocatedTable]) -> None:
    cover_text = "\n".join(s.text for s in scans[:2] if s.norm)
    cover = read_cover(scans[0].text if scans[0].norm else cover_text)
    doc.unit_name = unit_from_headings([ln for g in grids for ln in g.labels_above]) or cover.unit_name
    doc.fiscal_year = cover.fiscal_year or _year_from_pages(scans)
    doc.scope = cover.scope
    doc.doc_type = DOC_FINAL if tables else cover.doc_type
    first_pages = "".join(s.norm for s in scans[:8])
    doc.member_units = member_units(first_pages)
    doc.consolidated = cover.consolidated or len(doc.member_units) > 1


def _year_from_pages(scans: list[PageScan]) -> int | None:
    years = Counter(int(y) for s in scans[:10] for y in re.findall(r"((?:19|20)\d{2})年度", s.norm))
    return years.most_common(1)[0][0] if years else None


_BUDGET_TITLE = re.compile(r"[\u4e00-\u9fff“”\"]{2,30}预算(总|明细)?表")
_FINAL_TITLE = re.compile(r"决算(总|明细)?表")


_BUDGET_COVER = re.compile(r"(部门|单位)预算|预算(公开|报表|情况说明)")
_FINAL_WORD = re.compile(r"(?<!预)决算")  # 预决算 (budgets and finals in general) is not a final's title


def _is_budget_package(scans: list[PageScan]) -> bool:
    """No final-accounts table title anywhere, and budget tables printed or a cover that
    names a budget (some budgets title their tables 收支总表, 支出总表 without 预算)."""
    text = "".join(s.norm for s in scans)
    if _FINAL_TITLE.search(text):
        return False
    cover = "".join(s.norm for s in scans[:2])
    return bool(_BUDGET_TITLE.search(text) or (_BUDGET_COVER.search(cover) and not _FINAL_WORD.search(cover)))


def _explain_no_tables(doc: ExtractedDocument, scans: list[PageScan], grids: list) -> None:
    # Quote a page that prints a budget table (ruled) before a contents page that names one.
    for scan in sorted(scans, key=lambda s: (not s.ruled, s.number)):
        match = _BUDGET_TITLE.search(scan.norm)
        if match and not _FINAL_TITLE.search(scan.norm):
            doc.doc_type = DOC_BUDGET
            doc.problems.append(Problem(
                "not_final_accounts", f"this is a budget package (预算), not final accounts (决算): "
                f"page {scan.number} prints {match.group(0)!r} and no page prints a 决算 table",
                page=scan.number, fatal=True))
            return
    if doc.doc_type == DOC_BUDGET:
        doc.problems.append(Problem("not_final_accounts", "the cover names a budget (预算), not final "
                                    "accounts (决算), and no final-accounts table was found", page=1, fatal=True))
        return
    cid_pages = [p.page for p in doc.problems if p.code == "cid_text"]
    if cid_pages:
        doc.problems.append(Problem("cid_text", "the tables are printed in fonts without a Unicode map "
                                    f"((cid:NNN)) on page(s) {', '.join(map(str, cid_pages[:10]))}: their figures "
                                    "cannot be read", page=cid_pages[0], fatal=True))
        return
    if any(s.image_only for s in scans) and not any(s.norm and not s.image_only for s in scans[1:]):
        doc.problems.append(Problem("image_only_page", "no text layer: the document is a scan", fatal=True))
        return
    if not grids and not any(s.ruled for s in scans) and _NARRATIVE_TITLE.search("".join(s.norm for s in scans[:3])):
        # No ruled grid anywhere and a 情况说明 title: the narrative published apart from its
        # tables (附件1 情况说明 / 附件2 报表), paired with its sibling by the ingest flow.
        doc.doc_type = DOC_FINAL
        doc.problems.append(Problem(
            "narrative_only", "final accounts that print no table, only their 情况说明: the tables are "
            "published as a separate attachment", page=1, fatal=True))
        return
    doc.problems.append(Problem("table_missing", "none of the nine final-accounts tables was found", fatal=True))


_NARRATIVE_TITLE = re.compile(r"(?<!预)决算.{0,12}(情况说明|说明)")


def _document_unit(grids: list[Grid]) -> str:
    units = Counter(u for g in grids for u in (_unit_near(g),) if u)
    return units.most_common(1)[0][0] if units else UNIT_WAN


def _unit_near(grid: Grid) -> str | None:
    for line in grid.lines_above[:6]:
        match = _UNIT_TEXT.search(line)
        if match:
            return UNIT_YUAN if match.group(1) == "元" else UNIT_WAN
    return None


def _table_unit(located: LocatedTable, default: str) -> str:
    return _unit_near(located.grids[0]) or default


def _read_table(located: LocatedTable, unit: str) -> TableOutput:
    table_id, grids = located.table_id, located.grids
    if table_id in ("01", "04"):
        return read_summary_table(table_id, grids, unit)
    if table_id == "06":
        return read_economic_table(grids, unit)
    if table_id == "09":
        return read_sangong_table(grids, unit)
    return read_coded_table(table_id, grids, unit)
