"""Y308, Y309, Y311 — sums stated in the narrative (三公 items, procurement kinds, splits of a total)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from yusuan.audit import NotApplicable, Problem, rule
from yusuan.audit.tolerance import (
    fmt,
    sum_tolerance,
    verdict,
)
from yusuan.model import Amount, Claim, Document
from yusuan.rules.narrative_changes import _signed_change
from yusuan.rules.narrative_common import ZERO, claim_location, quote

# --------------------------------------------------------------------------------------------
# Y308–Y311 sums stated in the narrative


def _first_amounts(doc: Document, prefix: str) -> dict[str, Claim]:
    out: dict[str, Claim] = {}
    for c in doc.claims:
        if c.subject.startswith(prefix) and c.amount is not None and c.subject not in out:
            out[c.subject] = c
    return out


def _sum_problem(whole: Claim, parts: Sequence[Claim], what: str) -> Problem | None:
    assert whole.amount is not None
    amounts = [p.amount for p in parts if p.amount is not None]
    expected = sum((a.value for a in amounts), ZERO)
    v = verdict(whole.amount.value, expected, sum_tolerance(whole.amount, amounts))
    if v == "ok":
        return None
    listing = " + ".join(f"{p.subject_text} {p.amount.text}" for p in parts if p.amount is not None)
    if v == "rounding":
        return Problem(f"{what}：「{whole.subject_text}」{whole.amount.shown()}与 {listing} = {fmt(expected)} "
                       f"相差 {fmt(whole.amount.value - expected)}，在四舍五入误差内",
                       location=claim_location(whole), expected=fmt(expected), actual=whole.amount.text,
                       source=quote(whole), severity="info", category="rounding")
    return Problem(f"{what}：「{whole.subject_text}」{whole.amount.shown()}不等于 {listing} = {fmt(expected)}",
                   location=claim_location(whole), expected=fmt(expected), actual=whole.amount.text,
                   source=quote(whole))


@rule("Y308", "说明中“三公”经费各项之和与合计不符", family="narrative", severity="error",
      basis="财预〔2016〕143号", needs=("claims",))
def three_public_sum(doc: Document) -> Iterator[Problem]:
    """说明所述“三公”经费各项之和与其所述合计不符。

    查什么 What: The "三公" items the narrative states do not add up to the "三公" total it states.

    为什么 Why: the "三公" figures are the most read lines of a disclosure and are checked by inspectors
    one by one; items that do not make their total are a finding on their own.

    因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 = "三公"经费; 公务用车购置费 + 公务用车
    运行费 = 公务用车购置及运行费. The same holds for their year-over-year changes (signed). The
    comparison with the "三公" table is rule Y301's.

    示例 Example: "“三公”经费 2.04 万元，其中：因公出国（境）费 0 万元，公务用车购置费 0 万元，公务用车
    运行费 2.00 万元，公务接待费 0.14 万元" — the items add up to 2.14.

    容差 Tolerance: the sum of the half units of the printed figures.
    """
    got = _first_amounts(doc, "three_public.")
    total = got.get("three_public.total")
    if total is None or len(got) < 3:
        raise NotApplicable("说明未列出“三公”经费合计及分项")
    vehicles = got.get("three_public.vehicles")
    split = [got[k] for k in ("three_public.vehicle_purchase", "three_public.vehicle_operation") if k in got]
    if vehicles is not None and len(split) == 2:
        p = _sum_problem(vehicles, split, "公务用车购置及运行费")
        if p:
            yield p
    readings = _three_public_readings(got)
    if readings:
        problems = [_sum_problem(total, items, "“三公”经费") for items in readings]
        if all(p is not None for p in problems):
            yield problems[0]  # type: ignore[misc]
    # the changes: signed sum of the items' changes = the total's change ("持平" is a change of 0)
    changes: dict[str, Claim] = {}
    for c in doc.claims:
        if c.subject.startswith("three_public.") and c.subject not in changes and (
                _signed_change(c) is not None or c.direction == "flat"):
            changes[c.subject] = c
    tc = changes.get("three_public.total")
    if tc is None or _signed_change(tc) is None:
        return
    tch = _signed_change(tc)
    assert tch is not None
    sums: list[tuple[Decimal, list[Claim]]] = []
    for parts in _three_public_readings(changes):
        pch = [_signed_change(p) or Amount(value=ZERO, text="0") for p in parts]
        s = sum((a.value for a in pch), ZERO)
        if verdict(tch.value, s, sum_tolerance(tch, pch)) != "error":
            return
        sums.append((s, parts))
    if sums:
        s, parts = sums[0]
        listing = "、".join(f"{p.subject_text} {_signed_text(p)}" for p in parts)
        yield Problem(f"“三公”经费比上年变动 {fmt(tch.value)} 万元，各项变动之和为 {fmt(s)} 万元（{listing}）",
                      location=claim_location(tc), expected=fmt(s), actual=fmt(tch.value), source=quote(tc))


def _signed_text(c: Claim) -> str:
    a = _signed_change(c)
    if a is None:
        return "持平"
    return f"{'+' if a.value >= 0 else '−'}{c.change.text if c.change else ''}"


def _three_public_readings(got: dict[str, Claim]) -> list[list[Claim]]:
    """The ways the stated items can make up the "三公" total: with 公务用车购置及运行费 as one item,
    or as 购置 + 运行 (购置 unstated counts as nothing)."""
    overseas, reception = got.get("three_public.overseas_travel"), got.get("three_public.reception")
    if overseas is None or reception is None:
        return []
    out: list[list[Claim]] = []
    vehicles = got.get("three_public.vehicles")
    purchase, operation = got.get("three_public.vehicle_purchase"), got.get("three_public.vehicle_operation")
    if vehicles is not None:
        out.append([overseas, vehicles, reception])
    if purchase is not None and operation is not None:
        out.append([overseas, purchase, operation, reception])
    if operation is not None and purchase is None:
        out.append([overseas, operation, reception])
        if vehicles is not None:
            # "公务用车购置及运行维护费 701.34 万元（公务用车购置费 331 万元，比上年增加 119.15 万元；
            # 公务用车运行维护费 …）": the change printed beside the whole is the purchase's
            out.append([overseas, vehicles, operation, reception])
    return out


@rule("Y309", "政府采购货物、工程、服务之和与总额不符", family="narrative", severity="error",
      basis="财预〔2016〕143号", needs=("claims",))
def procurement_sum(doc: Document) -> Iterator[Problem]:
    """说明所述政府采购预算不等于货物 + 工程 + 服务。

    查什么 What: 政府采购预算 ≠ 货物 + 工程 + 服务 as the narrative states them.

    为什么 Why: the three kinds are the whole of 政府采购; a total they do not make is wrong or one of them
    is.

    示例 Example: "政府采购预算 18.29 万元，其中：货物 5.36 万元，工程 0 万元，服务 12.39 万元" (17.75).
    When only some of the three are stated, their sum must not exceed the total.

    容差 Tolerance: the sum of the half units of the printed figures.
    """
    got = _first_amounts(doc, "procurement.")
    total = got.get("procurement.total")
    parts = [got[k] for k in ("procurement.goods", "procurement.works", "procurement.services") if k in got]
    if total is None or not parts:
        raise NotApplicable("说明未列出政府采购预算及其分项")
    if len(parts) == 3:
        p = _sum_problem(total, parts, "政府采购预算")
        if p:
            yield p
        return
    assert total.amount is not None
    amounts = [c.amount for c in parts if c.amount is not None]
    s = sum((a.value for a in amounts), ZERO)
    if s - total.amount.value > sum_tolerance(total.amount, amounts):
        yield Problem(f"政府采购分项之和 {fmt(s)} 万元超过总额 {total.amount.shown()}",
                      location=claim_location(total), expected=f"≤ {total.amount.text}", actual=fmt(s),
                      source=quote(total))


def _other_expense_kinds(doc: Document) -> bool:
    """The expense table prints spending that is neither basic nor project (上缴上级 …)."""
    t = doc.table("expense")
    total = next((r for r in t.rows if r.code == "TOTAL"), None) if t is not None else None
    if total is None:
        return False
    return any(a.value != 0 for k, a in total.values.items() if k in ("to_superior", "operating", "to_subsidiary"))


_SPLITS: list[tuple[str, tuple[str, ...], str]] = [
    ("gpb.basic", ("gpb.personnel", "gpb.public"), "人员经费 + 公用经费 = 基本支出"),
    ("expense.basic", ("expense.personnel", "expense.public"), "人员经费 + 公用经费 = 基本支出"),
    ("gpb.total", ("gpb.basic", "gpb.project"), "基本支出 + 项目支出 = 一般公共预算当年拨款"),
    ("expense.total", ("expense.basic", "expense.project"), "基本支出 + 项目支出 = 支出预算"),
    ("total", ("expense.basic", "expense.project"), "基本支出 + 项目支出 = 收支总预算"),
    # "（二）本年其他资金收入" and its items 4–9, each stated (a 0 included)
    ("income.nonfiscal", ("income.fiscal_special", "income.business", "income.from_superior",
                          "income.from_subsidiary", "income.operating", "income.other"),
     "财政专户管理资金 + 事业收入 + 上级补助收入 + 附属单位上缴收入 + 事业单位经营收入 + 其他收入 = 本年其他资金收入"),
]


@rule("Y311", "说明中分项之和与所述总数不符", family="narrative", severity="error", basis="算术", needs=("claims",))
def narrative_splits(doc: Document) -> Iterator[Problem]:
    """说明自身的分项之和与其所述总数不符（人员经费 + 公用经费 = 基本支出 等）。

    查什么 What: The narrative's own split of a whole does not add up: 人员经费 + 公用经费 = 基本支出,
    基本支出 + 项目支出 = 支出预算 / 一般公共预算当年拨款; the items 4–9 of a listing of the year's
    income = its 本年其他资金收入.

    Each side is taken as first stated in the narrative; the comparison with the tables is Y301's.
    This rule catches the narrative contradicting itself even where no table was read.

    为什么 Why: the split is the narrative's own arithmetic.

    示例 Example: "基本支出 418.30 万元，其中：人员经费
    411.58 万元…公用经费 7.62 万元" (419.20). 基本 + 项目 short of 支出预算 is only noted: the total may
    also hold 上缴上级 or 经营支出 the text does not name (info, category ``scope``).

    容差 Tolerance: the sum of the half units of the printed figures.
    """
    first: dict[str, Claim] = {}
    for c in doc.claims:
        if c.amount is not None and c.subject not in first:
            first[c.subject] = c
    checked = 0
    done: set[tuple[str, ...]] = set()
    for whole, parts, what in _SPLITS:
        if whole not in first or not all(p in first for p in parts) or parts in done:
            continue
        done.add(parts)
        checked += 1
        p = _sum_problem(first[whole], [first[s] for s in parts], what)
        if p and whole in ("expense.total", "total") and p.severity is None:
            w = first[whole].amount
            assert w is not None
            if _other_expense_kinds(doc):
                continue
            listed = [a.value for x in parts if (a := first[x].amount) is not None]
            if sum(listed, ZERO) < w.value:
                # 支出 may also hold 上缴上级、事业单位经营、对附属单位补助 the text does not list: a
                # template that does so prints this on every document, so it is a note, not a warning
                p.severity = "info"
                p.category = "scope"
                p.message += "（差额可能是上缴上级、经营支出等未列出的支出，请核对）"
        if p:
            yield p
    if not checked:
        raise NotApplicable("说明未同时列出总数及其分项")


