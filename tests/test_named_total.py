"""A total row labelled by a name (the unit's own, 「某某局」) where other templates print 合计 (issue 9)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Amount, Row
from yusuan.parse.tables_rows import _unlabelled_total


def _row(code: str | None, name: str, **values: str) -> Row:
    return Row(code=code, name=name, values={k: Amount(value=Decimal(v), text=v) for k, v in values.items()})


def _table(first_name: str, total: str, basic: str) -> list[Row]:
    return [
        _row(None, first_name, total=total, basic=basic),
        _row("201", "一般公共服务支出", total="120.50", basic="100.25"),
        _row("20101", "人大事务", total="120.50", basic="100.25"),
        _row("208", "社会保障和就业支出", total="30.01", basic="30.01"),
    ]


def test_a_unit_named_row_equal_to_the_sum_of_the_classes_is_the_total() -> None:
    rows = _table("某某市某某局", "150.51", "130.26")
    _unlabelled_total(rows)
    assert rows[0].code == "TOTAL"
    assert rows[0].source.inferred and "合计" in (rows[0].source.note or "")


def test_the_total_may_differ_by_the_rounding_of_the_rows_summed() -> None:
    rows = _table("某某局", "150.52", "130.26")  # 0.01 off: within half a unit per figure summed
    _unlabelled_total(rows)
    assert rows[0].code == "TOTAL"


def test_a_named_row_that_does_not_add_up_is_not_taken_for_the_total() -> None:
    rows = _table("某某局", "150.71", "130.26")  # 0.20 off in one column
    _unlabelled_total(rows)
    assert rows[0].code is None


def test_a_named_row_beside_a_printed_total_stays_what_it_is() -> None:
    rows = [*_table("某某局", "150.51", "130.26"), _row("TOTAL", "合计", total="150.51", basic="130.26")]
    _unlabelled_total(rows)
    assert rows[0].code is None


def test_the_last_row_labelled_by_name_can_be_the_total() -> None:
    rows = _table("某某局", "150.51", "130.26")
    rows.append(rows.pop(0))
    _unlabelled_total(rows)
    assert rows[-1].code == "TOTAL"


def test_one_units_subtotal_among_several_is_not_the_total() -> None:
    rows = [
        _row(None, "甲单位", total="120.50"),
        _row("201", "一般公共服务支出", total="120.50"),
        _row(None, "乙单位", total="30.01"),
        _row("208", "社会保障和就业支出", total="30.01"),
    ]
    _unlabelled_total(rows)
    assert all(r.code != "TOTAL" for r in rows)
