"""Y205–Y210 — across tables, class by class: the same 功能分类/经济分类 code has the same amount in every table that prints it, and the carry-over, 三公 and 财政拨款 figures agree between the tables that restate them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit import CannotRun, NotApplicable, Problem, rule
from yusuan.audit.helpers import (
    FUNCTIONAL_CODE,
    compare,
    locate,
    main_table,
    row_label,
    total_row,
)
from yusuan.audit.tolerance import amount_half_unit, fmt, restated_tolerance
from yusuan.model import Amount, Document, Row, Table
from yusuan.rules.cross_table import ARITHMETIC, _cell, _grand_total, _quote, _table, _title, same
from yusuan.tables import row_parts

FUNDS = ("gpb", "gov_fund", "soe")


def _by_code(t: Table, cols: tuple[str, ...], side: str | None = None, length: int | None = None
             ) -> dict[str, tuple[Row, Decimal, Decimal]]:
    """Rows by functional code → (first row, the value summed over repeats, its rounding slack).

    Tables that list the codes once per budget unit repeat them; the department's figure for a
    code is then the sum over the units, and each summed printed figure brings its own half unit.
    """
    out: dict[str, tuple[Row, Decimal, Decimal]] = {}
    for r in t.rows:
        if r.code is None or not FUNCTIONAL_CODE.match(r.code) or r.project is not None or r.unplaced:
            continue
        if side is not None and r.side != side:
            continue
        if length is not None and len(r.code) != length:
            continue
        a = _cell(t, r, cols)
        if a is None and cols[0] in FUNDS and not any(f in r.values for f in FUNDS):
            a = _cell(t, r, ("total", "amount"))  # a row that prints one fund only, in its 合计
        v = a.value if a is not None else Decimal(0)
        half = amount_half_unit(a) if a is not None else Decimal(0)
        if r.code in out:
            first, total, slack = out[r.code]
            out[r.code] = (first, total + v, slack + half)
        else:
            out[r.code] = (r, v, half)
    return out


def _compare_codes(
    a: Table, a_rows: dict[str, tuple[Row, Decimal, Decimal]], a_col: str,
    b: Table, b_rows: dict[str, tuple[Row, Decimal, Decimal]],
) -> Iterator[Problem]:
    if not a_rows or not b_rows:
        empty = a if not a_rows else b
        raise NotApplicable(f"{_title(empty)}未按功能分类科目编码列示")
    common = [c for c in a_rows if c in b_rows and a_rows[c][1] and b_rows[c][1]]
    ratios = {a_rows[c][1] / b_rows[c][1] for c in common}
    if common and ratios and all(r in (Decimal(10000), Decimal("0.0001")) for r in ratios):
        # every code differs by exactly 元 ↔ 万元: one unit problem, not one error per code
        yield Problem(
            f"{_title(a)}与{_title(b)}的各科目金额相差 10000 倍，两表金额单位不一致（元/万元），请核对单位",
            location=locate(a), expected=f"单位 {b.unit or '?'}", actual=f"单位 {a.unit or '?'}",
            source=f"{_title(a)}（单位 {a.unit or '?'}）；{_title(b)}（单位 {b.unit or '?'}）",
            severity="warning", category="unit")
        return
    # a code listed only in one table whose figure is listed only in the other under another code
    # of the same level: one mislabelled row, reported once
    only_a = {c: a_rows[c] for c in a_rows if c not in b_rows and a_rows[c][1]}
    only_b = {c: b_rows[c] for c in b_rows if c not in a_rows and b_rows[c][1]}
    paired: set[str] = set()
    for ca, (ra_, va_, _) in only_a.items():
        cb = next((c for c, (_, v, _) in only_b.items()
                   if v == va_ and len(c) == len(ca) and c not in paired), None)
        if cb is None:
            continue
        rb_ = only_b[cb][0]
        paired |= {ca, cb}
        yield Problem(
            f"同一金额 {fmt(va_)} 在{_title(a)}列于「{row_label(ra_)}」，在{_title(b)}列于「{row_label(rb_)}」："
            "两表的科目编码或名称不一致",
            location=locate(a, ra_, a_col), expected=row_label(rb_), actual=row_label(ra_),
            source=_quote((a, ra_), (b, rb_)))
    for code in sorted(set(a_rows) | set(b_rows)):
        if code in paired:
            continue
        ra, va, ha = a_rows.get(code, (None, Decimal(0), Decimal(0)))
        rb, vb, hb = b_rows.get(code, (None, Decimal(0), Decimal(0)))
        if va == vb:
            continue
        tol = ha + hb if ra is not None and rb is not None else Decimal(0)
        row = ra or rb
        assert row is not None
        ta = fmt(va) if ra is not None else "（未列）"
        tb = fmt(vb) if rb is not None else "（未列）"
        loc = locate(a, ra, a_col) if ra is not None else locate(b, rb)
        if abs(va - vb) <= tol:
            yield Problem(
                f"科目「{row_label(row)}」在{_title(a)}为 {ta}，在{_title(b)}为 {tb}，相差 {fmt(va - vb)}，"
                "在四舍五入误差范围内",
                location=loc, expected=tb, actual=ta, source=_quote((a, ra), (b, rb)), severity="info",
                category="rounding")
            continue
        yield Problem(
            f"科目「{row_label(row)}」在{_title(a)}为 {ta}，在{_title(b)}为 {tb}（相差 {fmt(va - vb)}）",
            location=loc, expected=tb, actual=ta, source=_quote((a, ra), (b, rb)),
        )


@rule("Y205", "同一功能科目在收入表与支出表中金额不一致", family="cross_table", severity="error",
      basis=ARITHMETIC)
def income_vs_expense_by_code(doc: Document) -> Iterator[Problem]:
    """收入总体情况表与支出总体情况表：每个功能分类科目（类、款、项）的合计相同。

    查什么：收入总体情况表和支出总体情况表都按功能分类科目列示；两表中任一张列出的每个科目，其合计在两表中相同（一张表有数、另一张表没有列出的科目也报告）。
    What: the income table and the expense table are both laid out by functional code; for every
    code either table lists, the 合计 is the same in both (a code one table lists with a figure and
    the other omits is reported too).

    为什么：预算中某功能科目的收入就是其支出的资金来源——两表按科目重述同一组数字，差异指向印错或漏列的行。
    Why: in a budget the income of a functional code is what funds its expenditure — the two
    tables restate the same figures by code, and a difference points at a misprinted or missing row.

    示例：``2101504 信息化建设`` 两表都为 759.14：通过；支出表列出而收入表没有：不通过。
    Example: ``2101504 信息化建设`` 759.14 in both tables passes; listed in the expense table but
    absent from the income table fails.

    Not for a 决算: the year's income and spending of a code differ by what is carried over.
    Nor for a budget whose 收支总表 carries money to the next year (结转下年) while the two tables'
    class totals differ: the income of a code then funds this year's spending and the carry-forward,
    which no table splits by code (a university's 收入预算表 with 上年结转 | 使用非财政拨款结余 and a
    支出预算表 without the 结转下年).

    容差：同一印刷精度下不允许差异。
    Tolerance: none at the same printed precision.
    """
    if doc.kind == "决算":
        raise NotApplicable("决算的本年收入与本年支出相差结转结余，不逐科目相等")
    inc, exp = _table(doc, "income"), _table(doc, "expense")
    a, b = _by_code(exp, ("total",)), _by_code(inc, ("total",))
    if not a or not b:
        coded = [t for t in (exp, inc) if any(r.code and FUNCTIONAL_CODE.match(r.code) for r in t.rows)]
        if len(coded) == 2:
            raise CannotRun("收入表或支出表的数值未能定位到列")
        raise NotApplicable("收入表或支出表未按功能分类科目列示")
    if _carried_forward(doc) and not _class_totals_agree(a, b):
        raise NotApplicable("收支总表列有结转下年，收入表与支出表的差额为未按科目分列的结转，不逐科目相等")
    yield from _compare_codes(exp, a, "total", inc, b)


def _carried_forward(doc: Document) -> bool:
    """The 收支总表 prints a non-zero 结转下年 (年末结转和结余) on its expense side."""
    su = main_table(doc, "summary")
    if su is None:
        return False
    for r in su.rows:
        if r.side == "expense" and r.code == "expense.carryover":
            amt = _cell(su, r, ("amount", "total"))
            if amt is not None and amt.value:
                return True
    return False


def _class_totals_agree(a: dict[str, tuple[Row, Decimal, Decimal]], b: dict[str, tuple[Row, Decimal, Decimal]]) -> bool:
    """The sums of the two tables' 类 (3-digit) figures agree within their rounding."""
    va = sum((v for c, (_, v, _) in a.items() if len(c) == 3), Decimal(0))
    vb = sum((v for c, (_, v, _) in b.items() if len(c) == 3), Decimal(0))
    slack = sum((h for c, (_, _, h) in (*a.items(), *b.items()) if len(c) == 3), Decimal(0))
    return abs(va - vb) <= slack


