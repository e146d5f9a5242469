"""Every number printed in a table ends in exactly one record or is explained (issue 12).

The audit (juesuan/extract/completeness.py) is checked three ways: on a hand-built page
where each kind of number is printed once (the classes), on documents where a reader
loses figures (it must name them: page, position, text), and on every document we have
(the sample corpus and the six real finals: nothing unplaced, one number per figure).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.extract import extract_document
from juesuan.extract.completeness import (CODE, COUNTED_TWICE, HEADING, INDEX, NOTE, PAGE_NUMBER, PLACED,
                                          REPEAT, TEXT, UNPLACED, UNPLACED_NUMBER, YEAR, TableRegion,
                                          audit_tables)
from juesuan.extract.grid import _grid_from_cells
from juesuan.extract.pdfium_page import PageContent
from juesuan.extract.printed import lines_outside, numbers_in
from juesuan.model import Problem, Record
from juesuan.validate.outcome import LOADED_WITH_WARNINGS, QUARANTINED, decide_outcome
from tests.conftest import CORPUS, SHARED, corpus_pdfs, needs_shared

PAGE = 5
COLUMNS = [40.0, 100.0, 200.0, 240.0, 300.0]  # code | name | 行次 | 决算数
ROWS = [100.0, 120.0, 140.0, 160.0, 180.0, 200.0]


def chars(text: str, x: float, top: float, width: float = 6.0, height: float = 8.0) -> list[dict]:
    return [{"text": ch, "x0": x + i * width, "x1": x + (i + 1) * width - 1, "top": top,
             "bottom": top + height, "baseline": top + height} for i, ch in enumerate(text)]


CELLS = [  # (row, column, text)
    (0, 0, "编码"), (0, 1, "名称"), (0, 2, "行次"), (0, 3, "决算数"),
    (1, 0, "栏次"), (1, 3, "1"),
    (2, 0, "201"), (2, 1, "一般公共服务支出"), (2, 2, "1"), (2, 3, "12.50"),
    (3, 0, "20103"), (3, 1, "政府办公厅"), (3, 2, "2"), (3, 3, "12.50"),
    (4, 0, "20199"), (4, 1, "其他"), (4, 2, "3"), (4, 3, "7.25"),  # a row the reader lost
]


def box(row: int, col: int) -> tuple[float, float, float, float]:
    return (COLUMNS[col], ROWS[row], COLUMNS[col + 1], ROWS[row + 1])


def page_with_a_table():
    """A page: title block, a ruled table of five rows, a note, a stray row, a page number."""
    grid_chars = [c for row, col, text in CELLS for c in chars(text, box(row, col)[0] + 2, box(row, col)[1] + 6)]
    outside = (chars("公开03表", 240, 60) + chars("2024年度支出决算表", 80, 75)
               + chars("20105", 40, 205) + chars("其他支出", 100, 205) + chars("4", 200, 205)
               + chars("9.99", 250, 205)  # a row printed below the grid, in no cell
               + chars("注：本表共3项，合计12.50万元。", 40, 222)
               + chars("-5-", 150, 800))
    boxes = [box(r, c) for r in range(len(ROWS) - 1) for c in range(4)]
    grid = _grid_from_cells(boxes, grid_chars, PAGE)
    content = PageContent(PAGE, 595.0, 842.0, chars=grid_chars + outside)
    records = [Record("03", "201", "决算数", Decimal("12.50"), "一般公共服务支出", PAGE, box(2, 3)),
               Record("03", "20103", "决算数", Decimal("12.50"), "政府办公厅", PAGE, box(3, 3))]
    return grid, content, records


def test_each_kind_of_number_is_classified_and_the_lost_ones_named():
    grid, content, records = page_with_a_table()
    audit = audit_tables([TableRegion("03", [grid])], records, {PAGE: lines_outside(content, [grid])})
    assert audit.counts == {
        PLACED: 2,        # 12.50, 12.50
        INDEX: 4,         # the 栏次 row's 1; the 行次 column's 1, 2, 3
        CODE: 2,          # 201, 20103 (rows with records)
        UNPLACED: 3,      # 20199 and 7.25 of the lost row; 9.99 below the grid
        HEADING: 1,       # 03 of 公开03表
        YEAR: 1,          # 2024年度
        NOTE: 2,          # 3 and 12.50 in the note
        TEXT: 2,          # 20105 and 4 beside the stray figure: not money
        PAGE_NUMBER: 1,   # -5-
    }
    problems = [p for p in audit.problems if p.code == UNPLACED_NUMBER]
    assert len(problems) == 3 and {p.page for p in problems} == {PAGE} and {p.table_id for p in problems} == {"03"}
    lost = next(p for p in problems if "'7.25'" in p.message)
    assert "x 240–300, y 180–200 pt" in lost.message and "20199" in lost.message  # where, and its row
    stray = next(p for p in problems if "'9.99'" in p.message)
    assert "outside the grid" in stray.message


def test_a_cell_read_into_two_records_is_reported_and_quarantines():
    grid, content, records = page_with_a_table()
    twice = records + [Record("03", "合计", "决算数", Decimal("12.50"), "合计", PAGE, box(2, 3))]
    audit = audit_tables([TableRegion("03", [grid])], twice, {})
    counted = [p for p in audit.problems if p.code == COUNTED_TWICE]
    assert len(counted) == 1 and "201/决算数" in counted[0].message and "合计/决算数" in counted[0].message
    assert decide_outcome([], counted) == QUARANTINED


def test_repeated_cells_and_orphan_grids():
    grid, content, records = page_with_a_table()
    repeated = audit_tables([TableRegion("03", [grid])], records, {}, repeats=[(PAGE, box(4, 3))])
    assert repeated.counts[REPEAT] == 1 and repeated.counts[UNPLACED] == 1  # 20199 still unplaced
    orphan = audit_tables([], [], {}, orphans=[grid])
    assert orphan.counts[UNPLACED] == 3  # 12.50, 12.50, 7.25: a grid no table took loses them all
    assert all("continues no table" in p.message for p in orphan.problems)


def test_an_unplaced_number_keeps_a_document_from_loading_clean():
    lost = Problem(UNPLACED_NUMBER, "table 03, page 5: '7.25' … is in no record", "03", 5)
    assert decide_outcome([], [lost]) == LOADED_WITH_WARNINGS


def test_numbers_are_read_as_printed():
    assert [n.text for n in numbers_in("合计1,234.56 和 ７８．９０")] == ["1,234.56", "78.90"]
    assert [n.text for n in numbers_in("—")] == ["—"] and numbers_in("—")[0].money_like
    assert not numbers_in("2024")[0].money_like and numbers_in("0.00")[0].money_like


# --- documents -------------------------------------------------------------------------------------

def one_per_layout() -> list[Path]:
    import json

    chosen: dict[str, Path] = {}
    for pdf in corpus_pdfs():
        layout = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8")).get("layout")
        chosen.setdefault(layout, pdf)
    return sorted(chosen.values())


@pytest.mark.parametrize("path", one_per_layout(), ids=lambda p: p.stem)
def test_every_printed_number_of_the_sample_corpus_is_accounted_for(path):
    doc = extract_document(path)
    assert doc.numbers_accounted.get(UNPLACED, 0) == 0
    # exactly one printed number per figure read, and no figure read twice
    assert doc.numbers_accounted[PLACED] == sum(r.amount is not None for r in doc.records) > 100
    assert not [p for p in doc.problems if p.code in (UNPLACED_NUMBER, COUNTED_TWICE)]


@needs_shared
@pytest.mark.parametrize("name", sorted(p.name for p in (SHARED / "realpdfs" / "final").glob("*.pdf"))
                         if (SHARED / "realpdfs").is_dir() else [])
def test_real_finals_have_no_unplaced_number(name):
    doc = extract_document(SHARED / "realpdfs" / "final" / name)
    assert doc.numbers_accounted.get(UNPLACED, 0) == 0, [p.message for p in doc.problems][:5]
    assert doc.numbers_accounted.get(PLACED, 0) == sum(r.amount is not None for r in doc.records)


def test_a_row_a_reader_drops_is_named(monkeypatch):
    """A reader that loses a row (as class 1 did) leaves its figures unplaced: reported."""
    import juesuan.extract.document as document

    path = one_per_layout()[0]
    whole = extract_document(path)
    victim = next(r for r in whole.records if r.table_id == "03" and len(r.row_key) == 5
                  and r.amount is not None and r.amount != 0)
    reader = document.read_coded_table

    def dropping(table_id, grids, unit):
        out = reader(table_id, grids, unit)
        if table_id == "03":
            out.records = [r for r in out.records if r.row_key != victim.row_key]
        return out

    monkeypatch.setattr(document, "read_coded_table", dropping)
    doc = extract_document(path)
    lost = [p for p in doc.problems if p.code == UNPLACED_NUMBER]
    printed = [r for r in whole.records if r.table_id == "03" and r.row_key == victim.row_key
               and r.amount is not None]
    assert len(lost) >= len(printed) > 0
    assert {p.page for p in lost} == {victim.page} and {p.table_id for p in lost} == {"03"}
    assert any(victim.row_key in p.message for p in lost)  # the row is named
    assert decide_outcome([], doc.problems) == LOADED_WITH_WARNINGS


def test_rows_lost_at_an_open_page_break_are_reported_when_not_recovered(tmp_path, monkeypatch):
    """Without the grid closing (ruling.py) the traps lose rows: the audit names them all."""
    pytest.importorskip("fpdf")
    import juesuan.extract.grid as grid_module
    from juesuan.sample.traps import render_trap

    monkeypatch.setattr(grid_module, "close_open_ends", lambda h, v, chars=None: (h, v))
    rendered = render_trap("break_lei_hunan", tmp_path)
    doc = extract_document(rendered.pdf_path)
    read = {(r.table_id, r.row_key, r.column_key) for r in doc.records}
    lost = [r for r in rendered.records if (r.table_id, r.row_key, r.column_key) not in read]
    assert lost and all(r.amount is not None for r in lost)  # every cell of this layout prints a figure
    assert doc.numbers_accounted[UNPLACED] == len(lost)
    assert {p.page for p in doc.problems if p.code == UNPLACED_NUMBER} == {r.page for r in lost}


def test_a_key_met_twice_is_never_dropped_in_silence():
    """A repeated 合计 row is accounted as a repeat; a row repeated on the very next line
    (a 项 printed with its 款's code) is counted once and noted; a conflict is reported.
    (A key met again further down a page: tests/test_repeated_rows.py.)"""
    from juesuan.extract.emit import TableOutput
    from juesuan.extract.grid import Cell

    def cell(text, y):
        return Cell(0, 0, 1, 1, text, text, text, (240.0, y, 300.0, y + 20))

    out = TableOutput("03", "万元")
    out.add("合计", "本年支出合计", cell("12.50", 100), "合计", 5)
    out.add("201", "本年支出合计", cell("12.50", 120), "一般公共服务支出", 5)
    out.add("201", "本年支出合计", cell("12.50", 140), "一般公共服务支出", 5)  # next line: noted
    out.add("合计", "本年支出合计", cell("12.50", 160), "合计", 5)  # a total at the foot too
    out.add("201", "本年支出合计", cell("12.50", 60), "一般公共服务支出", 6)  # continuation page
    out.add("201", "本年支出合计", cell("13.00", 80), "一般公共服务支出", 6)  # a conflict
    assert [r.row_key for r in out.records] == ["合计", "201"]
    assert [(p.code, p.page) for p in out.problems] == [("row_repeated", 5), ("unknown_row", 6)]
    assert "printed again on the next line of page 5" in out.problems[0].message
    assert "different figures" in out.problems[1].message
    assert out.repeats == [(5, (240.0, 140, 300.0, 160)), (5, (240.0, 160, 300.0, 180)),
                           (6, (240.0, 60, 300.0, 80))]


def test_numbers_in_sentences_and_page_footers_around_a_table_are_not_figures():
    grid, content, records = page_with_a_table()
    content.chars = [c for c in content.chars if c["top"] < 200 or c["top"] > 900]  # only the grid's
    content.chars += (chars("本单位本年支出合计12.50，比上年增加1.25，主要是人员增加。", 40, 300, width=9.0)
                      + chars("第 5 页 共 12 页", 250, 800))
    audit = audit_tables([TableRegion("03", [grid])], records, {PAGE: lines_outside(content, [grid])})
    assert audit.counts[TEXT] == 2 and audit.counts[PAGE_NUMBER] == 2
    assert audit.counts[UNPLACED] == 2  # the lost row inside the grid (20199, 7.25) only
