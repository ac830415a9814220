"""Values a table alone could not place, decided (or not) by the document's other tables."""

from __future__ import annotations

from decimal import Decimal

from yusuan.blocks import TextLine
from yusuan.model import Document, Table
from yusuan.parse import _stages
from yusuan.parse.placement import place_across_tables
from yusuan.parse.scattered import parse_scattered_table
from yusuan.parse.scattered_tokens import TableHeading
from yusuan.parse.segment import Segments
from yusuan.testing import make_amount, make_doc, make_table

INCOME_COLS = ["total", "fiscal_subtotal", "gpb", "gpb_transfer", "gov_fund"]


def _with_unplaced(t: Table, unplaced: dict[str, list[str]]) -> Table:
    for r in t.rows:
        r.unplaced = [make_amount(v) for v in unplaced.get(r.code or "", [])]
    return t


def _income(unplaced: dict[str, list[str]]) -> Table:
    t = make_table(
        "income",
        [
            ("201", "一般公共服务支出", {"total": "30.00", "fiscal_subtotal": "30.00"}),
            ("208", "社会保障和就业支出", {"total": "12.00", "fiscal_subtotal": "12.00"}),
            ("TOTAL", "合计", {"total": "42.00", "fiscal_subtotal": "42.00"}),
        ],
        title="部门收入总体情况表",
        columns=INCOME_COLS,
    )
    return _with_unplaced(t, unplaced)


def _summary(general: str, transfer: str) -> Table:
    return make_table(
        "summary",
        [
            ("income.gpb", "一般公共预算拨款", {"amount": "42.00"}),
            ("income.gpb_general", "其中：一般财力", {"amount": general}),
            ("income.gpb_transfer", "上级一般公共预算安排转移支付", {"amount": transfer}),
            ("income.gov_fund", "政府性基金预算拨款", {"amount": ""}),
            ("TOTAL", "收入总计", {"amount": "42.00"}),
        ],
        title="部门收支总体情况表",
        side="income",
    )


def _gpb_expense() -> Table:
    return make_table(
        "gpb_expense",
        [
            ("201", "一般公共服务支出", {"total": "30.00"}),
            ("208", "社会保障和就业支出", {"total": "12.00"}),
            ("TOTAL", "合计", {"total": "42.00"}),
        ],
        title="一般公共预算支出情况表",
    )


def _run(doc: Document) -> None:
    place_across_tables(None, Segments(), doc)  # type: ignore[arg-type]  # the stage reads only doc


def _placed(t: Table, code: str) -> dict[str, Decimal]:
    row = next(r for r in t.rows if r.code == code)
    return {c: a.value for c, a in row.values.items()}


def test_summary_and_fund_table_decide_the_fund_columns() -> None:
    income = _income({"201": ["30.00"], "208": ["10.00", "2.00"], "TOTAL": ["40.00", "2.00"]})
    doc = make_doc(_summary("40.00", "2.00"), income, _gpb_expense())
    _run(doc)
    assert all(not r.unplaced for r in income.rows)
    assert _placed(income, "TOTAL")["gpb"] == Decimal("40.00")
    assert _placed(income, "TOTAL")["gpb_transfer"] == Decimal("2.00")
    assert _placed(income, "201")["gpb"] == Decimal("30.00")
    assert _placed(income, "208")["gpb"] == Decimal("10.00")
    assert _placed(income, "208")["gpb_transfer"] == Decimal("2.00")
    total = next(r for r in income.rows if r.code == "TOTAL")
    transfer = total.values["gpb_transfer"].source
    assert transfer.inferred and transfer.note and "部门收支总体情况表" in transfer.note
    assert not total.values["total"].source.inferred  # what was read stays read
    assert not any(n.startswith("部分数字无法确定所在列") for n in income.notes)


def test_equal_values_in_two_fund_columns_stay_unplaced() -> None:
    t = make_table(
        "income",
        [
            ("201", "一般公共服务支出", {"total": "5.00", "fiscal_subtotal": "5.00"}),
            ("202", "外交支出", {"total": "5.00", "fiscal_subtotal": "5.00"}),
            ("TOTAL", "合计", {"total": "10.00", "fiscal_subtotal": "10.00"}),
        ],
        columns=["total", "fiscal_subtotal", "gpb", "gov_fund"],
    )
    income = _with_unplaced(t, {"201": ["5.00"], "202": ["5.00"], "TOTAL": ["5.00", "5.00"]})
    summary = make_table(
        "summary",
        [
            ("income.gpb", "一般公共预算拨款", {"amount": "5.00"}),
            ("income.gov_fund", "政府性基金", {"amount": "5.00"}),
        ],
        side="income",
    )
    _run(make_doc(summary, income))
    assert [len(r.unplaced) for r in income.rows] == [1, 1, 2]
    assert all(set(r.values) == {"total", "fiscal_subtotal"} for r in income.rows)