@rule("Y206", "一般公共预算支出表与财政拨款收支总表分类不一致", family="cross_table", severity="error",
      basis=ARITHMETIC)
def gpb_vs_fiscal_summary_by_code(doc: Document) -> Iterator[Problem]:
    """每个功能分类（类）：一般公共预算支出情况表的合计 = 财政拨款收支总表支出方的一般公共预算列。

    查什么：财政拨款收支总体情况表支出方按功能分类的类列示并有一般公共预算列；其中每一类的数等于一般公共预算支出情况表中该类的合计。
    What: the 财政拨款收支总体情况表 lists its expense side by functional class with a 一般公共预算
    column; each class's figure there equals the class's total in the 一般公共预算支出情况表.

    为什么：两张表按类重述一般公共预算支出；某类不同，就是其中一张印错了。
    Why: the two tables restate the general-budget expenditure by class; a class that differs is
    misprinted in one of them.

    示例：两表都为 ``210 卫生健康支出 一般公共预算 2,051.11``：通过。
    Example: ``210 卫生健康支出 一般公共预算 2,051.11`` in both passes.

    容差：同一印刷精度下不允许差异。
    Tolerance: none at the same printed precision.
    """
    fs, ge = _table(doc, "fiscal_summary"), _table(doc, "gpb_expense")
    if not any(c.id == "gpb" for c in fs.columns) and not any("gpb" in r.values for r in fs.rows):
        raise NotApplicable("财政拨款收支总表未单列一般公共预算")
    a = _by_code(fs, ("gpb",), side="expense", length=3)
    b = _by_code(ge, ("total",), length=3)
    if not a:
        raise NotApplicable("财政拨款收支总表支出方未按功能分类（类）列示")
    yield from _compare_codes(fs, a, "gpb", ge, b)


