"""A ruled table on a page as a matrix of cells with their spans, and the text above it.

pdfplumber finds the ruled cells; this module turns them into a grid whose columns are
the finest vertical divisions, so a header cell that spans three columns is one Cell
covering three grid columns. A grid row or column that holds no text and that cells
run across (a text box ruled inside a cell) is merged into its neighbour: one printed
row is one grid row. Everything after this (headers, rows, keys) works on the
grid, never on the text stream, whose order is not reading order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from pdfplumber.table import TableFinder

from juesuan.extract.pdfium_page import PageContent
from juesuan.extract.ruling import close_open_ends
from juesuan.text import normalise_text, printed_label

# pdfplumber's settings for ruled tables: lines only (the text strategy picks up titles).
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
_EDGE_TOLERANCE = 1.5  # points: two cell edges closer than this are the same rule
_LINE_TOLERANCE = 3.0  # points: characters whose tops differ less share a text line


@dataclass(slots=True)
class Cell:
    row: int  # first grid row covered
    col: int  # first grid column covered
    row_end: int  # one past the last row covered
    col_end: int
    text: str  # as printed, lines joined by newlines
    norm: str  # NFKC, no whitespace: what matching uses
    label: str  # as printed minus wrapping whitespace: what row_label keeps
    # (x0, top, x1, bottom) in points on the displayed page, origin top-left: where a
    # reviewer's page image highlights the figure this cell printed.
    bbox: tuple[float, float, float, float] | None = None
    # x of the first character of the text's first line: how far a name is indented
    # (类 / 款 / 项 printed by name only, each level a step further right). None: no text.
    text_x0: float | None = None

    @property
    def is_blank(self) -> bool:
        return self.norm == ""


@dataclass(slots=True)
class Grid:
    """One ruled table found on one page."""

    page: int  # 1-based
    bbox: tuple[float, float, float, float]
    n_rows: int
    n_cols: int
    cells: list[Cell]
    col_edges: list[float]  # x of each grid column's left edge, plus the right edge
    lines_above: list[str] = field(default_factory=list)  # text lines above, nearest first (normalised)
    labels_above: list[str] = field(default_factory=list)  # the same lines as printed
    matrix: list[list[Cell | None]] = field(default_factory=list)

    def cell(self, row: int, col: int) -> Cell | None:
        return self.matrix[row][col]

    def text(self, row: int, col: int) -> str:
        cell = self.matrix[row][col]
        return cell.norm if cell is not None else ""

    def owns(self, row: int, col: int) -> bool:
        """True where the cell covering (row, col) starts at this column (not a span tail)."""
        cell = self.matrix[row][col]
        return cell is not None and cell.col == col

    def row_cells(self, row: int) -> list[Cell]:
        """Distinct cells intersecting a row, left to right."""
        seen: list[Cell] = []
        for col in range(self.n_cols):
            cell = self.matrix[row][col]
            if cell is not None and (not seen or seen[-1] is not cell):
                seen.append(cell)
        return seen


def _index(edges: list[float], value: float) -> int:
    """Index of the edge equal to `value` (within tolerance); edges are sorted."""
    i = bisect_left(edges, value - _EDGE_TOLERANCE)
    if i < len(edges) and abs(edges[i] - value) <= _EDGE_TOLERANCE:
        return i
    raise ValueError(f"edge {value} not on grid")


def _merge_edges(values: list[float]) -> list[float]:
    merged: list[float] = []
    for v in sorted(values):
        if not merged or v - merged[-1] > _EDGE_TOLERANCE:
            merged.append(v)
    return merged


def grids_on_page(content: PageContent, plumber_page) -> list[Grid]:
    """All ruled tables on a page, top to bottom, with the text lines above each.

    The rules and characters come from PDFium (pdfium_page.py); pdfplumber's TableFinder
    turns the rules into cells (explicit-edge strategy, so pdfplumber never re-parses
    the page); characters go to the cell that holds their centre, as pdfplumber does.
    """
    h_edges = [e for e in content.edges if e["orientation"] == "h"]
    v_edges = [e for e in content.edges if e["orientation"] == "v"]
    h_edges, v_edges = close_open_ends(h_edges, v_edges, content.chars)
    if len(h_edges) < 2 or len(v_edges) < 2:
        return []
    settings = dict(TABLE_SETTINGS, vertical_strategy="explicit", horizontal_strategy="explicit",
                    explicit_vertical_lines=v_edges, explicit_horizontal_lines=h_edges)
    tables = sorted(TableFinder(plumber_page, settings).tables, key=lambda t: t.bbox[1])
    grids: list[Grid] = []
    previous_bottom = 0.0
    for table in tables:
        grid = _grid_from_cells(table.cells, content.chars, content.number)
        if grid is None:
            continue
        top = table.bbox[1]
        above = [c for c in content.chars if c["top"] >= previous_bottom - 1 and c["bottom"] <= top + 2]
        kept = [line for line in reversed(_lines(above)) if normalise_text(line)]
        grid.lines_above = [normalise_text(t) for t in kept]
        grid.labels_above = [printed_label(t) for t in kept]
        grids.append(grid)
        previous_bottom = table.bbox[3]
    return grids


def _lines(chars: list[dict]) -> list[str]:
    """Characters grouped into text lines by baseline (top to bottom), each read left to right."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["baseline"], c["x0"])):
        if lines and ch["baseline"] - lines[-1][0]["baseline"] <= _LINE_TOLERANCE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return ["".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines]


