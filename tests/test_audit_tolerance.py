from decimal import Decimal

from yusuan.audit.tolerance import decimals, equal_tolerance, fmt, half_unit, sum_tolerance, verdict
from yusuan.testing import make_amount


def test_decimals_and_half_unit() -> None:
    assert decimals("2,260.66") == 2
    assert decimals("5") == 0
    assert decimals("12.3%") == 1
    assert half_unit("2,260.66") == Decimal("0.005")
    assert half_unit("195,774,300", "元") == Decimal("0.00005")
    assert half_unit("12.34", None) == Decimal("0.005")


def test_sum_tolerance_counts_every_printed_term() -> None:
    parent = make_amount("31.29")
    kids = [make_amount("28.62"), make_amount("2.66")]
    tol = sum_tolerance(parent, kids)
    assert tol == Decimal("0.015")
    assert verdict(parent.value, kids[0].value + kids[1].value, tol) == "rounding"
    assert verdict(Decimal("31.29"), Decimal("31.25"), tol) == "error"


def test_single_child_same_precision_has_no_tolerance() -> None:
    assert sum_tolerance(make_amount("5.00"), [make_amount("5.01")]) == 0
    assert equal_tolerance(make_amount("5.00"), make_amount("5.01")) == 0
    assert equal_tolerance(make_amount("5"), make_amount("5.01")) == Decimal("0.505")


def test_fmt() -> None:
    assert fmt(Decimal("6523.73")) == "6,523.73"
    assert fmt(Decimal("5")) == "5.00"
    assert fmt(Decimal("1.234567")) == "1.234567"
