"""Rows printed by name only (科目名称, no 科目编码), keyed by their classification code.

Hangzhou's budgets print 03, 05, 06 and 07 with one name column: 科学技术支出, then
技术研究与开发 one step right, then 科技成果转化与扩散 a step further. A name alone is
ambiguous (行政运行 is a 项 of dozens of 款), a name under its printed parents is not: the
national classification gives every 类 a unique name, every 款 a unique name within its
类, every 项 within its 款. So a row is keyed by the code whose name it prints *under the
类 and 款 printed above it*, looked up in juesuan/code_names.py (names real documents print
beside their codes) — and only when exactly one code fits:

  - the row's level comes from its indentation where the table indents its levels
    (first-line x of the name, in as many steps as the classification has levels, no row
    deeper than one step below the row above); otherwise it is whatever level the name
    fits, and a name fitting two levels (其他一般公共服务支出 is 款 20199 and 项 2019999)
    is left unkeyed unless the other code was already printed above;
  - a code is bound once per table;
  - a row that cannot be keyed leaves its level's parent unknown: the rows under it stay
    unkeyed too (with no indentation, every row until the next 类), never bound to the
    parent before it;
  - except a 款 or 项 whose name the catalogue lacks under its parent (监狱 under 204: no
    document we mined prints it with its code) while indentation prints its level and its
    parent was keyed: it is placed under that parent by name, '204>监狱' (codes.NAME_STEP),
    and its own rows under it ('204>监狱>行政运行'). Its figures are then in a record and
    in its parent's sums; no code is claimed, so views by code leave it out.

A row left unkeyed is reported as any row without a code (unknown_row); a table whose
rows were keyed by name says so in a note (keyed_by_name), since its keys were not printed.
The parent = Σ children identities then check the hierarchy as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan import code_names
from juesuan.canonical import FUNCTION_CLASSES
from juesuan.codes import ECONOMIC, FUNCTION, NAME_STEP, is_named_path, parent
from juesuan.extract.budget.rows import RowKeyer
from juesuan.extract.grid import Grid
from juesuan.extract.header import ColumnInfo, body_starts, is_index_row
from juesuan.model import Problem
from juesuan.text import normalise_text

KEYED_BY_NAME = "keyed_by_name"
DEPTH = {FUNCTION: 3, ECONOMIC: 2}  # 类 / 款 / 项; 类 / 款
# points: names whose first glyphs start closer than this are at one level (a glyph's
# left bearing moves its box by up to ~2.5 pt; a level is indented by a character, ~10 pt)
INDENT_GAP = 4.0


def name_index(system: str, names: dict[str, tuple[str, int]] | None = None) -> dict[tuple[str | None, str], str]:
    """(parent code or None for a 类, normalised name) → code, for one classification."""
    names = code_names.NAMES if names is None else names
    first = "3" if system == ECONOMIC else "2"
    index = {(parent(code), normalise_text(name)): code for code, (name, _) in names.items() if code[0] == first}
    if system == FUNCTION:
        index.update({(None, normalise_text(name)): code for code, name in FUNCTION_CLASSES.items()})
    return index


def resolve(rows: list[tuple[str, int | None]], index: dict[tuple[str | None, str], str],
            depth: int) -> list[str | None]:
    """The key of each (name, level or None) row, top to bottom; None where not certain.

    A row whose name the catalogue does not know under its parent is placed by name
    (codes.NAME_STEP) when its level is printed (indentation) and the row it hangs from
    was keyed: its figures then count in that parent's sums, under a key that claims no code.
    """
    path: list[str | None] = [None] * (depth - 1)  # the keys of the 类 (and 款) above the row
    used: set[str] = set()
    codes: list[str | None] = []
    for name, level in rows:
        options = []
        for candidate in range(depth):
            if level is not None and candidate != level:
                continue
            up = path[candidate - 1] if candidate else None
            code = index.get((up, normalise_text(name))) if candidate == 0 or up else None
            if code and code not in used:
                options.append((candidate, code))
        if len(options) == 1:
            candidate, code = options[0]
        else:
            candidate, code = level, placed_by_name(name, level, path, index, used)
        if code is not None and candidate is not None:
            used.add(code)
            if candidate < depth - 1:
                path[candidate] = code
                path[candidate + 1:] = [None] * (depth - 2 - candidate)
            codes.append(code)
            continue
        codes.append(None)
        # A parent we could not key: what follows may be its children, not the row above's.
        lost = 0 if level is None else level
        path[lost:] = [None] * (depth - 1 - lost)
    return codes


def placed_by_name(name: str, level: int | None, path: list[str | None],
                   index: dict[tuple[str | None, str], str], used: set[str]) -> str | None:
    """'<parent key>>name' for a 款 or 项 the catalogue does not name under its printed
    parent; None when its level is not printed, its parent was not keyed, the catalogue
    knows the name there (a code printed twice is not placed again) or the key is taken."""
    if not level or path[level - 1] is None:
        return None  # a 类 is always in the catalogue (FUNCTION_CLASSES); an unknown one is a misread
    above, label = path[level - 1], normalise_text(name)
    if not label or NAME_STEP in label or "/" in label or (above, label) in index:
        return None  # '/' would read as a member unit's section (validate.identities.sections)
    key = f"{above}{NAME_STEP}{label}"
    return None if key in used else key


def indent_levels(indents: list[float | None], depth: int) -> list[int | None] | None:
    """Each row's level from its indentation, or None when the table does not indent its
    levels plainly (a name without position, more steps than levels, a first row that is
    not a 类, a row two steps deeper than the row above)."""
    if not indents or any(x is None for x in indents):
        return None
    steps: list[list[float]] = []  # [first, last] x of each step, left to right
    for x in sorted(indents):
        if steps and x - steps[-1][1] <= INDENT_GAP:
            steps[-1][1] = x
        else:
            steps.append([x, x])
    if len(steps) < 2 or len(steps) > depth:
        return None
    levels = [next(i for i, (first, last) in enumerate(steps) if first <= x <= last) for x in indents]
    if levels[0] != 0 or any(b > a + 1 for a, b in zip(levels, levels[1:])):
        return None
    return levels


@dataclass
class NamedRowKeyer:
    """A RowKeyer for a table without code columns: 合计 and unit rows as RowKeyer keys
    them, every other named row by the code resolved for it beforehand."""

    base: RowKeyer
    keys: dict[tuple[int, int], str] = field(default_factory=dict)  # (id(grid), row) → code
    table_id: str = ""
    pages: list[int] = field(default_factory=list)

    def key(self, grid: Grid, row: int) -> tuple[str | None, str]:
        key, label = self.base.key(grid, row)
        if key is None and (id(grid), row) in self.keys:
            return self.keys[(id(grid), row)], label
        return key, label

    def note(self) -> Problem | None:
        if not self.keys:
            return None
        placed = [k for k in self.keys.values() if is_named_path(k)]
        by_name = (f"; {len(placed)} rows whose names the catalogue does not code under their printed parent are "
                   f"placed under it by name (row_key '<parent>{NAME_STEP}<name>', e.g. '{placed[0]}'): they count in "
                   "their parent's sums but in no view by code" if placed else "")
        return Problem(KEYED_BY_NAME, f"table {self.table_id} prints its rows by name only: "
                       f"{len(self.keys) - len(placed)} rows keyed by the code their name has under the 类 and 款 "
                       "printed above them (names real documents print beside their codes, "
                       f"juesuan/code_names.py){by_name}; no code was printed",
                       self.table_id, self.pages[0] if self.pages else None)


def prints_names_only(columns: list[ColumnInfo]) -> bool:
    """A coded table's header with a name column and no code column."""
    roles = {c.role for c in columns}
    return "name" in roles and "code" not in roles