@rule("Y207", "收支总表支出方与支出表分类不一致", family="cross_table", severity="error", basis=ARITHMETIC)
def summary_vs_expense_by_code(doc: Document) -> Iterator[Problem]:
    """每个功能分类（类）：收支总表支出方的金额 = 支出总体情况表该类的合计。

    查什么：收支总体情况表支出方列示的各功能分类的类，等于支出总体情况表中该类的合计。
    What: the expense side of the 收支总体情况表 lists the functional classes; each equals the
    class's 合计 in the 支出总体情况表.

    为什么：同一个类的合计印了两次，必须是同一个数。
    Why: the same class total printed twice must be the same number.

    示例：两表都为 ``208 社会保障和就业支出 192.52``：通过。
    Example: ``208 社会保障和就业支出 192.52`` in both passes.

    容差：同一印刷精度下不允许差异。
    Tolerance: none at the same printed precision.
    """
    su, ex = _table(doc, "summary"), _table(doc, "expense")
    a = _by_code(su, ("amount", "total"), side="expense", length=3)
    if not a:
        raise NotApplicable("收支总表支出方未按功能分类列示")
    b = _by_code(ex, ("total",), length=3)
    yield from _compare_codes(su, a, "amount", ex, b)


@rule("Y208", "上年结转结余明细与收入表不一致", family="cross_table", severity="error", basis=ARITHMETIC)
def carryover_agrees(doc: Document) -> Iterator[Problem]:
    """上年结转结余情况明细表的总计 = 收支总表的“上年结转结余” = 收入表的结转结余列之和。

    查什么：上年结转结余明细表的合计，等于收支总体情况表的上年结转结余行，也等于收入总体情况表合计行的结转列（财政拨款结转 + 非财政拨款结转结余）；其财政拨款列等于财政拨款结转。
    What: the total of the carryover detail table equals the 上年结转结余 line of the
    收支总体情况表 and the carryover columns (财政拨款结转 + 非财政拨款结转结余) of the
    收入总体情况表's total row; its 财政拨款 column equals 财政拨款结转.

    为什么：明细表列出结转资金的构成；合计与收入方所计不同，说明漏了项目或印错了数字。
    Why: the detail table lists what the carried-over money is; a total that differs from what the
    income side counts means a project is missing or a figure is misprinted.

    示例：``上年结转结余情况明细表 总计 905.62`` = ``收支总表 二、上年结转结余 905.62`` = ``收入表 财政拨款结转 905.62``：通过。
    Example: ``上年结转结余情况明细表 总计 905.62`` = ``收支总表 二、上年结转结余 905.62`` =
    ``收入表 财政拨款结转 905.62`` passes.

    容差：同一印刷精度下不允许差异。
    Tolerance: none at the same printed precision.
    """
    co = _table(doc, "carryover")
    rc, ac = (None, None) if co.empty else _grand_total(co, ("total",))
    if rc is None and not co.empty:
        raise CannotRun("未读取到上年结转结余情况明细表的总计行")
    compared = False
    su = main_table(doc, "summary")
    if su is not None:
        line = next((r for r in su.rows if r.side == "income" and r.code == "income.carryover"), None)
        if line is not None:
            compared = True
            p = same(ac, _cell(su, line, ("amount",)), what_a=f"{_title(co)}总计",
                     what_b=f"{_title(su)}「{line.name or '上年结转结余'}」",
                     location=locate(co, rc, "total") if rc else locate(co), source=_quote((co, rc), (su, line)))
            if p:
                yield p
    inc = main_table(doc, "income")
    if inc is not None:
        ri = total_row(inc)
        cols = [c for c in ("fiscal_carryover", "nonfiscal_carryover") if any(c2.id == c for c2 in inc.columns)]
        if ri is not None and cols:
            compared = True
            parts = [ri.values[c] for c in cols if c in ri.values]
            expected = sum((a.value for a in parts), Decimal(0))
            got = ac.value if ac is not None else Decimal(0)
            if expected != got:
                yield Problem(
                    f"{_title(co)}总计 {ac.text if ac else '（空白）'} 与{_title(inc)}结转结余列合计 "
                    f"{fmt(expected)} 不一致（相差 {fmt(got - expected)}）",
                    location=locate(co, rc, "total") if rc else locate(co),
                    expected=fmt(expected), actual=ac.text if ac else "（空白）",
                    source=_quote((co, rc), (inc, ri)))
    if not compared:
        raise CannotRun("未读取到收支总表的上年结转结余行或收入表的结转列")


