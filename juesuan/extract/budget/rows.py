"""Keys of the body rows of a coded budget table, as tolerantly as budgets print them.

Budget exports print codes in more ways than final accounts do:
  - split 类 | 款 | 项 columns where a row leaves out the leading parts it shares with
    the row above (205 / _ 02 / _ _ 01): the parts are carried down;
  - a code and its name in one cell: 2050305-高等职业教育, [212]城乡社区支出;
  - two classifications side by side (部门预算支出经济分类 30216 beside 政府预算支出经济
    分类 50203): the department's 3xx code keys an economic row, the 5xx one is a label;
  - a function code with an economic code on the same row (Beijing's 支出总表): the row
    is keyed '<function>/<economic>';
  - sections per member unit (a 预算单位 column naming the unit above its codes): the
    first unit row is the table's total, each further one opens a section, and the
    codes under it are keyed '<unit>/<code>'.
"""

from __future__ import annotations

import re

from juesuan.codes import ECONOMIC, FUNCTION, as_code, join_code
from juesuan.extract.coded import TOTAL_LABELS
from juesuan.extract.grid import Grid
from juesuan.extract.header import (CODE_PART_WORDS, ColumnInfo, body_start, body_starts, is_amount_text,
                                    is_index_row, strip_numbering)

_COMBINED = re.compile(r"^[\[［【(（]?(\d{3}(?:\d{2}){0,2})[\]］】)）]?(?:[-－—–_、.:：\s]+|(?=[^\d]))(.*)$")
_HYPHENATED = re.compile(r"(?<!\d)(\d{3}(?:\d{2}){0,2})[-－—–]([^\d].*)$")
_UNIT_HEADER = ("单位", "部门名称")
_UNIT_CODE = re.compile(r"^\d{6,9}$")
SECTION_SEPARATOR = "/"


def split_code(text: str) -> tuple[str | None, str]:
    """('2050305', '高等职业教育') from '2050305-高等职业教育'; (None, text) otherwise.

    A 'code-name' cell may begin with the tail of the row above when a long name overflows
    its cell ('缴费支出2080506-机关事业单位职业年金'): the hyphen marks the code there too."""
    match = _COMBINED.match(text)
    if match and (match.group(2) or text.isdigit()):
        return match.group(1), match.group(2)
    if text.isdigit() and len(text) in (3, 5, 7):
        return text, ""
    inner = _HYPHENATED.search(text)
    if inner:
        return inner.group(1), inner.group(2)
    return None, text


def _groups(code_cols: list[ColumnInfo]) -> list[list[ColumnInfo]]:
    """Code columns in runs of adjacent columns: one run per classification printed."""
    runs: list[list[ColumnInfo]] = []
    for col in code_cols:
        if runs and col.index == runs[-1][-1].index + 1 and len(runs[-1]) < 3:
            runs[-1].append(col)
        else:
            runs.append([col])
    return runs


def _is_unit_header(header: str) -> bool:
    return any(w in header for w in ("部门代码", "单位代码", "部门编码", "单位编码", "预算单位编码"))


def _is_full_code(code: str) -> bool:
    """A 项 of the function classification (7 digits) or a 款 of an economic one (5)."""
    return len(code) >= (7 if _system_of(code) == FUNCTION else 5)


def _system_of(code: str) -> str:
    return ECONOMIC if code[0] in "35" else FUNCTION


