"""Y2xx — across tables: the same quantity has the same value wherever it is printed.

Templates differ legitimately (the Xinjiang 财政拨款收支总表 covers only 财政拨款 while the 收支总表
includes 单位资金; a “三公” table may cover 财政拨款 while the basic-expense table covers only
一般公共预算): each rule compares like with like, and raises NotApplicable when the document's
template does not carry the quantity. Rounding is judged by ``yusuan.audit.tolerance``: the same
figure printed twice at the same precision must be identical.

Y201–Y204 (totals) are here; the class-by-class comparisons Y205–Y210 in ``cross_table_codes``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.helpers import (
    TABLE_NAMES,
    column_name,
    inferred_caveat,
    is_generic_column,
    locate,
    main_table,
    quote_row,
    row_label,
    total_row,
    unverified,
)
from yusuan.audit.tolerance import fmt, restated_tolerance, verdict
from yusuan.model import Amount, Document, Row, Table

ARITHMETIC = "算术"


def _title(t: Table) -> str:
    return t.title or TABLE_NAMES.get(t.id, t.id)


def _table(doc: Document, table_id: str) -> Table:
    t = main_table(doc, table_id)
    if t is None:
        raise CannotRun(f"未读取到{TABLE_NAMES.get(table_id, table_id)}")
    return t


def _cell(t: Table, row: Row | None, cols: tuple[str, ...]) -> Amount | None:
    if row is None:
        return None
    for c in cols:
        if c in row.values:
            return row.values[c]
    if "amount" in cols and row.values and all(is_generic_column(k) for k in row.values):
        # a summary table whose amount columns the reader could not name: the first is the 合计
        return next(iter(row.values.values()))
    return None


def same(
    a: Amount | None,
    b: Amount | None,
    *,
    what_a: str,
    what_b: str,
    location: Location,
    source: str | None,
) -> Problem | None:
    """The same quantity printed in two places: equal, or a Problem (rounding → info).

    A blank cell counts as zero (that is how the tables print a zero); a figure against a blank is
    an error unless the figure is zero.
    """
    va = a.value if a is not None else Decimal(0)
    vb = b.value if b is not None else Decimal(0)
    if a is not None and b is not None and va != vb and _digits(a.text) == _digits(b.text):
        return Problem(
            f"{what_a} {a.text}（{a.unit}）与{what_b} {b.text}（{b.unit}）印的数字相同而单位不同，请核对两表的金额单位",
            location=location, expected=f"{b.text} {b.unit}", actual=f"{a.text} {a.unit}", source=source,
            severity="warning", category="unit")
    tol = restated_tolerance(a, b) if a is not None and b is not None else Decimal(0)
    v = verdict(vb, va, tol)
    ta = a.text if a is not None else "（空白）"
    tb = b.text if b is not None else "（空白）"
    caveat = inferred_caveat([a, b])
    if v == "ok":
        return unverified(f"{what_a} {ta} 与{what_b} {tb} 相同", caveat, location, source) if caveat else None
    if v == "rounding":
        return Problem(f"{what_a} {ta} 与{what_b} {tb} 相差 {fmt(va - vb)}，在四舍五入误差范围内{caveat}",
                       location=location, expected=tb, actual=ta, source=source, severity="info",
                       category="rounding")
    return Problem(f"{what_a} {ta} 与{what_b} {tb} 不一致（相差 {fmt(va - vb)}）{caveat}",
                   location=location, expected=tb, actual=ta, source=source)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() or ch == ".").rstrip("0").rstrip(".")


def _quote(*pairs: tuple[Table, Row | None]) -> str:
    return " ｜ ".join(f"{_title(t)}：{quote_row(t, r)}" for t, r in pairs if r is not None)


def _grand_total(t: Table, cols: tuple[str, ...], side: str | None = None) -> tuple[Row | None, Amount | None]:
    """The grand total of a table (a published-empty table totals zero)."""
    row = total_row(t, side)
    return row, _cell(t, row, cols)


@rule("Y201", "总表、收入表、支出表的总计不一致", family="cross_table", severity="error", basis=ARITHMETIC)
def totals_agree(doc: Document) -> Iterator[Problem]:
    """收支总表的收入总计 = 收入总体情况表总计；收支总表的支出总计 = 支出总体情况表合计。

    查什么：前三张表之间重述的总数一致：收支总体情况表的收入总计与收入总体情况表的总计、其支出总计与支出总体情况表的合计（没有收支总表时，比较收入表与支出表的合计）。
    What: the grand totals restated across the first three tables agree: the 收入总计 of the
    收支总体情况表 with the 总计 of the 收入总体情况表, its 支出总计 with the 合计 of the
    支出总体情况表 (and, where the document has no 收支总表, the income table's total with the
    expense table's).

    为什么：这几处是同一个量——部门全部预算——印了三次；不一致说明至少有一张表错了或不完整。
    Why: these are one quantity — the department's whole budget — printed three times; if they
    differ, at least one table is wrong or incomplete.

    示例：``收支总表 收入总计 3,166.28`` / ``收入总体情况表 总计 3,166.28`` / ``支出总体情况表 总计 3,166.28``：通过。
    Example: ``收支总表 收入总计 3,166.28`` / ``收入总体情况表 总计 3,166.28`` /
    ``支出总体情况表 总计 3,166.28`` pass.

    容差：同一印刷精度下不允许差异（同一个数四舍五入结果相同）；精度不同时，各按末位半个单位。
    Tolerance: none at the same printed precision (the same number rounds the same way);
    otherwise ½ unit of each printing's last digit.
    """
    summary, income, expense = (main_table(doc, i) for i in ("summary", "income", "expense"))
    pairs: list[tuple[Table, str | None, Table, str]] = []
    if summary is not None and income is not None:
        pairs.append((summary, "income", income, "收入总计"))
    if summary is not None and expense is not None:
        pairs.append((summary, "expense", expense, "支出总计"))
    if summary is None and income is not None and expense is not None:
        pairs.append((income, None, expense, "总计"))
    if not pairs:
        raise CannotRun("未读取到收支总表、收入表或支出表中的两张")
    for a, side, b, label in pairs:
        ra, aa = _grand_total(a, ("amount", "total"), side)
        rb, ab = _grand_total(b, ("total", "amount"))
        if ra is None or rb is None:
            continue
        if aa is None and a.id == "summary":
            continue  # a blank 总计 in the summary table is Y104's finding: report it once
        p = same(aa, ab, what_a=f"{_title(a)}{label}", what_b=f"{_title(b)}总计",
                 location=locate(a, ra), source=_quote((a, ra), (b, rb)))
        if p and side is not None and p.category != "unit":
            # the summary's 总计 may include 上年结转 / 年终结转结余 that the other table leaves out:
            # then it is the summary's 本年收入 / 本年支出 line that the other table restates
            current = next((r for r in a.rows if r.side == side and r.code == f"{side}.current"), None)
            q = same(_cell(a, current, ("amount", "total")), ab, what_a=f"{_title(a)}{row_label(current)}",
                     what_b=f"{_title(b)}总计", location=locate(a, current), source=_quote((a, current), (b, rb))
                     ) if current is not None else p
            if q is None or q.category in ("inferred", "rounding"):
                p = q  # the 本年支出 line agrees (at most by rounding): the gap is the closing items
        if p:
            yield p


@rule("Y202", "财政拨款收支总表与分资金表不一致", family="cross_table", severity="error", basis=ARITHMETIC)
def fiscal_summary_by_fund(doc: Document) -> Iterator[Problem]:
    """财政拨款收支总表支出方的一般公共预算 / 政府性基金 / 国有资本经营合计 = 相应支出表的合计。

    查什么：财政拨款收支总体情况表支出方按资金分列；每种资金的合计等于该资金本表的合计：一般公共预算 ↔ 一般公共预算支出情况表，政府性基金 ↔ 政府性基金预算支出情况表，国有资本经营 ↔ 国有资本经营预算支出情况表。某资金的表为空表时合计为零，总表中该资金也应为空。
    What: the expense side of the 财政拨款收支总体情况表 splits its total by fund; each fund's
    total equals the total of that fund's own table: 一般公共预算 ↔ 一般公共预算支出情况表,
    政府性基金 ↔ 政府性基金预算支出情况表, 国有资本经营 ↔ 国有资本经营预算支出情况表. A fund table
    published empty totals zero, so the summary must show nothing for that fund.

    为什么：各资金表是总表各列的明细；总表列了政府性基金支出而政府性基金表为空（或相反），就把钱的性质说错了。
    Why: the fund tables detail the summary's columns; a summary that shows 政府性基金 spending
    while the 政府性基金 table is empty (or the reverse) misstates what the money is.

    示例：``财政拨款收支总表 支出总计 一般公共预算 2,260.66`` 与 ``一般公共预算支出情况表 合计 2,260.66``：通过。
    Example: ``财政拨款收支总表 支出总计 一般公共预算 2,260.66`` and ``一般公共预算支出情况表 合计
    2,260.66`` pass.

    容差：同一印刷精度下不允许差异。
    Tolerance: none at the same printed precision.
    """
    fs = _table(doc, "fiscal_summary")
    row = total_row(fs, "expense") or total_row(fs)
    if row is None:
        raise CannotRun("未读取到财政拨款收支总表的支出总计")
    compared = 0
    for col, tid in (("gpb", "gpb_expense"), ("gov_fund", "gov_fund"), ("soe", "soe_capital")):
        t = main_table(doc, tid)
        if t is None or (col not in row.values and not any(c.id == col for c in fs.columns)):
            continue
        compared += 1
        if t.empty:
            rb, ab = None, None
        else:
            rb, ab = _grand_total(t, ("total",))
            if rb is None:
                continue
        p = same(row.values.get(col), ab, what_a=f"{_title(fs)}支出总计「{column_name(fs, col)}」",
                 what_b=f"{_title(t)}合计" + ("（空表）" if t.empty else ""),
                 location=locate(fs, row, col), source=_quote((fs, row), (t, rb)))
        if p:
            yield p
    if not compared:
        raise NotApplicable("财政拨款收支总表未按资金分列，或未读取到分资金支出表")


def _split_sum(t: Table, row: Row, parts: tuple[str, ...]) -> Amount | None:
    """The sum of a row's part columns (人员经费 + 公用经费 for a 基本支出 the table does not print),
    as printed in the table's unit."""
    cells = [row.values.get(c) for c in parts]
    if any(a is None for a in cells):
        return None
    amounts = [a for a in cells if a is not None]
    printed = sum((Decimal(a.text.replace(",", "").replace("，", "")) for a in amounts), Decimal(0))
    return Amount(value=sum((a.value for a in amounts), Decimal(0)), text=str(printed), unit=amounts[0].unit,
                  source=amounts[0].source)


_HALF_TOTALS = ("人员经费合计", "公用经费合计")


def _half_totals(t: Table) -> tuple[Row, Amount] | None:
    """The 人员经费合计 and 公用经费合计 rows of a 基本支出表 without a grand total: (the second row, their sum)."""
    found = [next((r for r in t.rows if not r.code and (r.name or "").replace(" ", "") == n and "total" in r.values),
                  None) for n in _HALF_TOTALS]
    personnel, public = found
    if personnel is None or public is None:
        return None
    both = Row(name="+".join(_HALF_TOTALS), values={"personnel": personnel.values["total"],
                                                     "public": public.values["total"]})
    total = _split_sum(t, both, ("personnel", "public"))
    return (public, total) if total is not None else None


def _basic_project(doc: Document, part: str, detail_id: str) -> Iterator[Problem]:
    ge = _table(doc, "gpb_expense")
    detail = _table(doc, detail_id)
    rg, ag = _grand_total(ge, (part,))
    if rg is None:
        raise CannotRun(f"未读取到{_title(ge)}的合计行")
    what = f"{_title(ge)}合计「{column_name(ge, part)}」"
    if ag is None and not ge.empty and part not in {c.id for c in ge.columns}:
        # templates that do not print the column: one 金额 column only (Jiangsu 2019), or the basic
        # expense as 人员经费支出 | 公用经费支出 (Xi'an)
        ag = _split_sum(ge, rg, ("personnel", "public")) if part == "basic" else None
        if ag is None:
            raise NotApplicable(f"{_title(ge)}未分列{'基本支出' if part == 'basic' else '项目支出'}")
        what = f"{_title(ge)}合计「人员经费」+「公用经费」"
    what_b = f"{_title(detail)}合计" + ("（空表）" if detail.empty else "")
    if detail.empty:
        rd, ad = None, None
    else:
        rd, ad = _grand_total(detail, ("total",))
        if rd is None and part == "basic" and (halves := _half_totals(detail)) is not None:
            # the 决算 基本支出表 of some regions closes 人员经费 and 公用经费 each with its own 合计
            # and prints no grand total: the basic expense is the two together
            rd, ad = halves
            what_b = f"{_title(detail)}「人员经费合计」+「公用经费合计」"
        if rd is None:
            raise CannotRun(f"未读取到{_title(detail)}的合计行")
        if ad is None and rd.values:
            raise CannotRun(f"{_title(detail)}的合计行未读取到“合计”列")
    p = same(ag, ad, what_a=what, what_b=what_b, location=locate(ge, rg, part), source=_quote((ge, rg), (detail, rd)))
    if p:
        yield p


@rule("Y203", "一般公共预算基本支出与基本支出表合计不一致", family="cross_table", severity="error",
      basis=ARITHMETIC)
def gpb_basic_total(doc: Document) -> Iterator[Problem]:
    """一般公共预算支出情况表的基本支出合计 = 一般公共预算基本支出情况表的合计。

    查什么：一般公共预算支出情况表（按功能分类）基本支出列的合计，等于一般公共预算基本支出情况表（同一笔钱按经济分类）的合计。
    What: the 基本支出 column total of the 一般公共预算支出情况表 (by functional class) equals the
    total of the 一般公共预算基本支出情况表 (the same money by economic class).

    为什么：两张表用两种分类列示同一笔基本支出；合计不同说明其中一张不完整或印错。
    Why: both tables classify the same basic expenditure two ways; different totals mean one of
    them is incomplete or misprinted.

    示例：``一般公共预算支出情况表 基本支出 649.81`` = ``基本支出情况表 合计 649.81``：通过。
    Example: ``一般公共预算支出情况表 基本支出 649.81`` = ``基本支出情况表 合计 649.81`` passes.

    容差：同一印刷精度下不允许差异。
    Tolerance: none at the same printed precision.
    """
    yield from _basic_project(doc, "basic", "gpb_basic")


@rule("Y204", "一般公共预算项目支出与项目支出表合计不一致", family="cross_table", severity="error",
      basis=ARITHMETIC)
def gpb_project_total(doc: Document) -> Iterator[Problem]:
    """一般公共预算支出情况表的项目支出合计 = 一般公共预算项目支出情况表的合计。

    查什么：一般公共预算支出情况表项目支出列的合计，等于一般公共预算项目支出情况表（构成它的各项目）的合计。
    What: the 项目支出 column total of the 一般公共预算支出情况表 equals the total of the
    一般公共预算项目支出情况表 (the projects it is made of).

    为什么：项目支出表列出一般公共预算项目资金的去向；合计不同说明漏了项目或印错了数字。
    Why: the project table lists what the project money of the general budget is; a different
    total means a project is missing or a figure is misprinted.

    示例：``一般公共预算支出情况表 项目支出 456.06`` = ``项目支出情况表 总计 456.06``：通过。
    Example: ``一般公共预算支出情况表 项目支出 456.06`` = ``项目支出情况表 总计 456.06`` passes.

    容差：同一印刷精度下不允许差异。
    Tolerance: none at the same printed precision.
    """
    yield from _basic_project(doc, "project", "gpb_project")