def _grid_from_cells(boxes, chars: list[dict], page_number: int) -> Grid | None:
    if len(boxes) < 2:
        return None
    xs = _merge_edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _merge_edges([b[1] for b in boxes] + [b[3] for b in boxes])
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 1 or n_rows < 1:
        return None
    cells: list[Cell] = []
    matrix: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    # Smallest boxes first: where an outer frame is ruled around the whole table (a
    # spreadsheet's print area), each position belongs to the innermost cell printed there.
    for box in sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])):
        try:
            c0, c1 = _index(xs, box[0]), _index(xs, box[2])
            r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        except ValueError:
            continue
        if c1 <= c0 or r1 <= r0:
            continue
        cell = Cell(r0, c0, r1, c1, "", "", "", (box[0], box[1], box[2], box[3]))
        cells.append(cell)
        for r in range(r0, r1):
            for c in range(c0, c1):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    buckets: dict[int, list[dict]] = {}
    rows_with_text: set[int] = set()
    cols_with_text: set[int] = set()
    for ch in chars:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            continue
        col = min(bisect_right(xs, x) - 1, n_cols - 1)
        row = min(bisect_right(ys, y) - 1, n_rows - 1)
        cell = matrix[row][col]
        if cell is not None:
            buckets.setdefault(id(cell), []).append(ch)
            if ch["text"].strip():
                rows_with_text.add(row)
                cols_with_text.add(col)
    for cell in cells:
        raw = "\n".join(_lines(buckets.get(id(cell), [])))
        cell.text, cell.norm, cell.label = raw, normalise_text(raw), printed_label(raw)
        cell.text_x0 = _first_line_x0(buckets.get(id(cell), []))
    grid = Grid(page=page_number, bbox=(xs[0], ys[0], xs[-1], ys[-1]), n_rows=n_rows, n_cols=n_cols,
                cells=cells, col_edges=xs, matrix=matrix)
    return merge_phantom_lines(grid, rows_with_text, cols_with_text)


def _phantom_groups(n: int, spans: list[tuple[int, int]], with_text: set[int]) -> list[int] | None:
    """For grid lines (rows or columns) 0..n-1: the index each one has once every phantom
    line is merged into the neighbour it belongs to; None if there is no phantom line.

    A phantom line has no character centred in it, and cells that cover it run on into a
    neighbour (`spans`: each cell's (first, one past last) line on this axis). It merges
    into the neighbour more of them run into. Each phantom line points to one neighbour,
    so a merged group holds at most one line that prints text: two printed rows (or
    columns) are never joined."""
    up = [0] * n  # cells covering line i that also cover i - 1
    down = [0] * n  # ... that also cover i + 1
    for first, end in spans:
        for i in range(first, end):
            up[i] += i > first
            down[i] += i < end - 1
    target: list[int | None] = [None] * n
    for i in range(n):
        if i not in with_text and (up[i] or down[i]):
            target[i] = i + 1 if down[i] >= up[i] else i - 1
    if all(t is None for t in target):
        return None
    roots = []
    for i in range(n):
        seen, j = set(), i
        while target[j] is not None and j not in seen:
            seen.add(j)
            j = target[j]
        roots.append(j)
    rank = {root: i for i, root in enumerate(sorted(set(roots)))}
    return [rank[r] for r in roots]


def _printed_lines(index: list[int], with_text: set[int]) -> set[int]:
    """The old lines that keep a merged line's place: those with text, and every line of a
    group that has none (nothing to prefer there)."""
    groups_with_text = {index[i] for i in with_text if i < len(index)}
    return {i for i in range(len(index)) if i in with_text or index[i] not in groups_with_text}


