"""The committed sample corpus: its truth files add up, the seed matches the hand-verified
truth, documents regenerate byte for byte, and their text is extractable.

Fast by design: nothing here regenerates the whole corpus (one or two documents at most).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import canonical as C
from juesuan.money import rounding_step, to_wan

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED_TRUTH = ROOT.parent / "shared" / "truth"
SEED_NAME = "株洲市人民政府驻北京联络处-2022-部门决算"
SEED_PDF = CORPUS / "seed" / f"{SEED_NAME}.pdf"

TRUTH_FILES = sorted(CORPUS.glob("**/*.json"))
ZERO = Decimal(0)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- an independent identity checker over truth records ----------------------------------

class Figures:
    """Records of one truth file by (table, row, column); blanks read as 0."""

    def __init__(self, truth: dict):
        self.cells: dict[tuple[str, str, str], Decimal | None] = {}
        for r in truth["records"]:
            amount = None if r["amount"] is None else Decimal(r["amount"])
            self.cells[(r["table_id"], r["row_key"], r["column_key"])] = amount
        self.rows: dict[str, list[str]] = defaultdict(list)
        for table, row, _ in self.cells:
            if row not in self.rows[table]:
                self.rows[table].append(row)
        self.columns: dict[str, list[str]] = defaultdict(list)
        for table, _, col in self.cells:
            if col not in self.columns[table]:
                self.columns[table].append(col)
        self.step = rounding_step(truth["amount_unit_printed"])
        self.problems: list[str] = []

    def v(self, table: str, row: str, col: str) -> Decimal:
        return self.cells.get((table, row, col)) or ZERO

    def equal(self, what: str, total: Decimal, terms: list[Decimal]) -> None:
        tolerance = self.step * Decimal("1.1") * max(1, len(terms))
        if abs(total - sum(terms, ZERO)) > tolerance:
            self.problems.append(f"{what}: {total} vs Σ{len(terms)} = {sum(terms, ZERO)}")

    def not_above(self, what: str, part: Decimal, whole: Decimal) -> None:
        if part > whole + self.step:
            self.problems.append(f"{what}: {part} > {whole}")


def coded_rows(f: Figures, table: str) -> list[str]:
    return [r for r in f.rows[table] if r.isdigit()]


def check_coded(f: Figures, table: str) -> None:
    rows = coded_rows(f, table)
    for col in f.columns[table]:
        for parent in rows:
            if len(parent) < 7 and (len(parent) < 5 or table != "06"):
                kids = [r for r in rows if len(r) == len(parent) + 2 and r.startswith(parent)]
                if kids:
                    f.equal(f"{table} {parent} {col}", f.v(table, parent, col),
                            [f.v(table, k, col) for k in kids])
        if table != "06" and (table, C.TOTAL, col) in f.cells:
            f.equal(f"{table} 合计 {col}", f.v(table, C.TOTAL, col),
                    [f.v(table, r, col) for r in rows if len(r) == 3])


def check_document(truth: dict) -> list[str]:
    f = Figures(truth)
    v = f.v
    for table in ("02", "03", "05", "07", "08", "06"):
        check_coded(f, table)
    for row in f.rows["02"]:
        f.equal(f"02 {row} 本年收入合计", v("02", row, "本年收入合计"),
                [v("02", row, c) for c in C.COLUMNS_02[1:]])
    for row in f.rows["03"]:
        f.equal(f"03 {row} 本年支出合计", v("03", row, "本年支出合计"),
                [v("03", row, c) for c in C.COLUMNS_03[1:]])
    for row in f.rows["05"]:
        f.equal(f"05 {row} 合计", v("05", row, "合计"),
                [v("05", row, "基本支出"), v("05", row, "项目支出")])
    for row in f.rows["07"]:
        f.equal(f"07 {row} 年末", v("07", row, "年末结转和结余"),
                [v("07", row, "年初结转和结余"), v("07", row, "本年收入"),
                 -v("07", row, "本年支出/小计")])
        f.equal(f"07 {row} 小计", v("07", row, "本年支出/小计"),
                [v("07", row, "本年支出/基本支出"), v("07", row, "本年支出/项目支出")])
    # 01
    a = C.AMOUNT
    income = v("01", C.INCOME_TOTAL, a)
    spent = v("01", C.EXPENDITURE_TOTAL, a)
    f.equal("01 本年收入合计", income, [v("01", k, a) for k in C.INCOME_LINES_01])
    class_lines = [r for r in f.rows["01"] if r in C.FUNCTION_CLASS_BY_NAME or r.startswith("……")]
    f.equal("01 本年支出合计", spent, [v("01", r, a) for r in class_lines])
    f.equal("01 总计/收入", v("01", C.GRAND_TOTAL_INCOME, a),
            [income, v("01", C.USE_OF_NON_FISCAL_BALANCE, a), v("01", C.OPENING_BALANCE, a)])
    f.equal("01 总计/支出", v("01", C.GRAND_TOTAL_EXPENDITURE, a),
            [spent, v("01", C.SURPLUS_DISTRIBUTION, a), v("01", C.CLOSING_BALANCE, a)])
    f.equal("01 两个总计", v("01", C.GRAND_TOTAL_INCOME, a), [v("01", C.GRAND_TOTAL_EXPENDITURE, a)])
    # 04
    funds = C.FUND_COLUMNS
    f.equal("04 本年收入合计", v("04", C.INCOME_TOTAL, a), [v("04", k, a) for k in funds])
    f.equal("04 年初", v("04", C.OPENING_FISCAL_BALANCE, a),
            [v("04", f"{C.OPENING_FISCAL_BALANCE}/{k}", a) for k in funds])
    f.equal("04 总计/收入", v("04", C.GRAND_TOTAL_INCOME, a),
            [v("04", C.INCOME_TOTAL, a), v("04", C.OPENING_FISCAL_BALANCE, a)])
    out_rows = [r for r in f.rows["04"] if (("04", r, "合计") in f.cells)]
    for row in out_rows:
        f.equal(f"04 {row} 合计", v("04", row, "合计"), [v("04", row, k) for k in funds])
    classes04 = [r for r in out_rows if r in C.FUNCTION_CLASS_BY_NAME or r.startswith("……")]
    for col in C.COLUMNS_04_EXPENDITURE:
        f.equal(f"04 本年支出合计 {col}", v("04", C.EXPENDITURE_TOTAL, col),
                [v("04", r, col) for r in classes04])
        f.equal(f"04 总计/支出 {col}", v("04", C.GRAND_TOTAL_EXPENDITURE, col),
                [v("04", C.EXPENDITURE_TOTAL, col), v("04", C.CLOSING_FISCAL_BALANCE, col)])
    f.equal("04 两个总计", v("04", C.GRAND_TOTAL_INCOME, a), [v("04", C.GRAND_TOTAL_EXPENDITURE, "合计")])
    # 06
    econ = coded_rows(f, "06")
    f.equal("06 人员经费合计", v("06", C.PERSONNEL_TOTAL, a),
            [v("06", c, a) for c in C.PERSONNEL_ECONOMIC_CLASSES if c in econ])
    f.equal("06 公用经费合计", v("06", C.PUBLIC_FUNDS_TOTAL, a),
            [v("06", c, a) for c in C.PUBLIC_ECONOMIC_CLASSES if c in econ])
    # 09
    for side in (C.BUDGET, C.FINAL):
        f.equal(f"09 {side} 合计", v("09", C.TOTAL, f"{side}/合计"),
                [v("09", C.TOTAL, f"{side}/{k}") for k in
                 ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")])
        f.equal(f"09 {side} 用车", v("09", C.TOTAL, f"{side}/公务用车购置及运行费"),
                [v("09", C.TOTAL, f"{side}/{k}") for k in ("公务用车购置费", "公务用车运行费")])
    # across tables
    f.equal("01/02 本年收入合计", income, [v("02", C.TOTAL, "本年收入合计")])
    f.equal("01/03 本年支出合计", spent, [v("03", C.TOTAL, "本年支出合计")])
    for name, code in C.FUNCTION_CLASS_BY_NAME.items():
        if ("01", name, a) in f.cells:
            f.equal(f"01/03 {name}", v("01", name, a), [v("03", code, "本年支出合计")])
        if ("04", name, funds[0]) in f.cells:
            f.equal(f"04/05 {name}", v("04", name, funds[0]), [v("05", code, "合计")])
    f.equal("02/01 财政拨款收入", v("02", C.TOTAL, "财政拨款收入"),
            [v("01", k, a) for k in C.INCOME_LINES_01[:3]])
    f.equal("05/04 合计", v("05", C.TOTAL, "合计"), [v("04", C.EXPENDITURE_TOTAL, funds[0])])
    f.equal("05/06 基本支出", v("05", C.TOTAL, "基本支出"),
            [v("06", C.PERSONNEL_TOTAL, a), v("06", C.PUBLIC_FUNDS_TOTAL, a)])
    for code, item in (("30212", "因公出国（境）费"), ("30217", "公务接待费"),
                       ("31013", "公务用车购置费"), ("30231", "公务用车运行费")):
        f.not_above(f"06 {code} ≤ 09 {item}", v("06", code, a), v("09", C.TOTAL, f"决算数/{item}"))
    for table, fund in (("07", funds[1]), ("08", funds[2])):
        f.equal(f"{table}/04 支出", v(table, C.TOTAL, "本年支出/小计"),
                [v("04", C.EXPENDITURE_TOTAL, fund)])
        if (table, C.TOTAL, "本年收入") in f.cells:
            f.equal(f"{table}/04 收入", v(table, C.TOTAL, "本年收入"), [v("04", fund, a)])
            f.equal(f"{table}/04 年初", v(table, C.TOTAL, "年初结转和结余"),
                    [v("04", f"{C.OPENING_FISCAL_BALANCE}/{fund}", a)])
            f.equal(f"{table}/04 年末", v(table, C.TOTAL, "年末结转和结余"),
                    [v("04", C.CLOSING_FISCAL_BALANCE, fund)])
    return f.problems


def check_budget(truth: dict) -> list[str]:
    """The identities a budget's truth must satisfy (docs/BUDGETS.md keys), checked
    independently of juesuan.validate."""
    f = Figures(truth)
    v = f.v
    amount = C.BUDGET_AMOUNT
    for table in ("02", "03", "05", "07", "08", "06"):
        check_coded(f, table)
    for table in ("03", "05", "07", "08"):
        for row in f.rows[table]:
            f.equal(f"{table} {row} 合计", v(table, row, "合计"), [v(table, row, "基本支出"), v(table, row, "项目支出")])
    sources = [c for c in f.columns["02"] if c != "合计"]
    for row in f.rows["02"]:
        f.equal(f"02 {row} 合计", v("02", row, "合计"), [v("02", row, c) for c in sources])
    for row in f.rows["06"]:
        f.equal(f"06 {row} 预算数", v("06", row, amount), [v("06", row, "人员经费"), v("06", row, "公用经费")])
    econ = coded_rows(f, "06")
    f.equal("06 合计", v("06", C.TOTAL, amount), [v("06", c, amount) for c in econ if len(c) == 3])
    income = v("01", C.INCOME_TOTAL, amount)
    f.equal("01 本年收入合计", income, [v("01", k, amount) for k in C.BUDGET_INCOME_COLUMNS[3:]
                                      if k in f.rows["01"] and k not in ("单位资金", "年初结转和结余")])
    class_lines = [r for r in f.rows["01"] if r in C.FUNCTION_CLASS_BY_NAME]
    f.equal("01 本年支出合计", v("01", C.EXPENDITURE_TOTAL, amount), [v("01", r, amount) for r in class_lines])
    f.equal("01 总计", v("01", C.GRAND_TOTAL_INCOME, amount), [v("01", C.GRAND_TOTAL_EXPENDITURE, amount)])
    f.equal("01/03", v("01", C.EXPENDITURE_TOTAL, amount), [v("03", C.TOTAL, "合计")])
    f.equal("01/02", income, [v("02", C.TOTAL, "合计")])
    funds = C.FUND_COLUMNS
    f.equal("04 本年收入合计", v("04", C.INCOME_TOTAL, amount), [v("04", k, amount) for k in funds])
    for col in ("合计",) + funds:
        f.equal(f"04 本年支出合计 {col}", v("04", C.EXPENDITURE_TOTAL, col),
                [v("04", r, col) for r in f.rows["04"] if r in C.FUNCTION_CLASS_BY_NAME])
    f.equal("05/04", v("05", C.TOTAL, "合计"), [v("04", C.EXPENDITURE_TOTAL, funds[0])])
    f.equal("05/06", v("05", C.TOTAL, "基本支出"), [v("06", C.TOTAL, amount)])
    for side in (C.BUDGET, C.PREVIOUS_BUDGET):
        if ("09", C.TOTAL, f"{side}/合计") in f.cells:
            f.equal(f"09 {side}", v("09", C.TOTAL, f"{side}/合计"),
                    [v("09", C.TOTAL, f"{side}/{k}") for k in ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")])
    return f.problems


# --- tests ------------------------------------------------------------------------------

def test_corpus_is_committed():
    assert SEED_PDF.exists(), "run: python -m juesuan.sample --out corpus --seed 20221231"
    pdfs = sorted(CORPUS.glob("**/*.pdf"))
    assert len(pdfs) >= 87
    assert all(p.with_suffix(".json").exists() for p in pdfs)
    layouts = {load(p)["layout"] for p in TRUTH_FILES}
    assert {"hunan", "shanghai", "yuan"} <= layouts


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.stem)
def test_truth_identities_hold(path):
    truth = load(path)
    assert set(C.TRUTH_KEYS) <= set(truth)
    assert truth["document"] == path.with_suffix(".pdf").name
    check = check_budget if truth["doc_type"] == C.DOC_BUDGET else check_document
    assert check(truth) == []


def test_truth_keys_are_canonical():
    from schemas.keys import valid_column_key, valid_row_key

    for path in TRUTH_FILES:
        truth = load(path)
        if truth["doc_type"] == C.DOC_BUDGET:
            for r in truth["records"]:
                assert r["table_id"] in C.BUDGET_TABLE_IDS, (path.name, r)
                assert valid_column_key(r["table_id"], r["column_key"], C.DOC_BUDGET), (path.name, r)
                assert valid_row_key(r["table_id"], r["row_key"], C.DOC_BUDGET), (path.name, r)
                assert r["column_key"] != C.AMOUNT and not r["column_key"].startswith(C.FINAL)
            continue
        for r in truth["records"]:
            assert r["table_id"] in C.TABLE_IDS
            assert r["column_key"] in C.CANONICAL_COLUMNS[r["table_id"]], (path.name, r)
            assert isinstance(r["page"], int) and r["page"] >= 1
            if r["table_id"] in C.FUNCTION_CODED_TABLES and r["row_key"] != C.TOTAL:
                assert r["row_key"].isdigit() and len(r["row_key"]) in (3, 5, 7)


def test_synthetic_truth_is_plainly_fictional_and_clean():
    for path in TRUTH_FILES:
        truth = load(path)
        if truth["unit_name"].startswith("株洲"):
            continue
        assert "示例市" in truth["unit_name"]
        assert truth["printed_inconsistencies"] == []


def test_manifest_lists_every_pdf_with_its_hash():
    with (CORPUS / "MANIFEST.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["path"] for r in rows} == {p.relative_to(CORPUS).as_posix()
                                         for p in CORPUS.glob("**/*.pdf")}
    seed = next(r for r in rows if r["path"].startswith("seed/"))
    assert seed["sha256"] == sha256(SEED_PDF)


BUDGETS = [p for p in TRUTH_FILES if "预算" in p.name]


def test_corpus_has_budgets_for_both_years_some_split_into_attachments():
    truths = [load(p) for p in BUDGETS]
    assert {t["doc_type"] for t in truths} == {C.DOC_BUDGET}
    assert {t["fiscal_year"] for t in truths} == {2023, 2024}
    narratives = [t for t in truths if "附件1情况说明" in t["document"]]
    assert narratives and all(t["records"] == [] and t["tables_present"] == [] for t in narratives)
    for t in narratives:  # each 情况说明 has its 报表 sibling of the same unit-year
        sibling = t["document"].replace("附件1情况说明", "附件2报表")
        assert any(u["document"] == sibling and u["unit_name"] == t["unit_name"]
                   and u["fiscal_year"] == t["fiscal_year"] for u in truths)
    assert len({t["layout"] for t in truths}) >= 3


def test_budgets_print_what_the_finals_call_their_年初预算():
    """A final's narrative quotes each 项's 年初预算 and its 09 prints the 三公 预算数: both are
    the figures the unit's budget of that year prints (05 by 项, 09 预算数)."""
    pytest.importorskip("fpdf")
    from juesuan.sample.corpus import DEFAULT_SEED, city_accounts
    from juesuan.sample.layouts import LAYOUTS
    from juesuan.sample.statement import from_accounts

    finals = {(a.unit_name, a.fiscal_year): from_accounts(a, LAYOUTS[lay]) for a, lay in city_accounts(DEFAULT_SEED)
              if a.scope == "部门"}
    compared = 0
    for path in BUDGETS:
        budget = load(path)
        if not budget["records"]:
            continue
        final = finals[(budget["unit_name"], budget["fiscal_year"])]
        cells = Figures(budget)
        final_truth = load(CORPUS / "示例市" / str(budget["fiscal_year"])
                           / f"{budget['unit_name']}-{budget['fiscal_year']}-部门决算.json")
        for item in ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"):
            assert cells.v("09", C.TOTAL, f"{C.BUDGET}/{item}") == Figures(final_truth).v("09", C.TOTAL, f"{C.BUDGET}/{item}")
        planned = {code: to_wan(amount, final.amount_unit) for code, amount in final.budgets.items() if amount}
        printed = {r: cells.v("05", r, "合计") for r in cells.rows["05"] if r.isdigit() and len(r) == 7}
        assert planned == {c: a for c, a in printed.items() if a}, path.name
        compared += len(planned)
    assert compared > 50


