"""Y301–Y303 — narrative amounts and shares against the tables (carry-over splits, share bases, shares summing to 100 %)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from yusuan.audit import NotApplicable, Problem, rule
from yusuan.audit.tolerance import (
    amount_half_unit,
    fmt,
    half_unit,
    quoted_tolerance,
    sum_tolerance,
    verdict,
)
from yusuan.model import Amount, Claim, Document
from yusuan.rules.narrative_common import (
    BASIS_TEMPLATE,
    HUNDRED,
    ZERO,
    Interval,
    TableQuantity,
    _cell_value,
    _doubtful,
    _find_row,
    _other_cell_with,
    _quantities_by_amount,
    _same_row_other_column,
    _top,
    claim_location,
    pct,
    quote,
    table_quantities,
)

# --------------------------------------------------------------------------------------------
# Y301 amounts restated from the tables

_FUNDS_WITH_CARRYOVER = {"income.gpb": "gpb", "income.gov_fund": "gov_fund", "income.soe": "soe"}


def _sum_amount(a: Amount, b: Amount) -> Amount:
    """a + b, its text at the finer of the two printed precisions (for the quoting tolerance)."""
    decimals = max(len(x.text.partition(".")[2]) for x in (a, b))
    printed = (Decimal(a.text.replace(",", "")) + Decimal(b.text.replace(",", ""))).quantize(Decimal(1).scaleb(-decimals))
    return Amount(value=a.value + b.value, text=f"{printed:,}", unit=a.unit, source=a.source)


def _moved_to_add_up(doc: Document, c: Claim, q: TableQuantity) -> bool:
    """A 类 the narrative moved by the table's own rounding slack so that the 类 it lists add up to
    the whole it states: the table's 类 rows miss its 合计 by 0.01, the narrative's 类 make it exactly
    (190.62 printed for 190.63). The tolerance is judged with the sum the narrative states."""
    if q.row is None or c.amount is None or not (q.row.code or "").isdigit() or len(q.row.code or "") != 3:
        return False
    total_row = _find_row(q.table, "TOTAL", q.row.side)
    total = _cell_value(total_row, q.column) if total_row is not None else None
    if total is None:
        return False
    classes = [cv[1].value for r in q.table.rows if r.code and r.code.isdigit() and len(r.code) == 3
               and (r.side is None or r.side == q.row.side) and (cv := _cell_value(r, q.column)) is not None]
    slack = abs(sum(classes, ZERO) - total[1].value)
    if slack == 0 or abs(c.amount.value - q.amount.value) > slack:
        return False
    listed = [x.amount.value for x in doc.claims if x.section == c.section and x.amount is not None
              and x.subject.startswith("func:") and len(x.subject) == 8]
    return sum(listed, ZERO) == total[1].value


def _parts_state_it(c: Claim, q: TableQuantity) -> bool:
    """The table prints the row's parts (by the catalog's row sums: 公务用车购置及运行维护费 = 购置费 +
    运行维护费) but not the row itself as their sum — its 小计 left blank or wrong — and the parts make
    the narrative's amount: the narrative states the table's quantity; the table's subtotal is the
    table's own problem (its row-sum rule reports it), not a second one of the narrative."""
    from yusuan.tables import row_parts

    if q.row is None or c.amount is None or not q.row.code:
        return False
    parts = [r for r in q.table.rows if r.code in row_parts(q.table.id, q.row.code)
             and (r.side is None or r.side == q.row.side)]
    cells = [cv[1] for r in parts if (cv := _cell_value(r, q.column)) is not None]
    if not cells:
        return False
    printed = sum((a.value for a in cells), ZERO)
    if verdict(q.amount.value, printed, sum_tolerance(q.amount, cells)) != "error":
        return False  # the row is its parts' sum: the table is consistent, the comparison stands
    return verdict(c.amount.value, printed, sum_tolerance(c.amount, cells)) != "error"


