"""Is every printed code's parent printed too? (issue 12, hierarchy completeness)

A 款 printed without its 类, or a 项 without its 款, is either a row lost on the way (a
row dropped at a page break: class 1) or a layout that leaves a level out. The identities
cannot see it: an orphan hangs on its nearest printed ancestor or counts as a root, so
every total still balances, while a city view that sums the printed 类 rows silently
misses that class of that unit. So it is reported — as a warning, because what is certain
is only that the parent is not printed, not that anything is wrong — once per missing
parent, naming the children printed under it. The city roll-ups count those children
through a parent derived from them (sql/views/50_v_city_function.sql).
"""

from __future__ import annotations

from juesuan import canonical as C
from juesuan.model import Finding, Record
from juesuan.validate.identities import ECONOMIC_LENGTHS, FUNCTION_LENGTHS, coded_rows
from juesuan.validate.index import RecordIndex
from juesuan.validate.rules import Context, pages_of, rule, where

PARENT_MISSING = "hierarchy.parent_missing"
_LEVELS = {3: "类", 5: "款", 7: "项"}
_SHOWN = 6  # children named in one finding


def orphans(codes: list[str]) -> dict[str, list[str]]:
    """Missing parent code → the printed codes directly under it (in printed order)."""
    printed = set(codes)
    missing: dict[str, list[str]] = {}
    for code in codes:
        parent = code[:-2] if len(code) > 3 else None
        if parent is not None and parent not in printed:
            missing.setdefault(parent, []).append(code)
    return missing


def _first_record(index: RecordIndex, table_id: str, row_key: str) -> Record | None:
    return next(iter(index.row(table_id, row_key).values()), None)


@rule(PARENT_MISSING, "warning",
      "a printed 款 or 项 whose 类 or 款 is not printed (a lost row, or a level the layout leaves out)")
def parent_missing(ctx: Context):
    tables = [(t, FUNCTION_LENGTHS) for t in sorted(C.FUNCTION_CODED_TABLES)] + [("06", ECONOMIC_LENGTHS)]
    for table_id, lengths in tables:
        codes = coded_rows(ctx.index, table_id, lengths)
        if not codes:
            continue
        missing = orphans(codes)
        if not missing:
            yield None
            continue
        for parent, children in missing.items():
            records = [r for c in children if (r := _first_record(ctx.index, table_id, c)) is not None]
            named = ", ".join(f"{c} {r.row_label}".strip() for c, r in zip(children, records))
            more = f" and {len(children) - _SHOWN} more" if len(children) > _SHOWN else ""
            level, child_level = _LEVELS[len(parent)], _LEVELS[len(parent) + 2]
            yield Finding(
                PARENT_MISSING, "warning",
                f"table {table_id} prints {child_level} {named[:200]}{more} but not their {level} {parent}: "
                f"a row may have been lost (look at page {records[0].page if records else '?'}) or the "
                f"layout leaves the {level} out; city totals by {level} derive {parent} from these rows",
                table_ids=(table_id,), pages=pages_of(records),
                location=where(table_id, parent))


RULES = (parent_missing,)
