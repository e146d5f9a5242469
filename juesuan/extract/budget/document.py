"""One budget PDF (部门预算 / 单位预算) to an ExtractedDocument of doc_type 'budget'.

Called by extract.document once the scan has seen budget table titles and no final-
accounts title. The grids are the same ruled grids; what differs is which table a title
names (titles.py), which words head a column (columns.py) and how rows are keyed
(rows.py, summary.py, sangong.py). A table we do not key is reported as table_skipped
with its title and pages, a ruled grid with figures under no recognised title likewise:
nothing printed is dropped without a word. A budget that prints no table at all (the
情况说明 attachment of a disclosure whose tables are a separate file) is rejected as
narrative_only, naming what it is.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from juesuan.canonical import (BUDGET_AMOUNT, BUDGET_EXTRA_TABLES, BUDGET_TABLE_IDS, DOC_BUDGET, TABLE_IDS,
                               UNIT_WAN, UNIT_YUAN)
from juesuan.codes import ECONOMIC, FUNCTION
from juesuan.extract.budget.columns import COLUMN_KEYS, without_index
from juesuan.extract.budget.named import NamedRowKeyer, named_keyer
from juesuan.extract.budget.locate import SKIP_PREFIX, grid_title, is_skipped, locate_budget_tables
from juesuan.extract.budget.rows import RowKeyer, first_body_row
from juesuan.extract.budget.sangong import read_budget_sangong
from juesuan.extract.budget.unruled import coded_rows_outside_tables
from juesuan.extract.budget.sources import read_sources_as_rows, sources_as_rows
from juesuan.extract.budget.titles import classify_budget_title
from juesuan.extract.budget.summary import read_budget_summary
from juesuan.extract.coded import read_coded_table
from juesuan.extract.economic import read_economic_table
from juesuan.extract.emit import TableOutput
from juesuan.extract.foot_titles import carry_foot_titles
from juesuan.extract.grid import Grid
from juesuan.extract.header import body_starts, column_roles, header_paths, is_amount_text
from juesuan.extract.locate import LocatedTable
from juesuan.extract.metadata import member_units, read_cover, unit_from_headings
from juesuan.extract.narrative_text import narrative_pages
from juesuan.extract.printed import TextLine
from juesuan.extract.scan import PageScan
from juesuan.model import ExtractedDocument, Problem
from juesuan.text import has_cjk, printed_label

# A budget without these cannot state its income, spending or general-budget spending.
CORE_TABLES = ("01", "02", "03", "05")
_UNIT_TEXT = re.compile(r"单位[:：]?(万元|元)")
# A year before 预算 ('2026年部门预算', '2025年区级部门预算', '2026部门预算'), not a figure.
_YEAR_TEXT = re.compile(r"(?<![\d.,，])((?:19|20)\d{2})(?:年度?|(?=[\u4e00-\u9fff]))[^\d，。,;；〕)）]{0,8}?预算")
ECONOMIC_TABLES = frozenset({"06", "F06", "R09", "E05"})


def extract_budget(doc: ExtractedDocument, scans: list[PageScan], grids: list[Grid],
                   outside: dict[int, list[TextLine]] | None = None, *,
                   unit_name: str | None = None, fiscal_year: int | None = None) -> ExtractedDocument:
    doc.doc_type = DOC_BUDGET
    carried = carry_foot_titles(grids, outside or {}, grid_title=grid_title, line_title=classify_budget_title)
    tables, unassigned = locate_budget_tables(carried)
    _metadata(doc, scans, [g for t in tables.values() for g in t.grids])
    doc.unit_name = unit_name or doc.unit_name
    doc.fiscal_year = fiscal_year or doc.fiscal_year
    kept = {k: v for k, v in tables.items() if not is_skipped(k)}
    if not kept:
        _explain_no_tables(doc, scans, tables)
        # a 情况说明 published apart: its text is checked against its sibling's tables
        doc.narrative = [(s.number, s.text) for s in scans if s.norm]
        return doc
    if "05" not in kept and "F05" in kept:
        # A package without 一般公共预算支出表 whose 财政拨款支出预算表 is its fiscal
        # spending table (universities, as their final's 表4 is 05).
        kept["05"] = kept.pop("F05")
        kept["05"].table_id = "05"
        doc.problems.append(Problem(
            "table_basis", "table 05 is read from the 财政拨款支出预算表 (all 财政拨款 funds, 政府性基金 "
            "included): the package prints no 一般公共预算支出表, so its 05 is not on the basis of a "
            "final's 05 (一般公共预算 only) and is not compared with it", table_id="05",
            page=kept["05"].pages[0] if kept["05"].pages else None))
    default_unit = _document_unit(list(kept.values()))
    doc.amount_unit_printed = default_unit
    for table_id in BUDGET_TABLE_IDS:
        located = kept.get(table_id)
        if located is None:
            if table_id in TABLE_IDS:
                doc.tables_absent.append(table_id)
                if table_id in CORE_TABLES:
                    doc.problems.append(Problem("table_missing", f"budget table {table_id} was not found", table_id))
            continue
        out = read_budget_table(located, _unit_of(located) or default_unit, doc.fiscal_year)
        doc.records.extend(out.records)
        doc.problems.extend(_named_rows_only(out, located))
        doc.table_pages[table_id] = located.pages
        doc.tables_present.append(table_id)
        if all(r.amount is None for r in out.records):  # blank cells only, or no body row at all
            doc.tables_empty.append(table_id)
    _report_skipped(doc, tables, unassigned)
    kept_pages = {p for t in kept.values() for p in t.pages}
    doc.problems.extend(coded_rows_outside_tables(outside or {}, kept_pages))
    table_pages = {p for t in tables.values() for p in t.pages}
    doc.narrative = narrative_pages(scans, table_pages, grids, outside or {})
    return doc


def read_budget_table(located: LocatedTable, unit: str, fiscal_year: int | None) -> TableOutput:
    table_id, grids = located.table_id, located.grids
    if table_id in ("01", "04"):
        return read_budget_summary(table_id, grids, unit, fiscal_year)
    if table_id == "09":
        return read_budget_sangong(grids, unit, fiscal_year)
    if table_id == "02" and sources_as_rows(grids):
        return read_sources_as_rows(grids, unit, fiscal_year)
    if table_id in ECONOMIC_TABLES and side_by_side(grids):
        return economic_groups(table_id, grids, unit)
    system = ECONOMIC if table_id in ECONOMIC_TABLES else FUNCTION
    mapper = COLUMN_KEYS[table_id]
    start = first_body_row(grids[0])
    by_name: list[NamedRowKeyer] = []

    def keyer(columns):
        named = named_keyer(table_id, grids, columns, system, start, fiscal_year)
        if named is None:
            return RowKeyer.for_table(grids, columns, system, start)
        by_name.append(named)
        return named

    out = read_coded_table(table_id, grids, unit, column_key=lambda path: mapper(without_index(path), fiscal_year),
                           row_keyer=keyer, first_body_row=start)
    notes = [n for n in (k.note() for k in by_name) if n]
    out.problems.extend(notes)
    return out


def side_by_side(grids: list[Grid]) -> bool:
    """An economic table printed in two or three column groups (code, name, figure) side by
    side, as finals print 06."""
    starts = body_starts(grids)
    roles = [c.role for c in column_roles(grids, starts, header_paths(grids[0], starts[0]))]
    groups = 0
    for previous, role in zip(["value"] + roles, roles):
        groups += role == "code" and previous == "value"
    return groups >= 2


def economic_groups(table_id: str, grids: list[Grid], unit: str) -> TableOutput:
    """The finals' side-by-side reader, its single column keyed as a budget's (预算数)."""
    read = read_economic_table(grids, unit)
    out = TableOutput(table_id, unit)
    out.records = [dataclasses.replace(r, table_id=table_id, column_key=BUDGET_AMOUNT) for r in read.records]
    out.problems = [dataclasses.replace(p, table_id=table_id) for p in read.problems]
    return out


def _named_rows_only(out: TableOutput, located: LocatedTable) -> list[Problem]:
    """A coded table whose rows carry names but no codes (Hangzhou prints 科学技术支出,
    技术研究与开发 … without 科目编码), none of which could be keyed by name (named.py: a year
    the names were not mined for, names no document prints with a code): one problem says
    so, with the count of rows left out, instead of one per row."""
    unkeyed = [p for p in out.problems if p.code == "unknown_row"]
    coded = [r for r in out.records if r.row_key != "合计"]
    if coded or len(unkeyed) < 3:
        return out.problems
    rest = [p for p in out.problems if p.code != "unknown_row"]
    return rest + [Problem(
        "table_unreadable", f"table {located.table_id} prints its rows by name only, without a classification "
        f"code: {len(unkeyed)} rows with figures are not extracted (pages {', '.join(map(str, located.pages))})",
        located.table_id, located.pages[0])]


def _metadata(doc: ExtractedDocument, scans: list[PageScan], grids: list[Grid]) -> None:
    cover = read_cover(scans[0].text if scans[0].norm else "\n".join(s.text for s in scans[:2]))
    doc.unit_name = (unit_from_headings([ln for g in grids for ln in g.labels_above]) or _clean_name(cover.unit_name)
                     or (None if scans[0].ruled else _name_line(scans[0].text)))
    # Not read_cover's first year: a table-only attachment's first page is a table, whose
    # figures hold four-digit runs (98,098.87…).
    doc.fiscal_year = (_title_year(scans[0]) or _budget_year(scans[:2]) or _budget_year(scans[:10])
                       or _most_named_year(scans) or _budget_year(scans))
    missing = [what for what, value in (("unit", doc.unit_name), ("fiscal year", doc.fiscal_year)) if not value]
    if missing:
        doc.problems.append(Problem("metadata", f"the document does not print its {' or '.join(missing)} where "
                                    "we read it (cover, table headings): an attachment named by its sibling?", page=1))
    doc.scope = cover.scope
    doc.member_units = member_units("".join(s.norm for s in scans[:8]))
    doc.consolidated = cover.consolidated or len(doc.member_units) > 1


_PAGE_MARK = re.compile(r"^[-—–－\d\s]+")


def _clean_name(name: str | None) -> str | None:
    """A cover's unit name without the page number printed before it (-1-, —1—)."""
    if not name:
        return name
    name = _PAGE_MARK.sub("", name).removesuffix("部门")
    if re.match(r"第[一二三四五六七八九十]+部分", name):
        return None  # a part's heading (第一部分 2026年度部门预算情况说明), not a name
    return name if len(name) >= 2 and has_cjk(name) else None