def test_consolidated_department_is_sum_of_members():
    for year in (2023, 2024):
        dept = load(CORPUS / "示例市" / str(year) / f"示例市教育局-{year}-部门决算.json")
        assert dept["consolidated"] and dept["scope"] == "部门"
        assert len(dept["member_units"]) >= 3
        members = [load(CORPUS / "示例市" / str(year) / f"{m}-{year}-单位决算.json")
                   for m in dept["member_units"]]
        assert all(m["scope"] == "单位" and not m["consolidated"] for m in members)
        key = ("03", C.TOTAL, "本年支出合计")
        total = Figures(dept).v(*key)
        parts = [Figures(m).v(*key) for m in members]
        assert abs(total - sum(parts)) <= Decimal("0.011") * len(parts)


def test_a_unit_is_renamed_between_years():
    names = {year: {load(p)["unit_name"] for p in (CORPUS / "示例市" / str(year)).glob("*.json")}
             for year in (2023, 2024)}
    renamed = names[2024] - names[2023]
    assert any(n.endswith("（本级）") and n[:-4] in names[2023] for n in renamed)


@pytest.mark.skipif(not SHARED_TRUTH.exists(), reason="../shared is not available")
def test_seed_truth_equals_hand_verified_truth():
    ours = load(SEED_PDF.with_suffix(".json"))
    ref = load(SHARED_TRUTH / f"{SEED_NAME}.json")

    def keyed(truth):
        return sorted((r["table_id"], r["row_key"], r["column_key"], r["amount"] or "",
                       r["row_label"]) for r in truth["records"])

    assert keyed(ours) == keyed(ref)
    for k in ("unit_name", "fiscal_year", "doc_type", "amount_unit_printed", "tables_present",
              "tables_empty", "tables_absent"):
        assert ours[k] == ref[k], k
    assert [i["rule"] for i in ours["printed_inconsistencies"]] == \
        [i["rule"] for i in ref["printed_inconsistencies"]]
    assert all(i["pages"] for i in ours["printed_inconsistencies"])


