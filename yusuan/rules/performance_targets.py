"""Y606–Y613 — the targets of the performance tables: units, rate bounds, the 部门整体 table's amounts, the 预算绩效 paragraph, amounts and counts in goal texts, costs against the budget, funding parts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.amounts import parse_number
from yusuan.audit import Location, NotApplicable, Problem, rule
from yusuan.audit.tolerance import equal_tolerance, fmt, sources_tolerance, sum_tolerance, verdict
from yusuan.model import Amount, Document, Indicator, PerformanceStatement, PerformanceTable
from yusuan.rules.performance import (
    BASIS_PERF,
    FAMILY,
    _loc,
    _name,
    _nonzero,
    _same_amount,
    _squash,
    _tables,
)

# ---------------------------------------------------------------------------------------------
# Y606 units

_UNIT_FAMILIES: dict[str, set[str]] = {
    "people": {"人", "万人", "人次", "万人次", "名", "户", "位", "人/次", "千人", "个人"},
    "times": {"次", "场", "场次", "轮", "期", "批次", "班次", "次/年", "场/年", "次/月", "频次"},
    "money": {"元", "万元", "亿元", "千元", "元/人", "元/人/年", "元/年", "万元/年", "元/次", "元/方", "元/度",
              "元/月", "元/人/月", "元/平方米"},
    "percent": {"%", "％", "百分比"},
    "duration": {"天", "日", "月", "个月", "年", "小时", "工作日", "周"},
}
# the kinds of unit an indicator's name calls for are read in parse (Indicator.unit_kinds)


_FAMILY_NAMES = {
    "people": "人数单位（人、人次…）", "times": "次数单位（次、场…）", "money": "金额单位（元、万元…）",
    "percent": "百分比（%）", "duration": "时间单位（天、月…）",
}


def _family(unit: str | None) -> str | None:
    if not unit:
        return None
    u = _squash(unit)
    for fam, units in _UNIT_FAMILIES.items():
        if u in units:
            return fam
    return None


def _unit_price(ind: Indicator, wanted: set[str]) -> bool:
    """A price per unit (``2.2 元/次`` for 查看回复留言次数): under a 成本指标, or per the thing the
    name counts, money per item fits the indicator."""
    unit = _squash(ind.unit or "")
    if _family(unit) != "money" or "/" not in unit:
        return False
    if "成本" in f"{ind.level1 or ''}{ind.level2 or ''}":
        return True
    return any(_family(part) in wanted for part in unit.split("/")[1:])


@rule("Y606", "计量单位与指标不符", family=FAMILY, severity="warning", basis="模板惯例", needs=("performance",))
def unit_fits_indicator(doc: Document) -> Iterator[Problem]:
    """指标值的计量单位应与指标所计量的内容相符。

    查什么：指标值的单位与指标计量的对象相符。
    What: The unit of a target fits what the indicator counts.

    为什么：单位类别不对，说明数值填错了行，或是从别的指标复制来的。
    Why: a unit of another kind means the value was typed into the wrong row or copied from
    another indicator.

    示例：“举办活动场次 ≥30 人”；参保人数“>=63.39万人”的上年完成值写作“=63.39万元”。指标的类别由名称结尾判断（…率 / 比例 / 满意度 → %，…人数 / 人次 → 人，…场次 / 次数 → 次，…金额 / 费用 / 成本 / 支出 → 金额，…天数 / 期限 → 时长）；只报告已知的另一类单位。上年完成值按该指标自身目标值的单位核对。
    Example: “举办活动场次 ≥30 人”; 上年完成值 “=63.39万元” for 参保人数 “>=63.39万人”.
    The indicator's kind comes from how its name ends (…率/比例/满意度 → %, …人数/人次 → people,
    …场次/次数 → times, also counted in 人次 or per period, …金额/费用/成本/支出 → money, …天数/期限 →
    duration); only units of a known other kind are reported. The 上年完成值 is checked against the
    indicator's own target unit.

    容差：已知清单以外的单位一概不判；超过 24 个字的名称（描述目标的句子）、…效率（工作效率是定性的）、按时限或按次数设定的比率（及时率 ≤30日、按期完成率 ≤11月、点击率 ≥10000人次），以变化表述的目标用百分比（降低…成本 ≤100%）、成本指标下或按名称所计之物的单价（元/次）、成本指标下以金额表示的比率（成本控制率 ≤10000万元：以金额为成本上限），时效指标下的时间单位（完成项目全部支出 ≤10月），以“能够…”“是否…”表述的能力或结果（其目标通常是达成率 %），以及物理量的“率”（视频档案帧率 ≥24 次，即每秒帧数），都不检查：只在单位明显与指标含义相悖时报告。
    Tolerance: a unit outside the known lists is never judged; nor names longer than 24 characters
    (a sentence describing the target), …效率 (工作效率 is qualitative), rates set as a time limit or
    counted as hits (及时率 ≤30日, 按期完成率 ≤11月, 点击率 ≥10000人次), a percentage for a target
    worded as a change (降低…成本 ≤100%), a price per item (元/次) under a 成本指标 or per the
    thing the name counts, a rate under a 成本指标 given as an amount (成本控制率 ≤10000万元 caps the cost), a time
    unit under a 时效指标 (完成项目全部支出 ≤10月), a capability or outcome worded 能够… / 是否…
    (its target is usually an achievement rate in %), and the rate of a physical quantity (视频档案帧率
    ≥24 次, frames per second): reported only where the unit plainly contradicts what is measured.
    """
    for t in doc.performance:
        for ind in t.indicators:
            if not _squash(ind.level3):
                continue
            wanted = set(ind.unit_kinds)
            fam = _family(ind.unit)
            timed = fam == "duration" and "时效" in (ind.level2 or "")  # 完成项目全部支出 ≤10月
            # a rate under a 成本指标 given as an amount is the cost's cap (成本控制率 ≤10000万元); a
            # count there given as a bare amount is not a price (查看回复留言次数 ≤2.2元 needs 元/次)
            costed = (fam == "money" and wanted == {"percent"}
                      and "成本" in f"{ind.level1 or ''}{ind.level2 or ''}")
            if wanted and fam and fam not in wanted and not _unit_price(ind, wanted) and not timed and not costed:
                yield Problem(
                    f"{_name(t)}指标“{ind.level3}”的指标值单位为“{ind.unit}”，与指标含义不符",
                    location=_loc(t, ind), expected="或".join(_FAMILY_NAMES[f] for f in sorted(wanted)),
                    actual=ind.unit,
                    source=f"{ind.level3} {ind.value_text}",
                )
                continue
            ly_unit = ind.last_year_unit
            ly_fam = _family(ly_unit)
            if fam and ly_fam and fam != ly_fam:
                yield Problem(
                    f"{_name(t)}指标“{ind.level3}”的指标值单位“{ind.unit}”与上年完成值单位“{ly_unit}”不是同一类",
                    location=_loc(t, ind), expected=ind.unit, actual=ly_unit,
                    source=f"{ind.level3} 指标值 {ind.value_text}，上年完成值 {ind.last_year}",
                )


# ---------------------------------------------------------------------------------------------
# Y607 rates

@rule("Y607", "比率类指标设上限或超过100%", family=FAMILY, severity="warning", basis="模板惯例",
      needs=("performance",))
def rate_bounds(doc: Document) -> Iterator[Problem]:
    """覆盖率、合格率、完成率、满意度等比率类指标应设下限且不超过 100%。

    查什么：质量或覆盖类比率（覆盖率、合格率、完成率、满意度 …）的目标应为“不低于”某个 ≤ 100% 的值。
    What: A quality or coverage rate (覆盖率, 合格率, 完成率, 满意度 …) targets at least a value ≤ 100 %.

    为什么：写成上限，覆盖率越低反而越算达标——多半是符号写反了；超过 100% 的目标无法达到。
    Why: an upper bound makes a lower coverage a success — the operator was most likely typed the
    wrong way round; a target above 100 % cannot be met.

    示例：“居民参保覆盖率 <=85%”。
    Example: “居民参保覆盖率 <=85%”.

    容差：无。越低越好的比率（差错率、投诉率、发生率 …）不检查，按时限设定的比率（“及时率 ≤30个工作日”）也不检查。“≥100%”可以接受。
    Tolerance: none.
    Rates where less is better (差错率, 投诉率, 发生率 …) are not checked, nor rates set as a time
    limit (“及时率 ≤30个工作日”). “≥100%” is accepted.
    """
    for t in doc.performance:
        for ind in t.indicators:
            if not ind.good_rate:
                continue  # the rate must be what the indicator measures, not a word in a cost's name
            op = (ind.operator or "").replace(" ", "")
            if (ind.unit or "%").strip() not in ("%", "％", "百分比"):
                continue  # a 及时率 measured in days caps the days, rightly
            if op in ("<=", "≤", "<", "＜", "＜=", "⩽"):
                yield Problem(
                    f"{_name(t)}指标“{ind.level3}”的指标值为 {ind.value_text}，比率类指标设了上限",
                    location=_loc(t, ind), expected="≥ 下限", actual=ind.value_text, source=ind.value_text,
                )
                continue
            v = parse_number(ind.value or "")
            if v is not None and (ind.unit or "").strip() in ("%", "％", "百分比") and v > 100:
                yield Problem(
                    f"{_name(t)}指标“{ind.level3}”的指标值为 {ind.value_text}，超过 100%",
                    location=_loc(t, ind), expected="≤ 100%", actual=ind.value_text, source=ind.value_text,
                )


# ---------------------------------------------------------------------------------------------
# Y608 overall table amounts

def _statement(doc: Document, kind: str) -> PerformanceStatement | None:
    """The 情况说明's statement of this kind about the target tables (read in parse)."""
    return next((st for st in doc.performance_statements if st.kind == kind), None)


