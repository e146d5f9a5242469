"""Reading a grid's shape: where the header ends, each column's header path, each column's role.

Headers wrap, span and stack 2–3 rows, so a column is described by the path of header
cells above it (['本年支出', '基本支出']) and mapped to a canonical column by meaning, not by
position. A column's role (code, name, value, 行次) is decided from its header and from
what its body cells hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.canonical import FUNCTION_CLASS_BY_NAME, FUND_COLUMNS, INCOME_LINES_01
from juesuan.extract.grid import Grid
from juesuan.money import looks_like_amount
from juesuan.text import has_cjk

_SMALL_INT = re.compile(r"^\d{1,2}$")
_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
_DECIMAL_AMOUNT = re.compile(r"^[+-]?[\d,]+\.\d+$|^[-—－–]$")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]、?|\d+[、.．](?!\d))")
CODE_PART_WORDS = frozenset({"类", "款", "项"})

# Labels that start a table body whatever the layout.
BODY_WORDS = frozenset({"合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计",
                        "公用经费合计"}) | frozenset(INCOME_LINES_01) | frozenset(FUNCTION_CLASS_BY_NAME) \
    | frozenset(FUND_COLUMNS)


def strip_numbering(label: str) -> str:
    """'一、一般公共服务支出' → '一般公共服务支出'; '（一）…' and '1、…' likewise."""
    previous = None
    while previous != label:
        previous, label = label, _NUMBERING.sub("", label)
    return label


def is_code(text: str) -> bool:
    return bool(_CODE.match(text))


def is_amount_text(text: str) -> bool:
    """Text that is a printed money figure (decimal point, thousands separator, or a dash)."""
    return bool(_DECIMAL_AMOUNT.match(text)) or ("," in text and looks_like_amount(text))


def is_index_row(grid: Grid, row: int) -> bool:
    """The 栏次 row (1 2 3 …) under a header: never money, even when it adds up."""
    texts = [c.norm for c in grid.row_cells(row) if c.norm]
    if any("栏次" in t for t in texts):
        return True
    numbers = [t for t in texts if _SMALL_INT.match(t)]
    return len(numbers) >= 2 and len(numbers) == len(texts)


def is_body_row(grid: Grid, row: int) -> bool:
    """A row of figures: its first label is a code or a known line, or it holds an amount.

    Only the leftmost label counts as a row label: header rows also print words such as
    本年收入合计, but as column headers to the right of 项目.
    """
    if is_index_row(grid, row):
        return False
    cells = [c for c in grid.row_cells(row) if c.norm and c.norm not in CODE_PART_WORDS]
    if not cells:
        return False
    first = cells[0].norm
    if strip_numbering(first) in BODY_WORDS or is_code(first) or first in ("……", "..."):
        return True
    return any(is_amount_text(c.norm) for c in cells)


def body_start(grid: Grid) -> int:
    """First body row of a grid (a continuation grid usually starts at 0)."""
    for row in range(grid.n_rows):
        if is_body_row(grid, row):
            return row
    return grid.n_rows


@dataclass
class ColumnInfo:
    index: int
    path: tuple[str, ...]  # header cells above, top to bottom (normalised text)
    role: str  # 'code' | 'name' | 'value' | 'line_no' | 'blank'

    @property
    def header(self) -> str:
        return "/".join(self.path)


_SUBHEADER_WORDS = frozenset({"合计", "小计", "基本支出", "项目支出"})


def header_paths(grid: Grid, end_row: int) -> list[tuple[str, ...]]:
    """Header path of every column: distinct header cells above the body, top to bottom.

    Some layouts print the last header words in the first body row: 类 款 项 over the code
    columns beside 合计, or 合计 基本支出 项目支出 under 本年支出 in the 合计 row itself.
    Those cells are header words, so they join the paths and are blanked as content.
    """
    paths: list[list[str]] = [[] for _ in range(grid.n_cols)]
    last_cell = [None] * grid.n_cols
    for row in range(min(end_row, grid.n_rows)):
        if is_index_row(grid, row):
            continue
        for col in range(grid.n_cols):
            cell = grid.matrix[row][col]
            if cell is None or not cell.norm or cell is last_cell[col]:
                continue
            paths[col].append(cell.norm)
            last_cell[col] = cell
    if end_row < grid.n_rows:
        for cell in _header_words_in_first_body_row(grid, end_row):
            for col in range(cell.col, cell.col_end):
                paths[col].append(cell.norm)
            cell.norm = ""
    return [tuple(p) for p in paths]


def _header_words_in_first_body_row(grid: Grid, row: int) -> list:
    cells = [c for c in grid.row_cells(row) if c.norm]
    words = [c for c in cells if c.norm in CODE_PART_WORDS]
    rest = [c for c in cells if c.norm not in CODE_PART_WORDS]
    # The leftmost remaining cell is the row's own label (合计); header words follow it.
    words += [c for c in rest[1:] if c.norm in _SUBHEADER_WORDS]
    return words


def body_starts(grids: list[Grid], first_start: int | None = None) -> list[int]:
    """Body start of each grid of one table. Continuation grids start at row 0 unless they
    repeat the first grid's header rows, which are then skipped."""
    first = grids[0]
    start = body_start(first) if first_start is None else first_start
    header = [[first.text(r, c) for c in range(first.n_cols)] for r in range(start)]
    starts = [start]
    for grid in grids[1:]:
        skip = 0
        while skip < min(len(header), grid.n_rows) and grid.n_cols == first.n_cols and \
                [grid.text(skip, c) for c in range(grid.n_cols)] == header[skip]:
            skip += 1
        while skip < grid.n_rows and is_index_row(grid, skip):
            skip += 1
        starts.append(skip)
    return starts


