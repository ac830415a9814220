"""Y905–Y909 — the 决算 说明 against itself and its tables: 完成预算的比例, the word set against the
budget and its reason, "三公" 预算数, and the date assets are stated at.

The claims come from ``yusuan.parse.final_claims``: ``amount`` is the 决算数, ``budget_initial`` /
``budget_adjusted`` the 年初 / 全年 (调整) budget, ``completion`` the printed 完成…预算的 Z%.
Every rule of the family is NotApplicable on a budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit import CannotRun, NotApplicable, Problem, rule
from yusuan.audit.helpers import main_table, quote_row
from yusuan.audit.tolerance import equal_tolerance, fmt, quoted_tolerance
from yusuan.model import Amount, Claim, Document
from yusuan.rules.narrative_common import Interval, claim_location, pct, quote

ARITHMETIC = "算术"
BASIS = "《部门决算管理制度》及决算报表编制说明"
_BASE_NAMES = {"initial": "年初预算", "adjusted": "全年预算（调整预算）", "budget": "预算"}
_VERSUS_WORDS = {"above": "大于", "below": "小于", "equal": "等于"}


def _final_only(doc: Document) -> None:
    if doc.kind != "决算":
        raise NotApplicable("预算文件，不适用决算规则")


def _final_claims(doc: Document, what: str) -> list[Claim]:
    _final_only(doc)
    found = [c for c in doc.claims if c.amount is not None and (
        c.budget_initial is not None or c.budget_adjusted is not None or c.completion is not None)]
    if not found:
        raise CannotRun(f"说明中未读到{what}")
    return found


def _bases(c: Claim, base: str | None) -> list[tuple[str, Amount]]:
    """The budgets a 决算数 is said to be set against: the one named, or every one printed."""
    printed = [(k, a) for k, a in (("initial", c.budget_initial), ("adjusted", c.budget_adjusted)) if a is not None]
    if base in ("initial", "adjusted"):
        return [(k, a) for k, a in printed if k == base]
    return printed


def _three_public_budget(doc: Document, c: Claim) -> Amount | None:
    """The 预算数 the "三公" 决算表 prints for the claim's item (for a 完成预算的 x% printed without it)."""
    if not c.subject.startswith("three_public."):
        return None
    t = main_table(doc, "three_public")
    if t is None:
        return None
    code = c.subject.split(".", 1)[1]
    code = "TOTAL" if code == "total" else code
    row = next((r for r in t.rows if r.code == code and "budget" in r.values), None)
    return row.values["budget"] if row is not None else None


@rule("Y905", "完成预算的比例与决算数、预算数不符", family="final_accounts", severity="error", basis=ARITHMETIC,
      needs=("claims",))
def completion_rate(doc: Document) -> Iterator[Problem]:
    """说明中“完成年初预算的 Z%”等于决算数 ÷ 所说的预算数。

    查什么 What: a 决算 说明 sentence "年初预算为 X 万元，（全年预算为 W 万元，）支出决算为 Y 万元，完成年初预算的
    Z%" states Z = Y / X × 100 (of 全年预算 W when it says 全年/调整预算). When the budget is not printed
    in the sentence ("公务接待费支出决算为 1.00 万元，完成预算的 25.00%"), the "三公" item's 预算数 of
    the 决算表 is used. A Z that is the ratio to the other budget printed beside it is reported as a
    warning (the base is misnamed); a Z that matches neither, as an error.

    为什么 Why: the completion rate is what readers of a 决算 look at first; a rate that does not follow
    from the two figures beside it is a misprint of one of the three.

    示例 Example: 年初预算 2,600.00，决算 2,480.60，完成年初预算的 95.41% passes; "年初预算为 0 万元，全年
    预算为 64.00 万元，支出决算为 60.80 万元，完成年初预算的 95.00%" is reported: 95.00% is the ratio to
    the 全年预算.

    容差 Tolerance: the percentage's printed precision (half a unit of its last digit) and the rounding
    of both amounts; the rate is consistent when the ranges meet. A rate within one unit of its last
    digit (95.457% printed 95.45%: cut, not rounded) is reported as info.
    """
    checked = 0
    for c in _final_claims(doc, "完成预算比例"):
        if c.completion is None or c.amount is None:
            continue
        bases = _bases(c, c.completion_base)
        if not bases and (tp := _three_public_budget(doc, c)) is not None:
            bases = [("budget", tp)]
        if not bases:
            continue
        checked += 1
        printed = Interval.percent(c.completion, c.completion_text)

        if any(_rate_meets(c.amount, a, printed) for _, a in bases):
            continue
        named, base = bases[0]
        said = f"完成{_BASE_NAMES[named]}的 {pct(c.completion)}"
        unit = 2 * (printed.hi - printed.mid)
        cut = Interval(printed.lo - unit / 2, printed.hi + unit / 2)  # one unit of the last digit: cut off
        if base.value and _rate_meets(c.amount, base, cut):
            right = pct(c.amount.value * 100 / base.value)
            yield Problem(
                f"「{c.subject_text}」{said}，按决算数 {c.amount.text} ÷ {_BASE_NAMES[named]} {base.text} 为 {right}，"
                "相差不到末位一个单位（末位截去而非四舍五入）",
                location=claim_location(c), expected=right, actual=c.completion_text, source=quote(c),
                severity="info", category="rounding",
            )
            continue
        others = [(k, a) for k, a in _bases(c, None) if k != named and _rate_meets(c.amount, a, printed)]
        right = pct(c.amount.value * 100 / base.value) if base.value else "（预算为 0，无从计算）"
        ratio = f"完成率应为 {right}" if base.value else "无从计算完成率"
        if others:
            k, a = others[0]
            yield Problem(
                f"「{c.subject_text}」{said}，而{_BASE_NAMES[named]}为 {base.text}、决算数 {c.amount.text}，"
                f"{ratio}；所印比例是对{_BASE_NAMES[k]} {a.text} 的完成率，基数表述有误",
                location=claim_location(c), expected=right, actual=c.completion_text, source=quote(c),
                severity="warning",
            )
            continue
        yield Problem(
            f"「{c.subject_text}」{said}，按决算数 {c.amount.text} ÷ {_BASE_NAMES[named]} {base.text} 应为 {right}",
            location=claim_location(c), expected=right, actual=c.completion_text, source=quote(c),
        )
    if not checked:
        raise CannotRun("说明中未读到带预算数的完成预算比例")