def _num_amount(text: str) -> Amount | None:
    v = parse_number(text)
    return None if v is None else Amount(value=v, text=text)


@rule("Y608", "部门整体绩效目标表资金总额不符", family=FAMILY, severity="error", basis="算术",
      needs=("performance",))
def overall_amounts(doc: Document) -> Iterator[Problem]:
    """部门整体绩效目标表的资金总额等于其各项之和，并与文件总额一致。

    查什么：部门整体绩效目标表的资金总额等于其各组成部分，也等于文件中的总数。
    What: The 部门整体绩效目标表's 资金总额 equals its parts and the document's total.

    为什么：这张表按来源说明部门全部预算；其总额、各来源和文件自己的数字说的是同一笔钱。
    Why: the table states the department's whole budget by source; its total, its sources and the
    document's own figures describe the same money.

    示例：上级安排 17.29 + 本级安排 1,088.16 + 其他 29.46 = 1,134.91，正文写“整体预算绩效目标 1 个，涉及预算金额 1,134.91 万元”。核对：资金总额 = 财政资金（上级安排 + 本级安排）+ 其他资金，表按此拆分时还须 = 基本支出 + 项目支出（超出四舍五入为错误）；总额（印出的，或总额格为空时各部分之和）与情况说明“整体预算绩效目标 1 个，涉及金额 X 万元”及收支总表总计比较（警告——两者口径可能相差结转资金，只提请审核人注意，不判为错）。
    Example: 上级安排 17.29 + 本级安排 1,088.16 + 其他 29.46 = 1,134.91, and the text says
    “整体预算绩效目标 1 个，涉及预算金额 1,134.91 万元”.
    Checks: 资金总额 = 财政资金 (上级安排 + 本级安排) + 其他资金, and = 基本支出 + 项目支出 where
    the table splits it that way (error beyond rounding); and the
    total (printed, or the sum of its parts when the total cell is blank) against the 情况说明's
    “整体预算绩效目标 1 个，涉及金额 X 万元” and against the 收支总表's 总计 (warning — the scope
    of the two can differ by the carry-over, so it is flagged for a reviewer, not called wrong).

    容差：印刷数字的四舍五入（提示）；印作 0 的来源视为没有。
    Tolerance: rounding of the printed figures (``info``); a source printed as 0 is absent.
    """
    overall = _tables(doc, "overall")
    if not overall:
        raise NotApplicable("文件没有部门整体绩效目标表")
    stated = _statement(doc, "overall")
    claim = _num_amount(stated.amount_text) if stated else None
    summary_total: Amount | None = None
    st = doc.table("summary")
    if st is not None:
        for r in st.rows:
            if r.code == "TOTAL" and "total" in r.values:
                summary_total = r.values["total"]
                break
    for t in overall:
        a = t.amounts
        parts = [a[k] for k in ("upper", "local") if k in a] or [a[k] for k in ("fiscal",) if k in a]
        if parts:  # without the fiscal side the sources are not all printed
            parts += [a["other"]] if "other" in a else []
        total = a.get("total")
        splits = [(parts, "各来源合计")]
        if "basic" in a and "project_exp" in a:
            splits.append(([a["basic"], a["project_exp"]], "基本支出与项目支出合计"))
        for split, what in splits:
            if total is None or not split:
                continue
            s = sum((p.value for p in split), Decimal(0))
            v = verdict(total.value, s, sum_tolerance(total, _nonzero(split)))
            if v != "ok":
                yield Problem(
                    f"{_name(t)}：资金总额 {fmt(total.value)} 万元，{what} {fmt(s)} 万元",
                    location=_loc(t), expected=fmt(s), actual=total.text,
                    source=" + ".join(p.text for p in split) + f" ≠ {total.text}",
                    severity="info" if v == "rounding" else None, category="rounding" if v == "rounding" else None,
                )
        figure = total if total is not None else (
            Amount(value=sum((p.value for p in parts), Decimal(0)), text=fmt(sum((p.value for p in parts), Decimal(0))))
            if parts else None
        )
        if figure is None:
            continue
        for what, other in (("情况说明所述整体绩效目标涉及金额", claim), ("收支总表总计", summary_total)):
            if other is None:
                continue
            v = verdict(other.value, figure.value, sum_tolerance(other, parts) if total is None else
                        equal_tolerance(other, figure))
            if v == "ok":
                continue
            yield Problem(
                f"{_name(t)}：资金总额 {fmt(figure.value)} 万元，{what} {fmt(other.value)} 万元",
                location=_loc(t), expected=other.text, actual=figure.text,
                source=f"{what} {other.text}", severity="info" if v == "rounding" else "warning",
                category="rounding" if v == "rounding" else None,
            )
            break  # one comparison is enough: the claim, when the text makes one


