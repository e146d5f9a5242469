"""示例市's budgets (部门预算): the same units' plans for the year, printed before it.

Why: extraction and validation of budgets need documents whose every figure is known,
and the cross-document checks to come (a final's 年初预算 against the unit's published
budget) need budgets that agree with the corpus's finals. A unit's budget is therefore
derived from its final accounts of the same year (accounts.py): every 项's general-budget
figure is the final's 年初预算 (the figure its 情况说明 quotes), the 三公 budget is its 09
预算数. statement.py prints it through a layout, tables.py draws the nine budget tables,
narrative.py writes the 情况说明, document.py assembles one PDF (or the two attachments,
情况说明 and 报表, some offices publish) with its truth JSON beside it.
"""