# “三公” item → the economic lines that fund it (政府收支分类科目, 支出经济分类).
THREE_PUBLIC_ECON: dict[str, tuple[str, ...]] = {
    "overseas_travel": ("30212",),  # 因公出国（境）费用
    "reception": ("30217",),  # 公务接待费
    "vehicle_operation": ("30231",),  # 公务用车运行维护费
    "vehicle_purchase": ("31013",),  # 公务用车购置
}
ITEM_NAMES = {"overseas_travel": "因公出国（境）费", "reception": "公务接待费",
              "vehicle_operation": "公务用车运行费", "vehicle_purchase": "公务用车购置费",
              "vehicles": "公务用车购置及运行费"}


# the word every name of a “三公” item's economic line carries
_ITEM_WORDS = {"overseas_travel": "出国", "reception": "接待", "vehicle_operation": "车", "vehicle_purchase": "车",
               "vehicles": "车"}


@rule("Y209", "“三公”经费与经济分类科目不一致", family="cross_table", severity="warning",
      basis="财预〔2016〕143号《地方预决算公开操作规程》；政府收支分类科目")
def three_public_vs_econ(doc: Document) -> Iterator[Problem]:
    """“三公”经费各项不小于基本支出表中对应经济分类科目的金额。

    查什么：“三公”经费各项由对应的经济科目支付——因公出国（境）费用 30212、公务接待费 30217、公务用车运行维护费 30231、公务用车购置 31013。一般公共预算基本支出情况表列出这些科目中的基本支出部分，因此“三公”各项至少应等于该科目在表中的金额（可以更多：项目资金也可以安排“三公”支出）。典型情形是基本支出科目有钱而“三公”对应项为空。
    What: each “三公” item is paid from its economic line — 因公出国（境）费用 30212, 公务接待费
    30217, 公务用车运行维护费 30231, 公务用车购置 31013. The 一般公共预算基本支出情况表 shows the
    basic-expense part of those lines, so each “三公” item must be at least the line's amount there
    (it may be more: projects can fund “三公” spending too). A basic-expense line with money and a
    “三公” item left empty is the typical case this catches.

    为什么：“三公”经费表是公开文件中最受关注的数字；经济科目支出超过“三公”表承认的数，说明“三公”数字少报了。
    Why: the “三公” table is the most read figure of a disclosure; an economic line that spends
    more than the “三公” table admits means the “三公” figures are understated.

    示例：``30231 公务用车运行维护费 9.60`` 且 ``公务用车运行费 9.60``：通过；公务用车运行费为空：不通过。
    Example: ``30231 公务用车运行维护费 9.60`` with ``公务用车运行费 9.60`` passes; with an empty
    公务用车运行费 it fails.

    容差：同一印刷精度下不允许差异（只作警告：模板可能把该项记在其他科目）。
    Tolerance: none at the same printed precision (warning, since a template may book the item
    on other lines).
    """
    tp, gb = _table(doc, "three_public"), _table(doc, "gpb_basic")
    if tp.empty and gb.empty:
        raise NotApplicable("两表均为空表")
    items = {r.code: r for r in tp.rows if r.code}
    econ = {r.code: r for r in gb.rows if r.code and r.code.isdigit() and not r.unplaced}
    checks = dict(THREE_PUBLIC_ECON)
    if "vehicles" in items and not ("vehicle_operation" in items and "vehicle_purchase" in items):
        # a template that prints only 公务用车购置及运行费: compare it with both lines together
        del checks["vehicle_operation"], checks["vehicle_purchase"]
        checks["vehicles"] = THREE_PUBLIC_ECON["vehicle_operation"] + THREE_PUBLIC_ECON["vehicle_purchase"]
    for item, codes in checks.items():
        # a line whose printed name is another item's (a table numbering its 302 items in sequence:
        # 「302 12 机关事业单位退休人员活动费」) is not this item's line, whatever its code
        lines = [econ[c] for c in codes if c in econ and "total" in econ[c].values
                 and (not econ[c].name or _ITEM_WORDS[item] in econ[c].name)]
        if not lines:
            continue
        basic = sum((r.values["total"].value for r in lines), Decimal(0))
        row = items.get(item)
        a = _cell(tp, row, ("total", "amount"))
        have = a.value if a is not None else Decimal(0)
        if have >= basic:
            continue
        yield Problem(
            f"“三公”经费「{ITEM_NAMES[item]}」为 {a.text if a else '（空白）'}，少于{_title(gb)}中"
            f"「{row_label(lines[0])}」的 {fmt(basic)}",
            location=locate(tp, row, "total") if row is not None else locate(tp),
            expected=f"≥ {fmt(basic)}", actual=a.text if a else "（空白）",
            source=_quote((tp, row), (gb, lines[0])),
        )