# ---------------------------------------------------------------------------------------------
# Y609 the 预算绩效情况 paragraph against the tables

_KIND_NAMES = {"fiscal": "财政拨款项目", "nonfiscal": "非财政拨款项目", "all": "实行绩效管理的项目"}


def _is_fiscal(t: PerformanceTable) -> bool | None:
    f = t.amounts.get("fiscal")
    if f is not None:
        return f.value > 0
    return None


@rule("Y609", "预算绩效情况说明与绩效目标表不符", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance", "sections"))
def performance_paragraph(doc: Document) -> Iterator[Problem]:
    """预算绩效情况说明中的项目个数和金额与公开的绩效目标表一致。

    查什么：预算绩效情况段落中的项目个数和金额，与公开的绩效目标表相符。
    What: The 预算绩效情况 paragraph's project counts and amounts match the published target tables.

    为什么：这句话预告后面的表；表加起来与它不符，就是某张表（或这句话）错了。
    Why: the sentence announces the tables that follow; when they do not add up to it, one of them
    (or the sentence) is wrong.

    示例：“财政拨款项目 4 个，涉及预算金额 141.20 万元”，而四张表合计 149.24 万元。财政拨款 > 0 的表算财政拨款项目，其余算非财政拨款项目。没有公开该类表时跳过（不予公开的表归 Y601）。
    Example: “财政拨款项目 4 个，涉及预算金额 141.20 万元” while the four tables total 149.24 万元.
    Tables with 财政拨款 > 0 count as 财政拨款项目, the others as 非财政拨款项目. Skipped when no
    table of that kind is published (withheld tables are Y601's business).

    容差：说明与各表分别四舍五入，差异不超过这句话与 n 张表各自末位的半个单位之和（两位小数、一张表为 0.01）的只作提示。
    Tolerance: the sentence and each table round on their own: a difference up to the half unit
    of the sentence's and each of the n tables' last digit (0.01 for one table at two decimals) is
    rounding (``info``).
    """
    tables = _tables(doc, "project")
    if not tables:
        raise NotApplicable("文件没有项目支出绩效目标表")
    seen = False
    for kind in ("fiscal", "nonfiscal", "all"):
        m = _statement(doc, kind)
        if m is None:
            continue
        seen = True
        count = m.count
        claimed = _num_amount(m.amount_text)
        if claimed is None:
            continue
        if kind == "all":
            chosen = tables
        else:
            want = kind == "fiscal"
            chosen = [t for t in tables if _is_fiscal(t) is want]
        if not chosen:
            continue
        totals = [t.amounts["total"] for t in chosen if "total" in t.amounts]
        s = sum((a.value for a in totals), Decimal(0))
        sentence = m.text
        if count is not None and count != len(chosen):
            yield Problem(
                f"预算绩效情况称{_KIND_NAMES[kind]} {count} 个，公开的绩效目标表有 {len(chosen)} 个",
                location=Location(section="预算绩效情况"), expected=str(count), actual=str(len(chosen)),
                source=sentence,
            )
        # the paragraph and the tables are compiled apart: each rounds on its own
        v = verdict(claimed.value, s, sources_tolerance(claimed, totals))
        if v != "ok" and len(totals) == len(chosen):
            listing = " + ".join(a.text for a in totals)
            yield Problem(
                f"预算绩效情况称{_KIND_NAMES[kind]}涉及预算金额 {fmt(claimed.value)} 万元，"
                f"对应绩效目标表年度预算总额合计 {fmt(s)} 万元",
                location=Location(section="预算绩效情况"), expected=claimed.text, actual=fmt(s),
                source=f"{sentence}；表：{listing}",
                severity="info" if v == "rounding" else None, category="rounding" if v == "rounding" else None,
            )
    if not seen:
        raise NotApplicable("情况说明未说明绩效目标的项目个数和金额")


# ---------------------------------------------------------------------------------------------
# Y610 goal text amount, Y611 cost indicators, Y612 table parts

@rule("Y610", "目标文字中的金额与预算总额不符", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance",))
def goal_amount(doc: Document) -> Iterator[Problem]:
    """项目绩效目标文字中所述金额（“本项目安排预算资金 X 万元”）等于其年度预算总额。

    查什么：项目绩效目标文字中写的金额（“本项目安排预算资金 11.96 万元”）就是其年度预算总额。
    What: The amount a project's goal text states (“本项目安排预算资金 11.96 万元”) is its 年度预算总额.

    为什么：目标文字与金额格说的是同一笔预算；从别的项目复制来的目标文字、或没有更新的金额，就会显出两个不同的数。
    Why: the goal text and the amount cell describe the same budget; a goal text copied from
    another project, or an amount not updated, shows as two different figures.

    示例：年度预算总额 20.00，目标写“本项目安排预算资金 11.96万元…”。只比较由“安排 / 预算 / 资金 / 总额”（六字以内）引出的第一个金额；“33.63 万元用于…”这类分项不比较。
    Example: 年度预算总额 20.00, goal “本项目安排预算资金 11.96万元…”.
    Only the first amount introduced by 安排/预算/资金/总额 (within six characters) is compared;
    breakdowns such as “33.63 万元用于…” are not.

    容差：同一精度印刷的数字必须相等；否则四舍五入差异只作提示。
    Tolerance: figures
    printed at the same precision must be equal; otherwise rounding is ``info``.
    """
    for t in _tables(doc, "project"):
        tot = t.amounts.get("total")
        if tot is None or not t.goal:
            continue
        m = t.goal_amount
        if m is None:
            continue
        stated = _num_amount(m.amount_text)
        if stated is None:
            continue
        v = _same_amount(stated, tot)
        if v == "ok":
            continue
        yield Problem(
            f"{_name(t)}：目标文字称预算 {fmt(stated.value)} 万元，年度预算总额为 {fmt(tot.value)} 万元",
            location=_loc(t), expected=tot.text, actual=stated.text, source=m.text,
            severity="info" if v == "rounding" else None, category="rounding" if v == "rounding" else None,
        )


_UPPER_OPS = {"<=", "≤", "=", "＝", "<", "＜", "⩽", None}


@rule("Y611", "成本指标合计超过预算总额", family=FAMILY, severity="warning", basis="算术", needs=("performance",))
def cost_over_budget(doc: Document) -> Iterator[Problem]:
    """一个项目以万元/元计的成本指标（均为上限）之和不超过其年度预算总额。

    查什么：一个项目以万元 / 元计的各成本指标（每个都是上限）加起来不超过其年度预算总额。
    What: The 成本指标 in 万元/元 of a project (each a ceiling) add up to no more than its 年度预算总额.

    为什么：成本指标是项目资金的分解；各上限之和超过预算，说明某个上限或预算错了。
    Why: cost indicators split the project's money; caps adding up to more than the budget mean a
    cap or the budget is wrong.

    示例：年度预算总额 10.00，上限 ≤6.3 万元和 ≤52000 元（共 11.50 万元）。只计成本类指标中目标为元或万元金额（≤、= 或不带符号）的；单价（元/人）不计。封顶整个项目的指标（项目总成本、财政投入控制数 …）单独比较，不与各分项相加。等于预算的上限视为整体，其余视为其组成。当年没有资金的项目、以及从列有多个项目的宽表（北京预算表12）拆出的项目不适用，因为分页可能把成本指标挪到下一个项目。
    Example: 年度预算总额 10.00 with caps ≤6.3 万元 and ≤52000 元 (11.50 万元). Only indicators under a 成本 level whose target is an amount
    (≤, = or bare) in 元 or 万元 count; unit prices (元/人) do not. An indicator that caps the whole
    project (项目总成本, 财政投入控制数 …) is compared alone instead of being added to its parts.
    A cap equal to the budget is taken as the whole, the others as its parts. Not applied to
    projects with no money this year, nor to projects split from a wide table listing several
    projects (Beijing's 预算表12), where a page break can move a cost indicator to the next project.

    容差：印刷数字的四舍五入。
    Tolerance: rounding of the printed figures.
    """
    for t in _tables(doc, "project"):
        tot = t.amounts.get("total")
        if tot is None or tot.value == 0 or "多项目合表" in (t.source.note or ""):
            # a wide table's page breaks can move indicators between projects; a project with no
            # money this year states the caps of its whole life
            continue
        caps: list[Amount] = []
        whole: list[Amount] = []  # indicators that cap the whole project (总成本, 控制数 …)
        for ind in t.indicators:
            if not ("成本" in (ind.level1 or "") or "成本" in (ind.level2 or "")):
                continue
            unit = _squash(ind.unit)
            if unit not in ("万元", "元") or ind.operator not in _UPPER_OPS:
                continue
            v = parse_number(ind.value or "")
            if v is None:
                continue
            amt = Amount(value=v / 10000 if unit == "元" else v, text=ind.value or "", unit=unit)
            (whole if ind.whole_cost else caps).append(amt)
        if whole:
            top = max(whole, key=lambda c: c.value)
            if top.value > tot.value + equal_tolerance(tot, top):
                yield Problem(
                    f"{_name(t)}：成本指标（总成本）{fmt(top.value)} 万元，超过年度预算总额 {fmt(tot.value)} 万元",
                    location=_loc(t), expected=f"≤ {tot.text}", actual=fmt(top.value), source=f"{top.text}{top.unit}",
                )
            continue
        if not caps or any(_same_amount(c, tot) != "error" for c in caps):
            continue  # one cap is the whole budget: the others are its parts
        s = sum((c.value for c in caps), Decimal(0))
        if s > tot.value + sum_tolerance(tot, caps):
            yield Problem(
                f"{_name(t)}：成本指标合计 {fmt(s)} 万元，超过年度预算总额 {fmt(tot.value)} 万元",
                location=_loc(t), expected=f"≤ {tot.text}", actual=fmt(s),
                source=" + ".join(f"{c.text}{c.unit}" for c in caps),
            )


@rule("Y612", "绩效目标表资金来源合计不符", family=FAMILY, severity="error", basis="算术", needs=("performance",))
def project_parts(doc: Document) -> Iterator[Problem]:
    """项目绩效目标表的 财政拨款 (+ 上年结转) + 其他资金 = 年度预算总额。

    查什么：项目表的财政拨款 + 其他资金（模板印有上年结转时再加上年结转）等于其年度预算总额。
    What: A project table's 财政拨款 + 其他资金 (+ 上年结转 where the template prints it)
    equals its 年度预算总额.

    为什么：这些来源是总额仅有的组成部分，加起来不可能是另一个数。
    Why: the sources are the total's only parts; they cannot add up to another figure.

    示例：年度预算总额 29.45，其中：财政拨款 0.00，其他资金 29.46。
    Example: 年度预算总额 29.45, 其中：财政拨款 0.00, 其他资金 29.46.

    容差：印刷数字的四舍五入（提示）；印作 0 的来源视为没有，所以 29.45 对 0.00 + 29.46 为错误。
    Tolerance: rounding of the
    printed figures (``info``); a source printed as 0 is absent, so 29.45 against 0.00 + 29.46 is
    an error.
    """
    for t in _tables(doc, "project"):
        a = t.amounts
        if "total" not in a or "fiscal" not in a or "other" not in a:
            continue
        named = [("财政拨款", a["fiscal"])]
        if "carryover" in a:  # 上年结转, printed between 财政拨款 and 其他资金
            named.append(("上年结转", a["carryover"]))
        named.append(("其他资金", a["other"]))
        parts = [x for _, x in named]
        s = sum((x.value for x in parts), Decimal(0))
        v = verdict(a["total"].value, s, sum_tolerance(a["total"], _nonzero(parts)))
        if v == "ok":
            continue
        terms = " + ".join(f"{n} {fmt(x.value)} 万元" for n, x in named)
        yield Problem(
            f"{_name(t)}：年度预算总额 {fmt(a['total'].value)} 万元，{terms} = {fmt(s)} 万元",
            location=_loc(t), expected=fmt(s), actual=a["total"].text,
            source=f"{' + '.join(x.text for x in parts)} ≠ {a['total'].text}",
            severity="info" if v == "rounding" else None, category="rounding" if v == "rounding" else None,
        )


# ---------------------------------------------------------------------------------------------
# Y613 a target stated twice: in the goal text and as the indicator's value

@rule("Y613", "指标值与项目总体目标所述数量不符", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance",))
def goal_quantity(doc: Document) -> Iterator[Problem]:
    """项目总体目标文字所述的数量（“全年计划完成…参保任务人数 7.61万人”）等于对应指标的指标值。

    查什么：总体目标文字中，以指标的计量单位、在与指标名称相近的词语之后所述的数量（Indicator.goal_quantity，
    在 parse 中读取），应等于该指标的指标值。
    What: A count the goal text states in an indicator's unit, after words sharing the
    indicator's name (Indicator.goal_quantity, read in parse), equals the indicator's value.

    为什么：目标文字与指标说的是同一个目标；只改了一处、或从别的项目抄来，就会出现两个不同的数。
    Why: the goal text and the indicator state the same target; a value changed in one place
    and not the other, or copied from another project, shows as two different figures.

    示例：目标“生育保险参保任务人数 7.61万人”，指标 生育保险参保人数 ≥4.61万人。只比较数量（不比较百分比
    或金额），单位须与指标完全相同，前面的词语与指标名称至少共享四个字且占名称的五分之三，目标须写明是本年的
    （全年/本年/当年/年内…；实施期目标可按整个实施期计）；目标对同一指标说了两个不同数量时不判。
    Example: goal “生育保险参保任务人数 7.61万人”, indicator 生育保险参保人数 ≥4.61万人.
    Only counts (not percentages or money), in exactly the indicator's unit, whose preceding words
    share at least four characters and three fifths of the indicator's name, in a goal that says it
    is this year's (全年/本年/当年/年内 …: a 实施期 goal may count the whole period); a goal stating
    two different counts for it is left alone.

    容差：无——两者都是印出的目标；小数位数不同不算差异（7.6 = 7.60）。
    容差 Tolerance: none — both are printed targets; a different number of decimals is not a
    difference (7.6 = 7.60).
    """
    for t in _tables(doc, "project"):
        for ind in t.indicators:
            g = ind.goal_quantity
            if g is None or ind.value is None:
                continue
            stated, value = parse_number(g.amount_text), parse_number(ind.value)
            if stated is None or value is None or stated == value:
                continue
            yield Problem(
                f"{_name(t)}：指标“{ind.level3}”的指标值 {ind.value_text or ind.value}，"
                f"项目总体目标称 {g.text}",
                location=_loc(t), expected=g.amount_text, actual=ind.value, source=g.text,
            )
