"""What a canonical key may look like, table by table (DOMAIN.md, "Canonical keys").

Plain predicates, so the pandera models and anyone else (tests, the extractor) share one
definition of a valid row_key / column_key.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan import canonical as C

FUNCTION_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")   # 类 201, 款 20103, 项 2010301
ECONOMIC_CODE = re.compile(r"^\d{3}(\d{2})?$")       # 类 301, 款 30101
ECONOMIC_TOTALS = frozenset({C.PERSONNEL_TOTAL, C.PUBLIC_FUNDS_TOTAL})
SUBCOLUMN = re.compile(r"^(?P<parent>[^/]+)/其中[：:].+$")  # 事业收入/其中：教育收费
SANGONG_EXTRA = re.compile(rf"^({C.BUDGET}|{C.FINAL})/.+$")  # 预算数/会议费
MAX_DECIMAL_PLACES = 6  # 0.01 元 expressed in 万元

REQUIRED_ROWS: dict[str, tuple[str, ...]] = {
    "01": (C.INCOME_TOTAL, C.EXPENDITURE_TOTAL, C.GRAND_TOTAL_INCOME, C.GRAND_TOTAL_EXPENDITURE),
    "02": (C.TOTAL,), "03": (C.TOTAL,), "05": (C.TOTAL,), "07": (C.TOTAL,), "08": (C.TOTAL,),
    "04": (C.GRAND_TOTAL_INCOME, C.GRAND_TOTAL_EXPENDITURE),
}

# Lines and columns that carry balances (结余/结转) or changes (比上年增减) may be negative;
# nothing else should.
BALANCE_MARKERS = ("结余", "结转", "增减")  # and a budget's change against last year


# Budgets (docs/BUDGETS.md): rows of a coded table may sit in a member unit's section
# ('<unit>/<code>'), a unit's own subtotal row is keyed by its name, and a function code
# may be paired with an economic one ('2050305/30228').
SECTION_CODE = re.compile(r"^.+/\d{3}(\d{2}){0,2}$")
# A row printed by name only, placed under the coded row above it (juesuan.codes.NAME_STEP):
# '204>监狱', '204>监狱>行政运行'.
NAMED_PATH = re.compile(r"^\d{3}(\d{2}){0,2}(>[^>/]+)+$")
BUDGET_ECONOMIC_CODE = FUNCTION_CODE  # some provinces print 7-digit economic sub-items (3010201)
_CJK = re.compile(r"[\u3400-\u9fff]")
BUDGET_COLUMN_PREFIXES = (C.PREVIOUS_BUDGET + "/", C.CHANGE + "/")
BUDGET_SANGONG = re.compile(rf"^({'|'.join(C.BUDGET_SANGONG_SIDES)})/.+$")
# A budget's summary tables print a total per side, as 总计 or (without carried-over funds)
# as 本年收入合计 / 本年支出合计 only: each entry is satisfied by any one of its keys.
_INCOME_TOTALS = f"{C.GRAND_TOTAL_INCOME}|{C.INCOME_TOTAL}"
_EXPENDITURE_TOTALS = f"{C.GRAND_TOTAL_EXPENDITURE}|{C.EXPENDITURE_TOTAL}"
BUDGET_REQUIRED_ROWS: dict[str, tuple[str, ...]] = {
    "01": (_INCOME_TOTALS, _EXPENDITURE_TOTALS),
    "04": (_INCOME_TOTALS, _EXPENDITURE_TOTALS),
}


def valid_table_id(table_id: str, doc_type: str = C.DOC_FINAL) -> bool:
    return table_id in (C.BUDGET_TABLE_IDS if doc_type == C.DOC_BUDGET else C.TABLE_IDS)


def _valid_budget_column(table_id: str, column_key: str) -> bool:
    if table_id == "09":
        return bool(BUDGET_SANGONG.match(column_key))
    canonical = C.BUDGET_CANONICAL_COLUMNS.get(table_id, ())
    if table_id in ("01", "04") and column_key in (C.PREVIOUS_BUDGET, C.CHANGE):
        return True
    for prefix in BUDGET_COLUMN_PREFIXES:
        if column_key.startswith(prefix):
            column_key = column_key[len(prefix):]
    if column_key in canonical:
        return True
    base, _, rest = column_key.rpartition("/")
    if rest.startswith("其中：") or rest.startswith("其中:"):
        return base in canonical
    if base in canonical and rest and table_id != "01":
        return True  # a column under a group, named as printed (财政专户管理资金收入/教育收费)
    return base == "年初结转和结余" and rest in canonical


def _valid_budget_row(table_id: str, row_key: str) -> bool:
    if table_id in C.BUDGET_FUNCTION_CODED_TABLES:
        code = FUNCTION_CODE
    elif table_id in C.BUDGET_ECONOMIC_CODED_TABLES:
        code = BUDGET_ECONOMIC_CODE
        if row_key in ECONOMIC_TOTALS:
            return True
    else:
        return True  # 01, 04 by line label; 09 by 合计 or a member unit's name
    if row_key == C.TOTAL or code.match(row_key) or SECTION_CODE.match(row_key) or NAMED_PATH.match(row_key):
        return True
    return bool(_CJK.search(row_key)) and "/" not in row_key  # a member unit's own row


def valid_column_key(table_id: str, column_key: str, doc_type: str = C.DOC_FINAL) -> bool:
    if doc_type == C.DOC_BUDGET:
        return _valid_budget_column(table_id, column_key)
    canonical = C.CANONICAL_COLUMNS.get(table_id, ())
    if column_key in canonical:
        return True
    if table_id == "09":
        return bool(SANGONG_EXTRA.match(column_key))
    match = SUBCOLUMN.match(column_key)
    return bool(match) and match.group("parent") in canonical


def valid_row_key(table_id: str, row_key: str, doc_type: str = C.DOC_FINAL) -> bool:
    if not isinstance(row_key, str) or not row_key.strip():
        return False
    if doc_type == C.DOC_BUDGET:
        return _valid_budget_row(table_id, row_key)
    if table_id in C.FUNCTION_CODED_TABLES:
        return row_key == C.TOTAL or bool(FUNCTION_CODE.match(row_key))
    if table_id in C.ECONOMIC_CODED_TABLES:
        return row_key in ECONOMIC_TOTALS or bool(ECONOMIC_CODE.match(row_key))
    return True  # 01, 04 are keyed by line label, 09 by 合计 or a sub-unit's name


def row_key_rule(table_id: str) -> str:
    if table_id in C.FUNCTION_CODED_TABLES:
        return "'合计' or a 3/5/7-digit function code"
    if table_id in C.ECONOMIC_CODED_TABLES:
        return "a 3/5-digit economic code, 人员经费合计 or 公用经费合计"
    return "a non-empty line label"


def missing_required_rows(table_id: str, row_keys, doc_type: str = C.DOC_FINAL) -> list[str]:
    present = set(row_keys)
    required = BUDGET_REQUIRED_ROWS if doc_type == C.DOC_BUDGET else REQUIRED_ROWS
    return [r for r in required.get(table_id, ()) if not present & set(r.split("|"))]


def is_decimal(value) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def within_precision(value) -> bool:
    """At most six decimal places in 万元 (a 元 figure to the 分); trailing zeros allowed.

    Read off the digits, not by quantize/normalize: those round to the context's 28
    digits and would pass 1.0000000000000000000000000001.
    """
    if not is_decimal(value):
        return False
    _, digits, exponent = value.as_tuple()
    extra = -exponent - MAX_DECIMAL_PLACES
    return extra <= 0 or all(d == 0 for d in digits[-extra:])


def may_be_negative(row_key: str, column_key: str) -> bool:
    return any(m in row_key or m in column_key for m in BALANCE_MARKERS)
