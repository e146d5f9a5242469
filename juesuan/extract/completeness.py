"""Every number printed in a table ends in exactly one record, or is said to be something else.

Identities cannot see a figure that was never read: a dropped row whose parent was not
printed either leaves every total balanced (issue 12, class 1). So after the tables are
read, each number printed on their pages is accounted for:

  placed        its ruled cell is the cell of exactly one record (Record.bbox);
  repeat        the same figure printed again where the reader met its row twice (a 合计
                row repeated on a continuation page, or at the foot as well as the head);
  index         a 栏次/行次 number (an index row, a 行次 column);
  code          a classification code (or a part of a split code) of a row that has records;
  year          a year (2024年度, a bare year over the header) or a date;
  page_number   a page number;
  note          inside a note (注：…, 说明…);
  heading       numbering that is not money: 公开03表, 表1, a header's column numbers, the
                numbering inside a label (1.工资);
  text          outside every grid, a number that is no figure of the table: a count or
                an amount in a sentence (…万元, …人), a telephone number, a date;
  unplaced      anything else: a Problem naming page, position and text.

A cell that became two records is a Problem too ("counted twice"). The audit works on
what every table reader produces — grids, records with cell boxes, the text outside the
grids — so any reader's output (budgets included) can go through `audit_tables`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from juesuan.extract.grid import Cell, Grid
from juesuan.extract.printed import PrintedNumber, TextLine, count_numbers, numbers_in, x_extent
from juesuan.model import Problem, Record
from juesuan.text import has_cjk

PLACED, REPEAT, INDEX, CODE, YEAR, PAGE_NUMBER, NOTE, HEADING, TEXT, UNPLACED = (
    "placed", "repeat", "index", "code", "year", "page_number", "note", "heading", "text", "unplaced")
CLASSES = (PLACED, REPEAT, INDEX, CODE, YEAR, PAGE_NUMBER, NOTE, HEADING, TEXT, UNPLACED)

UNPLACED_NUMBER = "unplaced_number"
COUNTED_TWICE = "number_counted_twice"
MAX_PROBLEMS_PER_PAGE = 10  # beyond this one summary problem per page: the page is the news

_NOTE_WORDS = ("注", "说明", "备注", "附注", "资料来源", "填报说明")
_INDEX_WORDS = ("栏次", "行次")
_INDEX_TEXT = re.compile(r"^[\d=+\-*/×()（）、.,\s]+$")
_CODE_LENGTHS = (2, 3, 5, 7)
# Units a sentence prints right after a figure (…万元, …人): prose around a table.
_UNIT_WORDS = ("万元", "元", "亿元", "千元", "%", "％", "个", "人", "名", "辆", "次", "项", "家", "台", "套",
               "平方米", "户", "岁", "天")
_PAGE_NUMBER = re.compile(r"^[-—–－]*(第)?\d{1,4}(页)?[-—–－]*$|^\d{1,4}/\d{1,4}$|^第\d{1,4}页[,，]?共\d{1,4}页$"
                          r"|^共\d{1,4}页[,，]?第\d{1,4}页$")  # matched without spaces
_DATE = re.compile(r"(19|20)\d{2}\s*(年|[-./])\s*\d{1,2}\s*(月|[-./])\s*(\d{1,2}\s*日?)?")


@dataclass(frozen=True)
class TableRegion:
    """One read table: its id and the grids its figures came from, in order."""

    table_id: str | None
    grids: list[Grid]


@dataclass
class Audit:
    counts: Counter = field(default_factory=Counter)  # numbers by class
    problems: list[Problem] = field(default_factory=list)
    examples: dict[str, list[str]] = field(default_factory=dict)  # a few per class, for people

    def count(self, kind: str, number: PrintedNumber | None = None, n: int = 1) -> None:
        self.counts[kind] += n
        if number is not None and len(self.examples.setdefault(kind, [])) < 5:
            self.examples[kind].append(f"{number.text} in {number.context.strip()[:40]!r}")

    @property
    def unplaced(self) -> int:
        return self.counts[UNPLACED]


def audit_tables(tables: Iterable[TableRegion], records: Iterable[Record],
                 outside: dict[int, list[TextLine]], *, repeats: Iterable[tuple[int, tuple]] = (),
                 orphans: Iterable[Grid] = ()) -> Audit:
    """Account for every number printed in the tables' grids and around them.

    `records`: the records read from those tables (their `bbox` and `page` place them);
    `outside`: text lines outside the grids, by page (pages without a table are ignored);
    `repeats`: (page, cell box) of cells the reader met again with the same figure;
    `orphans`: ruled grids next to a table that no table took (their figures are lost).
    """
    tables = list(tables)
    audit = Audit()
    by_cell: dict[tuple[int, tuple], list[Record]] = {}
    for record in records:
        if record.bbox is not None and record.page is not None:
            by_cell.setdefault((record.page, tuple(record.bbox)), []).append(record)
    repeated = {(page, tuple(box)) for page, box in repeats}
    unplaced: dict[int, list[Problem]] = {}

    for table in tables:
        index_columns = _index_columns(table.grids, by_cell)
        for grid in table.grids:
            _audit_grid(grid, table.table_id, by_cell, repeated, index_columns, audit, unplaced)
    table_grids = [(t.table_id, g) for t in tables for g in t.grids]
    for page in sorted({g.page for _, g in table_grids}):
        on_page = [(tid, g) for tid, g in table_grids if g.page == page]
        _audit_lines(outside.get(page, []), on_page, audit, unplaced)
    for grid in orphans:
        for cell in grid.cells:
            for number in numbers_in(cell.text):
                if number.money_like:
                    _unplaced(audit, unplaced, None, grid.page, number, cell.bbox,
                              f"in a ruled grid that continues no table ({_row_text(grid, cell)})")
                else:
                    audit.count(TEXT, number)
    for page in sorted(unplaced):
        found = unplaced[page]
        audit.problems += found[:MAX_PROBLEMS_PER_PAGE]
        if len(found) > MAX_PROBLEMS_PER_PAGE:
            audit.problems.append(Problem(
                UNPLACED_NUMBER, f"page {page}: {len(found) - MAX_PROBLEMS_PER_PAGE} more printed numbers "
                f"are in no record ({len(found)} on the page)", found[0].table_id, page))
    return audit


# --- inside the grids ---------------------------------------------------------------------------

class _GridRows:
    """What the audit asks of a grid's rows, each worked out once: where the body starts
    (the first row holding a record), the row keys of each row's records, whether a row
    is an index row, and its first text."""

    def __init__(self, grid: Grid, by_cell):
        self.grid = grid
        self.keys: dict[int, set[str]] = {}
        for cell in grid.cells:
            for record in by_cell.get((grid.page, cell.bbox), ()):
                for row in range(cell.row, cell.row_end):
                    self.keys.setdefault(row, set()).add(record.row_key)
        self.first_body = min(self.keys) if self.keys else grid.n_rows
        self._index: dict[int, bool] = {}
        self._first: dict[int, str] = {}

    def has_code(self, row: int, digits: str) -> bool:
        return any(digits in key for key in self.keys.get(row, ()))

    def is_index(self, row: int) -> bool:
        if row not in self._index:
            self._index[row] = _index_row(self.grid, row)
        return self._index[row]

    def first_text(self, row: int) -> str:
        if row not in self._first:
            self._first[row] = next((c.text.strip() for c in self.grid.row_cells(row) if c.text.strip()), "")
        return self._first[row]


def _audit_grid(grid: Grid, table_id: str | None, by_cell, repeated, index_columns,
                audit: Audit, unplaced: dict[int, list[Problem]]) -> None:
    rows = _GridRows(grid, by_cell)
    for cell in grid.cells:
        if not cell.text:
            continue
        key = (grid.page, cell.bbox)
        placed = by_cell.get(key)
        if placed or key in repeated:
            count = count_numbers(cell.text)
            if count:
                audit.count(PLACED if placed else REPEAT, None, count)
            if placed and len(placed) > 1 and count:
                audit.problems.append(Problem(
                    COUNTED_TWICE, f"page {grid.page}: {cell.text!r} printed at {_where(cell.bbox)} became "
                    f"{len(placed)} records ({', '.join(f'{r.row_key}/{r.column_key}' for r in placed)})",
                    table_id, grid.page))
            continue
        for number in numbers_in(cell.text):
            kind = _cell_kind(number, cell, rows, index_columns)
            if kind == UNPLACED:
                _unplaced(audit, unplaced, table_id, grid.page, number, cell.bbox, _row_text(grid, cell))
            else:
                audit.count(kind, number)


def _cell_kind(number: PrintedNumber, cell: Cell, rows: _GridRows, index_columns: list[tuple[float, float]]) -> str:
    text = number.context.strip()
    if text.startswith(_NOTE_WORDS) or rows.first_text(cell.row).startswith(_NOTE_WORDS):
        return NOTE
    if _is_index(number, cell, rows, index_columns):
        return INDEX
    if number.digits_only and len(number.text) in _CODE_LENGTHS and rows.has_code(cell.row, number.text):
        return CODE
    if _is_year(number) and (number.followed_by(("年",)) or cell.row < rows.first_body):
        return YEAR
    if not number.money_like and (cell.row < rows.first_body or has_cjk(text)):
        return HEADING
    return UNPLACED


def _is_index(number: PrintedNumber, cell: Cell, rows: _GridRows, index_columns) -> bool:
    if number.money_like or len(number.text) > 3:
        return False
    if any(w in number.context for w in _INDEX_WORDS):
        return True
    centre = (cell.bbox[0] + cell.bbox[2]) / 2 if cell.bbox else None
    if centre is not None and any(x0 <= centre <= x1 for x0, x1 in index_columns):
        return True
    return rows.is_index(cell.row)


def _index_row(grid: Grid, row: int) -> bool:
    """A row of column numbers (1 2 3, 3=1+2), possibly labelled 栏次."""
    texts = [c.text.strip() for c in grid.row_cells(row) if c.text.strip()]
    if any(any(w in t for w in _INDEX_WORDS) for t in texts):
        return True
    numbers = [t for t in texts if _INDEX_TEXT.match(t) and max(map(len, re.findall(r"\d+", t)), default=9) <= 2]
    return len(numbers) >= 2 and len(numbers) == len(texts)


def _index_columns(grids: list[Grid], by_cell) -> list[tuple[float, float]]:
    """x-ranges of columns headed 行次 in the table's header rows (栏次 labels a row)."""
    ranges = []
    for grid in grids:
        record_rows = [c.row for c in grid.cells if (grid.page, c.bbox) in by_cell]
        first_body = min(record_rows) if record_rows else grid.n_rows
        for cell in grid.cells:
            if cell.row < first_body and cell.bbox and "行次" in cell.text and not numbers_in(cell.text):
                ranges.append((cell.bbox[0], cell.bbox[2]))
    return ranges


