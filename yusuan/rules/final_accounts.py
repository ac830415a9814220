"""Y9xx — 决算 (final accounts): the identities a year's final accounts must satisfy.

A 决算 states what was spent against what was budgeted, and what is carried from one year into
the next. Its tables are read into the same canonical ids as a budget's (收入支出决算总表 is
``summary``, 财政拨款收入支出决算总表 ``fiscal_summary`` …; the document's ``kind`` says 决算), so
the budget families' arithmetic applies to them too; this family checks what only a 决算 has:

* the two sides' 总计: 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计 =
  本年支出合计 + 结余分配 + 年末结转和结余 (Y901, Y902);
* per fund and per code: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余 (Y903);
* "三公" 决算数 against its 预算数 (Y904).

Every rule of the family is NotApplicable on a budget.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import CannotRun, NotApplicable, Problem, not_published, rule
from yusuan.audit.helpers import compare, locate, main_table, quote_row, row_label
from yusuan.audit.tolerance import fmt
from yusuan.model import Amount, Document, Row, Table
from yusuan.tables import Sum, flow_sums

ARITHMETIC = "算术"

# What a 决算 does not publish: the budget's project tables, 上年结转结余明细 and 绩效目标表 (a 决算
# reports 绩效自评 instead). Where a 决算 does print them, the rules run as for a budget.
not_published("决算", "决算不公开一般公共预算项目支出情况表", "Y107", "Y204")
not_published("决算", "决算不公开上年结转结余情况明细表", "Y208")
not_published("决算", "决算不含项目支出情况说明", "Y310")
not_published("决算", "决算公开绩效自评结果，不含绩效目标表", *(f"Y6{n:02d}" for n in range(1, 13)))
BASIS = "《部门决算管理制度》及决算报表编制说明"
TWO_SIDED = ("summary", "fiscal_summary")


def _final_only(doc: Document) -> None:
    if doc.kind != "决算":
        raise NotApplicable("预算文件，不适用决算规则")


def _item(t: Table, code: str, side: str) -> Row | None:
    for r in t.rows:
        if r.code == code and r.side == side and r.values:
            return r
    return None


def _amount(r: Row | None) -> Amount | None:
    """The row's one figure (two-sided tables print one 决算数 per item; 合计 when funds split it)."""
    if r is None:
        return None
    for col in ("amount", "total"):
        if col in r.values:
            return r.values[col]
    return None


def _two_sided_tables(doc: Document) -> list[Table]:
    found = [main_table(doc, tid) for tid in TWO_SIDED]
    tables = [t for t in found if t is not None and t.rows and not t.empty]
    if not tables:
        raise CannotRun("未读取到收入支出决算总表或财政拨款收入支出决算总表")
    return tables


def _side_identity(doc: Document, side: str, parts: tuple[str, ...], names: str) -> Iterator[Problem]:
    _final_only(doc)
    checked = 0
    for t in _two_sided_tables(doc):
        total = _item(t, "TOTAL", side)
        current = _item(t, f"{side}.current", side)
        if total is None or current is None:
            continue
        rows = [r for r in (_item(t, c, side) for c in parts) if r is not None]
        printed = [a for a in (_amount(r) for r in rows) if a is not None]
        checked += 1
        p = compare(
            _amount(total),
            printed,
            what=f"{t.title}「{row_label(total)}」（{'收入' if side == 'income' else '支出'}方）",
            parts_what=names,
            location=locate(t, total, "amount" if "amount" in total.values else "total"),
            source="｜".join(quote_row(t, r) for r in [total, *rows]),
        )
        if p is not None:
            yield p
    if not checked:
        raise CannotRun("决算总表未读取到总计行或本年合计行")


@rule("Y901", "决算总表收入方总计不等于本年收入与结转结余之和", family="final_accounts", severity="error",
      basis=ARITHMETIC)
def income_side_total(doc: Document) -> Iterator[Problem]:
    """收入支出决算总表（及财政拨款收入支出决算总表）收入方：总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余。

    查什么 What: on the income side of the two-sided 决算 summary tables, the 总计 row equals the year's
    income (本年收入合计) plus the non-fiscal balance used (使用非财政拨款结余) plus what was carried
    in from the year before (年初结转和结余; in the fiscal table 年初财政拨款结转和结余).

    为什么 Why: the 总计 is by definition the money available in the year; a 总计 that is not this sum
    means a misprinted line or a line left out.

    示例 Example: 本年收入合计 9,746.50 + 年初结转和结余 112.88 = 总计 9,859.38 passes; 总计 9,746.50 with
    a carry-in of 112.88 fails.

    容差 Tolerance: rounding of the printed figures (half a unit of the last digit per figure).
    """
    yield from _side_identity(
        doc, "income", ("income.current", "income.nonfiscal_surplus_used", "income.carryover",
                        "income.fiscal_carryover"),
        "本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 之和",
    )


@rule("Y902", "决算总表支出方总计不等于本年支出与年末结转结余之和", family="final_accounts", severity="error",
      basis=ARITHMETIC)
