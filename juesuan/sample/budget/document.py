"""One budget PDF, or the two attachments of one disclosure, with truth JSON beside each.

part='whole': cover, 情况说明 and the nine tables in one file. part='narrative' and
part='tables': what offices that publish 附件1 情况说明 and 附件2 报表 separately put in
each; the tables attachment keeps the unit's name on its cover and in every table
heading, as those offices print it, so it can be read on its own.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.sample.blocks import Block, Cover, Heading, block_text
from juesuan.sample.budget.narrative import explanation
from juesuan.sample.budget.statement import BudgetStatement
from juesuan.sample.budget.tables import TABLES, build_budget_table
from juesuan.sample.document import RenderedDocument, creation_date
from juesuan.sample.draw import draw
from juesuan.sample.font import font_file
from juesuan.sample.layouts import Layout
from juesuan.sample.truth import truth_dict, write_truth

PARTS = ("whole", "narrative", "tables")


def kind(st: BudgetStatement) -> str:
    return "部门预算" if st.scope == "部门" else "单位预算"


def blocks_of(st: BudgetStatement, layout: Layout, part: str) -> list[Block]:
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}")
    title = f"{st.fiscal_year}年{kind(st)}" + {"whole": "", "narrative": "情况说明", "tables": "报表"}[part]
    blocks: list[Block] = [Cover(st.unit_name, title, f"{st.fiscal_year}年2月")]
    if part in ("whole", "narrative"):
        blocks += explanation(st)
    if part in ("whole", "tables"):
        blocks.append(Heading(f"{st.unit_name}{st.fiscal_year}年{kind(st)}表", level=0, new_page=True))
        order = [t for t in layout.table_order if t in TABLES]
        blocks += [build_budget_table(t, st, layout) for t in order]
    return blocks


def render_budget(st: BudgetStatement, layout: Layout, path: str | Path, part: str = "whole") -> RenderedDocument:
    """Write the PDF and its truth JSON (same structure as a final's, doc_type 'budget')."""
    blocks = blocks_of(st, layout, part)
    chars = set("".join(block_text(b) for b in blocks)) | set("- 0123456789")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    result = draw(blocks, str(font_file(chars)), str(path), creation_date(st.fiscal_year - 1),
                  title=f"{st.unit_name}{st.fiscal_year}年{kind(st)}", page_numbers=layout.page_numbers)
    truth = truth_dict(path.name, st, layout, result.records, [], result.tag_pages, result.table_pages,
                       result.page_count, doc_type="budget")
    return RenderedDocument(path, write_truth(truth, path.with_suffix(".json")), truth, result.records,
                            result.page_count)