def _is_year(number: PrintedNumber) -> bool:
    return number.digits_only and len(number.text) == 4 and 1900 <= int(number.text) <= 2100


def _row_text(grid: Grid, cell: Cell) -> str:
    texts = [c.text.replace("\n", "") for c in grid.row_cells(cell.row) if c.text.strip()]
    joined = " | ".join(texts)
    return f"row: {joined[:80]}" if joined else "an empty row"


# --- around the grids ---------------------------------------------------------------------------

def _audit_lines(lines: list[TextLine], grids: list[tuple[str | None, Grid]], audit: Audit,
                 unplaced: dict[int, list[Problem]]) -> None:
    in_note = False
    previous_bottom = 0.0
    for line in sorted(lines, key=lambda ln: ln.top):
        if any(previous_bottom <= g.bbox[1] <= line.top for _, g in grids):
            in_note = False  # a grid between the last line and this one
        previous_bottom = line.bottom
        text = line.text.strip()
        in_note = in_note or text.startswith(_NOTE_WORDS)
        numbers = numbers_in(line.text) if not _DASHES_ONLY.match(text) else []
        for number in numbers:
            kind = _line_kind(number, text, in_note)
            if kind != UNPLACED:
                audit.count(kind, number)
                continue
            x0, x1 = x_extent(line, number)
            table_id = min(grids, key=lambda tg: _distance(tg[1], line))[0] if grids else None
            _unplaced(audit, unplaced, table_id, line.page, number, (x0, line.top, x1, line.bottom),
                      f"outside the grid, line: {text[:80]}")


