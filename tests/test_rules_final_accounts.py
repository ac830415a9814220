"""Y9xx: identities of a 决算 — fire on a wrong figure, quiet when it balances, not applicable to budgets."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document, Table
from yusuan.testing import RowSpec, make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def status(doc: Document, code: str) -> str:
    return next(c.status for c in audit(doc, select=[code]).coverage if c.rule == code)


def final(*tables: Table) -> Document:
    return make_doc(*tables, kind="决算")


def summary(income_total: str = "9859.38", expense_total: str = "9859.38", carry_out: str = "100.00") -> Table:
    inc: list[RowSpec] = [
        ("income.gpb", "一般公共预算财政拨款收入", {"amount": "9746.50"}),
        ("income.current", "本年收入合计", {"amount": "9746.50"}),
        ("income.carryover", "年初结转和结余", {"amount": "112.88"}),
        ("TOTAL", "总计", {"amount": income_total}),
    ]
    exp: list[RowSpec] = [
        ("212", "城乡社区支出", {"amount": "9759.38"}),
        ("expense.current", "本年支出合计", {"amount": "9759.38"}),
        ("expense.carryover", "年末结转和结余", {"amount": carry_out}),
        ("TOTAL", "总计", {"amount": expense_total}),
    ]
    t = make_table("summary", inc, side="income", title="收入支出决算总表")
    t.rows += make_table("summary", exp, side="expense").rows
    return t


def test_y901_income_side() -> None:
    assert run(final(summary()), "Y901") == []
    found = run(final(summary(income_total="9746.50")), "Y901")
    assert [(f.location.row_code, f.expected, f.actual) for f in found] == [("TOTAL", "9,859.38", "9746.50")]
    assert status(make_doc(summary()), "Y901") == "not_applicable"  # a budget
    assert status(final(make_table("expense", [("TOTAL", "合计", {"total": "1.00"})])), "Y901") == "not_run"


def test_y902_expense_side() -> None:
    assert run(final(summary()), "Y902") == []
    found = run(final(summary(carry_out="112.88")), "Y902")
    assert [(f.location.row_code, f.expected, f.actual) for f in found] == [("TOTAL", "9,872.26", "9859.38")]
    assert status(make_doc(summary()), "Y902") == "not_applicable"


def flows(end: str = "15.00") -> Table:
    cols = {"carryover": "10.00", "income_current": "50.00", "total": "45.00", "carryover_next": end}
    return make_table("gov_fund", [("TOTAL", "合计", cols), ("229", "其他支出", cols)],
                      title="政府性基金预算财政拨款收入支出决算表")


def test_y903_carryover_identity() -> None:
    assert run(final(flows()), "Y903") == []
    found = run(final(flows("20.00")), "Y903")
    assert [(f.location.row_code, f.expected, f.actual) for f in found] == [("TOTAL", "15.00", "20.00"),
                                                                            ("229", "15.00", "20.00")]
    assert status(make_doc(flows("20.00")), "Y903") == "not_applicable"
    assert status(final(summary()), "Y903") == "not_applicable"  # no table prints the four columns


def three_public(reception_final: str = "0.39") -> Table:
    return make_table("three_public", [
        ("TOTAL", "合计", {"budget": "2.85", "total": reception_final}),
        ("overseas_travel", "因公出国（境）费", {"budget": "0.00", "total": "0.00"}),
        ("reception", "公务接待费", {"budget": "2.85", "total": reception_final}),
    ], title="财政拨款“三公”经费支出决算表")


def test_y904_three_public_within_budget() -> None:
    assert run(final(three_public()), "Y904") == []
    found = run(final(three_public("3.10")), "Y904")
    assert [(f.location.row_code, f.actual) for f in found] == [("TOTAL", "3.10"), ("reception", "3.10")]
    assert status(make_doc(three_public("3.10")), "Y904") == "not_applicable"
    no_budget = make_table("three_public", [("TOTAL", "合计", {"total": "1.00"})])
    assert status(final(no_budget), "Y904") == "not_applicable"


def test_y904_an_explained_excess_is_info() -> None:
    from yusuan.model import Claim

    said = Claim(subject="three_public.reception", subject_text="公务接待费", reason="接待任务增加")
    found = run(make_doc(three_public("3.10"), kind="决算", claims=[said]), "Y904")
    assert [(f.location.row_code, f.severity) for f in found] == [("TOTAL", "warning"), ("reception", "info")]
    assert "接待任务增加" in found[1].message


def test_what_a_final_does_not_publish_is_not_applicable() -> None:
    doc = final(summary())
    assert status(doc, "Y208") == "not_applicable"  # 上年结转结余情况明细表: a budget's table
    assert status(doc, "Y601") == "not_applicable"  # 绩效目标表
    assert status(make_doc(summary()), "Y208") == "not_run"  # a budget that lacks it


def test_y805_asset_date_of_a_final_is_its_own_year_end() -> None:
    from yusuan.model import Section

    text = "截至2024年12月31日，本部门共有车辆2辆。"
    sec = Section(title="国有资产占用情况", text=text)
    assert run(make_doc(sections=[sec], kind="决算"), "Y805") == []
    assert len(run(make_doc(sections=[sec]), "Y805")) == 1  # a 2024 budget reports the end of 2023
