"""Y104, Y105 — arithmetic of the 收支总表 (部门收支总体情况表): its two sides balance, and the
income side's items add up to their parts, 本年收入 and 收入总计.

The items and their parts are the catalog's (yusuan/data/table_structure.toml, [summary]
row_sums, read through yusuan.tables); rounding is allowed for as in yusuan.rules.arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import CannotRun, Problem, rule
from yusuan.audit.helpers import compare, compare_any, locate, main_table, quote_row, require, total_row
from yusuan.audit.tolerance import equal_tolerance, sum_tolerance
from yusuan.model import Amount, Document, Row, Table
from yusuan.rules.arithmetic import ARITHMETIC
from yusuan.tables import catalog


def _total_amount(row: Row | None) -> Amount | None:
    if row is None:
        return None
    for c in ("amount", "total"):
        if c in row.values:
            return row.values[c]
    return next(iter(row.values.values()), None)


def _current_row(t: Table, side: str) -> Row | None:
    return next((r for r in t.rows if r.side == side and r.code == f"{side}.current"), None)


@rule("Y104", "收入总计不等于支出总计", family="arithmetic", severity="error", basis="预算法第十二条（收支平衡）；算术")
def income_equals_expense(doc: Document) -> Iterator[Problem]:
    """收支总表、财政拨款收支总表（及部门综合预算的政府性基金收支表）：收入总计 = 支出总计。

    查什么：两栏式总表（部门收支总体情况表、财政拨款收支总体情况表，以及部门综合预算模板的政府性基金收支表——其本年收入合计 | 本年支出合计即为总计）中，收入总计等于支出总计。一方印出、另一方总计格为空的也报告。
    What: in the two-sided summary tables (部门收支总体情况表, 财政拨款收支总体情况表, and the
    政府性基金收支表 of 部门综合预算 templates, whose 本年收入合计 | 本年支出合计 are its totals) the 收入总计
    equals the 支出总计. A 总计 cell printed blank while the other side is printed is reported too.

    为什么：部门预算按其编制方式必然收支平衡（预算法要求收支平衡）；总计不同说明有一方印错或漏了行。
    Why: a department budget is balanced by construction (预算法 requires 收支平衡); totals that
    differ mean one side is misprinted or a row was left out.

    示例：``收入总计 6,523.73 | 支出总计 6,523.73``：通过。
    Example: ``收入总计 6,523.73 | 支出总计 6,523.73`` passes.

    容差：每个总计末位的半个单位。
    Tolerance: ½ unit of the last printed digit of each total.
    """
    found = False
    for tid in ("summary", "fiscal_summary", "gov_fund_summary"):
        t = main_table(doc, tid)
        if t is None or t.empty:
            continue
        inc, exp = total_row(t, "income"), total_row(t, "expense")
        if tid == "gov_fund_summary" and inc is None and exp is None:
            # printed 不含上年结转: 本年收入合计 | 本年支出合计 are its totals (no 总计 line)
            inc, exp = _current_row(t, "income"), _current_row(t, "expense")
        if inc is None and exp is None:
            continue
        found = True
        a_inc, a_exp = _total_amount(inc), _total_amount(exp)
        if a_inc is None and a_exp is None:
            continue
        source = "；".join(quote_row(t, r) for r in (inc, exp) if r is not None)
        if a_inc is None or a_exp is None:
            blank, printed = ("收入总计", a_exp) if a_inc is None else ("支出总计", a_inc)
            other = "支出总计" if a_inc is None else "收入总计"
            row = inc if a_inc is None else exp
            assert printed is not None
            yield Problem(
                f"{blank}空白，而{other}为 {printed.text}",
                location=locate(t, row if row is not None else (exp or inc)),
                expected=printed.text,
                actual="（空白）",
                source=source,
            )
            continue
        p = compare(
            a_inc,
            [a_exp],
            what="收入总计",
            parts_what="支出总计",
            location=locate(t, inc),
            source=source,
            tolerance=equal_tolerance(a_inc, a_exp),
        )
        if p:
            yield p
    if not found:
        raise CannotRun("未读取到收支总表的收入总计/支出总计")


def _summary_items() -> tuple[dict[str, list[str]], list[str]]:
    """The summary's income items (the catalog's row_sums of ``summary``): parent item → the items
    it is made of, and the current-year items 本年收入 is the sum of."""
    spec = catalog().by_id["summary"]
    parts = {s.parent: [p.id for p in s.layouts[0]] for s in spec.row_sums if s.parent not in ("income.current", "TOTAL")}
    current = next(([p.id for p in s.layouts[0]] for s in spec.row_sums if s.parent == "income.current"), [])
    return parts, current


@rule("Y105", "收支总表收入项目不等于其构成之和", family="arithmetic", severity="error", basis=ARITHMETIC)
def summary_income_parts(doc: Document) -> Iterator[Problem]:
    """收支总表收入方：本年收入 = 其各项之和；上年结转结余 = 财政拨款结转 + 非财政拨款结转结余；
    收入总计 = 本年收入 + 上年结转结余；“其中”项之和不超过其上级。

    查什么：部门收支总体情况表的收入方是各项目的层级：印出组成部分的项目等于其组成之和（两者都印出时一般公共预算拨款 = 一般财力 + 上级转移支付；单位资金 = 事业收入 + …；财政拨款结转 = 各资金），本年收入等于本年各项收入之和，收入总计等于本年收入 + 上年结转结余（模板没有本年收入行时，等于各项目之和）。
    What: the income side of 部门收支总体情况表 is an outline of items: each item that has its
    parts printed equals their sum (一般公共预算拨款 = 一般财力 + 上级转移支付 where both are printed;
    单位资金 = 事业收入 + … ; 财政拨款结转 = its funds), 本年收入 equals the sum of the current-year
    items, and 收入总计 equals 本年收入 + 上年结转结余 (or the sum of the items when the template
    prints no 本年收入 line).

    为什么：收入方是收入总体情况表和情况说明都要重述的；组成部分与项目不符，就是其中一处印错。
    Why: the income side is what the 收入总体情况表 and the narrative restate; a part that does not
    add up to its item is a misprint in one of them.

    示例：``一、本年收入 2,260.66 = 一般公共预算拨款 2,260.66``；``收入总计 3,166.28 = 2,260.66 + 上年结转结余 905.62``：通过。
    Example: ``一、本年收入 2,260.66 = 一般公共预算拨款 2,260.66``; ``收入总计 3,166.28 = 2,260.66 +
    上年结转结余 905.62`` passes.

    容差：每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure.
    """
    t = require(doc, "summary")
    rows = [r for r in t.rows if r.side == "income" and not r.unplaced and (r.code or r.values)]
    if not rows:
        raise CannotRun("未读取到收支总表的收入方")
    by_code: dict[str, Row] = {}
    for i, r in enumerate(rows):
        # an item the reader could not name — or named like an earlier one — is kept under its
        # printed name, as an "extra" item
        key = r.code if r.code and r.code not in by_code else f"?{i}:{r.name}"
        by_code[key] = r

    summary_parts, current_items = _summary_items()
    for parent, parts in summary_parts.items():
        p = _summary_item_check(t, by_code, parent, parts, "其构成项目之和")
        if p:
            yield p
    nested = {c for parent, parts in summary_parts.items() if parent in by_code for c in parts}
    # a 其中 row (其中：纳入财政专户管理的收费 under 事业收入) is part of the item above it, not a sibling
    nested |= {c for c, r in by_code.items() if (r.name or "").lstrip().startswith("其中")}
    current = [c for c in current_items if c in by_code and c not in nested]
    # Where 本年收入合计 closes the current-year items (printed below them), an item printed after
    # it (上级补助收入, 用事业基金弥补收支差额 … in some templates) is added to reach 收入总计
    # rather than counted in 本年收入.
    order = {code: i for i, code in enumerate(by_code)}
    closing = "income.current" in by_code and any(order[c] < order["income.current"] for c in current)
    after = [c for c in current if closing and order[c] > order["income.current"]]
    current = [c for c in current if c not in after]
    known = set(current_items) | set(summary_parts) | {c for ps in summary_parts.values() for c in ps}
    extra = [c for c in by_code if c not in known and c not in nested and c not in {"TOTAL", "income.current"}
             and not c.startswith("income.carryover") and "carryover" not in c] + after
    if "income.current" in by_code and (current or extra):
        p = _income_current_check(t, by_code, current, extra, after)
        if p:
            yield p
    if "TOTAL" in by_code:
        p = _income_total_check(t, by_code, current, extra)
        if p:
            yield p


def _item_amount(by_code: dict[str, Row], code: str) -> Amount | None:
    r = by_code.get(code)
    return _total_amount(r) if r is not None else None


def _summary_item_check(t: Table, by_code: dict[str, Row], code: str, parts: list[str], label: str) -> Problem | None:
    """One item of the summary's income side against its printed parts."""
    printed = _item_amount(by_code, code)
    present = [a for a in (_item_amount(by_code, c) for c in parts) if a is not None]
    if not present or code not in by_code:
        return None
    if printed is None and all(a.value == 0 for a in present):
        return None
    row = by_code[code]
    shown = [by_code[c] for c in parts if c in by_code]
    # "一、财政拨款收入 / 其中：政府性基金预算财政拨款" (the 决算 template) names one part, not all:
    # the parts shown may only not exceed their item
    partial = len(shown) < len(parts) and all((r.name or "").lstrip().startswith("其中") for r in shown)
    if partial and (printed is None
                    or sum(a.value for a in present) <= printed.value + sum_tolerance(printed, present)):
        return None
    return compare(
        printed, present,
        what=f"「{row.name or code}」",
        parts_what=label,
        location=locate(t, row, "amount"),
        source=quote_row(t, row),
    )