def merge_phantom_lines(grid: Grid, rows_with_text: set[int], cols_with_text: set[int]) -> Grid:
    """The grid with its phantom rows and columns (see _phantom_groups) merged away, so that
    one printed row is one grid row and one printed column one grid column.

    Jiangsu's 2017-2019 exports rule a text box inside some cells, inset 3 pt from the
    cell's top and bottom and 5 pt from its sides, its rules running across the whole
    cell. Read as rules of the table they cut the row into three grid rows (the code and
    name cells spanning all three beside a blank, a figure, a blank: the code repeats on
    blank copies and the table falls into '第n组' blocks) and put a sliver column beside
    every column rule (the table's columns then differ from its continuation page's)."""
    row_index = _phantom_groups(grid.n_rows, [(c.row, c.row_end) for c in grid.cells], rows_with_text)
    col_index = _phantom_groups(grid.n_cols, [(c.col, c.col_end) for c in grid.cells], cols_with_text)
    if row_index is None and col_index is None:
        return grid
    row_index = row_index or list(range(grid.n_rows))
    col_index = col_index or list(range(grid.n_cols))
    n_rows, n_cols = row_index[-1] + 1, col_index[-1] + 1
    moved: dict[int, Cell] = {}
    for old in grid.cells:
        moved[id(old)] = Cell(row_index[old.row], col_index[old.col], row_index[old.row_end - 1] + 1,
                              col_index[old.col_end - 1] + 1, old.text, old.norm, old.label, old.bbox,
                              old.text_x0)
    matrix: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    # Each merged position takes the cell of its printed row and column, blank or not (a
    # frame that also covers a phantom line prints its text elsewhere).
    printed_rows, printed_cols = _printed_lines(row_index, rows_with_text), _printed_lines(col_index, cols_with_text)
    positions = sorted(((r, c) for r in range(grid.n_rows) for c in range(grid.n_cols)),
                       key=lambda rc: (rc[0] not in printed_rows) + (rc[1] not in printed_cols))
    for r, c in positions:
        old = grid.matrix[r][c]
        if old is None:
            continue
        if matrix[row_index[r]][col_index[c]] is None:
            matrix[row_index[r]][col_index[c]] = moved[id(old)]
    kept = {id(cell) for line in matrix for cell in line if cell is not None}
    cells = [cell for cell in moved.values() if id(cell) in kept]
    edges = [x for i, x in enumerate(grid.col_edges[:-1]) if i == 0 or col_index[i] != col_index[i - 1]]
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=n_rows, n_cols=n_cols, cells=cells,
                col_edges=edges + [grid.col_edges[-1]], lines_above=grid.lines_above,
                labels_above=grid.labels_above, matrix=matrix)


def _first_line_x0(chars: list[dict]) -> float | None:
    if not chars:
        return None
    first = min(c["baseline"] for c in chars)
    return min(c["x0"] for c in chars if c["baseline"] - first <= _LINE_TOLERANCE)


def regrid(grid: Grid, edges: list[float]) -> Grid | None:
    """The same grid on finer column edges, or None if its edges are not a subset of them.

    A continuation page whose codes span the three 类/款/项 columns has no rule between
    them; expressed on the first page's edges it lines up column for column again.
    """
    def find(x: float) -> int | None:
        for i, e in enumerate(edges):
            if abs(e - x) <= max(3.0, _EDGE_TOLERANCE):
                return i
        return None

    mapping = [find(x) for x in grid.col_edges]
    if any(m is None for m in mapping) or mapping[0] != 0 or mapping[-1] != len(edges) - 1:
        return None
    n_cols = len(edges) - 1
    cells: list[Cell] = []
    matrix: list[list[Cell | None]] = [[None] * n_cols for _ in range(grid.n_rows)]
    for old in grid.cells:
        cell = Cell(old.row, mapping[old.col], old.row_end, mapping[old.col_end], old.text, old.norm, old.label,
                    old.bbox, old.text_x0)
        cells.append(cell)
        for r in range(cell.row, cell.row_end):
            for c in range(cell.col, cell.col_end):
                if matrix[r][c] is None:
                    matrix[r][c] = cell
    return Grid(page=grid.page, bbox=grid.bbox, n_rows=grid.n_rows, n_cols=n_cols, cells=cells,
                col_edges=list(edges), lines_above=grid.lines_above, labels_above=grid.labels_above,
                matrix=matrix)