class RowKeyer:
    """Keys the rows of one coded budget table, top to bottom (it carries state)."""

    def __init__(self, columns: list[ColumnInfo], system: str = FUNCTION):
        self.system = system
        # 部门代码 / 单位编码 identify a member unit, not a classification.
        unit_codes = [c for c in columns if c.role == "code" and _is_unit_header(c.header)]
        self.unit_code_cols = unit_codes
        self.code_groups = _groups([c for c in columns if c.role == "code" and c not in unit_codes])
        names = [c for c in columns if c.role == "name"]
        self.unit_cols = [c for c in names if any(w in c.header for w in _UNIT_HEADER)
                          and not any(w in c.header for w in ("科目", "项目"))]
        self.name_cols = [c for c in names if c not in self.unit_cols]
        self.previous: list[str] = []  # the parts of the last code read, for carried-down parts
        self.section: str | None = None
        self.seen_total = False
        self.units_seen: set[str] = set()
        self.block_starts: frozenset[int] = frozenset()  # see for_table
        self._calls = 0
        self._block = 0

    @classmethod
    def for_table(cls, grids: list[Grid], columns: list[ColumnInfo], system: str = FUNCTION,
                  first_body_row: int | None = None) -> "RowKeyer":
        """A keyer that also recognises blocks of rows per member unit printed without the
        unit's name (Beijing's 一般公共预算支出表 lists each unit's codes in turn): a code that
        repeats within a block starts the next one, and the blocks become sections 第1组,
        第2组 … so that no printed row is lost or merged."""
        probe = cls(columns, system)
        values = [c.index for c in columns if c.role == "value"]
        rows = [(probe.key(grid, row)[0], tuple(grid.text(row, c) for c in values))
                for grid, start in zip(grids, body_starts(grids, first_body_row))
                for row in range(start, grid.n_rows) if not is_index_row(grid, row)]
        keyer = cls(columns, system)
        if probe.section is not None:
            return keyer  # units named in the table: their sections
        starts, current, previous = [], set(), None
        for i, (key, figures) in enumerate(rows):
            if key is None or not key.split(SECTION_SEPARATOR)[0].isdigit():
                continue
            # A code printed again on the next row with the same figures is one row repeated
            # (a 项 printed with its 款's code), not the start of another unit's block; a full
            # 项 code cannot stand for its parent, so its repeat is the next unit's row.
            echo = (key, figures) == previous and not _is_full_code(key.split(SECTION_SEPARATOR)[0])
            if key in current and not echo:
                starts.append(i)
                current = set()
            current.add(key)
            previous = (key, figures)
        if starts:
            first = next(i for i, (k, _) in enumerate(rows) if k and k.split(SECTION_SEPARATOR)[0].isdigit())
            keyer.block_starts = frozenset([first, *starts])
        return keyer

    def _group_code(self, grid: Grid, row: int, group: list[ColumnInfo]) -> str | None:
        parts, last = [], None
        for col in group:
            cell = grid.matrix[row][col.index]
            if cell is last:
                continue
            last = cell
            text = cell.norm if cell is not None else ""
            parts.append("" if text in CODE_PART_WORDS else text)
        if len(parts) == 1:
            code, _ = split_code(parts[0])
            return code
        # A spreadsheet drops the leading zero of a 款 or 项 printed as a number (301 | 2).
        parts = [p.zfill(2) if i and len(p) == 1 and p.isdigit() else p for i, p in enumerate(parts)]
        if parts and not parts[0] and any(parts) and self.previous:
            # 类 (and 款) left out: the row shares them with the code above.
            filled = list(parts)
            for i, part in enumerate(parts):
                if part:
                    break
                if i < len(self.previous) and self.previous[i]:
                    filled[i] = self.previous[i]
            parts = filled
        code = join_code(parts)
        if code:
            self.previous = [code[:3], code[3:5], code[5:7]]
        return code

    def _codes(self, grid: Grid, row: int) -> tuple[list[str], str]:
        """Every code printed on the row (code columns, then combined name cells), and the name."""
        codes: list[str] = []
        for group in self.code_groups:
            code = self._group_code(grid, row, group)
            if code:
                codes.append(code)
        name = ""
        for col in self.name_cols:
            if not grid.owns(row, col.index):
                continue
            cell = grid.cell(row, col.index)
            if not cell.norm:
                continue
            code, rest = split_code(cell.norm)
            if code and code not in codes:
                codes.append(code)
                name = name or _label_after_code(cell.label)
            else:
                name = name or cell.label
        return codes, name

    def key(self, grid: Grid, row: int) -> tuple[str | None, str]:
        if self._calls in self.block_starts:
            self._block += 1
            self.section = f"第{self._block}组"
            self.previous = []
        self._calls += 1
        codes, name = self._codes(grid, row)
        function = [c for c in codes if _system_of(c) == FUNCTION]
        economic = [c for c in codes if c[0] == "3"]
        if self.system == FUNCTION:
            code = function[0] if function else None
            if code and economic:
                # Every classification the row prints: Beijing's 支出总表 lists one row per
                # function × 政府经济分类 (5xx) × 部门经济分类 (3xx).
                code = SECTION_SEPARATOR.join([code] + [c for c in codes if _system_of(c) == ECONOMIC])
        else:
            code = economic[0] if economic else None
        if code is not None:
            if function and self.system == FUNCTION:
                self.previous = [function[0][:3], function[0][3:5], function[0][5:7]]
            return (f"{self.section}{SECTION_SEPARATOR}{code}" if self.section else code), name
        if codes:
            return None, name  # only codes of another classification (5xx): not a key
        label = self._first_text(grid, row)
        if not self.code_groups and not self.name_cols and not self.unit_cols and not self.seen_total:
            self.seen_total = True  # a table of figures only (Beijing's 收入总表): its one row is the total
            return "合计", "合计"
        if strip_numbering(label) in TOTAL_LABELS:
            self.seen_total = True
            return "合计", "合计"
        unit = self._unit(grid, row) or self._coded_unit(grid, row, name)
        if unit:
            if not self.seen_total:
                self.seen_total = True
                return "合计", unit
            if unit in self.units_seen:
                # A department's row, then its own 本级 unit under the same name (Hangzhou:
                # 杭州市气象局 5,876.67, then 杭州市气象局 5,011.05 indented beneath it).
                unit = f"{unit}（本级）"
            self.units_seen.add(unit)
            self.section = unit
            self.previous = []
            return unit, unit
        if not label and not name and (self.unit_cols or self.unit_code_cols):
            return "合计", "合计"  # the unlabelled row under a list of units: their total
        return None, label or name

    def _unit(self, grid: Grid, row: int) -> str | None:
        """A member unit's row: its name, with its unit code where one is printed (a
        department and its 本级 unit often share a name: 313 / 313001 苏州市数据局)."""
        code = next((grid.text(row, c.index) for c in self.unit_code_cols if grid.text(row, c.index)), "")
        for col in self.unit_cols:
            if grid.owns(row, col.index) and grid.text(row, col.index):
                name = grid.cell(row, col.index).label
                return f"{name}（{code}）" if code else name
        return f"单位（{code}）" if code else None  # a unit printed by its code only

    def _coded_unit(self, grid: Grid, row: int, name: str) -> str | None:
        """A member unit printed in the code column by its 6-digit unit code (105236 西南大学)."""
        for group in self.code_groups:
            text = grid.text(row, group[0].index)
            if _UNIT_CODE.match(text) and name:
                return f"{name}（{text}）"
        return None

    def _first_text(self, grid: Grid, row: int) -> str:
        for group in self.code_groups:
            for col in group:
                text = grid.text(row, col.index)
                if text and text not in CODE_PART_WORDS:
                    return text
        for col in self.name_cols + self.unit_cols:
            text = grid.text(row, col.index)
            if text:
                return text
        return ""


def _label_after_code(label: str) -> str:
    _, rest = split_code(label)
    return rest


def first_body_row(grid: Grid) -> int:
    """Where a budget table's body starts: the first row that prints a figure. A budget's
    header may open with 合计 or 总计 (the first column's heading), which the finals' rule
    takes for the body's first label. A table without figures falls back to that rule."""
    for row in range(grid.n_rows):
        if any(is_amount_text(c.norm) for c in grid.row_cells(row) if c.norm):
            while row > 0 and _starts_with_code(grid, row - 1):
                row -= 1  # coded rows printed without figures above the first figure
            return row
    return body_start(grid)


def _starts_with_code(grid: Grid, row: int) -> bool:
    first = next((c.norm for c in grid.row_cells(row) if c.norm and c.norm not in CODE_PART_WORDS), "")
    return split_code(first)[0] is not None
