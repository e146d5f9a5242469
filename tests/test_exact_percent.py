"""exact_percent (sql/views/00_exact_percent.sql): rates the warehouse prints are computed
exactly, not in DOUBLE, and rounded half away from zero as people round."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

import sql


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    con.execute(sql.load("views/00_exact_percent"))
    yield con
    con.close()


def percent(con, num: str | None, den: str | None):
    return con.execute("SELECT exact_percent(CAST(? AS DECIMAL(18,6)), CAST(? AS DECIMAL(18,6)))",
                       [num, den]).fetchone()[0]


@pytest.mark.parametrize("num, den", [("1.2345", "10"), ("376.10", "405.69"), ("0.000001", "3"),
                                      ("-1.2345", "10"), ("1.2345", "-10"), ("99999999.99", "0.01"),
                                      ("2536.65", "1178.72"), ("1", "3"), ("2", "3"),
                                      ("999999999999.99", "1.00"), ("123456789012.345678", "98765432109.876543")])
def test_equals_decimal_arithmetic_half_up(con, num, den):
    expected = (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert percent(con, num, den) == expected


def test_a_half_rounds_away_from_zero_where_double_would_not(con):
    # 1.2345 / 10 × 100 = 12.345 exactly; in DOUBLE it is 12.344999…, which rounds down
    assert percent(con, "1.2345", "10") == Decimal("12.35")
    assert percent(con, "-1.2345", "10") == Decimal("-12.35")


@pytest.mark.parametrize("num, den", [("5", "0"), (None, "5"), ("5", None)])
def test_no_rate_against_nothing(con, num, den):
    assert percent(con, num, den) is None