_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")  # a table's line (四、财政专户管理资金收入), not a name
_LEADING_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})年")


def _name_line(cover_text: str) -> str | None:
    """A cover that prints the unit's name on a line of its own, below the title
    ('2024年部门预算情况说明' / '示例市统计局'): the longest line that is neither title nor date."""
    lines = [printed_label(line) for line in cover_text.splitlines()]
    names = [ln for ln in lines if 3 <= len(ln) <= 40 and has_cjk(ln) and not re.search(r"预算|决算|\d", ln)
             and not _NUMBERED.match(ln)]
    return max(names, key=len) if names else None


def _title_year(cover: PageScan) -> int | None:
    """The year of the title at the top of the first page: '2026部门预算情况的说明',
    '2026年深圳市统计局(本级)部门预算'."""
    match = _YEAR_TEXT.search(cover.norm[:80])
    if match:
        return int(match.group(1))
    match = _LEADING_YEAR.search(cover.norm[:40])
    return int(match.group(1)) if match and "预算" in cover.norm[:120] else None


def _budget_year(scans: list[PageScan]) -> int | None:
    """The year budgeted: the year most often printed before 预算 ('2026年部门预算',
    '2025年区级部门预算') on the given pages."""
    years = Counter(int(m) for s in scans for m in _YEAR_TEXT.findall(s.norm))
    return years.most_common(1)[0][0] if years else None


