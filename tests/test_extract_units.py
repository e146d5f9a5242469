"""Pure pieces of extraction: amounts, codes, titles, labels, header keys."""

from decimal import Decimal

import pytest

from juesuan.codes import as_code, join_code, level, parent
from juesuan.extract.columns import key_02, key_03, key_05, key_07, key_09, key_04_expenditure
from juesuan.extract.header import strip_numbering
from juesuan.extract.locate import classify_title, is_budget_title
from juesuan.extract.metadata import read_cover, unit_from_headings
from juesuan.money import NotAnAmount, parse_amount, to_wan
from juesuan.text import normalise_text, printed_label


@pytest.mark.parametrize("text, value", [
    ("2,940.05", Decimal("2940.05")),
    ("０.００", Decimal("0.00")),
    ("１２３.４５", Decimal("123.45")),
    (" 397.44 ", Decimal("397.44")),
    ("-12.30", Decimal("-12.30")),
    ("(12.30)", Decimal("-12.30")),
    ("—", Decimal("0.00")),
    ("-", Decimal("0.00")),
])
def test_parse_amount_exact(text, value):
    parsed = parse_amount(text)
    assert parsed == value and isinstance(parsed, Decimal)


def test_blank_is_none_not_zero():
    assert parse_amount("") is None
    assert parse_amount("   ") is None
    assert parse_amount(None) is None
    assert parse_amount("0.00") == Decimal("0")


@pytest.mark.parametrize("text", ["合计", "12.3.4", "1,23.00", "约5万"])
def test_parse_amount_rejects_words(text):
    with pytest.raises(NotAnAmount):
        parse_amount(text)


def test_yuan_to_wan_is_exact():
    assert to_wan(Decimal("29400512.34"), "元") == Decimal("2940.051234")
    assert str(to_wan(Decimal("1.00"), "元")) == "0.000100"
    assert to_wan(None, "元") is None


def test_codes_join_and_levels():
    assert join_code(["201", "03", "01"]) == "2010301"
    assert join_code(["201", "03", ""]) == "20103"
    assert join_code(["201", "", "01"]) is None
    assert join_code(["类", "", ""]) is None
    assert as_code("2010301") == "2010301"
    assert as_code("201 03 01") == "2010301"
    assert as_code("2024") is None
    assert as_code("30101", "economic") == "30101"
    assert as_code("3010101", "economic") is None
    assert level("20103") == "款" and parent("2010301") == "20103" and parent("201") is None


@pytest.mark.parametrize("title, table_id", [
    ("收入支出决算总表", "01"),
    ("公开01表收入支出决算总表", "01"),
    ("收入决算表", "02"),
    ("支出决算表", "03"),
    ("财政拨款收入支出决算总表", "04"),
    ("一般公共预算财政拨款支出决算表", "05"),
    ("一般公共预算财政拨款基本支出决算明细表", "06"),
    ("一般公共预算财政拨款基本支出决算表", "06"),
    ("政府性基金预算财政拨款收入支出决算表", "07"),
    ("国有资本经营预算财政拨款支出决算表", "08"),
    ("财政拨款“三公”经费支出决算表", "09"),
    ("财政拨款三公经费支出决算表", "09"),
    ("表4:高等学校财政拨款支出决算表", "05"),
    ("第二部分上海市普陀区财政局2024年度部门决算表", None),
    ("一、收入支出决算总体情况说明", None),
    ("收入支出预算总表", None),
])
def test_title_classification_prefers_the_most_specific(title, table_id):
    assert classify_title(normalise_text(title)) == table_id


def test_budget_titles_are_recognised():
    assert is_budget_title("收入支出预算总表")
    assert not is_budget_title("收入支出决算总表")


def test_numbering_and_labels():
    assert strip_numbering("一、一般公共服务支出") == "一般公共服务支出"
    assert strip_numbering("（一）基本工资") == "基本工资"
    assert strip_numbering("十五、商业服务业等支出") == "商业服务业等支出"
    assert strip_numbering("2024年度") == "2024年度"
    assert printed_label("机关事业单位基本养老保险缴\n费") == "机关事业单位基本养老保险缴费"
    assert printed_label("政府办公厅（室）及相关机构事务") == "政府办公厅（室）及相关机构事务"
    assert printed_label("⻔诊") == "门诊"


def test_column_keys_by_meaning():
    assert key_02(("本年收入合计",)) == "本年收入合计"
    assert key_02(("财政拨款收入",)) == "财政拨款收入"
    assert key_02(("事业收入", "其中:教育收费")) == "事业收入/其中：教育收费"
    assert key_03(("对附属单位补助支出",)) == "对附属单位补助支出"
    assert key_05(("本年支出", "小计")) == "合计"
    assert key_05(("本年支出", "项目支出", "小计")) == "项目支出"
    assert key_07(("本年支出", "基本支出")) == "本年支出/基本支出"
    assert key_07(("本年支出", "合计")) == "本年支出/小计"
    assert key_07(("年初结转和结余",)) == "年初结转和结余"
    assert key_04_expenditure(("支出", "政府性基金预算财政拨款")) == "政府性基金预算财政拨款"
    assert key_04_expenditure(("支出", "合计")) == "合计"


@pytest.mark.parametrize("path, key", [
    (("预算数", "合计"), "预算数/合计"),
    (("决算数", "公务用车购置及运行费", "小计"), "决算数/公务用车购置及运行费"),
    (("预算数", "公务用车购置及运行费", "公务用车运行费"), "预算数/公务用车运行费"),
    (("财政拨款\"三公\"经费", "公务用车购置及运行费", "公务用车购置费", "决算数"), "决算数/公务用车购置费"),
    (("财政拨款\"三公\"经费", "因公出国(境)费", "预算数"), "预算数/因公出国（境）费"),
    (("公务接待费", "决算数"), "决算数/公务接待费"),
    (("预算数", "公务用车购置及运行维护费", "公务用车运行维护费"), "预算数/公务用车运行费"),
    (("预算数", "会议费"), "预算数/会议费"),
])
def test_sangong_keys_in_any_header_order(path, key):
    assert key_09(path) == key


def test_cover_metadata_never_from_file_name():
    meta = read_cover("2022年度\n株洲市人民政府驻北京联络\n处部门决算")
    assert (meta.unit_name, meta.fiscal_year, meta.doc_type, meta.scope) == (
        "株洲市人民政府驻北京联络处", 2022, "final", "部门")
    meta = read_cover("上海市普陀区财政局\n年度部门决算\n2024")
    assert (meta.unit_name, meta.fiscal_year) == ("上海市普陀区财政局", 2024)
    budget = read_cover("示例市商务局2026年度部门预算")
    assert budget.doc_type == "budget"
    assert read_cover("示例市教育局2023年度单位决算").scope == "单位"
    labelled = read_cover("上海市普陀区2025年区级单位预算\n预算单位：上海市普陀区商务委员会")
    assert (labelled.unit_name, labelled.fiscal_year, labelled.doc_type, labelled.scope) == (
        "上海市普陀区商务委员会", 2025, "budget", "单位")
    assert read_cover("上海市普陀区2025年区级部门预算\r\n预算主管部门：上海市普陀区商务委员会").unit_name == "上海市普陀区商务委员会"


def test_unit_from_table_headings():
    lines = ["部门：示例市财政局", "单位：万元", "部门：示例市财政局公开02表", "编制单位：示例市财政局"]
    assert unit_from_headings(lines) == "示例市财政局"