def _rate_meets(final: Amount, base: Amount, printed: Interval) -> bool:
    if base.value == 0:
        return final.value == 0  # nothing budgeted, nothing spent: any rate printed is a convention
    r = Interval.of(final).ratio_percent(Interval.of(base))
    return r is not None and r.meets(printed)


def _direction(c: Claim, base: Amount) -> str:
    assert c.amount is not None
    tol = equal_tolerance(c.amount, base)
    diff = c.amount.value - base.value
    if abs(diff) <= tol:
        return "equal"
    return "above" if diff > 0 else "below"


@rule("Y906", "决算数与预算数的比较用词与数字不符", family="final_accounts", severity="error", basis=ARITHMETIC,
      needs=("claims",))
def versus_word(doc: Document) -> Iterator[Problem]:
    """说明中“决算数大于/小于/等于（持平）预算数”与所列决算数、预算数相符。

    查什么 What: after the figures of an item ("年初预算为 X 万元，支出决算为 Y 万元"), the 说明 says how the
    决算数 stands to the budget ("决算数小于预算数的主要原因…", "决算数同预算数持平"). The word must
    match the figures: 小于 when Y < X, 大于 when Y > X, 持平/等于 when they are equal. Where the
    sentence prints both 年初 and 全年预算 and the word does not name one, either may be meant.

    为什么 Why: the word and the reason after it tell the reader why the money was not spent as planned;
    a 小于 printed for an item that overran its budget (often a sentence copied from the item
    before) misleads.

    示例 Example: 年初预算 100.00，决算 95.00，"决算数小于预算数" passes; 年初预算 30.00，决算 30.00，
    "决算数大于预算数" is reported.

    容差 Tolerance: the two figures printed at the same precision are equal only when they print equal.
    """
    checked = 0
    for c in _final_claims(doc, "决算数与预算数的比较"):
        if c.versus_budget is None or c.amount is None:
            continue
        bases = _bases(c, c.versus_base)
        if not bases:
            continue
        checked += 1
        found = [(k, a, _direction(c, a)) for k, a in bases]
        if any(d == c.versus_budget for _, _, d in found):
            continue
        k, a, d = found[0]
        yield Problem(
            f"「{c.subject_text}」决算数 {c.amount.text} 与{_BASE_NAMES[k]} {a.text} 相比为"
            f"{_VERSUS_WORDS[d]}，说明中写作“决算数{_VERSUS_WORDS[c.versus_budget]}预算数”",
            location=claim_location(c), expected=f"决算数{_VERSUS_WORDS[d]}预算数",
            actual=f"决算数{_VERSUS_WORDS[c.versus_budget]}预算数", source=quote(c),
        )
    if not checked:
        raise CannotRun("说明中未读到决算数与预算数的比较")


@rule("Y907", "决算数与预算数不同但未说明原因", family="final_accounts", severity="warning", basis=BASIS,
      needs=("claims",))
