"""Y109 (no placement makes the row add up) and Y110 (财政拨款 = its funds, income side)."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document
from yusuan.testing import make_amount, make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def expense_with(*unplaced: str) -> Document:
    t = make_table("expense", [("TOTAL", "合计", {"total": "30.50", "basic": "10.00", "project": "20.50"}),
                               ("2101504", "信息化建设", {})], columns=["total", "basic", "project"])
    t.rows[1].unplaced = [make_amount(v) for v in unplaced]
    return make_doc(t)


def test_a_row_no_placement_can_balance_is_an_error_with_the_likeliest_columns() -> None:
    found = run(expense_with("20.50", "20.00"), "Y109")
    assert [(f.severity, f.category) for f in found] == [("error", "inferred-placement")]
    msg = found[0].message
    assert "合计 20.50" in msg and "基本支出 20.00" in msg and "推定" in msg
    assert (found[0].expected, found[0].actual) == ("20.00", "20.50")


def test_a_row_some_placement_balances_is_only_undecided() -> None:
    assert run(expense_with("20.00", "20.00"), "Y109") == []
    assert run(expense_with("20.00"), "Y109") != []  # one figure cannot be 合计 and its part at once


def test_project_table_total_against_its_economic_columns() -> None:
    t = make_table("gpb_project", [("TOTAL", "合计", {"total": "5.63"})], columns=["total", "econ301", "econ302"])
    t.rows[0].unplaced = [make_amount("4.63")]
    assert [f.severity for f in run(make_doc(t), "Y109")] == ["error"]
    t.rows[0].unplaced = [make_amount("5.63")]
    assert run(make_doc(t), "Y109") == []


def fiscal(head: str, gpb: str) -> Document:
    t = make_table("fiscal_summary", [("income.fiscal", "一、财政拨款（补助）", {"amount": head}),
                                      ("income.gpb", "一般公共预算", {"amount": gpb}),
                                      ("income.gov_fund", "政府性基金预算", {})], side="income")
    return make_doc(t)


def test_fiscal_income_line_equals_its_funds() -> None:
    assert run(fiscal("2,260.66", "2,260.66"), "Y110") == []
    found = run(fiscal("2,260.60", "2,260.66"), "Y110")
    assert [f.severity for f in found] == ["error"]
    assert "2,260.60" in found[0].message


def test_fiscal_income_numbering_column_is_not_money() -> None:
    t = make_table("fiscal_summary", [
        ("income.fiscal", "一、财政拨款", {"lc": "1", "amount": "11.00"}),
        ("income.gpb", "一般公共预算", {"lc": "2", "amount": "11.00"}),
        ("income.gov_fund", "政府性基金预算", {"lc": "3"}),
    ], side="income")
    assert run(make_doc(t), "Y110") == []