def test_other_table_contradicting_leaves_the_row_unplaced() -> None:
    income = _income({"201": ["30.00"], "208": ["10.00", "2.00"], "TOTAL": ["40.00", "2.00"]})
    doc = make_doc(_summary("39.00", "3.00"), income, _gpb_expense())
    _run(doc)
    total = next(r for r in income.rows if r.code == "TOTAL")
    assert [a.text for a in total.unplaced] == ["40.00", "2.00"]
    assert "gpb" not in total.values and "gpb_transfer" not in total.values
    assert any("不符" in n for n in income.notes)
    # without the 合计 row's split nothing tells 一般公共预算 from its transfers in 208
    assert len(next(r for r in income.rows if r.code == "208").unplaced) == 2


def test_printed_order_limits_the_columns() -> None:
    # the value printed before 财政拨款小计 can only be 合计's neighbour: here it is printed after
    # 合计 and before 小计, a column that does not exist, so nothing fits and nothing is placed
    income = _income({})
    row = next(r for r in income.rows if r.code == "201")
    row.values["total"] = make_amount("30.00", line=10)
    row.values["fiscal_subtotal"] = make_amount("30.00", line=12)
    row.unplaced = [make_amount("30.00", line=11)]
    _run(make_doc(_summary("40.00", "2.00"), income, _gpb_expense()))
    assert [a.text for a in row.unplaced] == ["30.00"]


def _three_public(gov_fund_table: Table) -> tuple[Table, Document]:
    t = make_table(
        "three_public",
        [
            ("TOTAL", "合计", {"total": "2.04"}),
            ("reception", "公务接待费", {"total": "0.04"}),
            ("vehicles", "公务用车购置及运行费", {"total": "2.00"}),
        ],
        title="财政拨款“三公”经费支出情况表",
        columns=["total", "gpb", "gov_fund"],
    )
    _with_unplaced(t, {"TOTAL": ["2.04"], "reception": ["0.04"], "vehicles": ["2.00"]})
    return t, make_doc(gov_fund_table, t)


def test_empty_fund_table_puts_three_public_in_gpb() -> None:
    empty = Table(id="gov_fund", title="政府性基金预算支出情况表", empty=True)
    t, doc = _three_public(empty)
    _run(doc)
    assert [_placed(t, c).get("gpb") for c in ("TOTAL", "reception", "vehicles")] == [
        Decimal("2.04"),
        Decimal("0.04"),
        Decimal("2.00"),
    ]
    note = t.rows[0].values["gpb"].source.note or ""
    assert "政府性基金预算支出情况表" in note


def test_fund_with_money_leaves_three_public_open() -> None:
    funded = make_table("gov_fund", [("TOTAL", "合计", {"total": "9.00"})], title="政府性基金预算支出情况表")
    t, doc = _three_public(funded)
    _run(doc)
    assert all(len(r.unplaced) == 1 for r in t.rows)


def test_stage_runs_after_tables() -> None:
    names = [n for n, _ in _stages()]
    # after the tables (and the report index, which only gives empty tables their notes), before
    # anything reads the tables' figures
    assert names.index("tables") < names.index("placement") < names.index("narrative")


def _expense_pair(gpb_total: str) -> tuple[Table, Table]:
    expense = make_table(
        "expense",
        [
            ("201", "一般公共服务支出", {"total": "20.00"}),
            ("TOTAL", "合计", {"total": "20.00"}),
        ],
        title="部门支出总体情况表",
        columns=["total", "basic", "project"],
    )
    _with_unplaced(expense, {"201": ["20.00"], "TOTAL": ["20.00"]})
    gpb = make_table(
        "gpb_expense",
        [
            ("201", "一般公共服务支出", {"total": gpb_total, "project": gpb_total}),
            ("TOTAL", "合计", {"total": gpb_total, "project": gpb_total}),
        ],
        title="一般公共预算支出情况表",
        columns=["total", "basic", "project"],
    )
    return expense, gpb


def test_all_money_gpb_makes_the_expense_table_the_gpb_one() -> None:
    # 20.00 20.00 could be 合计 + 基本支出 or 合计 + 项目支出; the 一般公共预算 table (same 合计)
    # prints it under 项目支出
    expense, gpb = _expense_pair("20.00")
    _run(make_doc(expense, gpb))
    assert [_placed(expense, c).get("project") for c in ("201", "TOTAL")] == [Decimal("20.00")] * 2
    assert "一般公共预算支出情况表 201 行" in (expense.rows[0].values["project"].source.note or "")


