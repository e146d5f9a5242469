"""One document end to end: content blocks → font subset → PDF → truth.

`render_document` is the public entry point: give it exact accounts (a synthetic unit), a
printed `Statement`, or a full `DocumentContent` (the seed, with its own narrative), plus a
layout, and it writes the PDF and, beside it, the truth JSON of what was printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from juesuan.model import Record
from juesuan.sample import narrative
from juesuan.sample.accounts import UnitAccounts
from juesuan.sample.blocks import Block, Cover, Heading, Paragraph, block_text
from juesuan.sample.draw import draw
from juesuan.sample.font import font_file
from juesuan.sample.layouts import LAYOUTS, Layout
from juesuan.sample.statement import Statement, from_accounts
from juesuan.sample.tables import build_table
from juesuan.sample.truth import truth_dict, write_truth

CN_NUMBERS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


@dataclass
class DocumentContent:
    """Everything a document says. Parts left None are written by `narrative`."""

    statement: Statement
    part1: list[Block] | None = None
    part3: list[Block] | None = None
    part4: list[Block] | None = None
    appendix: list[Block] = field(default_factory=list)
    # printed inconsistencies (truth-file form) with 'tags' naming where each is stated
    inconsistencies: list[dict] = field(default_factory=list)
    toc_extra: list[str] = field(default_factory=list)


@dataclass
class RenderedDocument:
    pdf_path: Path
    truth_path: Path | None
    truth: dict
    records: list[Record]
    page_count: int


def document_kind(st: Statement) -> str:
    return "部门决算" if st.scope == "部门" else "单位决算"


def file_stem(st: Statement) -> str:
    return f"{st.unit_name}-{st.fiscal_year}-{document_kind(st)}"


def _toc(st: Statement, layout: Layout, content: DocumentContent) -> list[Block]:
    word = narrative.doc_word(st)
    lines = [f"第一部分　{st.unit_name}概况", f"　　一、{word}职责", "　　二、机构设置及人员情况",
             f"　　三、{word}决算单位构成", f"第二部分　{st.fiscal_year}年度{word}决算表"]
    for n, tid in enumerate(layout.table_order):
        lines.append(f"　　{CN_NUMBERS[n]}、{layout.table_title(tid)}")
    lines += [f"第三部分　{st.fiscal_year}年度{word}决算情况说明", "第四部分　名词解释"]
    lines += content.toc_extra
    blocks: list[Block] = [Heading("目　录", level=0, new_page=True)]
    blocks += [Paragraph(line, indent=False, size=11) for line in lines]
    return blocks


def assemble(content: DocumentContent, layout: Layout) -> list[Block]:
    """The document's blocks in reading order."""
    st = content.statement
    word = narrative.doc_word(st)
    blocks: list[Block] = [Cover(st.unit_name, f"{st.fiscal_year}年度{document_kind(st)}",
                                 f"{st.fiscal_year + 1}年8月")]
    blocks += _toc(st, layout, content)
    blocks += content.part1 if content.part1 is not None else narrative.part_one(st)
    blocks.append(Heading(f"第二部分　{st.fiscal_year}年度{word}决算表", level=0, new_page=True))
    blocks += [build_table(tid, st, layout) for tid in layout.table_order]
    blocks += content.part3 if content.part3 is not None else narrative.part_three(st)
    blocks += content.part4 if content.part4 is not None else narrative.part_four()
    blocks += content.appendix
    return blocks


def _content(accounts: UnitAccounts | Statement | DocumentContent,
             layout: Layout) -> DocumentContent:
    if isinstance(accounts, DocumentContent):
        return accounts
    if isinstance(accounts, Statement):
        return DocumentContent(accounts)
    return DocumentContent(from_accounts(accounts, layout))


def creation_date(fiscal_year: int) -> datetime:
    """A fixed, plausible publication time: documents come out the following summer."""
    return datetime(fiscal_year + 1, 8, 28, 9, 30, tzinfo=timezone.utc)


def render_document(accounts: UnitAccounts | Statement | DocumentContent,
                    layout: Layout | str, path: str | Path,
                    write_truth_file: bool = True) -> RenderedDocument:
    """Write one PDF (and its truth JSON beside it, same name, .json).

    `accounts` may be exact `UnitAccounts` (printed through the layout), an already
    printed `Statement`, or a `DocumentContent` carrying its own narrative. The output is
    byte-for-byte reproducible: same input, same bytes.
    """
    layout = LAYOUTS[layout] if isinstance(layout, str) else layout
    content = _content(accounts, layout)
    st = content.statement
    blocks = assemble(content, layout)
    chars = set("".join(block_text(b) for b in blocks)) | set("- 0123456789")
    font = font_file(chars)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    result = draw(blocks, str(font), str(path), creation_date(st.fiscal_year),
                  title=f"{st.unit_name}{st.fiscal_year}年度{document_kind(st)}",
                  page_numbers=layout.page_numbers)
    truth = truth_dict(path.name, st, layout, result.records, content.inconsistencies,
                       result.tag_pages, result.table_pages, result.page_count)
    truth_path = write_truth(truth, path.with_suffix(".json")) if write_truth_file else None
    return RenderedDocument(path, truth_path, truth, result.records, result.page_count)