def _carryover_between(doc: Document, subject: str, a: Amount, b: Amount) -> bool:
    """Two statements of a fund's income that differ by exactly that fund's 上年结转: one counts it,
    the other not (收入预算 split by fund with carry-over, 财政拨款收入 without)."""
    for q in _fund_with_carryover(doc, subject):
        current = q.row.values.get(q.column) if q.row is not None else None
        if current is None:
            continue
        carry = q.amount.value - current.value
        # each statement rounds the table's finer figures to its own last digit
        tol = amount_half_unit(a) + amount_half_unit(b) + amount_half_unit(q.amount) + amount_half_unit(current)
        if carry > 0 and abs(abs(a.value - b.value) - carry) <= tol:
            return True
    return False


def _fund_with_carryover(doc: Document, subject: str) -> list[TableQuantity]:
    """A fund's income with its own carry-over: a narrative that splits the total including
    上年结转 by fund ("国有资本经营预算收入 495,836.20" = 本年 495,500.00 + 上年结转 336.20)."""
    fund = _FUNDS_WITH_CARRYOVER.get(subject)
    if fund is None:
        return []
    out: list[TableQuantity] = []
    for t in doc.tables_of("income"):
        row = _find_row(t, "TOTAL", None)
        if row is not None and fund in row.values and f"carryover_{fund}" in row.values:
            out.append(TableQuantity(_sum_amount(row.values[fund], row.values[f"carryover_{fund}"]), t, row, fund))
    for t in doc.tables_of("fiscal_summary"):
        cur, carry = _find_row(t, f"income.{fund}", "income"), _find_row(t, f"income.carryover_{fund}", "income")
        a = _cell_value(cur, "total") if cur is not None else None
        b = _cell_value(carry, "total") if carry is not None else None
        if a is not None and b is not None:
            out.append(TableQuantity(_sum_amount(a[1], b[1]), t, cur, a[0]))
    return out



@rule("Y301", "说明中的金额与表格不一致", family="narrative", severity="error",
      basis=BASIS_TEMPLATE, needs=("claims",))
def amount_matches_table(doc: Document) -> Iterator[Problem]:
    """情况说明所述金额与其所重述的表格数字不一致。

    查什么 What: An amount the 情况说明 states differs from the table cell it restates.

    Covers the totals (收支总预算, 收入/支出合计), income by source (一般公共预算, 政府性基金,
    单位资金, 上年结转 …), 基本支出 / 项目支出, 一般公共预算当年拨款 and its basic/project split,
    人员经费 / 公用经费, every 类/款/项 named in the text (``func:<code>``) and 经济分类 (``econ:``),
    the "三公" items, 政府性基金 / 国有资本经营 totals, 上年结转 and 机关运行经费 / 政府采购 where the
    template prints a table for them. A quantity that more than one table prints (the total is in
    the summary, income and expense tables) is accepted when it matches any of them; the other
    tables' agreement is the cross-table rules' business.

    为什么 Why: the narrative is what most readers read; a figure that differs from the table is one of
    the two wrong.

    示例 Example: "一般公共预算拨款 2,260.66 万元" while the 一般公共预算支出情况表 totals
    2,206.66.

    容差 Tolerance: the same figure printed at the same precision must be equal; a narrative that
    quotes a finer table figure more coarsely (six decimals in the table, two or none in the text)
    may differ by one unit of its own last digit (truncated, rounded twice, or a last digit moved so
    its parts add up). When the
    stated amount equals another cell of the same tables (a sub-line such as 一般财力), the finding
    is a warning naming that cell: the text may use a different 口径 than its label suggests.
    """
    checked = 0
    for c in doc.claims:
        if c.amount is None or c.qualified or c.unit_scoped or c.amount_is_prior:
            continue
        if c.scope is not None and not c.subject.startswith(("func", "econ")):
            continue  # one item's 人员经费, one fund's 项目支出: no table cell here holds it
        quantities = table_quantities(doc, c.subject, c.fund_scope)
        if not quantities:
            continue
        checked += 1
        # only the quantities near the stated amount can agree with it (the index returns a superset);
        # a coarser quotation may be off one unit of its last digit, twice its half unit
        if any(verdict(q.amount.value, c.amount.value, quoted_tolerance(q.amount, c.amount)) != "error"
               for q in _quantities_by_amount(doc, c.subject, c.fund_scope).near(c.amount, factor=2)
               + _fund_with_carryover(doc, c.subject)) \
                or any(_moved_to_add_up(doc, c, q) or _parts_state_it(c, q) for q in quantities):
            continue
        q = quantities[0]
        shown = "、".join(dict.fromkeys(f"{x.label} {x.amount.text}" for x in quantities))
        same_row = _same_row_other_column(quantities, c.amount.value)
        if same_row is not None:
            loc = claim_location(c)
            loc.table, loc.table_title = q.table.id, q.table.title
            yield Problem(f"说明中「{c.subject_text}」{c.amount.shown()}与表中该行「{same_row}」列相同，"
                          f"而非所对应的列（{shown}）；请核对表头（可能有上年数、分列等多列）",
                          location=loc, expected=q.amount.text, actual=c.amount.text, source=quote(c),
                          severity="info", category="column")
            continue
        other = _other_cell_with(doc, c.amount.value, (x.table.id for x in quantities))
        msg = f"说明中「{c.subject_text}」为 {c.amount.shown()}，表中为 {shown}"
        if other:
            msg += f"；该数与{other}相同，说明所指口径可能与其名称不符"
        loc = claim_location(c)
        loc.table, loc.table_title, loc.row_code, loc.column = q.table.id, q.table.title, (
            q.row.code if q.row else None), q.column
        unlisted = all(x.row is None and not x.table.empty for x in quantities)
        doubtful = all(_doubtful(x.table) for x in quantities)
        if doubtful:
            msg += "（该表自身各项之和与合计不符，可能读取有误，请核对原表）"
        if unlisted:
            msg = f"说明中「{c.subject_text}」为 {c.amount.shown()}，表中未列此科目（{shown}）"
        yield Problem(msg, location=loc, expected=q.amount.text, actual=c.amount.text, source=quote(c),
                      severity="warning" if other or unlisted or doubtful else None)
    if not checked:
        raise NotApplicable("说明中没有能与表格对应的金额")


