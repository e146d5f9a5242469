"""What a restated figure is: from the words before it to the table cells it restates.

A narrative says "本年支出合计397.44万元" or "一般公共服务支出（类）292.1万元"; this module
maps the words (the figure's subject) to the canonical cells (table, row, column) that
print the same quantity. Several cells may print it (本年支出合计 is in 01 and 03; 基本
支出 in 03 and 05), and documents differ in which they restate — a university's "收入
总计" is its 本年收入合计, a city bureau's is 01's 总计. So a subject maps to a list of
candidate Concepts, and a restated figure is wrong only when it matches none of them:
precision first, a false finding costs the bureau's trust.

Only exact wordings map. Anything else (机关运行经费, which is not 公用经费 in most
provinces; 项目支出 in a self-evaluation's prose, which is one project's) maps to
nothing and is not checked against the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan import canonical as C
from juesuan.money import normalise_text
from juesuan.validate.narrative.figures import COMPOUND_SUBJECTS
from juesuan.validate.index import RecordIndex, amount_of
from juesuan.validate.lines import class_code, line_kind

Cell = tuple[str, str, str]  # (table_id, row_key, column_key)


@dataclass(frozen=True)
class Concept:
    """A table quantity: one cell, or the sum of several (01's three fund lines)."""

    name: str
    cells: tuple[Cell, ...]

    def value(self, index: RecordIndex) -> tuple[Decimal | None, tuple]:
        """(amount, records) — None when the document prints none of the cells."""
        records = [index.get(*cell) for cell in self.cells]
        present = tuple(r for r in records if r is not None)
        if not present:
            return None, ()
        return sum((amount_of(r) for r in present), Decimal(0)), present

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(sorted({c[0] for c in self.cells}))


def one(table: str, row: str, column: str, name: str | None = None) -> Concept:
    return Concept(name or f"{table} {row} {column}", ((table, row, column),))


T01_TOTALS = (one("01", C.GRAND_TOTAL_INCOME, C.AMOUNT, "01 总计"),
              one("01", C.GRAND_TOTAL_EXPENDITURE, C.AMOUNT, "01 总计"))
INCOME_TOTAL = (one("02", C.TOTAL, "本年收入合计", "02 合计 本年收入合计"),
                one("01", C.INCOME_TOTAL, C.AMOUNT, "01 本年收入合计"))
EXPENDITURE_TOTAL = (one("03", C.TOTAL, "本年支出合计", "03 合计 本年支出合计"),
                     one("01", C.EXPENDITURE_TOTAL, C.AMOUNT, "01 本年支出合计"))
FISCAL_TOTALS = (one("04", C.GRAND_TOTAL_INCOME, C.AMOUNT, "04 总计"),
                 one("04", C.GRAND_TOTAL_EXPENDITURE, "合计", "04 总计"))
FISCAL_INCOME = (one("04", C.INCOME_TOTAL, C.AMOUNT, "04 本年收入合计"),)
FISCAL_SPENDING = (one("04", C.EXPENDITURE_TOTAL, "合计", "04 本年支出合计"),)
GENERAL_SPENDING = (one("05", C.TOTAL, "合计", "05 合计"),
                    one("04", C.EXPENDITURE_TOTAL, C.FUND_COLUMNS[0], "04 本年支出合计 一般公共预算"))
FUND_LINES_01 = C.INCOME_LINES_01[:3]
FISCAL_INCOME_01 = Concept("01 财政拨款收入 (三项之和)",
                           tuple(("01", line, C.AMOUNT) for line in FUND_LINES_01))


BASIC_06 = Concept("06 人员经费合计 + 公用经费合计", (("06", C.PERSONNEL_TOTAL, C.AMOUNT),
                                                  ("06", C.PUBLIC_FUNDS_TOTAL, C.AMOUNT)))


def _split(column: str) -> tuple[Concept, ...]:
    return (one("03", C.TOTAL, column, f"03 合计 {column}"),
            one("05", C.TOTAL, column, f"05 合计 {column}"))


def _income(column: str) -> tuple[Concept, ...]:
    return (one("02", C.TOTAL, column, f"02 合计 {column}"),
            one("01", column, C.AMOUNT, f"01 {column}"))


# Subject (after normalise_subject) → candidates, first match wins; patterns end at $.
GENERIC: tuple[tuple[re.Pattern, tuple[Concept, ...]], ...] = tuple(
    (re.compile(pattern + "$"), concepts) for pattern, concepts in (
        (r"财政拨款(收入支出|收支)总计", FISCAL_TOTALS + FISCAL_INCOME + FISCAL_SPENDING),
        (r"财政拨款收入总计", FISCAL_TOTALS[:1] + FISCAL_INCOME),
        (r"财政拨款支出总计", FISCAL_TOTALS[1:] + FISCAL_SPENDING + GENERAL_SPENDING[:1]),
        (r"财政拨款收入合计", FISCAL_INCOME + FISCAL_TOTALS[:1]),
        (r"财政拨款支出合计", FISCAL_SPENDING + GENERAL_SPENDING[:1]),
        (r"一般公共预算财政拨款支出(决算数|决算|合计)?", GENERAL_SPENDING),
        (r"一般公共预算财政拨款收入", (one("01", FUND_LINES_01[0], C.AMOUNT),
                                   one("04", C.FUND_COLUMNS[0], C.AMOUNT))),
        (r"政府性基金预算财政拨款收入", (one("01", FUND_LINES_01[1], C.AMOUNT),
                                    one("04", C.FUND_COLUMNS[1], C.AMOUNT))),
        (r"国有资本经营预算财政拨款收入", (one("01", FUND_LINES_01[2], C.AMOUNT),
                                     one("04", C.FUND_COLUMNS[2], C.AMOUNT))),
        (r"(收入支出|收支)总计", T01_TOTALS + INCOME_TOTAL[1:] + EXPENDITURE_TOTAL[1:]),
        (r"(收入总计|总收入)", T01_TOTALS[:1] + INCOME_TOTAL[1:]),
        (r"(各项)?(支出总计|总支出)", T01_TOTALS[1:] + EXPENDITURE_TOTAL[1:]),
        (r"本年收入(合计)?", INCOME_TOTAL),
        (r"本年支出(合计)?", EXPENDITURE_TOTAL),
        (r"一般公共预算财政拨款基本支出(决算数|决算)?", _split("基本支出")[1:] + (BASIC_06,)),
        (r"一般公共预算财政拨款项目支出(决算数|决算)?", _split("项目支出")[1:]),
        (r"基本支出(决算数|决算)?", _split("基本支出")),
        (r"项目支出(决算数|决算)?", _split("项目支出")),
        (r"上缴上级支出", (one("03", C.TOTAL, "上缴上级支出"),)),
        (r"经营支出", (one("03", C.TOTAL, "经营支出"),)),
        (r"对附属单位补助支出", (one("03", C.TOTAL, "对附属单位补助支出"),)),
        (r"财政拨款收入", (one("02", C.TOTAL, "财政拨款收入", "02 合计 财政拨款收入"),
                         FISCAL_INCOME_01, one("01", "财政拨款收入", C.AMOUNT),
                         FISCAL_INCOME[0])),
        (r"上级补助收入", _income("上级补助收入")),
        (r"事业收入", _income("事业收入")),
        (r"经营收入", _income("经营收入")),
        (r"附属单位上缴收入", _income("附属单位上缴收入")),
        (r"其他收入", _income("其他收入")),
        (r"(使用非财政拨款结余|用事业基金弥补收支差额)",
         (one("01", C.USE_OF_NON_FISCAL_BALANCE, C.AMOUNT),)),
        (r"(?<!机关运行)人员经费", (one("06", C.PERSONNEL_TOTAL, C.AMOUNT, "06 人员经费合计"),)),
        (r"(?<!机关运行)(日常)?公用经费", (one("06", C.PUBLIC_FUNDS_TOTAL, C.AMOUNT, "06 公用经费合计"),)),
    ))


# In 四、财政拨款收入支出决算总体情况说明 a bare total is table 04's (01's when the two
# agree, as in a unit with fiscal income only): 04 first, so a message names 04.
FISCAL_SECTION: tuple[tuple[re.Pattern, tuple[Concept, ...]], ...] = tuple(
    (re.compile(pattern + "$"), concepts) for pattern, concepts in (
        (r"(收入支出|收支)总计", FISCAL_TOTALS + FISCAL_INCOME + FISCAL_SPENDING + T01_TOTALS),
        (r"(收入总计|总收入)", FISCAL_TOTALS[:1] + FISCAL_INCOME + T01_TOTALS[:1]),
        (r"(支出总计|总支出)", FISCAL_TOTALS[1:] + FISCAL_SPENDING + T01_TOTALS[1:]),
        (r"本年收入(合计)?", FISCAL_INCOME + INCOME_TOTAL),
        (r"本年支出(合计)?", FISCAL_SPENDING + EXPENDITURE_TOTAL),
    ))


def _is_fiscal_cell(cell: Cell) -> bool:
    table, row, column = cell
    return table not in ("01", "02", "03") or "财政拨款" in row or "财政拨款" in column


def _fund(table: str) -> tuple[tuple[re.Pattern, tuple[Concept, ...]], ...]:
    return tuple((re.compile(p + "$"), (one(table, C.TOTAL, col, f"{table} 合计 {col}"),))
                 for p, col in (("年初结转和结余", "年初结转和结余"), ("本年收入", "本年收入"),
                                ("本年支出(合计)?", "本年支出/小计"),
                                ("年末结转和结余", "年末结转和结余")))


FUND = {"fund07": _fund("07"), "fund08": _fund("08")}

# 三公: words → canonical item (longest wordings first, so 购置费 never matches inside
# 购置费及运行维护费).
SANGONG_ITEMS: tuple[tuple[str, str], ...] = (
    (r"公务用车购置(费)?及运行(维护|维修)?费", "公务用车购置及运行费"),
    (r"公务用车购置(费)?和(运行)?(维护|维修)?(经)?费", "公务用车购置及运行费"),
    (r"公务用车(运行)?(维护|维修)费|公务用车运行费|公车运行维护(费)?|公务用车运行(维护)?", "公务用车运行费"),
    (r"公务用车购置(费)?|公车购置(费)?", "公务用车购置费"),
    (r"因公出国[（(]境[)）](费用?|经费)?|出国(境)?经费", "因公出国（境）费"),
    (r"公务接待(费|经费)?", "公务接待费"),
    (r"[“\"]?三公[”\"]?经费(财政拨款)?", "合计"),
)
_SANGONG = re.compile("|".join(f"(?P<g{i}>{p})" for i, (p, _) in enumerate(SANGONG_ITEMS)))


def sangong_items(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical item) of every 三公 item named in `text`, in order."""
    out = []
    for match in _SANGONG.finditer(text):
        group = next(name for name, value in match.groupdict().items() if value is not None)
        out.append((match.start(), match.end(), SANGONG_ITEMS[int(group[1:])][1]))
    return out


def sangong_concept(item: str, side: str) -> Concept:
    return one("09", C.TOTAL, f"{side}/{item}", f"09 {side}/{item}")


_SUBJECT_FOLD = COMPOUND_SUBJECTS + (("（类）", ""), ("(类)", ""), ("支出支出", "支出"))


def normalise_subject(subject: str) -> str:
    text = normalise_text(subject).replace("\"", "").replace("“", "").replace("”", "")
    for old, new in _SUBJECT_FOLD:
        text = text.replace(normalise_text(old), new)
    return text


def class_concepts(subject: str, index: RecordIndex) -> tuple[Concept, ...]:
    """A function 类 named exactly (一般公共服务支出（类）) → its rows in 05, 03, 01, 04."""
    text = normalise_subject(subject)
    match = re.search(r"([\u4e00-\u9fff]{2,20}支出)$", text)
    if not match:
        return ()
    name = match.group(1)
    code = None
    # the longest tail that is exactly a class name (no fuzzy match: precision first)
    for start in range(len(name) - 3, -1, -1):
        candidate = name[start:]
        found = _exact_class(candidate)
        if found:
            code = found
            longest = candidate
    if code is None or not text.endswith(longest):
        return ()
    concepts = [one("05", code, "合计", f"05 {code} 合计"),
                one("03", code, "本年支出合计", f"03 {code} 本年支出合计")]
    for table, column in (("01", C.AMOUNT), ("04", C.FUND_COLUMNS[0])):
        for row in index.rows(table):
            if line_kind(row) == "expenditure" and class_code(row) == code:
                concepts.append(one(table, row, column, f"{table} {row}"))
    return tuple(concepts)


def _exact_class(name: str) -> str | None:
    from juesuan.validate.lines import _EXACT, _clean  # the exact-name table of lines.py

    return _EXACT.get(_clean(name))


def resolve(subject: str, section: str, index: RecordIndex) -> tuple[Concept, ...]:
    """Candidate concepts for a figure's subject in a section of the 情况说明."""
    text = normalise_subject(subject)
    if not text:
        return ()
    if section in FUND:
        for pattern, concepts in FUND[section]:
            if pattern.search(text):
                return concepts
        return ()
    if section == "fiscal" and "财政拨款" not in text:
        for pattern, concepts in FISCAL_SECTION:
            if pattern.search(text):
                return concepts
    for pattern, concepts in GENERIC:
        if pattern.search(text):
            if "财政拨款" in text and not any(_is_fiscal_cell(cell) for c in concepts for cell in c.cells):
                return ()  # a 财政拨款 figure is never an all-funds total of 01/02/03
            return concepts
    return class_concepts(subject, index)


def available(concepts: tuple[Concept, ...], index: RecordIndex) -> list[tuple[Concept, Decimal, tuple]]:
    """The candidates this document prints, with their values."""
    out = []
    for concept in concepts:
        value, records = concept.value(index)
        if value is not None:
            out.append((concept, value, records))
    return out


# --- function 项 named by its 类/款/项 path ---------------------------------------------

# a name may hold brackets of its own ('政府办公厅（室）及相关机构事务'), not a level mark
_NAME = r"((?:(?![（(][类款项][)）])[^：:，。；;])+?)"
_PATH = re.compile(r"(?:^|[：:，。；;、.．\s\d])" + _NAME + r"[（(]类[)）]" + _NAME + r"[（(]款[)）]"
                   + _NAME + r"[（(]项[)）]")
_ITEM_NUMBER = re.compile(r"^(\d+[.、．]?|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])")
_CODE_IN_BRACKETS = re.compile(r"[（(](\d{7})[)）]")


def _label_key(text: str) -> str:
    return re.sub(r"[（()）\s]", "", normalise_text(text))


def _label_keys(index: RecordIndex) -> dict[str, dict[str, str]]:
    """Row labels of 05 and 03 in matching form, built once per document."""
    keys = index.memo.get("narrative_label_keys")
    if keys is None:
        keys = {table: {r.row_key: _label_key(r.row_label) for r in index.table_records(table)}
                for table in ("05", "03")}
        index.memo["narrative_label_keys"] = keys
    return keys


def item_code(text: str, index: RecordIndex) -> str | None:
    """The 7-digit code of the 项 a sentence names ('…（类）…（款）…（项）' or '（2050202）'),
    when exactly one row of 05 (or 03) fits; None otherwise."""
    bracket = _CODE_IN_BRACKETS.search(text)
    if bracket:
        code = bracket.group(1)
        return code if index.get("05", code, "合计") or index.get("03", code, "本年支出合计") else None
    match = _PATH.search(normalise_text(text).replace("(", "（").replace(")", "）"))
    if not match:
        return None
    lei, kuan, xiang = match.groups()
    # without the item's own number ('1.一般…', '（十八）卫生…')
    lei, kuan, xiang = _label_key(_ITEM_NUMBER.sub("", lei.strip())), _label_key(kuan), _label_key(xiang)
    found = set()
    for table, labels in _label_keys(index).items():
        for code, label in labels.items():
            if len(code) != 7 or not code.isdigit() or label != xiang:
                continue
            if labels.get(code[:5]) == kuan and labels.get(code[:3]) == lei:
                found.add(code)
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class NamedItem:
    """The last 项 a text names: its words, and its code when exactly one row fits."""

    words: str
    code: str | None


def last_item_named(text: str, index: RecordIndex) -> NamedItem | None:
    """The 项 named last in `text` ('…（类）…（款）…（项）' or '（2050202）'), or None when
    the text names none. A figure after it, in the same numbered item, is that 项's."""
    folded = normalise_text(text).replace("(", "（").replace(")", "）")
    found = [(m.end(), m.group(0)) for m in _PATH.finditer(folded)]
    found += [(m.end(), m.group(0)) for m in _CODE_IN_BRACKETS.finditer(text)]
    if not found:
        return None
    _, words = max(found)
    return NamedItem(words.lstrip("：:，。；;、.．0123456789 "), item_code(words, index))


def item_concepts(code: str) -> tuple[Concept, ...]:
    return (one("05", code, "合计", f"05 {code} 合计"),
            one("03", code, "本年支出合计", f"03 {code} 本年支出合计"))
