"""The sample corpus: realistic 部门决算 PDFs rendered from structured accounts.

Why it exists: extraction and validation need documents whose every printed figure is
known. This package draws such documents — cover, 目录, 概况, the nine tables as ruled
grids, 情况说明, 名词解释 — and writes beside each PDF the truth JSON of what it printed
(canonical records of DOMAIN.md, with pages). The committed corpus is regenerated,
byte for byte, by

    python -m juesuan.sample --out corpus --seed 20221231

Public functions (imported lazily, so importing this package needs no fpdf2):

    generate_corpus(out_dir, seed) -> list[Path]        the whole corpus + MANIFEST.csv
    render_document(accounts, layout, path)            one PDF (+ .json beside it)
    make_unit(name, projects=…, funds=…, year=…)       accounts of a custom synthetic unit
    LAYOUTS["hunan" | "hunan_b" | "shanghai" | "yuan"]  layout presets

`accounts` may be exact `UnitAccounts` (fen; printed through the layout), a printed
`Statement`, or a `DocumentContent` with its own narrative (the seed unit).

Layout options (`layouts.Layout`) compose freely; build a trap document by replacing
one field of a preset, e.g. ``dataclasses.replace(LAYOUTS["hunan"], t09_arrangement=
"interleaved", code_style="split")``:

    amount_unit      '万元' (figures rounded to 0.01 from exact fen) | '元' (exact)
    code_style       'whole' 2010301 in one column | 'split' 201 | 03 | 01 (06: 301 | 01)
    index_row        print the 栏次 row (1 2 3 …) under the header
    line_numbers     print 行次 columns in 01 and 04
    total_position   合计 row 'first' | 'last' in 02/03/05/07/08
    zero_style       zeros as '0.00' ('zero') | blank cells ('blank': null records) |
                     '-' ('dash') | '—' ('emdash') (a printed dash is 0.00, not blank)
    thousands        2,940.05
    t01_class_lines  01/04 list 'all' 类 lines | only the 'used' ones
    t05_header       'subtotal' (本年支出 over 小计/基本/项目) | 'plain' (合计/基本/项目)
    t06_groups       06 economic classes side by side in 2 or 3 column groups
    t08_columns      'expenditure' (本年支出 合计/基本/项目) | 'full' (as 07)
    t09_arrangement  'grouped' (6 预算数 then 6 决算数) | 'interleaved' (预算数|决算数 per item)
    t09_item_order   ("出国", "用车", "接待") or ("出国", "接待", "用车")
    t09_wording      '运行费' | '运行维护费'
    landscape        set of table ids printed on landscape pages
    table_order      order of the nine tables (e.g. 三公 before 07/08)
    numbering        'gongkai' 公开01表 | 'biao' 表1 | 'fubiao' 附表一 | 'none'
    unit_prefix      '部门：' | '编制单位：'
    titles           title wording per table id
    body_size, page_numbers

Trap options (defaults off; `juesuan.sample.traps` names documents built with them):

    continuation     'plain' | 'repeat' (title block and header again on continuation
                     pages, 佛山) | 'repeat_total' (and the leading 合计 row)
    continuation_codes 'split' | 'merged': whole codes spanning 类|款|项 on continuation
                     pages, no rules between them (西南大学)
    header_in_total_row 类 | 款 | 项 in the 合计 row's code cells; an empty 07/08 prints
                     its 本年支出 sub-headers in the 合计 row (上海)
    blank_tables     tables printed with every amount blank (all nine: a template)
    title_after_body the title block enters the content stream after the grid (Excel)
    index_label      '栏次' or '' (a bare 1 2 3 … row)
    year_row         a header row holding only the year ('2023')
    t05_total_last   05 as 基本支出 | 项目支出 | 合计 (its 栏次 reads 1 + 2 = 3)
    digits           'ascii' | 'fullwidth' (１２３．４５)

Tables longer than a page continue on the next page with no repeated header and no
续表 mark (unless `continuation` says otherwise). Modules: catalogue (codes), accounts
(exact figures), city/builder (the synthetic 示例市), seed_unit (the real seed document's
figures), statement (printed figures), narrative (words), layouts, tables (grids +
records), blocks/draw (PDF drawing), font (Noto Sans CJK → TrueType subset), document
(one PDF + truth), corpus (everything), traps (trap documents and broken files for the
regression tests).
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "generate_corpus": "juesuan.sample.corpus",
    "render_document": "juesuan.sample.document",
    "make_unit": "juesuan.sample.builder",
    "LAYOUTS": "juesuan.sample.layouts",
    "Layout": "juesuan.sample.layouts",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'juesuan.sample' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