_DASHES_ONLY = re.compile(r"^[-—–－─\s]*$")


def _line_kind(number: PrintedNumber, text: str, in_note: bool) -> str:
    if _PAGE_NUMBER.match(re.sub(r"\s+", "", text)):
        return PAGE_NUMBER
    if in_note:
        return NOTE
    if _is_year(number) and number.followed_by(("年",)):
        return YEAR
    if any(m.start() <= number.start < m.end() for m in _DATE.finditer(number.context)):
        return YEAR
    if number.preceded_by(("表", "附表")) or number.followed_by(("表",)) or number.preceded_by(("表",)):
        return HEADING
    if number.followed_by(_UNIT_WORDS, adjacent=True) or number.in_words:
        return TEXT
    return UNPLACED if number.money_like else TEXT


def _distance(grid: Grid, line: TextLine) -> float:
    top, bottom = grid.bbox[1], grid.bbox[3]
    return 0.0 if top <= line.top <= bottom else min(abs(line.top - bottom), abs(line.bottom - top))


# --- reporting ----------------------------------------------------------------------------------

def _where(box) -> str:
    if not box:
        return "an unknown position"
    x0, top, x1, bottom = box
    return f"x {x0:.0f}–{x1:.0f}, y {top:.0f}–{bottom:.0f} pt"


def _unplaced(audit: Audit, unplaced: dict[int, list[Problem]], table_id: str | None, page: int,
              number: PrintedNumber, box, context: str) -> None:
    audit.count(UNPLACED, number)
    what = f"table {table_id}" if table_id else "a table page"
    unplaced.setdefault(page, []).append(Problem(
        UNPLACED_NUMBER, f"{what}, page {page}: {number.text!r} printed at {_where(box)} is in no record "
        f"and is no index, code, year, page number or note ({context})", table_id, page))