def _fiscal_lines(t: Table) -> tuple[dict[str, Row], list[Amount], Amount | None]:
    """A two-sided table's income rows, its current-year fiscal figure(s), its fiscal carryover."""
    inc = {r.code: r for r in t.rows if r.side == "income" and r.code and not r.unplaced}

    def amt(code: str) -> Amount | None:
        return _cell(t, inc.get(code), ("amount", "total"))

    fiscal = amt("income.fiscal")
    funds = [a for a in (amt(c) for c in row_parts("fiscal_summary", "income.fiscal")) if a is not None]
    current: list[Amount] = [fiscal] if fiscal is not None else funds
    carry = amt("income.fiscal_carryover")
    if t.id == "fiscal_summary" and carry is None:
        carry = amt("income.carryover")  # in the fiscal summary every carryover is fiscal
    return inc, current, carry


@rule("Y210", "财政拨款收支总表与收支总表的财政拨款收入不一致", family="cross_table", severity="error",
      basis=ARITHMETIC)
def fiscal_summary_vs_summary(doc: Document) -> Iterator[Problem]:
    """财政拨款收支总表的本年财政拨款收入 = 收支总表的财政拨款收入；其财政拨款结转 = 收支总表的财政拨款结转。

    查什么：财政拨款收支总体情况表收入方重述收支总体情况表收入方中的财政部分：本年财政拨款（补助）（或一般公共预算 + 政府性基金 + 国有资本经营）在两表中相同；收支总表列出财政拨款结转时两者也相同（只列上年结转结余时，财政拨款结转不能超过它）。
    What: the income side of the 财政拨款收支总体情况表 restates the fiscal part of the
    收支总体情况表's income side: the current-year 财政拨款（补助）(or 一般公共预算 + 政府性基金 +
    国有资本经营) is the same figure in both, and so is 财政拨款结转 where the summary prints it
    (where it prints only 上年结转结余, the fiscal carryover cannot exceed it).

    为什么：两张表都说明部门从财政取得多少钱；财政拨款收支总表不能比收支总表多计或少计。
    Why: both tables state what the department receives from the 财政; the fiscal summary may not
    count more or less than the full summary says.

    示例：``收支总表 一般公共预算拨款 2,260.66`` 与 ``财政拨款收支总表 一般公共预算 2,260.66``：通过；财政拨款结转 436.85 对收支总表上年结转结余 471.96：通过（其余是非财政拨款）。
    Example: ``收支总表 一般公共预算拨款 2,260.66`` and ``财政拨款收支总表 一般公共预算 2,260.66``
    pass; a fiscal carryover of 436.85 against a summary 上年结转结余 of 471.96 passes (the rest is
    non-fiscal).

    容差：每个印刷数字末位的半个单位。
    Tolerance: ½ unit of the last printed digit per printed figure.
    """
    fs, su = _table(doc, "fiscal_summary"), _table(doc, "summary")
    fs_rows, fs_current, fs_carry = _fiscal_lines(fs)
    su_rows, su_current, su_carry = _fiscal_lines(su)
    if not fs_current or not su_current:
        raise NotApplicable("两表未都单列本年财政拨款收入")
    a_row = fs_rows.get("income.fiscal") or fs_rows.get("income.gpb")
    b_row = su_rows.get("income.fiscal") or su_rows.get("income.gpb")
    src = _quote((fs, a_row), (su, b_row))
    # restated figures: each printing may carry its own rounding (see yusuan.audit.tolerance)
    p = compare(_sum_amount(fs_current), su_current, what=f"{_title(fs)}本年财政拨款收入",
                parts_what=f"{_title(su)}的财政拨款收入", location=locate(fs, a_row), source=src,
                tolerance=sum((amount_half_unit(a) for a in [*fs_current, *su_current]), Decimal(0)))
    su_has_carry = su_carry is not None or "income.carryover" in su_rows
    if p and fs_carry is not None and not su_has_carry:
        # a summary without a carryover line counts it inside each fund's line (重庆式模板)
        folded = compare(_sum_amount([*fs_current, fs_carry]), su_current,
                         what=f"{_title(fs)}本年财政拨款收入与上年结转之和",
                         parts_what=f"{_title(su)}的财政拨款收入", location=locate(fs, a_row), source=src,
                         tolerance=sum((amount_half_unit(a) for a in [*fs_current, fs_carry, *su_current]),
                                       Decimal(0)))
        if folded is None or folded.category in ("rounding", "inferred"):
            p = folded
    if p:
        yield p
    if fs_carry is None:
        return
    su_total_carry = _cell(su, su_rows.get("income.carryover"), ("amount", "total"))
    if su_carry is not None:
        row = fs_rows.get("income.fiscal_carryover") or fs_rows.get("income.carryover")
        p = compare(fs_carry, [su_carry], what=f"{_title(fs)}财政拨款结转", parts_what=f"{_title(su)}的财政拨款结转",
                    location=locate(fs, row), source=_quote((fs, row), (su, su_rows.get("income.fiscal_carryover"))),
                    tolerance=restated_tolerance(fs_carry, su_carry))
        if p:
            yield p
    elif su_total_carry is not None and fs_carry.value > su_total_carry.value:
        row = fs_rows.get("income.carryover")
        yield Problem(f"{_title(fs)}上年结转 {fs_carry.text} 超过{_title(su)}的上年结转结余 {su_total_carry.text}",
                      location=locate(fs, row), expected=f"≤ {su_total_carry.text}", actual=fs_carry.text,
                      source=_quote((fs, row), (su, su_rows.get("income.carryover"))))


def _sum_amount(parts: list[Amount]) -> Amount:
    """Several printed figures as one (their sum, printed at the coarsest of their precisions)."""
    if len(parts) == 1:
        return parts[0]
    total = sum((a.value for a in parts), Decimal(0))
    coarsest = max(parts, key=amount_half_unit)
    return Amount(value=total, text=fmt(total), unit="万元", source=coarsest.source)
