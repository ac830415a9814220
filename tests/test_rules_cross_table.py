"""Y2xx: the same quantity in two tables — fires on a disagreement, quiet when they agree."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document, Table
from yusuan.testing import RowSpec, make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def status(doc: Document, code: str) -> str:
    return next(c.status for c in audit(doc, select=[code]).coverage if c.rule == code)


def two_sided(tid: str, income: list[RowSpec], expense: list[RowSpec]) -> Table:
    t = make_table(tid, income, side="income")
    t.rows += make_table(tid, expense, side="expense").rows
    return t


def summary(total: str = "100.00", c210: str = "100.00") -> Table:
    return two_sided("summary",
                     [("income.gpb", "一般公共预算拨款", {"amount": total}), ("TOTAL", "收入总计", {"amount": total})],
                     [("210", "卫生健康支出", {"amount": c210}), ("TOTAL", "支出总计", {"amount": total})])


def expense(total: str = "100.00", tid: str = "expense", basic: str = "60.00", project: str = "40.00") -> Table:
    return make_table(tid, [
        ("TOTAL", "合计", {"total": total, "basic": basic, "project": project}),
        ("210", "卫生健康支出", {"total": total, "basic": basic, "project": project}),
        ("2101501", "行政运行", {"total": total, "basic": basic, "project": project}),
    ])


def income(total: str = "100.00", code: str = "2101501") -> Table:
    return make_table("income", [
        ("TOTAL", "总计", {"total": total, "gpb": total}),
        ("210", "卫生健康支出", {"total": total, "gpb": total}),
        (code, "行政运行", {"total": total, "gpb": total}),
    ])


def test_y201_totals() -> None:
    assert run(make_doc(summary(), income(), expense()), "Y201") == []
    found = run(make_doc(summary(), income("90.00"), expense()), "Y201")
    assert [(f.location.table, f.expected, f.actual) for f in found] == [("summary", "90.00", "100.00")]
    assert status(make_doc(expense()), "Y201") == "not_run"


def test_y202_fiscal_summary_by_fund_and_empty_fund_table() -> None:
    fs = two_sided("fiscal_summary", [("TOTAL", "收入总计", {"amount": "100.00"})],
                   [("TOTAL", "支出总计", {"total": "100.00", "gpb": "100.00"})])
    gov = Table(id="gov_fund", title="政府性基金预算支出情况表", empty=True)
    assert run(make_doc(fs, expense(tid="gpb_expense"), gov), "Y202") == []
    fs_bad = two_sided("fiscal_summary", [("TOTAL", "收入总计", {"amount": "100.00"})],
                       [("TOTAL", "支出总计", {"total": "100.00", "gpb": "95.00", "gov_fund": "5.00"})])
    found = run(make_doc(fs_bad, expense(tid="gpb_expense"), gov), "Y202")
    assert {c for f in found for c in (f.location.column, *f.columns)} == {"gpb", "gov_fund"}


def test_y203_y204_basic_and_project_tables() -> None:
    basic = make_table("gpb_basic", [("TOTAL", "合计", {"total": "60.00", "personnel": "60.00"})])
    project = make_table("gpb_project", [("TOTAL", "合计", {"total": "40.00"})])
    doc = make_doc(expense(tid="gpb_expense"), basic, project)
    assert run(doc, "Y203") == [] and run(doc, "Y204") == []
    basic_bad = make_table("gpb_basic", [("TOTAL", "合计", {"total": "61.00", "personnel": "61.00"})])
    project_bad = make_table("gpb_project", [("TOTAL", "合计", {"total": "4.00"})])
    doc = make_doc(expense(tid="gpb_expense"), basic_bad, project_bad)
    assert [f.actual for f in run(doc, "Y203")] == ["60.00"]
    assert [f.expected for f in run(doc, "Y204")] == ["4.00"]


def test_y203_templates_without_a_basic_column() -> None:
    basic = make_table("gpb_basic", [("TOTAL", "合计", {"total": "60.00", "personnel": "50.00", "public": "10.00"})])
    # one 金额 column only: nothing to compare, not a blank 基本支出
    amount_only = make_table("gpb_expense", [("TOTAL", "合计", {"total": "100.00"}),
                                             ("201", "一般公共服务支出", {"total": "100.00"})])
    assert run(make_doc(amount_only, basic), "Y203") == []
    # 人员经费支出 | 公用经费支出 printed instead of 基本支出: their sum is the basic expense
    split = make_table("gpb_expense", [("TOTAL", "合计", {"total": "100.00", "personnel": "50.00", "public": "10.00"})])
    assert run(make_doc(split, basic), "Y203") == []
    split.rows[0].values["public"] = make_table("x", [("1", "", {"a": "12.00"})]).rows[0].values["a"]
    assert [(f.actual, f.expected) for f in run(make_doc(split, basic), "Y203")] == [("62.00", "60.00")]


def test_y205_codes_in_income_and_expense() -> None:
    assert run(make_doc(income(), expense()), "Y205") == []
    found = run(make_doc(income(code="2101504"), expense()), "Y205")
    assert [(f.location.row_code, f.expected) for f in found] == [("2101501", "2101504 行政运行")]
    found = run(make_doc(income(total="100.00", code="2101504"), expense(total="90.00", basic="50.00")), "Y205")
    assert {(f.location.row_code, f.expected) for f in found} >= {("2101501", "（未列）"), ("2101504", "100.00")}


def test_y206_gpb_vs_fiscal_summary_classes() -> None:
    fs = two_sided("fiscal_summary", [], [("210", "卫生健康支出", {"total": "100.00", "gpb": "100.00"})])
    fs.columns += [c for c in make_table("x", [], columns=["gpb"]).columns]
    assert run(make_doc(fs, expense(tid="gpb_expense")), "Y206") == []
    fs.rows[0].values["gpb"] = make_table("x", [("1", "", {"gpb": "99.00"})]).rows[0].values["gpb"]
    assert [f.actual for f in run(make_doc(fs, expense(tid="gpb_expense")), "Y206")] == ["99.00"]


def test_y207_summary_expense_side_vs_expense_table() -> None:
    assert run(make_doc(summary(), expense()), "Y207") == []
    assert [f.location.row_code for f in run(make_doc(summary(c210="90.00"), expense()), "Y207")] == ["210"]


def test_y208_carryover() -> None:
    co = make_table("carryover", [("TOTAL", "总计", {"total": "905.62", "fiscal": "905.62"})])
    su = two_sided("summary", [("income.carryover", "二、上年结转结余", {"amount": "905.62"})], [])
    inc = make_table("income", [("TOTAL", "总计", {"total": "905.62", "fiscal_carryover": "905.62"})])
    assert run(make_doc(co, su, inc), "Y208") == []
    su_bad = two_sided("summary", [("income.carryover", "二、上年结转结余", {"amount": "900.00"})], [])
    assert [f.expected for f in run(make_doc(co, su_bad, inc), "Y208")] == ["900.00"]


def test_y209_three_public_against_economic_lines() -> None:
    tp = make_table("three_public", [("TOTAL", "合计", {"total": "9.60"}),
                                     ("vehicle_operation", "公务用车运行费", {"total": "9.60"})])
    gb = make_table("gpb_basic", [("30231", "公务用车运行维护费", {"total": "9.60", "public": "9.60"}),
                                  ("30217", "公务接待费", {"total": "0.50", "public": "0.50"})])
    found = run(make_doc(tp, gb), "Y209")
    assert [(f.location.row_code, f.actual) for f in found] == [(None, "（空白）")]  # reception missing
    assert "公务接待费" in found[0].message
    gb_ok = make_table("gpb_basic", [("30231", "公务用车运行维护费", {"total": "9.60", "public": "9.60"})])
    assert run(make_doc(tp, gb_ok), "Y209") == []


def test_summary_with_unnamed_amount_columns_uses_the_first() -> None:
    su = two_sided("summary", [("TOTAL", "收入总计", {"col2": "100.00", "col3": "100.00"})],
                   [("210", "卫生健康支出", {"col6": "100.00", "col7": "100.00"}),
                    ("TOTAL", "支出总计", {"col6": "100.00", "col7": "100.00"})])
    doc = make_doc(su, income(), expense())
    assert run(doc, "Y201") == [] and run(doc, "Y207") == []
    su.rows[1].values["col6"] = make_table("x", [("1", "", {"a": "90.00"})]).rows[0].values["a"]
    assert [f.location.row_code for f in run(doc, "Y207")] == ["210"]


def test_blank_summary_total_is_reported_once_by_y104() -> None:
    su = two_sided("summary", [("TOTAL", "收入总计", {})], [("TOTAL", "支出总计", {"amount": "100.00"})])
    doc = make_doc(su, income(), expense())
    assert run(doc, "Y201") == []
    assert [f.rule for f in audit(doc, select=["Y104"]).findings] == ["Y104"]


def test_a_table_read_twice_is_judged_on_its_fuller_copy() -> None:
    empty_copy = Table(id="gpb_basic", title="一般公共预算基本支出情况表", empty=True)
    basic = make_table("gpb_basic", [("TOTAL", "合计", {"total": "60.00", "personnel": "60.00"})])
    project = make_table("gpb_project", [("TOTAL", "合计", {"total": "40.00"})])
    assert run(make_doc(expense(tid="gpb_expense"), empty_copy, basic, project), "Y203") == []


def test_y201_summary_total_with_closing_carryover_against_expense_table() -> None:
    su = two_sided("summary", [], [("210", "卫生健康支出", {"amount": "100.00"}),
                                   ("expense.current", "本年支出合计", {"amount": "100.00"}),
                                   ("expense.carryover", "年终结转结余", {"amount": "3.00"}),
                                   ("TOTAL", "支出总计", {"amount": "103.00"})])
    doc = make_doc(su, expense())
    assert run(doc, "Y201") == []
    assert [f for f in audit(doc, select=["Y102"]).findings if f.severity == "error"] == []
    su.rows[1].values["amount"] = make_table("x", [("1", "", {"a": "99.00"})]).rows[0].values["a"]
    assert [f.location.row_code for f in audit(doc, select=["Y102"]).findings] == ["expense.current"]


def test_y205_tables_in_different_units_are_one_unit_warning() -> None:
    inc = make_table("income", [("210", "卫生健康支出", {"total": "1,000,000"}),
                                ("2101501", "行政运行", {"total": "1,000,000"})])  # printed in 元, read as 万元
    found = run(make_doc(inc, expense("100.00")), "Y205")
    assert [(f.severity, f.category) for f in found] == [("warning", "unit")]


def test_y210_fiscal_summary_restates_the_fiscal_part_of_the_summary() -> None:
    su = two_sided("summary", [("income.gpb", "一般公共预算拨款", {"amount": "32,365.09"}),
                               ("income.other", "其他收入", {"amount": "15.00"}),
                               ("income.carryover", "上年结转结余", {"amount": "471.96"}),
                               ("TOTAL", "收入总计", {"amount": "32,852.05"})], [])
    fs = two_sided("fiscal_summary", [("income.gpb", "一般公共预算资金", {"amount": "32,365.09"}),
                                      ("income.carryover", "上年结转结余", {"amount": "436.85"}),
                                      ("TOTAL", "收入总计", {"amount": "32,801.94"})], [])
    assert run(make_doc(su, fs), "Y210") == []
    fs.rows[0].values["amount"] = make_table("x", [("1", "", {"a": "32,000.00"})]).rows[0].values["a"]
    fs.rows[1].values["amount"] = make_table("x", [("1", "", {"a": "500.00"})]).rows[0].values["a"]
    assert [f.actual for f in run(make_doc(su, fs), "Y210")] == ["32,000.00", "500.00"]


def test_y210_summary_that_counts_the_carryover_inside_the_fund_line() -> None:
    su = two_sided("summary", [("income.gpb", "一、一般公共预算资金", {"amount": "18,417.70"}),
                               ("TOTAL", "合计", {"amount": "19,230.18"})], [])
    fs = two_sided("fiscal_summary", [("income.gpb", "一般公共预算资金", {"amount": "17,552.65"}),
                                      ("income.carryover", "二、上年结转", {"amount": "865.05"}),
                                      ("TOTAL", "收入合计", {"amount": "18,417.70"})], [])
    assert run(make_doc(su, fs), "Y210") == []


def test_y209_template_with_only_the_combined_vehicle_line() -> None:
    tp = make_table("three_public", [("TOTAL", "合计", {"total": "9.60"}),
                                     ("vehicles", "公务用车购置及运行费", {"total": "9.60"})])
    gb = make_table("gpb_basic", [("30231", "公务用车运行维护费", {"total": "9.60", "public": "9.60"})])
    assert run(make_doc(tp, gb), "Y209") == []


def test_y210_a_restated_total_may_differ_by_rounding() -> None:
    su = two_sided("summary", [("income.fiscal", "一、财政拨款", {"amount": "632,065.70"})], [])
    fs = two_sided("fiscal_summary", [("income.fiscal", "一、财政拨款", {"amount": "632,065.69"})], [])
    assert [(f.severity, f.category) for f in run(make_doc(su, fs), "Y210")] == [("info", "rounding")]


def test_y207_a_class_listed_under_another_code_is_one_finding() -> None:
    su = two_sided("summary", [], [("201", "一般公共服务支出", {"amount": "709.97"}),
                                   ("TOTAL", "支出总计", {"amount": "709.97"})])
    ex = make_table("expense", [("TOTAL", "合计", {"total": "709.97"}),
                                ("208", "社会保障和就业支出", {"total": "709.97"})])
    found = run(make_doc(su, ex), "Y207")
    assert [(f.actual, f.expected) for f in found] == [("201 一般公共服务支出", "208 社会保障和就业支出")]


def test_y205_not_by_code_when_the_income_also_funds_a_carry_forward() -> None:
    # 收支总表 prints 结转下年 20.00: the income table's 120.00 funds this year's 100.00 and the
    # 20.00 carried forward, which neither table splits by code
    su = two_sided("summary",
                   [("income.gpb", "一般公共预算拨款", {"amount": "120.00"}), ("TOTAL", "收入总计", {"amount": "120.00"})],
                   [("210", "卫生健康支出", {"amount": "100.00"}), ("expense.carryover", "结转下年", {"amount": "20.00"}),
                    ("TOTAL", "支出总计", {"amount": "120.00"})])
    doc = make_doc(su, income("120.00"), expense())
    assert run(doc, "Y205") == [] and status(doc, "Y205") == "not_applicable"
    # without the carry-forward the same difference is an error
    su.rows = [r for r in su.rows if r.code != "expense.carryover"]
    assert {f.location.row_code for f in run(doc, "Y205")} == {"210", "2101501"}
    # with a carry-forward, tables whose class totals agree are still compared code by code
    su2 = two_sided("summary", [("TOTAL", "收入总计", {"amount": "100.00"})],
                    [("expense.carryover", "结转下年", {"amount": "20.00"})])
    assert [f.location.row_code for f in run(make_doc(su2, income(code="2101504"), expense()), "Y205")] == ["2101501"]
