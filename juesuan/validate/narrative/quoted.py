"""The year-start budget a final's narrative quotes, kept to compare with the budget itself.

A 决算 情况说明 says "一般公共预算财政拨款支出年初预算数224.46万元" and, per 项, "…行政运行（项）：
年初预算224.46万元". Within the document these figures can only be checked against each
other; their real check is the unit's own published budget for the year (table 05), which
the warehouse holds beside the final (sql/views/94_v_budget_crosscheck.sql). So the
figures are kept with what they are bound to — only where the binding is certain:

- the total: the figure's own clause says 一般公共预算财政拨款支出 … 年初预算, and no 项 is
  named before it in the sentence → 05 合计 / 合计;
- a 项: the clause is only "年初预算(数)(为)", and the sentence names exactly one 项 of the
  document's 05 (or 03) before it → 05 <code> / 合计.

Anything else (a budget not called 年初, 三公 budgets — table 09 prints those — a class
named in words only) is not kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan import canonical as C
from juesuan.model import ExtractedDocument
from juesuan.validate.index import RecordIndex
from juesuan.validate.narrative.concepts import last_item_named
from juesuan.validate.narrative.figures import figures
from juesuan.validate.narrative.text import build_blocks
from juesuan.validate.narrative.wording import budget_kind

_TOTAL = re.compile(r"一般公共预算财政拨款支出(?:的)?年初预算(?:数)?(?:为|是)?[：:]?$")
_ITEM = re.compile(r"^[：:，,\s]*年初预算(?:数)?(?:为|是)?[：:]?$")


@dataclass(frozen=True)
class QuotedBudget:
    """A 年初预算 figure of the narrative and the table cell of the budget it stands for."""

    table_id: str
    row_key: str
    column_key: str
    amount: Decimal  # 万元
    page: int
    quote: str  # the sentence, as printed (trimmed)


def quoted_budgets(doc: ExtractedDocument) -> list[QuotedBudget]:
    if doc.doc_type != C.DOC_FINAL or not doc.narrative:
        return []
    index = RecordIndex(doc.records)
    out: list[QuotedBudget] = []
    for block in build_blocks(doc.narrative):
        for sentence in block.sentences:
            for fig in figures(sentence.text):
                if fig.is_percent or fig.role != "budget" or budget_kind(fig) != "年初":
                    continue
                named = last_item_named(sentence.text[:fig.start], index)
                if named is None and _TOTAL.search(fig.tail):
                    row = C.TOTAL
                elif named is not None and named.code and _ITEM.match(fig.tail):
                    row = named.code
                else:
                    continue
                out.append(QuotedBudget("05", row, "合计", fig.value, sentence.page_at(fig.start),
                                        sentence.text[:200]))
    return out
