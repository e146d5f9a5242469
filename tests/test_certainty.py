"""An identity failing on a table not read fully is a warning, and the document is still
held (juesuan/validate/certainty.py)."""

from __future__ import annotations

from decimal import Decimal

from juesuan.model import Finding, Problem
from juesuan.validate.certainty import qualify
from juesuan.validate.outcome import decide_outcome


def failing(rule: str, tables: tuple[str, ...]) -> Finding:
    return Finding(rule, "error", "printed 0 but expected = 21955.35", tables, (14,), Decimal("21955.35"),
                   Decimal("0"), location="01 本年支出合计")


def test_an_error_on_a_table_not_read_fully_becomes_a_warning_and_the_document_stays_held():
    problems = [Problem("unknown_row", "a row could not be keyed", "01", 14),
                Problem("unknown_row", "another", "01", 14)]
    quarantining = failing("Tcode.total_sum", ("01",))
    assert decide_outcome([quarantining], problems) == "quarantined"
    findings, held = qualify([quarantining], problems)
    [warning] = findings
    assert warning.severity == "warning" and "not certain" in warning.message and "unknown_row ×2" in warning.message
    assert warning.key == quarantining.key  # a reviewed verdict still finds it
    from juesuan.validate.certainty import is_uncertain_error
    assert is_uncertain_error(warning) and not is_uncertain_error(quarantining)
    [problem] = held
    assert problem.code == "misread_suspected" and problem.table_id == "01" and problem.page == 14
    assert decide_outcome(findings, problems + held) == "quarantined"


def test_certain_errors_and_other_tables_are_left_alone():
    problems = [Problem("unknown_column", "two columns map to '合计'", "09", 20)]
    certain = failing("Tcode.total_sum", ("03",))
    findings, held = qualify([certain, failing("X01_03.expenditure_total", ("01", "03"))], problems)
    assert [f.severity for f in findings] == ["error", "error"] and held == []
    assert qualify([certain], []) == ([certain], [])


def test_a_non_quarantining_error_becomes_a_warning_without_holding_the_document():
    problems = [Problem("table_unreadable", "rows by name only", "02", 9)]
    findings, held = qualify([failing("X01_02.budget_total", ("01", "02"))], problems)
    assert findings[0].severity == "warning" and held == []


def test_a_total_printed_in_whole_yuan_beside_parts_with_fen_is_rounding():
    """ad92f2d01b2a p12: 合计 基本支出 printed 22,118,861 (元) while its parts sum to
    22,118,861.34 — the total is rounded to the 元; a 0.34 元 gap is no finding, a 1.34 元 one is."""
    from juesuan.model import Record
    from juesuan.validate.rules import Rule, judge, sum_comparison
    from juesuan.validate.tolerance import coarse_figures

    assert coarse_figures([Decimal("2211.8861"), Decimal("1434.885334")], "元") == Decimal("0.0000495")
    assert coarse_figures([Decimal("0"), Decimal("2211.8861")], "万元") == 0  # 万元: integers are exact
    rule = Rule("Tcode.total_sum", "error", "合计 = Σ 类", lambda ctx: iter(()))
    parts = [Record("03", "204", "基本支出", Decimal("1434.885334"), "", 11),
             Record("03", "208", "基本支出", Decimal("777.000800"), "", 11)]
    for printed, found in (("2211.8861", False), ("2211.8860", True)):
        comp = sum_comparison("03 row 合计", Record("03", "合计", "基本支出", Decimal(printed), "", 12), parts)
        assert (judge(rule, comp, "元") is not None) is found, printed