def test_part_of_the_money_in_gpb_still_bounds_the_columns() -> None:
    # 合计 differ (other money too), but 项目支出 holds at least the 5.00 of 一般公共预算
    expense, gpb = _expense_pair("5.00")
    _run(make_doc(expense, gpb))
    assert [_placed(expense, c).get("project") for c in ("201", "TOTAL")] == [Decimal("20.00")] * 2


def test_gpb_table_without_the_split_leaves_basic_and_project_open() -> None:
    expense, _ = _expense_pair("5.00")
    gpb = make_table(
        "gpb_expense", [("TOTAL", "合计", {"total": "5.00"})], columns=["total", "basic", "project"]
    )
    _run(make_doc(expense, gpb))
    assert all(len(r.unplaced) == 1 for r in expense.rows)


def _scattered_income() -> Table:
    """An income table as a converter scatters it: one cell a line, empty cells dropped."""
    header = "合计财政拨款（补助）小计一般公共预算上级一般公共预算安排的转移支付政府性基金预算单位资金"
    lines = ["科目编码", "科目名称", *[header[i : i + 2] for i in range(0, len(header), 2)]]
    lines += ["201", "一般公共服务支出", "30.00", "30.00", "30.00"]
    lines += ["208", "社会保障和就业支出", "12.00", "12.00", "10.00", "2.00"]
    lines += ["合计", "42.00", "42.00", "40.00", "2.00"]
    body = [TextLine(t, line=i) for i, t in enumerate(lines, start=1)]
    t = parse_scattered_table(TableHeading(id="income", title="部门收入总体情况表", unit="万元"), body)
    assert t is not None
    return t


def test_scattered_income_table_is_completed_by_the_summary() -> None:
    income = _scattered_income()
    assert any(r.unplaced for r in income.rows)  # the table alone cannot tell the fund columns
    _run(make_doc(_summary("40.00", "2.00"), income, _gpb_expense()))
    assert [(r.code, {c: str(a.value) for c, a in r.values.items()}, r.unplaced) for r in income.rows] == [
        ("201", {"total": "30.00", "fiscal_subtotal": "30.00", "gpb": "30.00"}, []),
        ("208", {"total": "12.00", "fiscal_subtotal": "12.00", "gpb": "10.00", "gpb_transfer": "2.00"}, []),
        ("TOTAL", {"total": "42.00", "fiscal_subtotal": "42.00", "gpb": "40.00", "gpb_transfer": "2.00"}, []),
    ]


def _lost_value_doc(subtotal_202: str) -> tuple[Table, Document]:
    income = make_table(
        "income",
        [
            ("201", "一般公共服务支出", {"total": "20.00", "fiscal_subtotal": "20.00"}),
            ("202", "外交支出", {"total": subtotal_202, "fiscal_subtotal": subtotal_202}),
            ("TOTAL", "合计", {"total": "34.96", "fiscal_subtotal": "34.96"}),
        ],
        columns=INCOME_COLS,
    )
    # 202 prints 小计 14.96 but only 11.96 under it: the converter lost its 3.00 of 一般公共预算
    _with_unplaced(income, {"201": ["20.00"], "202": ["11.96"], "TOTAL": ["3.00", "31.96"]})
    summary = make_table(
        "summary",
        [
            ("income.gpb", "一般公共预算拨款", {"amount": "34.96"}),
            ("income.gpb_general", "其中：一般财力", {"amount": "3.00"}),
            ("income.gpb_transfer", "上级一般公共预算安排转移支付", {"amount": "31.96"}),
        ],
        side="income",
    )
    gpb = make_table(
        "gpb_expense",
        [
            ("201", "", {"total": "20.00"}),
            ("202", "", {"total": "14.96"}),
            ("TOTAL", "合计", {"total": "34.96"}),
        ],
    )
    return income, make_doc(summary, income, gpb)


def test_a_row_that_lost_a_value_is_placed_by_the_column_that_still_adds_up() -> None:
    # 一般公共预算 does not add up (3.00 ≠ 0 + 0) whatever the placement; 上级转移支付 does
    # (31.96 = 20.00 + 11.96) in exactly one way
    income, doc = _lost_value_doc("14.96")
    _run(doc)
    assert [_placed(income, c).get("gpb_transfer") for c in ("201", "202", "TOTAL")] == [
        Decimal("20.00"),
        Decimal("11.96"),
        Decimal("31.96"),
    ]
    assert _placed(income, "TOTAL")["gpb"] == Decimal("3.00")


def test_a_complete_row_the_other_table_contradicts_stays_unplaced() -> None:
    # here the row's own 小计 is 11.96: nothing is lost, so 14.96 in the other table is a disagreement
    income, doc = _lost_value_doc("11.96")
    _run(doc)
    assert [a.text for a in next(r for r in income.rows if r.code == "202").unplaced] == ["11.96"]