def expense_side_total(doc: Document) -> Iterator[Problem]:
    """收入支出决算总表（及财政拨款收入支出决算总表）支出方：总计 = 本年支出合计 + 结余分配 + 年末结转和结余。

    查什么 What: on the expense side of the two-sided 决算 summary tables, the 总计 row equals the year's
    spending (本年支出合计) plus the distribution of the balance (结余分配) plus what is carried into
    next year (年末结转和结余).

    为什么 Why: the two sides of a 决算 balance by what is left at the year's end; a 总计 that is not this
    sum hides a misprinted 年末结转和结余.

    示例 Example: 本年支出合计 9,759.38 + 年末结转和结余 100.00 = 总计 9,859.38 passes.

    容差 Tolerance: rounding of the printed figures.
    """
    yield from _side_identity(
        doc, "expense", ("expense.current", "expense.surplus_distribution", "expense.carryover"),
        "本年支出合计 + 结余分配 + 年末结转和结余 之和",
    )


def _flows(t: Table) -> list[Sum]:
    """The catalogue's flows of the table (its sums with a subtracted part) whose columns it prints."""
    cols = {c.id for c in t.columns}
    return [s for s in flow_sums(t.id) if s.ids() <= cols]


@rule("Y903", "年末结转和结余不等于年初结转和结余加本年收入减本年支出", family="final_accounts", severity="error",
      basis=ARITHMETIC)
def carryover_identity(doc: Document) -> Iterator[Problem]:
    """决算表中每一行：年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出。

    查什么 What: tables that print a row's flow over the year (政府性基金预算财政拨款收入支出决算表,
    国有资本经营预算财政拨款收入支出决算表 and any table with the four columns 年初结转和结余 |
    本年收入 | 本年支出 | 年末结转和结余) are checked row by row, the 合计 row included.

    为什么 Why: money is not created or lost between the columns; a row that does not balance has a
    misprinted figure.

    示例 Example: 年初 10.00 + 收入 50.00 − 支出 45.00 = 年末 15.00 passes; 年末 20.00 fails.

    容差 Tolerance: rounding of the four printed figures.
    """
    _final_only(doc)
    tables = [(t, flow) for t in doc.tables for flow in _flows(t)]
    if not tables:
        raise NotApplicable("没有列示年初结转和结余、本年收入、本年支出、年末结转和结余四列的表")
    for t, flow in tables:
        for r in t.rows:
            if not any(c in r.values for c in flow.ids()):
                continue
            parts = [a if part.sign > 0 else a.model_copy(update={"value": -a.value})
                     for part in flow.layouts[0] if (a := r.values.get(part.id)) is not None]
            p = compare(
                r.values.get(flow.parent),
                parts,
                what=f"「{row_label(r)}」年末结转和结余",
                parts_what="年初结转和结余 + 本年收入 − 本年支出",
                location=locate(t, r, flow.parent),
                source=quote_row(t, r),
            )
            if p is not None:
                yield p


THREE_PUBLIC_ITEMS = {
    "TOTAL": "“三公”经费合计",
    "overseas_travel": "因公出国（境）费",
    "vehicles": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "reception": "公务接待费",
}


@rule("Y904", "“三公”经费决算数超过预算数", family="final_accounts", severity="warning", basis=BASIS)
def three_public_within_budget(doc: Document) -> Iterator[Problem]:
    """财政拨款“三公”经费支出决算表：每项决算数不超过其预算数。

    查什么 What: the 决算 三公 table prints, for 合计 and every item, the 预算数 beside the 决算数; a
    决算数 above its 预算数 is reported (as a warning: an adjusted budget can allow it, and the
    说明 must then give the reason).

    为什么 Why: "三公" spending is capped by the budget (中央八项规定 and each region's rules); spending
    above it is what reviewers look for first, and the document must explain it.

    示例 Example: 公务接待费 预算数 2.85, 决算数 0.39 passes; 决算数 3.10 is reported, as info when the
    说明 states a reason for that item.

    容差 Tolerance: none beyond the printed precision.
    """
    _final_only(doc)
    t = main_table(doc, "three_public")
    if t is None:
        raise CannotRun("未读取到“三公”经费支出决算表")
    rows = [r for r in t.rows if "budget" in r.values and "total" in r.values]
    if not rows:
        if t.empty or not t.rows:
            raise NotApplicable("“三公”经费支出决算表为空表")
        raise NotApplicable("“三公”经费支出决算表未分列预算数与决算数")
    # the 说明 gives a reason for the item (or for the 三公 total): the excess is explained
    reasons = {c.subject: c.reason for c in doc.claims if c.subject.startswith("three_public") and c.reason}
    for r in rows:
        budget, final = r.values["budget"], r.values["total"]
        if final.value > budget.value:
            name = THREE_PUBLIC_ITEMS.get(r.code or "", row_label(r))
            subject = "three_public.total" if r.code == "TOTAL" else f"three_public.{r.code}"
            reason = reasons.get(subject)
            said = f"说明中的原因：{reason}" if reason else "说明中应说明原因"
            yield Problem(
                f"{name}决算数 {final.text} 超过预算数 {budget.text}（超出 {fmt(final.value - budget.value)}），{said}",
                location=locate(t, r, "total"),
                expected=f"≤ {budget.text}",
                actual=final.text,
                source=quote_row(t, r),
                severity="info" if reason else None,
            )
