"""Layout options: every way the renderer can vary a document, and the named presets.

Real 部门决算 packages carry the same nine tables, but each province's template (and each
office's spreadsheet habits) prints them differently. Every difference an extractor must
survive is one field here, so a test can build a trap document by changing one option of
a preset: ``dataclasses.replace(LAYOUTS["hunan"], t09_arrangement="interleaved")``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.canonical import TABLE_IDS, TABLE_TITLES, UNIT_WAN, UNIT_YUAN


@dataclass(frozen=True)
class Layout:
    """How one document is printed. All options compose freely."""

    name: str
    amount_unit: str = UNIT_WAN  # '万元' or '元' (元 figures are exact; 万元 are rounded)
    code_style: str = "whole"  # 'whole': 2010301 in one column; 'split': 201 | 03 | 01
    index_row: bool = True  # a 栏次 row numbering the value columns 1, 2, 3…
    line_numbers: bool = True  # 01/04 print a 行次 column
    total_position: str = "first"  # 合计 row of 02/03/05/07 'first' or 'last'
    zero_style: str = "zero"  # zeros '0.00' ('zero'), blank ('blank'), '-' ('dash') or '—' ('emdash')
    thousands: bool = False  # 2,940.05
    t01_class_lines: str = "all"  # 01/04 list 'all' 类 lines, or only the 'used' ones
    t05_header: str = "subtotal"  # 'subtotal': 本年支出 over 小计/基本/项目; 'plain': 合计/基本/项目
    t06_groups: int = 3  # economic classes side by side in 2 or 3 column groups
    t08_columns: str = "expenditure"  # 'expenditure': 本年支出 合计/基本/项目; 'full': like 07
    t09_arrangement: str = "grouped"  # 'grouped': 6 预算数 then 6 决算数; 'interleaved'
    t09_item_order: tuple[str, ...] = ("出国", "用车", "接待")  # or 出国, 接待, 用车
    t09_wording: str = "运行费"  # or '运行维护费' (公务用车运行维护费)
    landscape: frozenset[str] = frozenset()  # tables printed on landscape pages
    table_order: tuple[str, ...] = TABLE_IDS
    numbering: str = "gongkai"  # 'gongkai' 公开01表, 'biao' 表1, 'fubiao' 附表一, 'none'
    unit_prefix: str = "部门："  # or '编制单位：'
    titles: dict[str, str] = field(default_factory=lambda: dict(TABLE_TITLES))
    body_size: float = 7.5  # font size of table bodies (pt)
    page_numbers: bool = True  # '- 3 -' at the foot of each page
    # --- trap options (juesuan.sample.traps): real-world habits no preset uses ------------
    # Continuation pages: 'plain' (rows just go on), 'repeat' (title block and header again,
    # 佛山 style), 'repeat_total' (and the 合计 row again when it is printed first).
    continuation: str = "plain"
    # With split codes: 'merged' prints each code whole in one cell spanning 类/款/项 on the
    # continuation pages of 02/03/05/07/08, with no rules between them (西南大学 style).
    continuation_codes: str = "split"
    # The 合计 row (printed first) shares its grid row with the header's last words: 类 | 款
    # | 项 over split codes (上海 02/03), and in an empty 07/08 the 本年支出 sub-headers.
    header_in_total_row: bool = False
    blank_tables: frozenset[str] = frozenset()  # every amount cell blank (a template)
    title_after_body: bool = False  # title block written after the grid (Excel export)
    index_label: str = "栏次"  # label of the 栏次 row; '' prints the bare numbers
    year_row: bool = False  # a header row holding only the year ('2023') above each table
    t05_total_last: bool = False  # 05 prints 基本支出 | 项目支出 | 合计 (栏次 1 + 2 = 3)
    digits: str = "ascii"  # 'fullwidth': figures in full-width digits (１２３．４５)
    # 04's income lines numbered (一、一般公共预算财政拨款) or printed bare, exactly like the
    # fund lines under the opening balance; and the wording of that opening balance line.
    t04_income_numbering: bool = True
    t04_opening_label: str = "年初财政拨款结转和结余"
    # Page breaks chosen, not waited for: 'lei' breaks every table that has the rows for it
    # before a 类 row (01/04: a 类 expenditure line), 'kuan' before a 款 row that follows a
    # 项 (01/04: the opening balance's lines), so the first row of a continuation page is
    # the row a reader is likeliest to lose. '' lets rows run until the page is full.
    break_before: str = ""
    # 'open': the rule between the last row of a page and the first row of the next is
    # drawn on neither page, the column rules still are (a spreadsheet border that belongs
    # to neither cell). 'closed' draws every row's rules.
    break_rules: str = "closed"

    def table_title(self, table_id: str) -> str:
        return self.titles[table_id]


_SHANGHAI_TITLES = dict(TABLE_TITLES)
_SHANGHAI_TITLES["06"] = "一般公共预算财政拨款基本支出决算表"
_HUNAN_TITLES = dict(TABLE_TITLES)
_HUNAN_TITLES["08"] = "国有资本经营预算财政拨款支出决算表"

LAYOUTS: dict[str, Layout] = {
    # Like the seed (a Hunan city): codes whole, 06 in three groups, 09 grouped with a
    # stacked header, 合计 first, zeros printed, 栏次 and 行次, 公开NN表, portrait pages.
    "hunan": Layout(name="hunan", titles=_HUNAN_TITLES),
    # Like 上海市普陀区: codes split 类|款|项 (06 类|款), two groups in 06, 09 interleaved
    # with 运行维护费 wording, 合计 last, zeros blank, wide tables landscape, no 栏次/行次,
    # 三公 printed before 07/08, no table numbers.
    "shanghai": Layout(
        name="shanghai",
        code_style="split",
        index_row=False,
        line_numbers=False,
        total_position="last",
        zero_style="blank",
        t05_header="plain",
        t06_groups=2,
        t08_columns="full",
        t09_arrangement="interleaved",
        t09_wording="运行维护费",
        landscape=frozenset({"02", "03", "04", "07", "08", "09"}),
        table_order=("01", "02", "03", "04", "05", "06", "09", "07", "08"),
        numbering="none",
        unit_prefix="编制单位：",
        titles=_SHANGHAI_TITLES,
    ),
    # The seed's template as another office fills it in: 附表一… numbering, 合计 last,
    # 06 in two groups, no 栏次 row, 编制单位 line (used by the consolidated department).
    "hunan_b": Layout(
        name="hunan_b",
        index_row=False,
        total_position="last",
        t06_groups=2,
        numbering="fubiao",
        unit_prefix="编制单位：",
        landscape=frozenset({"09"}),
        titles=_HUNAN_TITLES,
    ),
    # A third template, in 元: thousands separators, 表1…表9 with 三公 as 表7, only the
    # used 类 in 01/04, 09 interleaved with 接待 before 用车, 栏次 but no 行次.
    "yuan": Layout(
        name="yuan",
        amount_unit=UNIT_YUAN,
        line_numbers=False,
        thousands=True,
        t01_class_lines="used",
        t06_groups=2,
        t09_arrangement="interleaved",
        t09_item_order=("出国", "接待", "用车"),
        landscape=frozenset({"02", "03", "04", "09"}),
        table_order=("01", "02", "03", "04", "05", "06", "09", "07", "08"),
        numbering="biao",
        unit_prefix="编制单位：",
        body_size=7.0,
    ),
}