def _income_current_check(t: Table, by_code: dict[str, Row], current: list[str], extra: list[str],
                          after: list[str]) -> Problem | None:
    """本年收入 = the current-year items (an item the reader could not name tried with them)."""
    printed = _item_amount(by_code, "income.current")
    base = [a for a in (_item_amount(by_code, c) for c in current) if a is not None]
    unknown = [a for a in (_item_amount(by_code, c) for c in extra if c not in after) if a is not None]
    singles = [[*base, a] for a in (_item_amount(by_code, c) for c in extra) if a is not None]
    return compare_any(printed, [base, base + unknown, *singles], what=f"「{by_code['income.current'].name or '本年收入'}」",
                 parts_what="本年各项收入之和", location=locate(t, by_code["income.current"], "amount"),
                 source=quote_row(t, by_code["income.current"]))


def _income_total_check(t: Table, by_code: dict[str, Row], current: list[str], extra: list[str]) -> Problem | None:
    """收入总计 = 本年收入 + 上年结转结余."""
    tops = ["income.current"] if "income.current" in by_code else current
    tops = [*tops, "income.carryover"] if "income.carryover" in by_code else [
        *tops, "income.fiscal_carryover", "income.nonfiscal_carryover"]
    printed = _item_amount(by_code, "TOTAL")
    if printed is None:
        return None  # a blank 收入总计 is Y104's finding: report it once
    base = [a for a in (_item_amount(by_code, c) for c in tops) if a is not None]
    extras = [a for a in (_item_amount(by_code, c) for c in extra) if a is not None]
    # an item the reader could not name may be a part of the total (上年结余、结转 printed
    # without its usual wording) or a detail of another item: try it alone and all together
    alternatives = [base, base + extras, *([*base, e] for e in extras)]
    if not (base or extras):
        return None
    return compare_any(
        printed, alternatives,
        what="「收入总计」",
        parts_what="本年收入与上年结转结余之和",
        location=locate(t, by_code["TOTAL"], "amount"),
        source=quote_row(t, by_code["TOTAL"]),
    )
