"""Y911–Y914 — what a 决算 set must hold, and the 说明's own figures that only a 决算 states:
the nine standard tables, 机关运行经费 within 公用经费, the "三公" counts beside their amounts,
and the 政府采购 awarded to 中小企业.

Every rule of the family is NotApplicable on a budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.helpers import TABLE_NAMES, main_table
from yusuan.audit.tolerance import fmt, quoted_tolerance
from yusuan.model import Claim, Document
from yusuan.rules.completeness import university_template
from yusuan.rules.narrative_common import claim_location, quote

BASIS = "《部门决算管理制度》及决算报表编制说明"
RULES_143 = "财预〔2016〕143号《地方预决算公开操作规程》"
ZERO = Decimal(0)

# the standard 部门决算公开 set: 收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
# 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表, 财政拨款“三公”经费支出决算表,
# 政府性基金预算财政拨款收入支出决算表, and (决算 of 2019 and after) 国有资本经营预算财政拨款支出决算表
FINAL_TABLES: dict[str, str] = {
    "summary": "收入支出决算总表",
    "income": "收入决算表",
    "expense": "支出决算表",
    "fiscal_summary": "财政拨款收入支出决算总表",
    "gpb_expense": "一般公共预算财政拨款支出决算表",
    "gpb_basic": "一般公共预算财政拨款基本支出决算表",
    "three_public": "财政拨款“三公”经费支出决算表",
    "gov_fund": "政府性基金预算财政拨款收入支出决算表",
    "soe_capital": "国有资本经营预算财政拨款支出决算表",
}
_SOE_FROM = 2019
_EQUIVALENT = {"gpb_basic": ("gpb_econ", "basic_total")}


def _final_only(doc: Document) -> None:
    if doc.kind != "决算":
        raise NotApplicable("预算文件，不适用决算规则")


@rule("Y911", "缺少规定公开的决算表", family="final_accounts", severity="error", basis=RULES_143)
def required_final_tables(doc: Document) -> Iterator[Problem]:
    """部门决算公开的九张表均已公开（没有数据的表也应公开空表并说明）。

    查什么 What: a 部门决算 publishes 收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
    一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表, 财政拨款“三公”经费支出决算表,
    政府性基金预算财政拨款收入支出决算表 and — for the 决算 of 2019 and after — 国有资本经营预算财政拨款
    支出决算表. A table published empty counts as present.

    为什么 Why: these are the tables every 部门决算公开 must hold; a missing one is a disclosure gap
    whatever the figures are. When the file has tables yusuan did not recognise, the finding is a
    warning: the missing table may be one of them under another title.

    示例 Example: a 2024 决算 without 国有资本经营预算财政拨款支出决算表 (and no note that it has none).

    容差 Tolerance: none. The 部属高校 template (four tables of its own) is not held to this set.
    """
    _final_only(doc)
    if not doc.tables:
        raise NotApplicable("文件中没有任何表格（见 Y001）")
    if university_template(doc):
        raise NotApplicable("部属高校按教育部模板公开决算表")
    present = {t.id for t in doc.tables}
    generic = [t for t in doc.tables if t.id == "generic"]
    for tid, name in FINAL_TABLES.items():
        if tid == "soe_capital" and doc.year is not None and doc.year < _SOE_FROM:
            continue
        if tid in present or any(alt in present for alt in _EQUIVALENT.get(tid, ())):
            continue
        msg = f"未公开{name}（没有数据也应公开空表并说明）"
        if generic:
            msg += f"；文件中另有 {len(generic)} 张未识别的表，请核对是否即为该表"
        yield Problem(msg, location=Location(table=tid, table_title=TABLE_NAMES.get(tid, name)), expected=name,
                      actual="（未公开）", severity="warning" if generic else None)


def _claim(doc: Document, subject: str) -> Claim | None:
    return next((c for c in doc.claims if c.subject == subject and c.amount is not None and c.scope is None), None)


@rule("Y912", "机关运行经费超过基本支出中的公用经费", family="final_accounts", severity="warning", basis=BASIS,
      needs=("claims",))
def admin_operation_within_public(doc: Document) -> Iterator[Problem]:
    """机关运行经费不超过一般公共预算财政拨款基本支出中的公用经费。

    查什么 What: 机关运行经费 is, by its definition in the 名词解释, the 日常公用经费 of the administrative
    units paid from the 一般公共预算 basic expense; it is a part of the 公用经费 the 说明 states for
    the 一般公共预算财政拨款基本支出 (or, where the 说明 does not, the 基本支出决算表 prints).

    为什么 Why: a 机关运行经费 above the 公用经费 it is part of means one of the two is misprinted, or the
    机关运行经费 counts what it should not (人员经费, 项目支出).

    示例 Example: 公用经费 480.00，机关运行经费 140.00 passes; 机关运行经费 520.00 is reported.

    容差 Tolerance: the rounding of the two printed figures.
    """
    _final_only(doc)
    admin = _claim(doc, "admin_operation")
    if admin is None or admin.amount is None:
        raise CannotRun("说明中未读到机关运行经费")
    public = _claim(doc, "gpb.public") or _claim(doc, "expense.public")
    if public is None or public.amount is None:
        t = main_table(doc, "gpb_basic")
        total = next((r for r in t.rows if r.code == "TOTAL" and "public" in r.values), None) if t else None
        if total is None:
            raise CannotRun("未读到基本支出中的公用经费")
        pub_amount, where = total.values["public"], "一般公共预算财政拨款基本支出决算表公用经费合计"
    else:
        pub_amount, where = public.amount, f"说明中{public.subject_text}"
    if admin.amount.value <= pub_amount.value + quoted_tolerance(pub_amount, admin.amount):
        return
    yield Problem(
        f"机关运行经费 {admin.amount.text} 万元超过{where} {pub_amount.text} 万元"
        f"（超出 {fmt(admin.amount.value - pub_amount.value)}），机关运行经费是公用经费的一部分",
        location=claim_location(admin), expected=f"≤ {pub_amount.text}", actual=admin.amount.text,
        source=quote(admin),
    )


# the counts that go with each "三公" item: amount 0 ⇔ no 批次, 团组, 人次
_COUNTED = {
    "three_public.overseas_travel": ("因公出国（境）费", ("团组", "人次")),
    "three_public.reception": ("公务接待费", ("批次", "人次")),
}


@rule("Y913", "“三公”经费的批次、人次、车辆数与金额不符", family="final_accounts", severity="warning",
      basis=BASIS, needs=("claims",))
def three_public_counts(doc: Document) -> Iterator[Problem]:
    """说明中“三公”经费的团组/批次/人次与其金额相符：有支出就有批次，没有支出就没有批次；人次不少于批次。

    查什么 What: a 决算 说明 states beside 因公出国（境）费 the 团组 and 人次, beside 公务接待费 the 批次 and
    人次, beside 公务用车 the 购置数 and 保有量. A positive amount with 0 团组/批次, an amount of 0 with
    团组/批次 above 0, or fewer 人次 than 批次 is reported; so is a 公务用车购置费 of 0 with vehicles
    bought, or a purchase amount above 0 with none.

    为什么 Why: the counts are how reviewers judge the amounts; counts that contradict them are a sign
    of a sentence copied from last year's document or another unit's.

    示例 Example: 公务接待费 0.80 万元，3 批次、21 人次 passes; 公务接待费 0.80 万元，0 批次 is reported.

    容差 Tolerance: none.
    """
    _final_only(doc)
    counted = [c for c in doc.claims if c.counts and c.subject.startswith("three_public.")]
    if not counted:
        raise CannotRun("说明中未读到“三公”经费的批次、人次或车辆数")
    for c in counted:
        amount = c.amount.value if c.amount is not None else None
        name, keys = _COUNTED.get(c.subject, (c.subject_text, ()))
        for key in keys[:1]:
            n = c.counts.get(key)
            if n is None or amount is None:
                continue
            if (amount > 0) != (n > 0):
                yield Problem(
                    f"{name} {c.amount.text if c.amount else ''} 万元，说明中为 {n} {key}"
                    f"（{'有支出而无' if amount > 0 else '无支出而有'}{key}）",
                    location=claim_location(c), expected="有支出则有批次，无支出则无批次",
                    actual=f"{fmt(amount)} 万元、{n} {key}", source=quote(c),
                )
        if len(keys) == 2 and (b := c.counts.get(keys[0])) is not None and (p := c.counts.get("人次")) is not None \
                and p < b:
            yield Problem(f"{name}说明中 {b} {keys[0]}、{p} 人次：人次少于{keys[0]}", location=claim_location(c),
                          expected=f"人次 ≥ {keys[0]}", actual=f"{b} {keys[0]}、{p} 人次", source=quote(c))
        bought = c.counts.get("购置")
        if c.subject in ("three_public.vehicle_purchase", "three_public.vehicles") and bought is not None:
            purchase = _claim(doc, "three_public.vehicle_purchase")
            if purchase is not None and purchase.amount is not None and (purchase.amount.value > 0) != (bought > 0):
                yield Problem(
                    f"公务用车购置费 {purchase.amount.text} 万元，说明中购置 {bought} 辆",
                    location=claim_location(c), expected="购置费与购置数相符",
                    actual=f"{purchase.amount.text} 万元、{bought} 辆", source=quote(c),
                )


@rule("Y914", "授予中小企业合同金额超过政府采购总额", family="final_accounts", severity="error",
      basis=BASIS, needs=("claims",))
def procurement_sme(doc: Document) -> Iterator[Problem]:
    """政府采购：授予中小企业合同金额不超过政府采购支出总额；授予小微企业的是其中一部分。

    查什么 What: the 决算 说明 states the year's 政府采购支出总额 and "授予中小企业合同金额 A 万元，占政府采购
    支出总额的 s%，其中授予小微企业合同金额 B 万元，占 t%": A ≤ 总额 and B ≤ A.

    为什么 Why: the share awarded to 中小企业 is a policy target (政府采购促进中小企业发展管理办法);
    a share that does not follow from its figures, or a part above its whole, misstates it.

    示例 Example: 总额 500.00，授予中小企业 400.00 passes; 授予中小企业 540.00 is reported. (The share
    占政府采购支出总额的 s% is recomputed by Y302, on the 政府采购 total.)

    容差 Tolerance: the rounding of the two amounts.
    """
    _final_only(doc)
    total = _claim(doc, "procurement.total")
    sme = _claim(doc, "procurement.sme_awarded")
    small = _claim(doc, "procurement.small_micro_awarded")
    if sme is None and small is None:
        raise CannotRun("说明中未读到授予中小企业合同金额")
    if total is None or total.amount is None:
        raise CannotRun("说明中未读到政府采购支出总额")
    for c, parent in ((sme, total), (small, sme or total)):
        if c is None or c.amount is None or parent is None or parent.amount is None:
            continue
        if c.amount.value > parent.amount.value + quoted_tolerance(parent.amount, c.amount):
            yield Problem(f"「{c.subject_text}」{c.amount.text} 万元超过{parent.subject_text} {parent.amount.text} 万元",
                          location=claim_location(c), expected=f"≤ {parent.amount.text}", actual=c.amount.text,
                          source=quote(c))