def _most_named_year(scans: list[PageScan]) -> int | None:
    """Last resort: the year a table-only attachment names most often, as '(2026年度)' under
    its 绩效目标表 titles, else as 'NNNN年度' anywhere."""
    for pattern in (r"[(（]((?:19|20)\d{2})年度[)）]", r"(?<![\d.,])((?:19|20)\d{2})年度"):
        years = Counter(int(m) for s in scans for m in re.findall(pattern, s.norm))
        if years:
            return years.most_common(1)[0][0]
    return None


def _unit_near(grid: Grid) -> str | None:
    for line in grid.lines_above[:6]:
        match = _UNIT_TEXT.search(line)
        if match:
            return UNIT_YUAN if match.group(1) == "元" else UNIT_WAN
    return None


def _unit_of(located: LocatedTable) -> str | None:
    return _unit_near(located.grids[0])


def _document_unit(tables: list[LocatedTable]) -> str:
    units = Counter(u for t in tables for g in t.grids for u in (_unit_near(g),) if u)
    return units.most_common(1)[0][0] if units else UNIT_WAN


def _has_figures(grid: Grid) -> bool:
    return any(is_amount_text(c.norm) for c in grid.cells if c.norm)


def _report_skipped(doc: ExtractedDocument, tables: dict[str, LocatedTable], unassigned: list[Grid]) -> None:
    for table_id, located in tables.items():
        if is_skipped(table_id):
            doc.problems.append(Problem(
                "table_skipped", f"{table_id[len(SKIP_PREFIX):]!r} is not a table we key "
                f"(pages {', '.join(map(str, located.pages))}): its figures are not extracted",
                page=located.pages[0]))
    runs: list[list[Grid]] = []
    for grid in unassigned:
        if not _has_figures(grid):
            continue
        if runs and grid.page <= runs[-1][-1].page + 1 and grid_title(grid) is None:
            runs[-1].append(grid)
        else:
            runs.append([grid])
    for run in runs:
        title = grid_title(run[0])
        pages = sorted({g.page for g in run})
        what = f"a second printing of {title.text!r}" if title else "a ruled table under no recognised title"
        doc.problems.append(Problem(
            "table_skipped", f"{what} on page(s) {', '.join(map(str, pages))}: its figures are not extracted",
            page=pages[0]))


def _explain_no_tables(doc: ExtractedDocument, scans: list[PageScan], tables: dict[str, LocatedTable]) -> None:
    doc.tables_absent = list(TABLE_IDS)
    if any(s.image_only for s in scans):
        pages = [s.number for s in scans if s.image_only]
        doc.problems.append(Problem("image_only_page", "the budget tables are printed as images (scans) on "
                                    f"page(s) {', '.join(map(str, pages[:10]))}: nothing to read",
                                    page=pages[0], fatal=True))
        return
    skipped = [k[len(SKIP_PREFIX):] for k in tables if is_skipped(k)]
    detail = f" (only tables we do not key: {', '.join(skipped)})" if skipped else ""
    doc.problems.append(Problem(
        "narrative_only", "a budget that prints none of the budget tables" + detail + ": a 情况说明 whose "
        "tables are published as a separate attachment, or tables we cannot read", page=1, fatal=True))


__all__ = ["BUDGET_EXTRA_TABLES", "CORE_TABLES", "extract_budget", "read_budget_table"]
