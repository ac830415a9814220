"""Y905–Y909, Y911–Y914: the 决算 说明 and set — each fires on a wrong statement, is quiet on a right
one, and is not applicable to a budget."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yusuan.audit import Finding, audit
from yusuan.model import Amount, Claim, Document, Table
from yusuan.testing import make_doc, make_table


def run(doc: Document, code: str) -> list[Finding]:
    return [f for f in audit(doc, select=[code]).findings if f.rule == code]


def status(doc: Document, code: str) -> str:
    return next(c.status for c in audit(doc, select=[code]).coverage if c.rule == code)


def wan(text: str) -> Amount:
    return Amount(value=Decimal(text.replace(",", "")), text=text, unit="万元")


def claim(subject: str, amount: str | None = None, **kw: Any) -> Claim:
    for k in ("budget_initial", "budget_adjusted"):
        if isinstance(kw.get(k), str):
            kw[k] = wan(kw[k])
    if isinstance(kw.get("completion"), str):
        kw["completion_text"] = f"完成预算的{kw['completion']}%"
        kw["completion"] = Decimal(kw["completion"])
    return Claim(subject=subject, subject_text=subject, amount=wan(amount) if amount else None,
                 section="五、一般公共预算财政拨款支出决算情况说明", **kw)


def final(*claims: Claim, tables: tuple[Table, ...] = (), **fields: Any) -> Document:
    doc = make_doc(*tables, kind="决算", **fields)
    doc.claims = list(claims)
    return doc


def budget(*claims: Claim) -> Document:
    doc = make_doc()
    doc.claims = list(claims)
    return doc


# ---- Y905 完成预算的比例

def test_y905_rate_follows_from_the_figures() -> None:
    ok = claim("gpb.total", "2,480.60", budget_initial="2,600.00", completion="95.41", completion_base="initial")
    assert run(final(ok), "Y905") == []
    wrong = claim("gpb.total", "2,480.60", budget_initial="2,600.00", completion="98.41", completion_base="initial")
    [f] = run(final(wrong), "Y905")
    assert (f.severity, f.expected) == ("error", "95.41%")
    assert status(budget(ok), "Y905") == "not_applicable"


def test_y905_rate_of_the_other_budget_is_a_misnamed_base() -> None:
    # "年初预算为0万元，全年预算为64.00万元，支出决算为60.80万元，完成年初预算的95.00%"
    c = claim("gpb.total", "60.80", budget_initial="0", budget_adjusted="64.00", completion="95.00",
              completion_base="initial")
    [f] = run(final(c), "Y905")
    assert f.severity == "warning" and "全年预算" in f.message


def test_y905_uses_the_three_public_table_when_the_budget_is_not_in_the_sentence() -> None:
    table = make_table("three_public", [("reception", "公务接待费", {"budget": "4.00", "total": "1.00"})],
                       title="财政拨款“三公”经费支出决算表")
    ok = claim("three_public.reception", "1.00", completion="25.00", completion_base="budget")
    assert run(final(ok, tables=(table,)), "Y905") == []
    bad = claim("three_public.reception", "1.00", completion="52.00", completion_base="budget")
    assert [f.expected for f in run(final(bad, tables=(table,)), "Y905")] == ["25.00%"]
    assert status(final(claim("gpb.total", "1.00")), "Y905") == "not_run"


# ---- Y906 the word against the budget, Y907 its reason

def test_y906_word_must_match_the_figures() -> None:
    below = claim("func:2050202", "95.00", budget_initial="100.00", versus_budget="below", versus_base="initial",
                  versus_reason="人员减少")
    assert run(final(below), "Y906") == []
    said_above = below.model_copy(update={"versus_budget": "above"})
    [f] = run(final(said_above), "Y906")
    assert f.expected == "决算数小于预算数"
    said_equal = below.model_copy(update={"versus_budget": "equal"})
    assert len(run(final(said_equal), "Y906")) == 1
    # 年初 0, 全年 100: "小于预算数" without naming which budget is true of the 全年预算
    either = claim("gpb.total", "95.00", budget_initial="0", budget_adjusted="100.00", versus_budget="below",
                   versus_base="budget")
    assert run(final(either), "Y906") == []
    assert status(budget(below), "Y906") == "not_applicable"


def test_y907_difference_needs_a_reason() -> None:
    explained = claim("func:2120201", "2,700.10", budget_initial="3,000.00", versus_budget="below",
                      versus_reason="项目进度滞后")
    assert run(final(explained), "Y907") == []
    equal = claim("func:2210201", "50.00", budget_initial="50.00")
    assert run(final(equal), "Y907") == []
    silent = claim("func:2120201", "2,700.10", budget_initial="3,000.00", completion="90.00")
    [f] = run(final(silent), "Y907")
    assert "299.90" in f.message and f.severity == "warning"
    word_only = silent.model_copy(update={"versus_budget": "below"})
    assert "只写了比较" in run(final(word_only), "Y907")[0].message


# ---- Y908 "三公" 预算数 against the table

def test_y908_three_public_budget_is_the_tables() -> None:
    table = make_table("three_public", [("TOTAL", "合计", {"budget": "6.50", "total": "3.20"})],
                       title="财政拨款“三公”经费支出决算表")
    ok = claim("three_public.total", "3.20", budget_initial="6.50")
    assert run(final(ok, tables=(table,)), "Y908") == []
    bad = claim("three_public.total", "3.20", budget_initial="5.60")
    [f] = run(final(bad, tables=(table,)), "Y908")
    assert (f.expected, f.actual) == ("6.50", "5.60")
    assert status(final(ok), "Y908") == "not_run"


# ---- Y909 assets at the 决算 year's end

def test_y909_assets_at_the_end_of_the_year() -> None:
    ok = Claim(subject="assets.vehicles", subject_text="车辆", counts={"辆": Decimal(2)}, as_of="2023-12-31")
    assert run(final(ok, year=2023), "Y909") == []
    old = ok.model_copy(update={"as_of": "2022-12-31"})
    [f] = run(final(old, year=2023), "Y909")
    assert f.actual == "截至2022年12月31日"
    assert status(budget(old), "Y909") == "not_applicable"


# ---- Y911 the nine tables

NINE = ("summary", "income", "expense", "fiscal_summary", "gpb_expense", "gpb_basic", "three_public", "gov_fund",
        "soe_capital")


def tables(*ids: str) -> tuple[Table, ...]:
    return tuple(make_table(t, [("TOTAL", "合计", {"total": "1.00"})], title=t) for t in ids)


def test_y911_the_nine_final_tables() -> None:
    assert run(final(tables=tables(*NINE)), "Y911") == []
    [f] = run(final(tables=tables(*NINE[:-1])), "Y911")
    assert f.location.table == "soe_capital" and f.severity == "error"
    # before 2019 the set had eight tables
    assert run(final(tables=tables(*NINE[:-1]), year=2018), "Y911") == []
    assert status(make_doc(*tables(*NINE[:3])), "Y911") == "not_applicable"


# ---- Y912 机关运行经费 within 公用经费

def test_y912_admin_operation_is_part_of_public_expense() -> None:
    public = claim("gpb.public", "480.00")
    assert run(final(public, claim("admin_operation", "140.00")), "Y912") == []
    [f] = run(final(public, claim("admin_operation", "520.00")), "Y912")
    assert f.expected == "≤ 480.00"
    assert status(final(public), "Y912") == "not_run"


# ---- Y913 "三公" counts

def test_y913_counts_go_with_their_amounts() -> None:
    ok = claim("three_public.reception", "0.80", counts={"批次": Decimal(3), "人次": Decimal(21)})
    assert run(final(ok), "Y913") == []
    none = claim("three_public.reception", "0.80", counts={"批次": Decimal(0), "人次": Decimal(0)})
    assert len(run(final(none), "Y913")) == 1
    trips = claim("three_public.overseas_travel", "0", counts={"团组": Decimal(1), "人次": Decimal(3)})
    assert "无支出而有团组" in run(final(trips), "Y913")[0].message
    few = claim("three_public.reception", "0.80", counts={"批次": Decimal(5), "人次": Decimal(4)})
    assert "人次少于批次" in run(final(few), "Y913")[0].message
    assert status(budget(ok), "Y913") == "not_applicable"


# ---- Y914 授予中小企业

def test_y914_awarded_within_the_total() -> None:
    total = claim("procurement.total", "500.00")
    ok = claim("procurement.sme_awarded", "400.00")
    small = claim("procurement.small_micro_awarded", "200.00")
    assert run(final(total, ok, small), "Y914") == []
    over = claim("procurement.sme_awarded", "540.00")
    [f] = run(final(total, over), "Y914")
    assert f.expected == "≤ 500.00"
    assert len(run(final(total, ok, claim("procurement.small_micro_awarded", "410.00")), "Y914")) == 1
    assert status(final(total), "Y914") == "not_run"


def test_y905_a_cut_last_digit_is_rounding() -> None:
    # 1,909.15 / 2,000.00 = 95.4575%: printed 95.45% (cut), not 95.46%
    cut = claim("gpb.total", "1,909.15", budget_initial="2,000.00", completion="95.45", completion_base="initial")
    [f] = run(final(cut), "Y905")
    assert (f.severity, f.category, f.expected) == ("info", "rounding", "95.46%")
