"""A parsed Document (``yusuan parse --format json``) back to a spec, for ``--recompute``.

The leaf figures are read from the tables: per 项 the 一般公共预算 基本/项目 split (一般公共预算
支出表, else 支出总表), the other funding sources from the 收入总表 (given to 基本 first, up to the
项's 基本支出 in the 支出总表, the rest to 项目); the 基本支出 经济分类 款 from the 基本支出表; the
“三公” items; last year's figures where the 情况说明 states this year's figure and its change.
Every derived figure and sentence is then computed again from these.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yusuan.codes import load_catalog
from yusuan.generate.spec import SOURCES, Spec, SpecError, parse_spec
from yusuan.model import Claim, Document, Table

ZERO = Decimal(0)


def _v(row_values: dict[str, Any], col: str) -> Decimal:
    a = row_values.get(col)
    return a.value if a is not None else ZERO


def _leaves(t: Table | None, length: int) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    if t is None:
        return out
    for r in t.rows:
        if r.code and r.code.isdigit() and len(r.code) == length:
            d = out.setdefault(r.code, {})
            for k, a in r.values.items():
                d[k] = d.get(k, ZERO) + a.value
    return out


def _last_year(c: Claim) -> Decimal | None:
    if c.amount is None or c.direction is None:
        return None
    if c.direction == "flat":
        return c.amount.value
    if c.change is None:
        return None
    return c.amount.value - c.change.value if c.direction == "increase" else c.amount.value + c.change.value


def _reconcile_econ(econ: list[dict[str, Any]], target: Decimal, notes: list[str]) -> None:
    """The 经济分类 parts of the 基本支出 made to sum to the 功能分类 figure: the 功能分类 tables
    are the ones every other table sums from, so the difference goes to the largest 经济分类 款."""
    total = sum((e["amount"] for e in econ), ZERO)
    if not econ or total == target:
        return
    largest = max(econ, key=lambda e: e["amount"])
    largest["amount"] += target - total
    notes.append(f"一般公共预算基本支出经济分类合计 {total} 与功能分类合计 {target} 不一致，"
                 f"差额 {target - total} 已计入经济分类 {largest['code']}，请核对")


def _changed(doc: Document, subject: str) -> Claim | None:
    """The claim about ``subject`` that states a change (the narrative may state the figure twice)."""
    found = [c for c in doc.claims if c.subject == subject and c.amount is not None]
    return next((c for c in found if c.direction is not None), found[0] if found else None)


def spec_from_document(doc: Document, notes: list[str] | None = None) -> Spec:
    """The leaf figures of ``doc`` as a spec. What had to be repaired (the document's own
    inconsistencies) is appended to ``notes`` in Chinese, for the user to review."""
    notes = notes if notes is not None else []
    income = _leaves(doc.table("income"), 7)
    expense = _leaves(doc.table("expense"), 7)
    gpb = _leaves(doc.table("gpb_expense"), 7)
    # the classification's own name where the catalogue knows the code (a recomputed document
    # also corrects misprinted names); the printed name otherwise
    cat = load_catalog()
    names = {r.code: r.name for t in doc.tables for r in t.rows
             if r.code and r.code.isdigit() and r.name and cat.get(r.code) is None}
    items = []
    for code in sorted(set(income) | set(expense) | set(gpb)):
        inc, exp, g = income.get(code, {}), expense.get(code, {}), gpb.get(code, {})
        gpb_total = g.get("total", inc.get("gpb", ZERO))
        gpb_basic = g.get("basic", ZERO) if g else min(exp.get("basic", ZERO), gpb_total)
        basic = {"gpb": gpb_basic}
        project = {"gpb": gpb_total - gpb_basic}
        room = exp.get("basic", ZERO) - gpb_basic
        if "unit_funds" in inc and not any(k in inc for k in ("business", "operating", "other")):
            inc = {**inc, "other": inc["unit_funds"]}  # 单位资金 printed as one column: 其他收入 here
        for s in SOURCES[1:]:
            v = inc.get(s, ZERO)
            to_basic = max(min(v, room), ZERO)
            basic[s], project[s] = to_basic, v - to_basic
            room -= to_basic
        if not (sum(basic.values(), ZERO) + sum(project.values(), ZERO)):
            continue  # printed with no amount this year: not a line of the recomputed tables
        item: dict[str, Any] = {"code": code, "basic": basic, "project": project}
        if code in names:
            item["name"] = names[code]
        c = _changed(doc, f"func:{code}")
        if c is not None and (last := _last_year(c)) is not None:
            item["last_year_gpb"] = max(last, ZERO)
            if c.reason:
                item["reason"] = c.reason
        items.append(item)
    econ = [{"code": code, "amount": v.get("total", ZERO), **({"name": names[code]} if code in names else {})}
            for code, v in _leaves(doc.table("gpb_basic"), 5).items() if v.get("total")]
    _reconcile_econ(econ, sum((i["basic"]["gpb"] for i in items), ZERO), notes)
    tp: dict[str, Decimal] = {}
    t = doc.table("three_public")
    if t is not None:
        for r in t.rows:
            if r.code in ("overseas_travel", "vehicle_purchase", "vehicle_operation", "reception"):
                tp[r.code] = _v(r.values, "total") or next((a.value for a in r.values.values()), ZERO)
    data: dict[str, Any] = {
        "department": doc.department or "（部门名称）", "year": doc.year or 2000, "level": doc.level or "部门",
        "unit": "万元", "expense": items, "econ_basic": econ, "three_public": tp,
        "profile": {"functions": doc.profile.functions,
                    "internal_units": list(dict.fromkeys(doc.profile.internal_units)),
                    "budget_units": list(dict.fromkeys(doc.budget_units))},
    }
    data["last_year"], data["reasons"] = _last_year_figures(doc, items, notes)
    ao = _changed(doc, "admin_operation")
    if ao is not None and ao.amount is not None:
        data["admin_operation"] = {"amount": ao.amount.value}
        if (prior := _last_year(ao)) is not None:
            data["admin_operation"]["last_year"] = max(prior, ZERO)
            if ao.reason:
                data["admin_operation"]["reason"] = ao.reason
    try:
        return parse_spec(data, "model")
    except SpecError as exc:
        raise SpecError(exc.path, "无法从该文件的表格重新计算：" + exc.reason) from None


def _last_year_figures(doc: Document, items: list[dict[str, Any]],
                       notes: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Last year's 基本/项目 figures (and their reasons) as the 情况说明 states them, made consistent
    with the items' own last-year figures (what had to be dropped is said in ``notes``)."""
    last_figs: dict[str, Any] = {}
    reasons: dict[str, str] = {}
    for key, subject in (("basic", "expense.basic"), ("project", "expense.project"),
                         ("gpb_basic", "gpb.basic"), ("gpb_project", "gpb.project")):
        c = _changed(doc, subject)
        if c is not None and (prior := _last_year(c)) is not None:
            last_figs[key] = max(prior, ZERO)
            if c.reason:
                reasons[key] = c.reason
    for kind in ("basic", "project"):
        # all of this year's 基本/项目 money is 一般公共预算: the two statements of last year's
        # figure are one figure (Y307); the 一般公共预算 section's is kept
        now_all = sum((sum(i[kind].values(), ZERO) for i in items), ZERO)
        now_gpb = sum((i[kind]["gpb"] for i in items), ZERO)
        a, b = last_figs.get(kind), last_figs.get(f"gpb_{kind}")
        if now_all == now_gpb and a is not None and b is not None and a != b:
            notes.append(f"{'基本' if kind == 'basic' else '项目'}支出的上年数在说明中前后不一（{a} 与 {b}），"
                         f"取一般公共预算部分所述的 {b}，请核对")
            last_figs[kind] = b
    stated = [i["last_year_gpb"] for i in items if i["basic"]["gpb"] or i["project"]["gpb"]]
    gb, gp = last_figs.get("gpb_basic"), last_figs.get("gpb_project")
    if stated and all(v is not None for v in stated) and gb is not None and gp is not None \
            and sum(stated, ZERO) != gb + gp:
        notes.append(f"说明中各项的上年数之和 {sum(stated, ZERO)} 与一般公共预算基本支出、项目支出的上年数之和 "
                     f"{gb + gp} 不一致，后者的增减未写入，请核对")
        for k in ("gpb_basic", "gpb_project", "basic", "project"):
            last_figs.pop(k, None)
    return last_figs, reasons
