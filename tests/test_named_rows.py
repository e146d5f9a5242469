"""Rows printed by name only (Hangzhou's 功能分类科目名称 column) keyed by their code.

A name keys a row only under the 类 and 款 printed above it, against names real documents
print beside their codes (juesuan/code_names.py), and only when exactly one code fits; a
row that does not resolve stays reported, and so do the rows under it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan import code_names
from juesuan.codes import ECONOMIC, FUNCTION
from juesuan.extract.budget.named import KEYED_BY_NAME, indent_levels, name_index, resolve

FUNCTION_DEPTH, ECONOMIC_DEPTH = 3, 2


def _index(names: dict[str, str], system: str = FUNCTION):
    return name_index(system, {code: (name, 1) for code, name in names.items()})


def test_a_name_is_keyed_under_the_class_and_kuan_printed_above_it():
    index = _index({"20406": "司法", "2040601": "行政运行", "20408": "强制隔离戒毒", "2040801": "行政运行"})
    rows = [("公共安全支出", 0), ("司法", 1), ("行政运行", 2), ("强制隔离戒毒", 1), ("行政运行", 2)]
    assert resolve(rows, index, FUNCTION_DEPTH) == ["204", "20406", "2040601", "20408", "2040801"]
    # without indentation the names alone place each row
    assert resolve([(n, None) for n, _ in rows], index, FUNCTION_DEPTH) == [
        "204", "20406", "2040601", "20408", "2040801"]


def test_a_kuan_and_its_xiang_of_one_name_are_told_apart_by_order():
    index = _index({"20199": "其他一般公共服务支出", "2019999": "其他一般公共服务支出"})
    rows = [("一般公共服务支出", None), ("其他一般公共服务支出", None), ("其他一般公共服务支出", None)]
    assert resolve(rows, index, FUNCTION_DEPTH) == ["201", "20199", "2019999"]


def test_a_name_fitting_two_levels_stays_unkeyed():
    # 'X' is both a 款 of 201 and a 项 of 20101: without indentation nothing tells which
    index = _index({"20101": "人大事务", "2010199": "X", "20198": "X", "2010101": "行政运行"})
    rows = [("一般公共服务支出", None), ("人大事务", None), ("X", None), ("行政运行", None)]
    assert resolve(rows, index, FUNCTION_DEPTH) == ["201", "20101", None, None]
    # the printed level settles it
    rows = [("一般公共服务支出", 0), ("人大事务", 1), ("X", 2), ("行政运行", 2)]
    assert resolve(rows, index, FUNCTION_DEPTH) == ["201", "20101", "2010199", "2010101"]


def test_the_rows_under_an_unkeyed_kuan_are_not_bound_to_the_kuan_above():
    index = _index({"20406": "司法", "2040601": "行政运行", "2040602": "一般行政管理事务"})
    rows = [("公共安全支出", 0), ("司法", 1), ("行政运行", 2), ("监狱", 1), ("一般行政管理事务", 2),
            ("社会保障和就业支出", 0)]
    # indentation prints 监狱's level: it is placed under 204 by name, its 项 under it
    assert resolve(rows, index, FUNCTION_DEPTH) == [
        "204", "20406", "2040601", "204>监狱", "204>监狱>一般行政管理事务", "208"]
    # without indentation, nothing is keyed again until the next 类
    assert resolve([(n, None) for n, _ in rows], index, FUNCTION_DEPTH) == [
        "204", "20406", "2040601", None, None, "208"]


def test_a_name_is_placed_by_name_only_under_a_keyed_parent_at_a_printed_level():
    index = _index({"20406": "司法", "2040601": "行政运行"})
    # an unknown 类 is a misread, never placed; nor is anything under it
    assert resolve([("公共安泉支出", 0), ("司法", 1), ("行政运行", 2)], index, FUNCTION_DEPTH) == [None, None, None]
    # a name the catalogue codes under this parent, printed again, is not placed a second time
    rows = [("公共安全支出", 0), ("司法", 1), ("行政运行", 2), ("行政运行", 2)]
    assert resolve(rows, index, FUNCTION_DEPTH) == ["204", "20406", "2040601", None]
    # one unknown name twice under one parent: the second is not placed on the first's key
    rows = [("公共安全支出", 0), ("监狱", 1), ("监狱", 1)]
    assert resolve(rows, index, FUNCTION_DEPTH) == ["204", "204>监狱", None]
    # a name holding '/' would read as a member unit's section: not placed
    assert resolve([("公共安全支出", 0), ("监狱/看守所", 1)], index, FUNCTION_DEPTH) == ["204", None]


def test_a_xiang_without_its_kuan_is_not_keyed():
    index = _index({"20406": "司法", "2040601": "行政运行"})
    assert resolve([("公共安全支出", None), ("行政运行", None)], index, FUNCTION_DEPTH) == ["204", None]


def test_economic_names_resolve_within_their_class():
    index = _index({"301": "工资福利支出", "30114": "医疗费", "303": "对个人和家庭的补助", "30307": "医疗费补助"},
                   ECONOMIC)
    rows = [("工资福利支出", None), ("医疗费", None), ("对个人和家庭的补助", None), ("医疗费补助", None),
            ("医疗费", None)]
    assert resolve(rows, index, ECONOMIC_DEPTH) == ["301", "30114", "303", "30307", None]


def test_indentation_gives_levels_only_when_plain():
    assert indent_levels([0, 10, 20, 20, 0, 10.5, 20], FUNCTION_DEPTH) == [0, 1, 2, 2, 0, 1, 2]
    # glyph boxes start a little apart within one level (left bearings): still three levels
    assert indent_levels([6.1, 17.9, 26.0, 6.8, 15.8, 26.1, 7.8, 16.1, 27.4], FUNCTION_DEPTH) == [
        0, 1, 2, 0, 1, 2, 0, 1, 2]
    assert indent_levels([0, 0, 0], FUNCTION_DEPTH) is None  # not indented
    assert indent_levels([0, 20, 10], FUNCTION_DEPTH) is None  # two steps down at once
    assert indent_levels([10, 0, 10], FUNCTION_DEPTH) is None  # the first row is no 类
    assert indent_levels([0, 10, 20, 30], FUNCTION_DEPTH) is None  # more steps than levels
    assert indent_levels([0, 10, None], FUNCTION_DEPTH) is None


def test_the_catalogue_names_every_code_once_under_its_parent():
    seen: dict[tuple[str, str], str] = {}
    for code, (name, documents) in code_names.NAMES.items():
        assert documents >= 1 and len(code) in (3, 5, 7)
        key = (code[:-2] if len(code) > 3 else code[0], name)
        assert key not in seen, (code, seen.get(key))
        seen[key] = code


# --- on a generated PDF --------------------------------------------------------------

WIDTHS = [240.0, 80.0, 80.0, 80.0]
HEADER = ["功能分类科目名称", "合计", "基本支出", "项目支出"]


def _draw(path, rows: list[tuple[int, str, str, str, str]], indent_step: float = 10.0) -> None:
    """A one-page 支出预算总表 printed by name only: (level, name, 合计, 基本, 项目) rows, each
    level indented `indent_step` points further right."""
    from fpdf import FPDF

    from juesuan.sample.font import font_file

    title = "2026年部门支出预算总表"
    unit = "部门名称：示例市司法局 单位：万元"
    chars = set(title + unit + "".join(HEADER) + "".join(r[1] for r in rows) + "0123456789.,")
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("cjk", "", str(font_file(chars)))
    pdf.set_font("cjk", size=9)
    pdf.add_page()
    pdf.text(180, 60, title)
    pdf.text(40, 85, unit)
    x0, y0, height = 40.0, 95.0, 18.0
    lines = [HEADER] + [[name, *figures] for _, name, *figures in rows]
    levels = [0] + [level for level, *_ in rows]
    for r, (cells, level) in enumerate(zip(lines, levels)):
        x = x0
        for c, (text, width) in enumerate(zip(cells, WIDTHS)):
            pdf.rect(x, y0 + r * height, width, height)
            if text:
                shift = 3 + (level * indent_step if c == 0 and r else 0)
                tx = x + shift if c == 0 else x + width - 3 - pdf.get_string_width(text)
                pdf.text(tx, y0 + r * height + 12, text)
            x += width
    pdf.output(str(path))


def _read(path):
    from juesuan.extract.document import extract_document

    doc = extract_document(path)
    keys = {}
    for record in doc.records:
        if record.table_id == "03":
            keys.setdefault(record.row_label, []).append((record.row_key, record.column_key, record.amount))
    return doc, keys


SOCIAL = [
    (0, "合计", "300.00", "200.00", "100.00"),
    (0, "社会保障和就业支出", "150.00", "150.00", ""),
    (1, "行政事业单位养老支出", "150.00", "150.00", ""),
    (2, "行政单位离退休", "50.00", "50.00", ""),
    (2, "机关事业单位基本养老保险缴费支出", "100.00", "100.00", ""),
    (0, "卫生健康支出", "150.00", "50.00", "100.00"),
    (1, "行政事业单位医疗", "150.00", "50.00", "100.00"),
    (2, "行政单位医疗", "150.00", "50.00", "100.00"),
]


@pytest.mark.parametrize("indent_step", [10.0, 0.0])
def test_a_table_printed_by_name_only_is_keyed_by_code(tmp_path, indent_step):
    pytest.importorskip("fpdf")
    pdf = tmp_path / "named.pdf"
    _draw(pdf, SOCIAL, indent_step)
    doc, keys = _read(pdf)
    assert {label: rows[0][0] for label, rows in keys.items()} == {
        "合计": "合计", "社会保障和就业支出": "208", "行政事业单位养老支出": "20805", "行政单位离退休": "2080501",
        "机关事业单位基本养老保险缴费支出": "2080505", "卫生健康支出": "210", "行政事业单位医疗": "21011",
        "行政单位医疗": "2101101"}
    assert ("2101101", "项目支出", Decimal("100.00")) in keys["行政单位医疗"]
    notes = [p for p in doc.problems if p.table_id == "03"]
    assert [p.code for p in notes] == [KEYED_BY_NAME]
    assert "7 rows" in notes[0].message


JUSTICE = [
    (0, "合计", "300.00", "300.00", ""),
    (0, "公共安全支出", "300.00", "300.00", ""),
    (1, "司法", "100.00", "100.00", ""),
    (2, "一般行政管理事务", "100.00", "100.00", ""),
    (1, "监狱", "200.00", "200.00", ""),  # printed with its code by no real document we mined
    (2, "行政运行", "150.00", "150.00", ""),  # 2040601 under 司法: not this row's code
    (2, "一般行政管理事务", "50.00", "50.00", ""),
]


def test_an_unknown_kuan_is_placed_by_name_under_its_class_never_bound_to_the_kuan_above(tmp_path):
    pytest.importorskip("fpdf")
    pdf = tmp_path / "named.pdf"
    _draw(pdf, JUSTICE)
    doc, keys = _read(pdf)
    assert keys["司法"][0][0] == "20406"
    assert {k for k, _, _ in keys["一般行政管理事务"]} == {"2040602", "204>监狱>一般行政管理事务"}
    assert keys["监狱"][0][0] == "204>监狱"
    assert ("204>监狱>行政运行", "合计", Decimal("150.00")) in keys["行政运行"]
    assert not [p for p in doc.problems if p.code == "unknown_row"]
    note = next(p.message for p in doc.problems if p.code == KEYED_BY_NAME)
    assert "3 rows whose names the catalogue does not code" in note and "'204>监狱'" in note


def test_rows_placed_by_name_are_held_to_their_parents_sums(tmp_path):
    pytest.importorskip("fpdf")
    from juesuan.validate import validate_document

    pdf = tmp_path / "named.pdf"
    _draw(pdf, JUSTICE)
    doc, _ = _read(pdf)
    sums = [f for f in validate_document(doc) if f.rule_id == "Tcode.parent_sum"]
    assert not [f for f in sums if f.severity == "error"]
    # 监狱 printed 10.00 above its 项 (150 + 50), the totals above it agreeing with it
    misprinted = {"合计": "310.00", "公共安全支出": "310.00", "监狱": "210.00"}
    _draw(pdf, [(level, name, misprinted[name], misprinted[name], "") if name in misprinted else
                (level, name, *figures) for level, name, *figures in JUSTICE])
    doc, _ = _read(pdf)
    failed = [f for f in validate_document(doc) if f.rule_id == "Tcode.parent_sum" and f.severity == "error"]
    assert any("204>监狱" in f.message and "210.00" in f.message for f in failed), failed


def test_without_indentation_an_unknown_kuan_and_its_rows_stay_reported(tmp_path):
    pytest.importorskip("fpdf")
    pdf = tmp_path / "named.pdf"
    _draw(pdf, JUSTICE, indent_step=0.0)
    doc, keys = _read(pdf)
    assert "监狱" not in keys and "行政运行" not in keys
    assert len(keys["一般行政管理事务"]) == 3  # one row keyed (3 columns), its namesake under 监狱 not
    unknown = [p.message for p in doc.problems if p.code == "unknown_row" and p.table_id == "03"]
    assert len(unknown) == 3 and any("监狱" in m for m in unknown) and any("行政运行" in m for m in unknown)


# --- on the real Hangzhou budget (../shared, skipped when absent) ----------------------

@pytest.mark.realpdfs
def test_hangzhou_tables_printed_by_name_are_keyed_by_code():
    from tests.conftest import SHARED

    found = sorted((SHARED / "realpdfs" / "budget").glob("28647feb2ecb-*.pdf")) if SHARED.exists() else []
    if not found:
        pytest.skip("../shared/realpdfs is absent")
    from juesuan.extract.document import extract_document

    doc = extract_document(found[0])
    amount = {(r.table_id, r.row_key, r.column_key): r.amount for r in doc.records}
    # 表3 p17: 气象事务 / 气象服务 2,103.61 (项目支出); 表6 p20: 维修(护)费 30.00
    assert amount[("03", "22005", "合计")] == Decimal("5371.48")
    assert amount[("03", "2200509", "项目支出")] == Decimal("2103.61")
    assert amount[("06", "30213", "预算数")] == Decimal("30.00")
    assert {p.table_id for p in doc.problems if p.code == KEYED_BY_NAME} == {"03", "05", "06"}
    assert not [p for p in doc.problems if p.code in ("unknown_row", "table_unreadable")]