def named_keyer(table_id: str, grids: list[Grid], columns: list[ColumnInfo], system: str,
                first_body_row: int | None, fiscal_year: int | None) -> NamedRowKeyer | None:
    """The keyer of a table printed by name only, or None where names cannot key it: the
    table prints codes (in a column or in its name cells), its year is outside the years
    the names were mined from, or it is cut into member-unit sections (whose codes repeat)."""
    if not prints_names_only(columns) or fiscal_year is None:
        return None
    first, last = code_names.YEARS
    if not first <= fiscal_year <= last:
        return None
    probe = RowKeyer(columns, system)
    rows: list[tuple[Grid, int, str, float | None]] = []
    for grid, start in zip(grids, body_starts(grids, first_body_row)):
        for row in range(start, grid.n_rows):
            if is_index_row(grid, row):
                continue
            key, label = probe.key(grid, row)
            if probe.section is not None or (key and key[0].isdigit()):
                return None  # member-unit sections, or codes printed in the name cells (30101-基本工资)
            if key is None and label:
                rows.append((grid, row, label, _indent(grid, row, probe)))
    levels = indent_levels([x for *_, x in rows], DEPTH[system])
    codes = resolve([(label, levels[i] if levels else None) for i, (_, _, label, _) in enumerate(rows)],
                    name_index(system), DEPTH[system])
    keyer = NamedRowKeyer(RowKeyer(columns, system), table_id=table_id, pages=sorted({g.page for g in grids}))
    keyer.keys = {(id(grid), row): code for (grid, row, _, _), code in zip(rows, codes) if code}
    return keyer


def _indent(grid: Grid, row: int, probe: RowKeyer) -> float | None:
    """How far right of its cell's left edge the row's name starts."""
    for col in probe.name_cols:
        cell = grid.cell(row, col.index)
        if cell is not None and cell.norm and cell.text_x0 is not None and cell.bbox is not None:
            return cell.text_x0 - cell.bbox[0]
    return None
