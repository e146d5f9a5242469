"""The column names one identity uses in a final and in a budget.

A final's tables and a budget's print the same ideas under different column keys
(docs/BUDGETS.md): 06's single column is 决算数 in one and 预算数 in the other, a coded
table's row total is 本年支出合计 in a final's 03 and 合计 in a budget's. A rule that
holds for both reads the names from here instead of being written twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan import canonical as C


@dataclass(frozen=True, slots=True)
class Vocabulary:
    doc_type: str
    amount: str                          # the single value column of 01, 04's income side, 06
    function_tables: frozenset[str]      # tables whose rows are function codes
    economic_tables: frozenset[str]      # tables whose rows are economic codes
    expenditure_total: str               # 03's row total column
    general_total: str                   # 05's row total column
    sangong_sides: tuple[str, ...]       # 09 column prefixes: whose 三公 figures


FINAL_VOCABULARY = Vocabulary(
    doc_type=C.DOC_FINAL, amount=C.AMOUNT, function_tables=C.FUNCTION_CODED_TABLES,
    economic_tables=C.ECONOMIC_CODED_TABLES, expenditure_total=C.COLUMNS_03[0], general_total="合计",
    sangong_sides=(C.BUDGET, C.FINAL))

BUDGET_VOCABULARY = Vocabulary(
    doc_type=C.DOC_BUDGET, amount=C.BUDGET_AMOUNT, function_tables=C.BUDGET_FUNCTION_CODED_TABLES,
    economic_tables=C.BUDGET_ECONOMIC_CODED_TABLES, expenditure_total="合计", general_total="合计",
    sangong_sides=C.BUDGET_SANGONG_SIDES)


def vocabulary(doc_type: str | None) -> Vocabulary:
    return BUDGET_VOCABULARY if doc_type == C.DOC_BUDGET else FINAL_VOCABULARY
