"""Y1xx: each rule fires on a small inline table that does not add up and stays quiet on one that does."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Amount, Document, Table
from yusuan.testing import make_amount, make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def status(doc: Document, code: str) -> str:
    return next(c.status for c in audit(doc, select=[code]).coverage if c.rule == code)


def expense(*rows: tuple[str, str, dict[str, str]]) -> Table:
    return make_table("expense", list(rows))


GOOD_EXPENSE = expense(
    ("TOTAL", "合计", {"total": "6,523.73", "basic": "649.81", "project": "5,873.92"}),
    ("210", "卫生健康支出", {"total": "6,340.11", "basic": "510.76", "project": "5,829.35"}),
    ("21011", "行政事业单位医疗", {"total": "31.29", "basic": "31.29"}),
    ("2101101", "行政单位医疗", {"total": "28.62", "basic": "28.62"}),
    ("2101103", "公务员医疗补助", {"total": "2.66", "basic": "2.66"}),
    ("21015", "医疗保障管理事务", {"total": "6,308.82", "basic": "479.47", "project": "5,829.35"}),
    ("2101501", "行政运行", {"total": "479.47", "basic": "479.47"}),
    ("2101599", "其他", {"total": "5,829.35", "project": "5,829.35"}),
    ("221", "住房保障支出", {"total": "183.62", "basic": "139.05", "project": "44.57"}),
    ("22102", "住房改革支出", {"total": "183.62", "basic": "139.05", "project": "44.57"}),
)


def test_y101_quiet_on_a_table_that_adds_up_and_rounding_is_info() -> None:
    found = run(make_doc(GOOD_EXPENSE), "Y101")
    # 21011: 31.29 vs 28.62 + 2.66 = 31.28 is rounding, reported as info only
    assert {(f.severity, f.category, f.location.row_code, f.location.column) for f in found} == {
        ("info", "rounding", "21011", "total"), ("info", "rounding", "21011", "basic")}


def test_y101_fires_when_a_class_is_not_the_sum_of_its_items() -> None:
    t = expense(
        ("210", "卫生健康支出", {"total": "600.00", "basic": "500.00", "project": "100.00"}),
        ("21015", "医疗保障管理事务", {"total": "590.00", "basic": "490.00", "project": "100.00"}),
    )
    found = run(make_doc(t), "Y101")
    # one problem of the row, one finding naming both columns
    assert [(f.location.row_code, f.location.column, f.columns, f.severity) for f in found] == [
        ("210", "total", ["basic"], "error")]
    f = found[0]
    assert f.expected == "590.00" and f.actual == "600.00" and "同一行另有 1 列不符" in f.message
    assert f.location.line == 1


def test_y101_reads_codes_repeated_per_unit_as_separate_outlines() -> None:
    t = make_table("gpb_project", [
        ("TOTAL", "总计", {"total": "30.00"}),
        (None, "甲单位", {"total": "10.00"}),
        ("210", "卫生健康支出", {"total": "10.00"}),
        ("2101501", "行政运行", {"total": "10.00"}),
        (None, "乙单位", {"total": "20.00"}),
        ("210", "卫生健康支出", {"total": "20.00"}),
        ("2101501", "行政运行", {"total": "20.00"}),
    ])
    assert run(make_doc(t), "Y101") == []
    assert run(make_doc(t), "Y102") == []


def test_y102_total_against_classes() -> None:
    assert [f for f in run(make_doc(GOOD_EXPENSE), "Y102") if f.severity == "error"] == []
    bad = expense(
        ("TOTAL", "合计", {"total": "100.00"}),
        ("201", "一般公共服务支出", {"total": "60.00"}),
        ("20101", "人大事务", {"total": "60.00"}),
        ("210", "卫生健康支出", {"total": "30.00"}),
    )
    found = run(make_doc(bad), "Y102")
    assert [(f.location.row_code, f.expected, f.actual) for f in found] == [("TOTAL", "90.00", "100.00")]


def test_y103_total_is_basic_plus_project() -> None:
    assert run(make_doc(GOOD_EXPENSE), "Y103") == []
    bad = expense(("210", "卫生健康支出", {"total": "100.00", "basic": "40.00", "project": "50.00"}))
    found = run(make_doc(bad), "Y103")
    assert [(f.location.row_code, f.location.column, f.severity) for f in found] == [
        ("210", "total", "error")]


def test_y103_income_counts_the_fiscal_subtotal_once() -> None:
    good = make_table("income", [
        ("TOTAL", "总计", {"total": "3,166.28", "fiscal_subtotal": "2,260.66", "gpb": "2,022.69",
                         "gpb_transfer": "237.97", "fiscal_carryover": "905.62"}),
    ])
    assert run(make_doc(good), "Y103") == []
    bad = make_table("income", [
        ("TOTAL", "总计", {"total": "3,166.28", "fiscal_subtotal": "2,260.66", "gpb": "2,022.69",
                         "gpb_transfer": "227.97", "fiscal_carryover": "905.62"}),
    ])
    found = run(make_doc(bad), "Y103")
    # the total agrees with the printed subtotal; the subtotal is what does not add up
    assert [f.location.column for f in found] == ["fiscal_subtotal"]


def test_y103_basic_table_personnel_plus_public() -> None:
    t = make_table("gpb_basic", [("301", "工资福利支出", {"total": "611.73", "personnel": "611.70"})],
                   columns=["total", "personnel", "public"])
    assert [f.location.column for f in run(make_doc(t), "Y103")] == ["total"]


def summary(income: list[tuple[str, str, dict[str, str]]], expense_rows: list[tuple[str, str, dict[str, str]]]
            ) -> Table:
    t = make_table("summary", income, side="income")
    t.rows += make_table("summary", expense_rows, side="expense").rows
    return t


def test_y104_income_total_equals_expense_total() -> None:
    good = summary([("TOTAL", "收入总计", {"amount": "6,523.73"})], [("TOTAL", "支出总计", {"amount": "6,523.73"})])
    assert run(make_doc(good), "Y104") == []
    bad = summary([("TOTAL", "收入总计", {"amount": "6,523.73"})], [("TOTAL", "支出总计", {"amount": "6,522.73"})])
    assert [f.severity for f in run(make_doc(bad), "Y104")] == ["error"]
    blank = summary([("TOTAL", "收入总计", {})], [("TOTAL", "支出总计", {"amount": "19,577.43"})])
    found = run(make_doc(blank), "Y104")
    assert found and found[0].actual == "（空白）" and "收入总计空白" in found[0].message


def test_y104_cannot_run_without_summary() -> None:
    assert status(make_doc(GOOD_EXPENSE), "Y104") == "not_run"


def test_y105_summary_income_side() -> None:
    inc = [
        ("income.current", "一、本年收入", {"amount": "2,260.66"}),
        ("income.gpb", "1. 一般公共预算拨款", {"amount": "2,260.66"}),
        ("income.gpb_general", "其中：一般财力", {"amount": "2,022.69"}),
        ("income.gpb_transfer", "上级一般公共预算安排转移支付", {"amount": "237.97"}),
        ("income.carryover", "二、上年结转结余", {"amount": "905.62"}),
        ("income.fiscal_carryover", "1、财政拨款结转", {"amount": "905.62"}),
        ("TOTAL", "收入总计", {"amount": "3,166.28"}),
    ]
    good = summary(inc, [("TOTAL", "支出总计", {"amount": "3,166.28"})])
    assert run(make_doc(good), "Y105") == []
    inc_bad = [r if r[0] != "income.gpb_general" else (r[0], r[1], {"amount": "2,002.69"}) for r in inc]
    found = run(make_doc(summary(inc_bad, [])), "Y105")
    assert [(f.location.row_code, f.severity) for f in found] == [("income.gpb", "error")]


def test_y106_three_public() -> None:
    good = make_table("three_public", [
        ("TOTAL", "合计", {"total": "9.60"}),
        ("overseas_travel", "因公出国（境）费", {}),
        ("reception", "公务接待费", {}),
        ("vehicles", "公务用车购置及运行费", {"total": "9.60"}),
        ("vehicle_purchase", "公务用车购置费", {}),
        ("vehicle_operation", "公务用车运行费", {"total": "9.60"}),
    ])
    assert run(make_doc(good), "Y106") == []
    bad = make_table("three_public", [
        ("TOTAL", "合计", {"total": "10.60"}),
        ("reception", "公务接待费", {"total": "0.50"}),
        ("vehicles", "公务用车购置及运行费", {"total": "9.60"}),
        ("vehicle_operation", "公务用车运行费", {"total": "9.00"}),
    ])
    found = run(make_doc(bad), "Y106")
    assert {(f.location.row_code, f.expected) for f in found} == {("vehicles", "9.00"), ("TOTAL", "10.10")}


def test_y107_project_total_is_sum_of_econ_columns() -> None:
    good = make_table("gpb_project", [(None, "综合业务费", {"total": "86.78", "econ302": "66.78", "econ310": "20.00"})],
                      project="综合业务费")
    assert run(make_doc(good), "Y107") == []
    bad = make_table("gpb_project", [(None, "综合业务费", {"total": "86.78", "econ302": "66.78"})],
                     project="综合业务费")
    assert [f.severity for f in run(make_doc(bad), "Y107")] == ["error"]
    no_econ = make_table("gpb_project", [(None, "综合业务费", {"total": "86.78"})], project="x")
    assert status(make_doc(no_econ), "Y107") == "not_applicable"


def test_y108_unplaced_values_are_reported() -> None:
    t = expense(("2101504", "信息化建设", {"total": "20.00"}))
    assert run(make_doc(t), "Y108") == []
    t.rows[0].unplaced.append(make_amount("20.00"))
    found = run(make_doc(t), "Y108")
    assert [(f.severity, f.category, f.actual) for f in found] == [("info", "unplaced", "20.00")]
    # the arithmetic rules skip a row with an unplaced value rather than guess
    t.rows[0].values["basic"] = Amount(value=make_amount("1.00").value, text="1.00")
    assert run(make_doc(t), "Y103") == []


def test_numbering_row_is_not_data() -> None:
    t = expense(
        (None, "※", {"total": "1", "basic": "2", "project": "3"}),
        ("TOTAL", "合计", {"total": "10.00", "basic": "4.00", "project": "6.00"}),
        ("210", "卫生健康支出", {"total": "10.00", "basic": "4.00", "project": "6.00"}),
    )
    for code in ("Y101", "Y102", "Y103"):
        assert run(make_doc(t), code) == []


def test_a_table_unbalanced_everywhere_is_one_error_not_many() -> None:
    rows: list[tuple[str, str, dict[str, str]]] = []
    for i in range(1, 7):  # six classes, each with one item that does not match it
        rows.append((f"2{i:02d}", f"类{i}", {"total": f"{i}0.00"}))
        rows.append((f"2{i:02d}01", f"款{i}", {"total": f"{i}1.00"}))
    found = run(make_doc(make_table("expense", rows)), "Y101")
    # one finding, and an error: a table that does not add up anywhere must not pass (exit 0)
    assert [(f.severity, f.category) for f in found] == [("error", "unreliable-table")]
    assert "6 行" in found[0].message


def test_names_only_table_is_not_summed() -> None:
    t = expense(
        ("TOTAL", "合计", {"total": "10.00"}),
        (None, "公共安全支出", {"total": "10.00"}),
        (None, "公安", {"total": "10.00"}),
    )
    assert run(make_doc(t), "Y102") == []


def test_y102_summary_expense_side_listed_two_ways() -> None:
    t = make_table("summary", [
        ("210", "卫生健康支出", {"amount": "10.00"}),
        ("301", "工资福利支出", {"amount": "7.00"}),
        ("302", "商品和服务支出", {"amount": "3.00"}),
        ("TOTAL", "支出总计", {"amount": "10.00"}),
    ], side="expense")
    assert run(make_doc(t), "Y102") == []


def test_y105_an_unnamed_carryover_item_is_a_part_of_the_total() -> None:
    inc = [
        ("income.current", "本年收入合计", {"amount": "28,097.48"}),
        ("income.gpb", "一般公共预算拨款", {"amount": "28,097.48"}),
        (None, "上年结余、结转", {"amount": "185.98"}),
        (None, "1.财政拨款结余、结转", {"amount": "185.98"}),
        ("TOTAL", "收入总计", {"amount": "28,283.46"}),
    ]
    assert run(make_doc(summary(inc, [])), "Y105") == []
    inc[-1] = ("TOTAL", "收入总计", {"amount": "28,283.00"})
    assert [f.location.row_code for f in run(make_doc(summary(inc, [])), "Y105")] == ["TOTAL"]


def test_y105_an_item_printed_after_a_closing_current_total_is_added_to_reach_the_total() -> None:
    inc = [
        ("income.gpb", "一般公共预算收入", {"amount": "41,966.15"}),
        ("income.other", "五、其他收入", {"amount": "75.00"}),
        ("income.current", "本年收入合计", {"amount": "42,041.15"}),
        ("income.superior_grant", "上级补助收入", {"amount": "60.00"}),
        ("TOTAL", "收入总计", {"amount": "42,101.15"}),
    ]
    assert run(make_doc(summary(inc, [])), "Y105") == []


def test_y103_income_with_current_and_carryover_subtotals() -> None:
    cols = ["total", "current", "gpb", "business", "carryover", "carryover_gpb"]
    good = make_table("income", [("TOTAL", "合计", {"total": "110.00", "current": "100.00", "gpb": "90.00",
                                                  "business": "10.00", "carryover": "10.00",
                                                  "carryover_gpb": "10.00"})], columns=cols)
    assert run(make_doc(good), "Y103") == []
    bad = make_table("income", [("TOTAL", "合计", {"total": "110.00", "current": "100.00", "gpb": "80.00",
                                                 "business": "10.00", "carryover": "10.00",
                                                 "carryover_gpb": "10.00"})], columns=cols)
    assert [f.location.column for f in run(make_doc(bad), "Y103")] == ["current"]


def test_y103_a_carryover_column_named_like_this_years_money_is_not_counted() -> None:
    from yusuan.model import Column
    from yusuan.parse.column_marks import mark_column

    t = make_table("income", [("TOTAL", "合计", {
        "total": "110.00", "current": "100.00", "gpb": "100.00", "carryover": "10.00",
        "carryover_gpb": "6.00", "unit_funds": "4.00"})])
    t.columns = [Column(id=c, header=h) for c, h in [
        ("total", "合计"), ("current", "本年收入/小计"), ("gpb", "本年收入/一般公共预算"),
        ("carryover", "上年结转结余/小计"), ("carryover_gpb", "上年结转结余/一般公共预算"),
        ("unit_funds", "上年结转结余/单位资金")]]
    for c in t.columns:  # as the parse stage yusuan.parse.column_marks marks a read table's headers
        mark_column(c)
    assert [c.id for c in t.columns if c.carried_over] == ["carryover", "carryover_gpb", "unit_funds"]
    assert run(make_doc(t), "Y103") == []


def test_y101_rows_of_another_unit_are_not_parts_of_the_previous_units_class() -> None:
    a = make_table("expense", [("208", "社会保障和就业支出", {"total": "5.00"}),
                               ("20805", "行政事业单位养老支出", {"total": "5.00"}),
                               ("20805", "行政事业单位养老支出", {"total": "7.00"}),
                               ("2080505", "基本养老保险缴费", {"total": "7.00"})])
    for r, unit in zip(a.rows, ["甲单位", "甲单位", "乙单位", "乙单位"], strict=True):
        r.unit = unit
    assert run(make_doc(a), "Y101") == []


def test_y102_total_may_carry_the_rounding_of_every_level_below() -> None:
    # each class rounded from its own items: the total is 0.02 from the sum of the two classes,
    # within the half units of the five printed figures it may have been summed from
    t = expense(
        ("TOTAL", "合计", {"total": "10.02"}),
        ("301", "工资福利支出", {"total": "5.00"}),
        ("30101", "基本工资", {"total": "2.51"}),
        ("30102", "津贴补贴", {"total": "2.51"}),
        ("302", "商品和服务支出", {"total": "5.00"}),
    )
    found = run(make_doc(t), "Y102")
    assert [(f.severity, f.category) for f in found] == [("info", "rounding")]
    t.rows[0].values["total"] = make_amount("10.10")
    assert [f.severity for f in run(make_doc(t), "Y102")] == ["error"]


def test_y102_rows_far_short_of_the_total_are_a_reading_warning() -> None:
    t = expense(("TOTAL", "合计", {"total": "100.00"}), ("201", "一般公共服务支出", {"total": "26.00"}))
    found = run(make_doc(t), "Y102")
    assert [(f.severity, f.category) for f in found] == [("warning", "unreliable-table")]


def test_a_misprint_repeated_in_redundant_columns_is_not_taken_for_a_misread_table() -> None:
    # 合计 = 小计 = 人员经费 restate one figure: two misprinted classes are two rows, not six errors
    cols = {"total": "911.21", "personnel": "911.21"}
    t = make_table("gpb_basic", [
        ("301", "工资福利支出", cols),
        ("30101", "基本工资", {"total": "920.96", "personnel": "920.96"}),
        ("302", "商品和服务支出", {"total": "211.00", "public": "211.00"}),
        ("30201", "办公费", {"total": "221.37", "public": "221.37"}),
        ("303", "对个人和家庭的补助", {"total": "85.98", "personnel": "85.98"}),
        ("30302", "退休费", {"total": "85.98", "personnel": "85.98"}),
    ])
    found = run(make_doc(t), "Y101")
    # two misprinted rows, each one finding naming its two columns
    assert {f.severity for f in found} == {"error"} and len(found) == 2
    assert all(len(f.columns) == 1 for f in found)