def column_roles(grids: list[Grid], starts: list[int], paths: list[tuple[str, ...]]) -> list[ColumnInfo]:
    """Role of each column from its header and the kinds of its body cells across grids."""
    n_cols = grids[0].n_cols
    counts = [{"code": 0, "part": 0, "amount": 0, "text": 0, "int": 0} for _ in range(n_cols)]
    for grid, start in zip(grids, starts):
        for row in range(start, grid.n_rows):
            for col in range(min(n_cols, grid.n_cols)):
                if not grid.owns(row, col):
                    continue
                text = grid.text(row, col)
                if not text or text in CODE_PART_WORDS:
                    continue
                kind = counts[col]
                if is_amount_text(text):
                    kind["amount"] += 1
                elif is_code(text):
                    kind["code"] += 1
                elif re.match(r"^\d{2}$", text):
                    kind["part"] += 1
                elif _SMALL_INT.match(text):
                    kind["int"] += 1
                elif has_cjk(text) or text == "……" or text == "...":
                    kind["text"] += 1
    infos = []
    for col in range(n_cols):
        path = paths[col]
        header = "".join(path)
        kind = counts[col]
        if "行次" in header:
            role = "line_no"
        elif any(w in header for w in ("编码", "代码")) or (path and path[-1] in CODE_PART_WORDS):
            role = "code"
        elif "名称" in header or "备注" in header or ("科目" in header and kind["amount"] == 0):
            role = "name"
        elif kind["amount"] > 0:
            role = "value"
        elif kind["text"] == 0 and _money_header(path):
            role = "value"  # whole numbers under a money header (15, 0): not a code's parts
        elif kind["code"] + kind["part"] > 0 and kind["text"] == 0:
            role = "code"
        elif kind["text"] > 0:
            role = "name"
        elif kind["int"] > 0 and not path:
            role = "line_no"
        elif not path and sum(kind.values()) == 0:
            role = "blank"
        else:
            role = "value"
        infos.append(ColumnInfo(col, path, role))
    return infos


_MONEY_ENDINGS = ("合计", "小计", "总计", "金额", "预算数", "决算数", "支出", "收入", "经费", "费", "资金")


def _money_header(path: tuple[str, ...]) -> bool:
    """A header that names an amount (…合计, …支出, …费): its column holds money even when a
    document prints it as whole numbers without separators."""
    return bool(path) and path[-1].endswith(_MONEY_ENDINGS) and not any("科目" in p for p in path)


def code_parts(grid: Grid, row: int, code_cols: list[ColumnInfo]) -> list[str]:
    """Texts of the distinct cells under the code columns (a whole code may span 类/款/项)."""
    parts: list[str] = []
    last = None
    for col in code_cols:
        cell = grid.matrix[row][col.index]
        if cell is last:
            continue
        last = cell
        text = cell.norm if cell is not None else ""
        parts.append("" if text in CODE_PART_WORDS else text)
    return parts
