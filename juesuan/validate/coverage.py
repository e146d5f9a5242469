"""Does the document carry the tables it should, and do its declarations hold?

Every package, university ones included, prints 01, 02, 03 and 05 (DOMAIN.md: the
university 表1–4 map to 01–03 and 05); without one of them the warehouse cannot state
the unit's income, spending or fiscal spending, so its absence quarantines. The other
tables are legitimately absent in some packages (a 2019 package without 08, university
packages without 04/06–09), so only the extractor's own problems speak about them.
"""

from __future__ import annotations

from juesuan.model import Finding
from juesuan.validate.rules import Context, pages_of, rule

CORE_TABLES = ("01", "02", "03", "05")


@rule("document.core_table_missing", "error",
      "a core table (01, 02, 03, 05) was neither found nor read", quarantines=True)
def core_table_missing(ctx: Context):
    declared = set(ctx.tables_present or ())
    for table_id in CORE_TABLES:
        if table_id in declared or ctx.index.has_table(table_id):
            yield None
            continue
        yield Finding("document.core_table_missing", "error",
                      f"table {table_id} is missing: the document's totals cannot be checked "
                      "or used",
                      table_ids=(table_id,), location=f"table {table_id}")


@rule("document.empty_table_has_values", "warning",
      "a table declared empty (本表无数据) carries printed figures")
def empty_table_has_values(ctx: Context):
    for table_id in ctx.tables_empty or ():
        printed = [r for r in ctx.index.table_records(table_id) if r.amount is not None]
        if not printed:
            yield None
            continue
        yield Finding("document.empty_table_has_values", "warning",
                      f"table {table_id} is declared empty but {len(printed)} cells carry figures",
                      table_ids=(table_id,), pages=pages_of(printed), location=f"table {table_id}")


@rule("document.table_without_records", "warning",
      "a table declared present yielded no records (an empty table still yields its 合计 row)")
def table_without_records(ctx: Context):
    for table_id in ctx.tables_present or ():
        if ctx.index.has_table(table_id) or table_id in ctx.tables_empty:
            yield None  # records, or declared empty (a budget's 本表无数据 printed without a 合计 row)
            continue
        yield Finding("document.table_without_records", "warning",
                      f"table {table_id} is declared present but has no records",
                      table_ids=(table_id,), location=f"table {table_id}")


@rule("document.undeclared_table", "warning", "records of a table not declared present")
def undeclared_table(ctx: Context):
    if not ctx.tables_present:
        return  # nothing declared: nothing to hold the records against
    for table_id in ctx.index.tables():
        if table_id in ctx.tables_present:
            yield None
            continue
        yield Finding("document.undeclared_table", "warning",
                      f"records of table {table_id}, which is not among the tables present",
                      table_ids=(table_id,), pages=pages_of(ctx.index.table_records(table_id)),
                      location=f"table {table_id}")


RULES = (core_table_missing, empty_table_has_values, table_without_records, undeclared_table)
