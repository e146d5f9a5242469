"""Synthetic, internally consistent final-accounts documents (no PDFs).

For the scale benchmark and tests: every parent row equals the sum of its children,
02/03/05 agree, 06 sums to the basic expenditure, 09 adds up — so roll-ups over
generated data can be checked exactly. Amounts are Decimal with two places, as printed.
"""

from __future__ import annotations

import random
from decimal import Decimal

from juesuan.canonical import (COLUMNS_02, COLUMNS_03, COLUMNS_07, FUNCTION_CLASSES,
                               FUND_COLUMNS, INCOME_LINES_01, SANGONG_ITEMS)
from juesuan.model import ExtractedDocument, Record

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

ECONOMIC_TREE: dict[str, tuple[str, list[str]]] = {
    "301": ("工资福利支出", ["30101", "30102", "30103", "30107", "30108", "30109", "30110",
                         "30112", "30113", "30199"]),
    "302": ("商品和服务支出", ["30201", "30202", "30203", "30205", "30206", "30207", "30209",
                          "30211", "30213", "30214", "30215", "30216", "30217", "30226",
                          "30228", "30229", "30231", "30239", "30299"]),
    "303": ("对个人和家庭的补助", ["30302", "30305", "30307", "30399"]),
    "310": ("资本性支出", ["31002", "31007"]),
}


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 2))).quantize(CENT)


def _split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """`total` in `parts` non-negative 0.01 pieces that add up exactly."""
    weights = [rng.random() + 0.05 for _ in range(parts)]
    scale = sum(weights)
    pieces = [(total * Decimal(w / scale)).quantize(CENT) for w in weights[:-1]]
    pieces = [max(p, ZERO) for p in pieces]
    last = total - sum(pieces)
    if last < 0:  # rounding pushed past the total: give it all to the first piece
        pieces, last = [total] + [ZERO] * (parts - 2), ZERO
    return pieces + [last]


def function_tree(rng: random.Random, classes: int = 3) -> dict[str, dict[str, list[str]]]:
    """类 → 款 → 项 codes, plausible and nested."""
    tree: dict[str, dict[str, list[str]]] = {}
    for lei in rng.sample(sorted(FUNCTION_CLASSES), classes):
        kuans = sorted(rng.sample(["01", "02", "03", "04", "05", "06", "08", "10", "99"],
                                  rng.randint(1, 2)))
        tree[lei] = {lei + k: [lei + k + x for x in sorted(rng.sample(
            ["01", "02", "03", "04", "50", "99"], rng.randint(1, 3)))] for k in kuans}
    return tree