# --------------------------------------------------------------------------------------------
# Y302 / Y303 shares

_BASE_NAMES: dict[str, str] = {
    "total": "收支总预算",
    "income.total": "收入预算合计",
    "expense.total": "支出预算合计",
    "fiscal.total": "财政拨款收支总预算",
    "fiscal.expense": "财政拨款支出预算",
    "gpb.total": "一般公共预算当年拨款",
    "gpb.basic": "一般公共预算基本支出",
    "expense.basic": "基本支出",
    "three_public.total": "“三公”经费合计",
    "procurement.total": "政府采购预算",
    "gov_fund.total": "政府性基金预算支出",
    "soe.total": "国有资本经营预算支出",
}
_WHOLES = set(_BASE_NAMES)
_TOP_WHOLES = {"total", "income.total", "expense.total", "fiscal.total", "gpb.total", "three_public.total",
               "procurement.total", "gov_fund.total"}


def claim_bases(c: Claim, doc: Document) -> list[str]:
    """The wholes a share of this claim may be of: named by the share, by the section, or by the
    kind of subject."""
    named = c.share_base
    if named is not None:
        return named
    if c.subject.startswith(("func", "econ")):
        by_section = c.section_base
        if by_section is not None:
            return by_section
    return _expected_bases(c.subject, doc)


def _expected_bases(subject: str, doc: Document) -> list[str]:
    kind = subject.split(":")[0] if ":" in subject else subject.split(".")[0]
    if subject in ("expense.personnel", "expense.public"):
        return ["expense.basic"]
    if subject in ("gpb.personnel", "gpb.public"):
        return ["gpb.basic"]
    if kind == "income":
        return ["income.total", "total"]
    if kind == "expense":
        return ["expense.total", "total"]
    if kind == "gpb":
        return ["gpb.total", "fiscal.total"]
    if kind == "func":
        if doc.table("gpb_expense") is not None or any(c.subject == "gpb.total" for c in doc.claims):
            return ["gpb.total", "fiscal.total"]
        return ["expense.total", "total"]
    if kind == "econ":
        return ["gpb.basic"]
    if kind == "three_public":
        return ["three_public.total"]
    if kind == "procurement":
        return ["procurement.total"]
    return []


