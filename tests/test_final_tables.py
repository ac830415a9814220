"""决算 table layouts: what the 决算 templates print differently from a budget's, read and checked right."""

from __future__ import annotations

from yusuan.audit import Finding, audit
from yusuan.model import Document, Table
from yusuan.testing import RowSpec, make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def income_side(fund_line: str, *more: RowSpec) -> Table:
    rows: list[RowSpec] = [
        ("income.fiscal", "一、财政拨款收入", {"amount": "5,000.00"}),
        ("income.gov_fund", fund_line, {"amount": "120.00"}),
        *more,
        ("income.business", "二、事业收入", {"amount": "800.00"}),
        ("income.current", "本年收入合计", {"amount": "5,800.00"}),
        ("TOTAL", "总计", {"amount": "5,800.00"}),
    ]
    return make_table("summary", rows, side="income", title="收入支出决算总表")


def test_y105_a_single_qizhong_part_is_not_the_whole() -> None:
    # 决算: "一、财政拨款收入 5,000.00 / 其中：政府性基金预算财政拨款 120.00" names one fund only
    assert run(make_doc(income_side("其中：政府性基金预算财政拨款"), kind="决算"), "Y105") == []
    # …but a 其中 part larger than its item is still wrong
    big = income_side("其中：政府性基金预算财政拨款")
    big.rows[1].values["amount"] = big.rows[1].values["amount"].model_copy(update={"value": 6000, "text": "6,000.00"})
    assert len(run(make_doc(big, kind="决算"), "Y105")) == 1
    # every fund printed as a part (not as 其中): the parts must add up
    full = income_side("政府性基金预算财政拨款", ("income.gpb", "一般公共预算财政拨款", {"amount": "4,000.00"}),
                       ("income.soe", "国有资本经营预算财政拨款", {"amount": "0"}))
    assert len(run(make_doc(full), "Y105")) == 1


def basic_by_halves(personnel: str, public: str) -> Table:
    return make_table("gpb_basic", [
        ("301", "工资福利支出", {"total": personnel}),
        (None, "人员经费合计", {"total": personnel}),
        ("302", "商品和服务支出", {"total": public}),
        (None, "公用经费合计", {"total": public}),
    ], title="一般公共预算财政拨款基本支出决算表")


def test_y203_basic_table_closed_by_personnel_and_public_totals() -> None:
    ge = make_table("gpb_expense", [("TOTAL", "合计", {"total": "700.00", "basic": "600.00", "project": "100.00"})],
                    title="一般公共预算财政拨款支出决算表")
    assert run(make_doc(ge, basic_by_halves("520.00", "80.00"), kind="决算"), "Y203") == []
    [f] = run(make_doc(ge, basic_by_halves("520.00", "70.00"), kind="决算"), "Y203")
    assert "人员经费合计" in f.message and f.expected == "590.00"



def test_three_public_final_columns_are_named_by_their_header() -> None:
    # 预算数 | 决算数 printed under every item of a transposed 决算 三公 table name the two columns
    from store_helpers import shared_file

    from yusuan.pipeline import load

    doc = load(str(shared_file("more", "019_shanghai_putuo-planning-resources_2024_final.pdf")))
    [t] = [t for t in doc.tables if t.id == "three_public"]
    assert [(c.id, c.header) for c in t.columns] == [("budget", "预算数"), ("total", "决算数")]


def test_jiangsu_summary_use_list_beside_the_function_list() -> None:
    # 江苏 公开表 (2019): 支出用途 | 金额 printed beside 功能分类 | 金额; 当年支出小计 spans both
    from store_helpers import shared_file

    from yusuan.pipeline import load

    doc = load(str(shared_file("more", "002_jiangsu_provincial-npc-standing-committee-office-tables_2019_budget.pdf")))
    summary = next(t for t in doc.tables if t.id == "summary")
    assert [c.id for c in summary.columns] == ["amount"]
    closing = {r.code: r.values["amount"].text for r in summary.rows if r.side == "expense" and r.code in
               ("expense.current", "TOTAL")}
    assert closing == {"expense.current": "18,330.37", "TOTAL": "18,330.37"}
    use = next(t for t in doc.tables if t.id == "summary_use")
    assert [(r.code, r.values["amount"].text) for r in use.rows] == [
        ("expense.basic", "9,312.90"), ("expense.project", "6,459.58"), (None, "2,557.89")]