def versus_reason(doc: Document) -> Iterator[Problem]:
    """决算数与预算数不同的项目，说明中应写明原因。

    查什么 What: an item of the 说明 whose 决算数 differs from the budget it states (the 年初预算, or the
    全年预算 the sentence names) must say why: "决算数小于预算数的主要原因是…". Reported when the
    statement gives no reason at all, or a word (大于/小于) with an empty reason.

    为什么 Why: 部门决算 公开 asks the department to explain every difference between the budget and what
    was spent; a difference printed without its reason is the gap reviewers send back most often.

    示例 Example: "全年预算为 20.00 万元，支出决算为 12.00 万元。决算数小于全年预算数的主要原因：人员减少"
    passes; "年初预算为 3,000.00 万元，支出决算为 2,700.10 万元，完成年初预算的 90.00%。" with nothing
    after it is reported.

    容差 Tolerance: figures equal within rounding need no reason.
    """
    checked = 0
    for c in _final_claims(doc, "决算数与预算数"):
        if c.amount is None:
            continue
        bases = _bases(c, c.versus_base if c.versus_base != "budget" else None)
        if not bases:
            continue
        checked += 1
        if all(_direction(c, a) == "equal" for _, a in bases) or c.versus_reason or c.reason:
            continue
        k, a = bases[-1] if c.budget_adjusted is not None else bases[0]
        said = "说明中只写了比较，没有原因" if c.versus_budget else "说明中未说明原因"
        yield Problem(
            f"「{c.subject_text}」决算数 {c.amount.text} 与{_BASE_NAMES[k]} {a.text} 相差 "
            f"{fmt(abs(c.amount.value - a.value))} 万元，{said}",
            location=claim_location(c), expected="说明差异原因", actual="（未说明）", source=quote(c),
        )
    if not checked:
        raise CannotRun("说明中未读到带预算数的决算数")


@rule("Y908", "说明中的“三公”经费预算数与决算表不符", family="final_accounts", severity="error",
      basis=BASIS, needs=("claims",))
def three_public_budget_stated(doc: Document) -> Iterator[Problem]:
    """说明中“三公”经费（及各项）的年初预算数等于“三公”经费支出决算表的预算数。

    查什么 What: "“三公”经费财政拨款支出年初预算为 X 万元，支出决算为 Y 万元" restates the 预算数 column of
    the 财政拨款“三公”经费支出决算表; X must equal it (for the total and each item stated). The
    决算数 Y against the table's 决算数 is Y301's.

    为什么 Why: the budget a 决算 measures itself against must be the one the table prints; a different
    X makes the completion rate and the reason refer to another budget.

    示例 Example: 说明 年初预算 6.50，表 预算数 6.50 passes; 说明 5.60 is reported.

    容差 Tolerance: a figure printed twice: equal at the same precision; the narrative may round a finer
    table figure by one unit of its last digit.
    """
    _final_only(doc)
    claims = [c for c in doc.claims if c.subject.startswith("three_public.")
              and (c.budget_initial is not None or c.budget_adjusted is not None)]
    if not claims:
        raise CannotRun("说明中未读到“三公”经费预算数")
    t = main_table(doc, "three_public")
    if t is None or t.empty:
        raise CannotRun("未读取到“三公”经费支出决算表的预算数")
    for c in claims:
        table = _three_public_budget(doc, c)
        stated = c.budget_initial or c.budget_adjusted
        if table is None or stated is None:
            continue
        diff = abs(table.value - stated.value)
        if diff == 0:
            continue
        tol = quoted_tolerance(table, stated)
        code = "TOTAL" if c.subject.endswith(".total") else c.subject.split(".", 1)[1]
        row = next(r for r in t.rows if r.code == code and "budget" in r.values)
        yield Problem(
            f"说明中「{c.subject_text}」预算数 {stated.text} 万元，“三公”经费支出决算表预算数为 {table.text}",
            location=claim_location(c), expected=table.text, actual=stated.text,
            source=f"{quote(c)} ／ 表：{quote_row(t, row)}",
            severity="info" if diff <= tol else None, category="rounding" if diff <= tol else None,
        )


@rule("Y909", "国有资产占用情况的截止日期不是决算年度末", family="final_accounts", severity="warning",
      basis=BASIS, needs=("claims",))
def assets_as_of_year_end(doc: Document) -> Iterator[Problem]:
    """决算说明中国有资产占用情况截至决算年度的 12 月 31 日。

    查什么 What: a 决算 states the department's assets (车辆, 单价 100 万元以上设备 …) "截至 YYYY 年 12 月 31 日";
    YYYY is the year of the 决算 and the day its last.

    为什么 Why: the 决算 reports the position at the end of its year; another date is most often a
    sentence left over from last year's document or from the budget template.

    示例 Example: 2023 年度决算 "截至2023年12月31日，共有车辆 2 辆" passes; "截至2022年12月31日" is reported.

    容差 Tolerance: none; "截至2024年底/年末" counts as 12 月 31 日.
    """
    _final_only(doc)
    if doc.year is None:
        raise CannotRun("未识别出文件年度")
    dated = [c for c in doc.claims if c.as_of]
    if not dated:
        raise CannotRun("说明中未读到国有资产占用情况的截止日期")
    want = f"{doc.year}-12-31"
    for c in dated:
        if c.as_of != want:
            y, m, d = (c.as_of or "--").split("-")
            yield Problem(
                f"{doc.year} 年度决算的国有资产占用情况应截至{doc.year}年12月31日，说明中为截至{y}年{int(m)}月{int(d)}日",
                location=claim_location(c), expected=f"截至{doc.year}年12月31日",
                actual=f"截至{y}年{int(m)}月{int(d)}日", source=quote(c),
            )


ZERO = Decimal(0)