def _base_values(doc: Document) -> dict[str, Interval]:
    """Each whole the tables or the narrative print, as an interval. Tables first: a narrative
    whole may be mis-stated (that is Y301's finding), and a share is a share of the true whole."""
    out: dict[str, Interval] = {}
    for subject in _WHOLES:
        for q in table_quantities(doc, subject):
            if q.amount.value > 0:
                out[subject] = Interval.of(q.amount)
                break
    for c in doc.claims:
        if c.subject in _WHOLES and c.amount is not None and c.subject not in out and c.amount.value > 0 \
                and not c.qualified:
            out[c.subject] = Interval.of(c.amount)
    for a, b in (("total", "income.total"), ("total", "expense.total"), ("income.total", "total")):
        if a not in out and b in out:
            out[a] = out[b]
    return out


def _section_whole(doc: Document, idx: int) -> Claim | None:
    """The nearest claim before ``idx`` in the same section stating a whole (the 其中 parent)."""
    c = doc.claims[idx]
    for j in range(idx - 1, -1, -1):
        p = doc.claims[j]
        if _top(p.section) != _top(c.section):
            break
        if p.amount is not None and p.share is None and (p.subject in _WHOLES) and p.amount.value > 0:
            return p
    return None


@rule("Y302", "占比与所述金额不符或基数用错", family="narrative", severity="error",
      basis="算术", needs=("claims",))