def test_seed_regenerates_byte_for_byte(tmp_path):
    pytest.importorskip("fpdf")
    from juesuan.sample.corpus import render_seed

    doc = render_seed(tmp_path)
    assert sha256(doc.pdf_path) == sha256(SEED_PDF)
    assert doc.truth_path.read_bytes() == SEED_PDF.with_suffix(".json").read_bytes()


def test_a_synthetic_document_regenerates_byte_for_byte(tmp_path):
    pytest.importorskip("fpdf")
    from juesuan.sample.corpus import DEFAULT_SEED, city_accounts, city_path
    from juesuan.sample.document import render_document

    acc, layout = next((a, lay) for a, lay in city_accounts(DEFAULT_SEED)
                       if a.unit_name == "示例市信访局" and a.fiscal_year == 2024)
    committed = city_path(CORPUS, acc)
    doc = render_document(acc, layout, city_path(tmp_path, acc))
    assert sha256(doc.pdf_path) == sha256(committed)


def test_seed_pdf_text_is_extractable_on_the_right_pages():
    pdfplumber = pytest.importorskip("pdfplumber")
    truth = load(SEED_PDF.with_suffix(".json"))
    pages = truth["table_pages"]
    expected = {
        "01": ("收入支出决算总表", ["397.44", "292.10", "……"]),
        "02": ("收入决算表", ["政府办公厅（室）及相关机构事务", "2160699"]),
        "03": ("支出决算表", ["174.97", "行政运行", "涉外发展服务支出"]),
        "04": ("财政拨款收入支出决算总表", ["十六、金融支出", "年初财政拨款结转和结余"]),
        "05": ("一般公共预算财政拨款支出决算表", ["222.47", "小计"]),
        "06": ("一般公共预算财政拨款基本支出决算明细表", ["194.34", "因公出国（境）费用", "28.14"]),
        "07": ("政府性基金预算财政拨款收入支出决算表", ["本表无数据"]),
        "08": ("国有资本经营预算财政拨款支出决算表", ["本表无数据"]),
        "09": ("财政拨款“三公”经费支出决算表", ["65.08", "22.81", "（境）费", "公务接待费"]),
    }
    with pdfplumber.open(SEED_PDF) as pdf:
        for table_id, (title, figures) in expected.items():
            page = pdf.pages[pages[table_id][0] - 1]
            text = page.extract_text()
            words = {w["text"] for w in page.extract_words()}
            assert title in text, table_id
            assert "(cid:" not in text
            for figure in figures:
                assert figure in text, (table_id, figure)
            assert f"部门：{truth['unit_name']}" in words
            page.close()
        for record in truth["records"]:
            if record["amount"] is not None and record["table_id"] == "05":
                assert record["amount"] in pdf.pages[record["page"] - 1].extract_text()


def test_records_are_unique_per_cell():
    for path in TRUTH_FILES:
        keys = [(r["table_id"], r["row_key"], r["column_key"]) for r in load(path)["records"]]
        assert len(keys) == len(set(keys)), path.name


def test_custom_trap_document_through_the_renderer(tmp_path):
    """What extraction tests do: a long table over pages, split codes, 09 interleaved."""
    pytest.importorskip("fpdf")
    import dataclasses

    from juesuan.sample import LAYOUTS, make_unit, render_document

    acc = make_unit("示例市陷阱测试局", projects=45, pool=("201", "208", "212", "213"),
                    funds=("2120801",), year=2024)
    layout = dataclasses.replace(LAYOUTS["hunan"], name="trap", code_style="split",
                                 t09_arrangement="interleaved", t06_groups=2)
    doc = render_document(acc, layout, tmp_path / "trap.pdf")
    truth = doc.truth
    assert len(truth["table_pages"]["02"]) >= 2  # runs over a page break
    assert "07" not in truth["tables_empty"]
    assert check_document(truth) == []
    assert load(tmp_path / "trap.json")["layout"] == "trap"