def make_document(unit_name: str, fiscal_year: int, rng: random.Random, *,
                  scope: str = "单位", consolidated: bool = False,
                  member_units: list[str] | None = None,
                  size: float = 1.0) -> ExtractedDocument:
    """A complete nine-table document for one unit-year (amounts in 万元)."""
    tree = function_tree(rng, rng.randint(2, 4))
    records: list[Record] = []

    def add(table: str, row: str, column: str, amount: Decimal | None, label: str) -> None:
        records.append(Record(table, row, column, amount, label, None))

    # leaves (项) carry the money; 款, 类 and 合计 are exact sums
    basic: dict[str, Decimal] = {}
    project: dict[str, Decimal] = {}
    for lei, kuans in tree.items():
        for kuan, xiangs in kuans.items():
            for xiang in xiangs:
                basic[xiang] = _money(rng, 0, 300 * size) if xiang.endswith("01") else ZERO
                project[xiang] = _money(rng, 0, 200 * size)

    def total(codes: list[str], values: dict[str, Decimal]) -> Decimal:
        return sum((values[c] for c in codes), ZERO)

    rows: list[tuple[str, str, list[str]]] = []  # (code, label, leaf codes)
    all_leaves = [x for kuans in tree.values() for xs in kuans.values() for x in xs]
    rows.append(("合计", "合计", all_leaves))
    for lei, kuans in tree.items():
        rows.append((lei, FUNCTION_CLASSES[lei], [x for xs in kuans.values() for x in xs]))
        for kuan, xiangs in kuans.items():
            rows.append((kuan, f"款{kuan}", xiangs))
            for xiang in xiangs:
                rows.append((xiang, "行政运行" if xiang.endswith("01") else f"项{xiang}", [xiang]))

    for code, label, leaves in rows:
        b, p = total(leaves, basic), total(leaves, project)
        for column in COLUMNS_02:
            add("02", code, column, b + p if column in ("本年收入合计", "财政拨款收入") else ZERO, label)
        for column in COLUMNS_03:
            value = {"本年支出合计": b + p, "基本支出": b, "项目支出": p}.get(column, ZERO)
            add("03", code, column, value, label)
        for column, value in (("合计", b + p), ("基本支出", b), ("项目支出", p)):
            add("05", code, column, value, label)

    grand_basic, grand_total = total(all_leaves, basic), total(all_leaves, basic) + total(all_leaves, project)

    # 01 and 04: income lines, expenditure by 类, totals
    for line in INCOME_LINES_01:
        add("01", line, "决算数", grand_total if line == "一般公共预算财政拨款收入" else ZERO, line)
    by_class = {lei: sum((basic[x] + project[x] for xs in tree[lei].values() for x in xs), ZERO)
                for lei in tree}
    for lei, name in FUNCTION_CLASSES.items():  # 01 and 04 print every national 类 line
        add("01", name, "决算数", by_class.get(lei, ZERO), name)
    for line, value in (("本年收入合计", grand_total), ("本年支出合计", grand_total),
                        ("年初结转和结余", ZERO), ("年末结转和结余", ZERO),
                        ("总计/收入", grand_total), ("总计/支出", grand_total)):
        add("01", line, "决算数", value, line)
    for fund in FUND_COLUMNS:
        add("04", fund, "决算数", grand_total if fund == FUND_COLUMNS[0] else ZERO, fund)
    for lei, name in FUNCTION_CLASSES.items():
        value = by_class.get(lei, ZERO)
        for column in ("合计",) + FUND_COLUMNS:
            add("04", name, column, value if column in ("合计", FUND_COLUMNS[0]) else ZERO, name)

    # 06: the basic expenditure by economic code
    classes = list(ECONOMIC_TREE)
    per_class = dict(zip(classes, _split(grand_basic, len(classes), rng)))
    for cls, (name, kuans) in ECONOMIC_TREE.items():
        used = set(rng.sample(kuans, max(1, len(kuans) // 2)))
        amounts = iter(_split(per_class[cls], len(used), rng))
        add("06", cls, "决算数", per_class[cls], name)
        for kuan in kuans:  # the full printed list; unused lines print 0.00
            add("06", kuan, "决算数", next(amounts) if kuan in used else ZERO, f"款{kuan}")
    add("06", "人员经费合计", "决算数", per_class["301"] + per_class["303"], "人员经费合计")
    add("06", "公用经费合计", "决算数", per_class["302"] + per_class["310"], "公用经费合计")

    # 07, 08: usually empty — the printed 合计 row with blanks
    for table in ("07", "08"):
        for column in COLUMNS_07:
            add(table, "合计", column, None, "合计")

    # 09: 三公
    for side in ("预算数", "决算数"):
        abroad, buy, run, reception = (_money(rng, 0, 10 * size), _money(rng, 0, 30 * size),
                                       _money(rng, 0, 20 * size), _money(rng, 0, 15 * size))
        values = {"因公出国（境）费": abroad, "公务用车购置费": buy, "公务用车运行费": run,
                  "公务用车购置及运行费": buy + run, "公务接待费": reception,
                  "合计": abroad + buy + run + reception}
        for item in SANGONG_ITEMS:
            add("09", "合计", f"{side}/{item}", values[item], "合计")

    return ExtractedDocument(
        document=f"{unit_name}-{fiscal_year}-部门决算.pdf", unit_name=unit_name,
        fiscal_year=fiscal_year, doc_type="final", scope=scope, consolidated=consolidated,
        member_units=list(member_units or []), amount_unit_printed="万元",
        tables_present=["01", "02", "03", "04", "05", "06", "07", "08", "09"],
        tables_empty=["07", "08"], records=records, page_count=20)


def small_document(unit_name: str, fiscal_year: int, leaves: dict[str, tuple[str, str]], *,
                   scope: str = "单位", consolidated: bool = False,
                   member_units: list[str] | None = None,
                   sangong: dict[str, tuple[str, str]] | None = None,
                   labels: dict[str, str] | None = None) -> ExtractedDocument:
    """A hand-sized document for tests: table 03 from 项 leaves, plus 06 and 09.

    leaves: 项 code → (基本支出, 项目支出) as strings; 款, 类 and 合计 rows are their
    exact sums. sangong: item → (预算数, 决算数), 合计 and 车小计 derived.
    labels: printed names by code (default: the 类 name, else '名称<code>').
    """
    labels = labels or {}
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for code, (b, p) in leaves.items():
        for key in ("合计", code[:3], code[:5], code):
            old = sums.get(key, (ZERO, ZERO))
            sums[key] = (old[0] + Decimal(b), old[1] + Decimal(p))
    records: list[Record] = []
    order = sorted(sums, key=lambda k: ("" if k == "合计" else k))
    for code in order:
        b, p = sums[code]
        label = labels.get(code) or ("合计" if code == "合计"
                                     else FUNCTION_CLASSES.get(code, f"名称{code}"))
        for column in COLUMNS_03:
            value = {"本年支出合计": b + p, "基本支出": b, "项目支出": p}.get(column, ZERO)
            records.append(Record("03", code, column, value, label, 3))
    basic_total = sums.get("合计", (ZERO, ZERO))[0]
    records.append(Record("06", "301", "决算数", basic_total, "工资福利支出", 6))
    records.append(Record("06", "30101", "决算数", basic_total, "基本工资", 6))
    items = {"因公出国（境）费": ("0.00", "0.00"), "公务用车购置费": ("0.00", "0.00"),
             "公务用车运行费": ("0.00", "0.00"), "公务接待费": ("0.00", "0.00")}
    items.update(sangong or {})
    for i, side in enumerate(("预算数", "决算数")):
        v = {k: Decimal(pair[i]) for k, pair in items.items()}
        v["公务用车购置及运行费"] = v["公务用车购置费"] + v["公务用车运行费"]
        v["合计"] = v["因公出国（境）费"] + v["公务用车购置及运行费"] + v["公务接待费"]
        for item in SANGONG_ITEMS:
            records.append(Record("09", "合计", f"{side}/{item}", v[item], "合计", 9))
    return ExtractedDocument(
        document=f"{unit_name}-{fiscal_year}.pdf", unit_name=unit_name,
        fiscal_year=fiscal_year, doc_type="final", scope=scope, consolidated=consolidated,
        member_units=list(member_units or []), amount_unit_printed="万元",
        tables_present=["03", "06", "09"], records=records, page_count=10)