def share_base(doc: Document) -> Iterator[Problem]:
    """占比（占 x%）不等于所述金额除以其所属总数，或按错误的基数计算。

    查什么 What: A share (占 x%) does not equal the part divided by the whole it is a share of.

    The share is recomputed from the amount stated beside it and the whole of its list: the
    收入/支出 parts on the 收支总预算, 一般公共预算 类/款/项 on the 一般公共预算当年拨款 total,
    人员经费 / 公用经费 on 基本支出, "三公" items on the "三公" total (the whole stated just before
    the 其中 list is tried first). When the share is wrong on that base but right on another whole of
    the document, the finding says which base it matches (a warning: computed on the wrong base,
    e.g. on the 一般公共预算 total instead of the 收支总预算). When it matches no base, an error.

    为什么 Why: a share tells the reader how the money divides; one computed on another whole (the
    一般公共预算 total for a share of the 收支总预算) misstates the structure while every amount beside
    it is right.

    示例 Example: 收支总预算 3,166.28 万元，其中基本支出 1,804.60 万元，占 79.83% — 79.83% is
    1,804.60 / 2,260.66, the 一般公共预算 total, not the 收支总预算 (56.99%).

    容差 Tolerance: the printed share may be off by half a unit of its last digit (占 10% stands for
    9.5–10.5%), and the amounts are themselves rounded; the share is consistent when the two ranges
    meet.
    """
    bases = _base_values(doc)
    group_sums = _listed_wholes(doc)
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.share is None or c.amount is None or c.amount.value < 0:
            continue
        printed = Interval.percent(c.share, c.share_text)
        part = Interval.of(c.amount)
        expected: list[tuple[str, Interval]] = []
        whole = _section_whole(doc, i)
        if whole is not None and whole.amount is not None and c.share_base is None:
            expected.append((whole.subject_text or _BASE_NAMES.get(whole.subject, whole.subject),
                             Interval.of(whole.amount)))
        for b in claim_bases(c, doc):
            if b in bases:
                expected.append((_BASE_NAMES[b], bases[b]))
        if i in group_sums:
            # shares of a list that add up to 100% are shares of the list's own sum (本年支出 may
            # leave out 结转下年 or 上缴上级 that the table's total includes)
            expected.append(("所列各项之和", group_sums[i]))
        if not expected:
            continue
        checked += 1
        ok = False
        for _, base in expected:
            r = part.ratio_percent(base)
            if r is not None and r.meets(printed):
                ok = True
                break
        if ok:
            continue
        name, base = expected[0]
        r0 = part.ratio_percent(base)
        right = pct(c.amount.value * HUNDRED / base.mid) if r0 is not None else "（基数为零）"
        others = [(n, b) for s, b in bases.items() if (n := _BASE_NAMES[s]) not in {e[0] for e in expected}]
        matched = [n for n, b in others if (r := part.ratio_percent(b)) is not None and r.meets(printed)]
        shown = c.share_text or f"{c.share}%"
        unit = 2 * half_unit(c.share_text or str(c.share), None)
        if r0 is not None and Interval(r0.lo - unit, r0.hi + unit).meets(printed) and not matched:
            yield Problem(
                f"「{c.subject_text}」{c.amount.shown()}占比印为 {shown}，按{name} {fmt(base.mid)} 计算为 {right}，"
                f"相差不到末位一个单位，可能是为使各项合计 100% 所作的尾数调整",
                location=claim_location(c), expected=right, actual=shown, source=quote(c), severity="info",
                category="rounding")
            continue
        if matched:
            yield Problem(
                f"「{c.subject_text}」{c.amount.shown()}占比印为 {shown}，按{name} {fmt(base.mid)} 计算应为 "
                f"{right}；所印占比与按{matched[0]}计算的结果一致，疑基数用错",
                location=claim_location(c), expected=right, actual=shown, source=quote(c), severity="warning")
        else:
            yield Problem(
                f"「{c.subject_text}」{c.amount.shown()}占比印为 {shown}，按{name} {fmt(base.mid)} 计算应为 {right}",
                location=claim_location(c), expected=right, actual=shown, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有可核对基数的占比")


def _listed_wholes(doc: Document) -> dict[int, Interval]:
    """For each claim of a list whose shares add up to 100%: the sum of the list's amounts."""
    out: dict[int, Interval] = {}
    for g in _groups(doc, lambda c: c.share is not None and c.amount is not None):
        if len(g) < 2:
            continue
        claims = [doc.claims[i] for i in g]
        total = sum((c.share for c in claims if c.share is not None), ZERO)
        tol = sum((half_unit(c.share_text or str(c.share), None) for c in claims), ZERO)
        if abs(total - HUNDRED) > tol:
            continue
        ivs = [Interval.of(c.amount) for c in claims if c.amount is not None]
        whole = Interval(sum((v.lo for v in ivs), ZERO), sum((v.hi for v in ivs), ZERO))
        for i in g:
            out[i] = whole
    return out


def _family(subject: str) -> str:
    if subject.startswith("func:"):
        return f"func{len(subject) - 5}"
    if subject.startswith("func?:"):  # unresolved names of 类/款/项: their count is the level
        return f"func{2 * subject.count('/') + 3}"
    if subject in ("expense.personnel", "expense.public", "gpb.personnel", "gpb.public"):
        return "personnel_public"
    return subject.split(".")[0].split(":")[0]


def _groups(doc: Document, pred: Callable[[Claim], bool]) -> list[list[int]]:
    """Runs of claims of one section, one fund and one family that satisfy ``pred`` (claims of other
    families in between, such as a sub-item a reason mentions, do not break a run).

    A list names each of its parts once: a subject named again starts the next list ("…城乡社区（类）
    占52.2%；交通运输（类）占38.3%" for the 一般公共预算, then "城乡社区（类）占95.2%" for the 政府性基金
    in the same section), as does a part whose section is about another fund."""
    groups: list[list[int]] = []
    key: tuple[str | None, str, str | None] | None = None
    named: set[str] = set()
    base: list[str] | None = None
    for i, c in enumerate(doc.claims):
        if not pred(c):
            if key is not None and _top(c.section) != key[0]:
                key = None
            continue
        k = (_top(c.section), _family(c.subject), c.scope or c.fund_scope)
        # a share naming another whole than its list's ("占授予中小企业合同金额的", after "占政府采购
        # 支出总额的") starts a list of its own; one naming none goes on with the list
        other_base = c.share_base is not None and base is not None and c.share_base != base
        if k == key and groups and c.subject not in named and not other_base:
            groups[-1].append(i)
            named.add(c.subject)
            base = base or c.share_base
        else:
            groups.append([i])
            named, base = {c.subject}, c.share_base
        key = k
    return groups


def _common_base(claims: Sequence[Claim]) -> Interval | None:
    """The wholes every share of the list is consistent with (amount ÷ share), if they have one."""
    lo, hi = ZERO, None
    for c in claims:
        if c.amount is None or c.share is None or c.share <= 0:
            return None
        sh = Interval.percent(c.share, c.share_text)
        if sh.lo <= 0:
            return None
        a = Interval.of(c.amount)
        lo = max(lo, a.lo * HUNDRED / sh.hi)
        hi = a.hi * HUNDRED / sh.lo if hi is None else min(hi, a.hi * HUNDRED / sh.lo)
    if hi is None or lo > hi:
        return None
    return Interval(lo, hi)


@rule("Y303", "各部分占比之和不为 100%", family="narrative", severity="warning",
      basis="算术", needs=("claims",))
def shares_sum(doc: Document) -> Iterator[Problem]:
    """同一列举中各部分的占比之和不为 100%。

    查什么 What: The shares of the parts of one list do not add up to 100%.

    A list such as 一般公共预算当年拨款结构（社会保障和就业支出 占 8.44%，卫生健康支出 占 86.49%，
    住房保障支出 占 5.07%）divides one whole: when its amounts add up to the whole (the list is
    complete) the shares must add up to 100%; a list whose shares exceed 100% is wrong whether or
    not it is complete.

    为什么 Why: a list whose shares add up to 101% has at least one wrong share, even when each looks
    plausible.

    示例 Example: 社会保障和就业支出 占 8.44%，卫生健康支出 占 86.49%，住房保障支出 占 6.07%
    (101.00%; 28.36 / 559.50 is 5.07%).

    容差 Tolerance: each printed share may be off by half a unit of its last digit, so n shares printed
    with two decimals may add up to 100% ± n × 0.005%.
    """
    bases = _base_values(doc)
    checked = 0
    for g in _groups(doc, lambda c: c.share is not None):
        if len(g) < 2:
            continue
        claims = [doc.claims[i] for i in g]
        shares = [c.share for c in claims if c.share is not None]
        total = sum(shares, ZERO)
        tol = sum((half_unit(c.share_text or str(c.share), None) for c in claims), ZERO)
        if abs(total - HUNDRED) <= tol:
            checked += 1
            continue
        amounts = [c.amount for c in claims if c.amount is not None]
        complete = False
        if len(amounts) == len(claims):
            s = Interval(sum((Interval.of(a).lo for a in amounts), ZERO), sum((Interval.of(a).hi for a in amounts), ZERO))
            whole = _section_whole(doc, g[0])
            named = claims[0].share_base is not None
            candidates = [Interval.of(whole.amount)] if whole is not None and whole.amount is not None \
                and not named else []
            candidates += [bases[b] for b in claim_bases(claims[0], doc) if b in bases]
            complete = any(s.meets(w) for w in candidates)
            common = _common_base(claims)
            if complete and common is not None and common.lo > s.hi:
                # every share is right on one whole larger than the list's sum: the list leaves out
                # a part stated apart ("…住房保障支出 占3.2%；结转下年 占15.28%"), it is not wrong
                complete = False
        if not complete and total <= HUNDRED + tol:
            continue
        checked += 1
        listing = "，".join(f"{c.subject_text} {c.share_text or c.share}" for c in claims)
        why = "各部分金额之和等于总数" if complete else "超过 100%"
        yield Problem(f"各部分占比之和为 {total}%（{why}），应为 100%：{listing}",
                      location=claim_location(claims[0]), expected="100%", actual=f"{total}%",
                      source="；".join(dict.fromkeys(quote(c) for c in claims)))
    if not checked:
        raise NotApplicable("说明中没有成组的占比")


