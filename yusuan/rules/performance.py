"""Y6xx — performance target tables (绩效目标表): against the projects, and within themselves.

A 项目支出绩效目标表 restates a project's budget and sets measurable targets for it; the 部门整体
绩效目标表 does the same for the department. These rules check that every project has its table,
that the figures agree with the project tables and the 情况说明, and that the targets themselves
are coherent (weights, years, units, bounds).

Amounts are compared with the shared rounding tolerance (``yusuan.audit.tolerance``): the same
figure printed twice at the same precision must be equal; a difference within the printed
precision is ``info`` (category ``rounding``).

Y601–Y605 (projects against their tables, weights, years) are here; Y606–Y612 (the targets'
units, bounds and amounts) in ``performance_targets``.
"""

from __future__ import annotations

import copy
import difflib
import functools
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.index import AmountIndex, NameIndex, per_audit
from yusuan.audit.tolerance import equal_tolerance, fmt, sources_tolerance, verdict
from yusuan.model import Amount, Document, Indicator, PerformanceTable

FAMILY = "performance"
BASIS_PERF = "财预〔2017〕12号（绩效目标管理）；模板惯例"
_GPB_PROJECT = "一般公共预算项目支出情况表"
_NARRATIVE = "项目支出情况说明"
_PROJECT_TOTAL = "项目支出预算表"


# ---------------------------------------------------------------------------------------------
# Shared helpers


_BRACKETS = str.maketrans("（）：，", "():,")
_QUOTES = str.maketrans("", "", "\"“”'‘’《》")


def _squash(text: str | None) -> str:
    """A printed name without whitespace, full-width brackets and punctuation made half-width."""
    return "".join((text or "").split()).translate(_BRACKETS)


def _name(t: PerformanceTable) -> str:
    if t.kind == "overall":
        return f"{t.unit or '部门'}部门整体绩效目标表"
    return f"项目“{t.project or '（未读出项目名称）'}”绩效目标表"


def _loc(t: PerformanceTable, ind: Indicator | None = None) -> Location:
    src = ind.source if ind is not None else t.source
    return Location(
        table="performance",
        table_title=t.title,
        row_name=(ind.level3 if ind is not None else t.project),
        section=t.title,
        page=src.page or t.source.page,
        line=src.line or t.source.line,
    )


def _tables(doc: Document, kind: str) -> list[PerformanceTable]:
    return [t for t in doc.performance if t.kind == kind]


def _same_amount(a: Amount, b: Amount) -> str:
    """'ok', 'rounding' or 'error' for the same quantity printed twice."""
    return verdict(a.value, b.value, equal_tolerance(a, b))


def _nonzero(parts: list[Amount]) -> list[Amount]:
    """The parts that carry money: a source printed as 0 is absent, not a rounded figure, so a
    total with one real part must equal it exactly."""
    return [p for p in parts if p.value != 0] or parts


def _budget_year(doc: Document, t: PerformanceTable | None = None) -> int | None:
    return doc.year or (t.year if t is not None else None)


# ---------------------------------------------------------------------------------------------
# Projects against target tables (Y601-Y603)


@dataclass
class _Proj:
    name: str
    amount: Amount | None
    where: str
    location: Location
    withheld: bool = False
    sources: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=65536)
def _norm_project(name: str) -> str:
    return _squash(name).translate(_QUOTES)


def _similar(a: str, b: str) -> bool:
    a, b = _norm_project(a), _norm_project(b)
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a in b or b in a):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _declared_without_table(doc: Document, name: str) -> bool:
    """The document says this project has no (published) target table."""
    key = _norm_project(name)
    return bool(key) and any(key in sentence for sentence in _no_table_sentences(doc))


def _no_table_sentences(doc: Document) -> list[str]:
    """The sentences (normalised) that say a target table is not published: split once per audit."""
    def compute() -> list[str]:
        return [_norm_project(sentence) for s in doc.sections for sentence in s.no_target_table]

    return per_audit("performance.no_table_sentences", compute)


def _project_sources(doc: Document) -> list[list[_Proj]]:
    """The projects of the 项目支出表 and of the 项目情况说明, each source a list."""
    narrative_withheld = {
        _norm_project(p.name) for p in doc.projects
        if p.withheld
    }
    out: list[list[_Proj]] = []
    rows: list[_Proj] = []
    for table in doc.tables_of("gpb_project"):
        for r in table.rows:
            if not r.project:
                continue
            amt = r.values.get("total") or next(iter(r.values.values()), None)
            rows.append(_Proj(
                name=r.project, amount=amt, where=_GPB_PROJECT,
                location=Location(table="gpb_project", table_title=table.title, row_name=r.project,
                                  column="total", page=r.source.page, line=r.source.line),
                withheld=_norm_project(r.project) in narrative_withheld,
            ))
    if rows:
        out.append(rows)
    # templates whose 项目支出预算表 lists the projects by budget unit (no classification code)
    listed: list[_Proj] = []
    for table in doc.tables_of("project_total"):
        for r in table.rows:
            if r.project or r.code is not None or not r.unit or not r.name or "total" not in r.values:
                continue
            listed.append(_Proj(
                name=r.name, amount=r.values["total"], where=_PROJECT_TOTAL,
                location=Location(table="project_total", table_title=table.title, row_name=r.name,
                                  column="total", page=r.source.page, line=r.source.line),
            ))
    if listed:
        out.append(listed)
    narr = [
        _Proj(
            name=p.name, amount=p.scale, where=_NARRATIVE,
            location=Location(section=_NARRATIVE, row_name=p.name, page=p.source.page, line=p.source.line),
            withheld=_norm_project(p.name) in narrative_withheld,
        )
        for p in doc.projects
    ]
    if narr:
        out.append(narr)
    return out


def _amount_equal(p: _Proj, t: PerformanceTable) -> bool:
    tot = t.amounts.get("total")
    return p.amount is not None and tot is not None and _same_amount(p.amount, tot) != "error"


def _match(projs: list[_Proj], tables: list[PerformanceTable]) -> list[tuple[_Proj, int | None, str]]:
    """Pair each project with at most one target table: by name and amount first, then by an
    amount no other project shares, then by name alone.

    Tables are looked up by name (each distinct name compared once with each table name sharing a
    bigram with it) and by amount (``AmountIndex``), so a 汇总 of many units stays near linear;
    every pair is still tested with ``_similar`` and ``_amount_equal``, in table order.
    """
    free = set(range(len(tables)))
    by_name: dict[str, list[int]] = {}
    for j, t in enumerate(tables):
        by_name.setdefault(_norm_project(t.project or ""), []).append(j)
    names = NameIndex(((n, n) for n in by_name), _norm_project)
    similar_tables: dict[str, list[int]] = {}

    def named(name: str) -> list[int]:
        """The tables whose name is like ``name``, in table order (computed once per name)."""
        key = _norm_project(name)
        if key not in similar_tables:
            js = [j for n in names.candidates(name) if _similar(name, n) for j in by_name[n]]
            similar_tables[key] = sorted(js)
        return similar_tables[key]

    pairs: dict[int, tuple[int | None, str]] = {}
    for i, p in enumerate(projs):
        both = next((j for j in named(p.name) if j in free and _amount_equal(p, tables[j])), None)
        if both is not None:
            pairs[i] = (both, "both")
            free.discard(both)
    open_projs = [i for i in range(len(projs)) if i not in pairs]
    open_by_amount = AmountIndex((a, k) for k in open_projs if (a := projs[k].amount) is not None)
    table_by_amount = AmountIndex((t.amounts["total"], j) for j, t in enumerate(tables) if "total" in t.amounts)
    for i in open_projs:
        p = projs[i]
        if p.amount is None:
            continue
        # only "exactly one" matters: stop counting at two (a 汇总 repeats the same amounts many times)
        same_projects = _first_two(k for k in open_by_amount.near(p.amount) if k not in pairs
                                   and _same_amount(projs[k].amount, p.amount) != "error")  # type: ignore[arg-type]
        cands = _first_two(j for j in table_by_amount.near(p.amount) if j in free and _amount_equal(p, tables[j]))
        if len(same_projects) == 1 and len(cands) == 1:
            pairs[i] = (cands[0], "amount")
            free.discard(cands[0])
    for i in range(len(projs)):
        if i in pairs:
            continue
        by_name_only = next((j for j in named(projs[i].name) if j in free), None)
        if by_name_only is not None:
            pairs[i] = (by_name_only, "name")
            free.discard(by_name_only)
    return [(p, *pairs.get(i, (None, "none"))) for i, p in enumerate(projs)]


def _first_two(items: Iterator[int]) -> list[int]:
    return list(itertools.islice(items, 2))


def _project_findings(doc: Document) -> list[tuple[str, Problem]]:
    """All Y601-Y603 problems, merged across the two sources of projects."""
    tables = _tables(doc, "project")
    sources = _project_sources(doc)
    if not sources:
        raise CannotRun("未读取到项目支出表中的项目或项目情况说明")
    found: dict[tuple[str, str, str, str], tuple[str, Problem, list[str]]] = {}

    def add(code: str, key: tuple[str, str, str], where: str, p: Problem) -> None:
        k = (code, *key)
        if k in found:
            if where not in found[k][2]:
                found[k][2].append(where)
            return
        found[k] = (code, p, [where])

    matched_names: set[str] = set()
    agreeing_tables: set[int] = set()  # tables some source pairs by name with an equal amount
    results = [_match(projs, tables) for projs in sources]
    for res in results:
        matched_names.update(_norm_project(p.name) for p, j, _ in res if j is not None)
        agreeing_tables.update(j for _, j, how in res if how == "both" and j is not None)
    for res in results:
        for p, j, how in res:
            amount_text = p.amount.text if p.amount else "—"
            if j is None and _norm_project(p.name) in matched_names:
                continue  # the other source pairs this project with a table; amounts are Y2xx's business
            if j is None:
                withheld = p.withheld or _declared_without_table(doc, p.name)
                msg = f"项目“{p.name}”（{amount_text} 万元）没有对应的项目支出绩效目标表"
                if withheld:
                    msg += "；文件说明该项目不公开或未编制绩效目标表"
                add("Y601", (_norm_project(p.name), amount_text, ""), p.where, Problem(
                    msg, location=p.location, expected="项目支出绩效目标表", actual="未找到",
                    source=f"{p.name} {amount_text}", severity="info" if withheld else None,
                ))
                continue
            t = tables[j]
            tot = t.amounts.get("total")
            if how == "amount":
                add("Y603", (_norm_project(p.name), amount_text, str(j)), p.where, Problem(
                    f"项目“{p.name}”（{amount_text} 万元）的绩效目标表项目名称印作“{t.project}”，金额相同、名称不同",
                    location=_loc(t), expected=p.name, actual=t.project, source=f"项目名称：{t.project}",
                ))
            elif how == "name" and p.amount is not None and tot is not None:
                # the 项目表 / 说明 and the 绩效目标表 are compiled apart and round on their own
                v = verdict(p.amount.value, tot.value, sources_tolerance(p.amount, [tot]))
                if v == "ok" or j in agreeing_tables:
                    continue  # another source agrees with the table: the sources differ (Y2xx/Y3xx)
                add("Y602", (_norm_project(p.name), amount_text, str(j)), p.where, Problem(
                    f"项目“{p.name}”：{{where}}金额 {fmt(p.amount.value)} 万元，绩效目标表年度预算总额 "
                    f"{fmt(tot.value)} 万元，相差 {fmt(abs(p.amount.value - tot.value))} 万元",
                    location=_loc(t), expected=p.amount.text, actual=tot.text,
                    source=f"绩效目标表“{t.project}” 年度预算总额 {tot.text}",
                    severity="info" if v == "rounding" else None, category="rounding" if v == "rounding" else None,
                ))
    out: list[tuple[str, Problem]] = []
    for code, prob, wheres in found.values():
        prob.message = prob.message.replace("{where}", "、".join(wheres))
        if code != "Y602":
            prob.message = f"{prob.message}（见{'、'.join(wheres)}）"
        out.append((code, prob))
    return out


def _findings(doc: Document, code: str) -> Iterator[Problem]:
    if not _tables(doc, "project"):
        raise NotApplicable("文件没有项目支出绩效目标表")
    # Y601-Y603 share one pairing of projects with tables: computed once per audit
    for c, p in per_audit("performance.project_findings", lambda: _project_findings(doc)):
        if c == code:
            yield copy.copy(p)


@rule("Y601", "项目缺少绩效目标表", family=FAMILY, severity="warning", basis=BASIS_PERF, needs=("performance",))
def project_without_target(doc: Document) -> Iterator[Problem]:
    """项目支出表和项目情况说明中的每个项目都有项目支出绩效目标表。

    查什么：项目支出表和项目情况说明中的每个项目都有项目支出绩效目标表。
    What: Every project of the 项目支出表 and of the 项目情况说明 has a 项目支出绩效目标表.

    The projects are those of the 一般公共预算项目支出情况表, of the 项目支出情况说明, and of a
    项目支出预算表 that lists projects by budget unit (Zhejiang); tables include the lists of
    project goals without indicators (项目支出绩效表).

    为什么：预算公开要公开所安排项目的绩效目标；没有目标表的项目，要么没有公开，要么换了名称（见 Y603）。
    Why: 预算公开 publishes the performance targets of the projects it funds; a project without a
    table is either unpublished or filed under another name (see Y603).

    示例：信息化运维项目 17.03 万元列在表7，但没有一张绩效目标表用这个名称或这个金额。项目与目标表先按名称和金额配对，再按其他项目都没有的金额配对，最后按名称配对。文件说明不予公开的项目（涉密、不予公开、未编制绩效目标表）只作提示。
    Example: 信息化运维项目 17.03 万元 is in 表7 but no 绩效目标表 names it or has its amount.
    Projects are paired with tables by name and amount, then by an amount no other project
    shares, then by name. A project the document says is withheld (涉密, 不予公开, 未编制绩效目标表)
    is reported as ``info``.

    容差：金额在其印刷精度下相等即配对。
    Tolerance: amounts pair when equal at their printed precision.
    """
    yield from _findings(doc, "Y601")


@rule("Y602", "项目金额与绩效目标表不一致", family=FAMILY, severity="error", basis=BASIS_PERF,
      needs=("performance",))
def project_amount_mismatch(doc: Document) -> Iterator[Problem]:
    """项目支出表或情况说明中的项目金额（预算安排规模）等于其绩效目标表的资金总额。

    查什么：项目在项目支出表 / 情况说明中的金额（预算安排规模）等于其绩效目标表的资金总额。
    What: A project's amount in the 项目支出表 / 情况说明 (预算安排规模) equals its target table's 总额.

    为什么：两处印的是同一项目同一年度的预算；两个不同的数字不可能都对。
    Why: both print the same year's budget for the same project; two different figures cannot both
    be true.

    示例：情况说明预算安排规模 100.30 万元，绩效目标表年度资金总额 100.20 万元。
    Example: 情况说明 预算安排规模 100.30 万元, 绩效目标表 年度资金总额 100.20 万元.

    容差：两处由不同系统分别四舍五入，差异不超过两处末位各半个单位之和（两位小数为 0.01）的只作提示。
    Tolerance: the two printings are compiled apart and each rounds on its own: a difference up
    to half a unit of each one's last digit (0.01 at two decimals; 10 vs 10.00x) is ``info``.
    """
    yield from _findings(doc, "Y602")


@rule("Y603", "绩效目标表项目名称与项目表不一致", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance",))
def project_name_mismatch(doc: Document) -> Iterator[Problem]:
    """金额只与某一项目相同的绩效目标表，却用了另一个项目名称。

    查什么：一张绩效目标表的金额是某个项目的金额（且只有这个项目是这个金额），名称却不同。
    What: A target table whose amount is a project's (and no other project's) carries another name.

    为什么：这张表多半属于该项目，只是改了标题，或是从别的项目的表复制来的。
    Why: the table most likely belongs to that project but was retitled or copied from another
    project's table.

    示例：表7“2024 年综合业务费”86.78 万元；唯一一张 86.78 万元的绩效目标表标题是“2024 年综合运行费”。名称去掉空格和标点差异后比较；一个包含另一个，或相似度达 85%，算作同名。
    Example: 表7 “2024 年综合业务费” 86.78 万元; the only 86.78 万元 绩效目标表
    is titled “2024 年综合运行费”. Names are compared after removing spaces and punctuation
    variants; one containing the other, or 85 % alike, counts as the same name.

    容差：金额须在印刷精度下相等。
    Tolerance: the
    amounts must be equal at their printed precision.
    """
    yield from _findings(doc, "Y603")


# ---------------------------------------------------------------------------------------------
# Y604 weights


def _weight_total(t: PerformanceTable) -> Decimal | None:
    ws = [i.weight for i in t.indicators]
    if len(ws) < 3 or any(w is None for w in ws):
        return None
    return sum((w for w in ws if w is not None), Decimal(0))


@rule("Y604", "指标分值权重合计不符", family=FAMILY, severity="warning", basis="模板惯例", needs=("performance",))
def weights_total(doc: Document) -> Iterator[Problem]:
    """一张绩效目标表各指标的分值权重之和应为模板规定的总分（90 或 100）。

    查什么：一张表各指标的分值权重之和等于模板规定的总分（90 或 100）。
    What: The 分值权重 of a table's indicators add up to the template's total (90 or 100).

    为什么：权重是之后绩效自评的计分；模板或把 100 分全给指标，或给指标 90 分、预算执行率 10 分。两者都凑不上，说明某个权重丢了、重复或打错。用 90 还是 100 由文件自身的惯例决定（同类表多数达到的总分，否则全部表多数达到的，否则较接近的）。
    Why: the weights are the scoring of the later 绩效自评; templates give 100 points to the
    indicators, or 90 to the indicators and 10 to the budget execution rate. A table whose weights
    make neither has a lost, doubled or mistyped weight. The document's own convention decides
    between 90 and 100 (the total most of its tables of the same kind reach, else most of its
    tables, else the nearer).

    示例：权重 10+10+10+10+20+20+5 = 85。
    Example: weights 10+10+10+10+20+20+5 = 85.

    容差：无（权重按印刷的整分）；缺权重或权重不是数字的表跳过。
    Tolerance: none (weights are whole points as printed);
    tables where some weight is missing or not a number are skipped.
    """
    totals = {id(t): _weight_total(t) for t in doc.performance}
    if not any(v is not None for v in totals.values()):
        raise NotApplicable("绩效目标表未印分值权重")
    for t in doc.performance:
        s = totals[id(t)]
        if s is None or s in (Decimal(90), Decimal(100)):
            continue
        same_kind = Counter(v for u in doc.performance if u.kind == t.kind
                            and (v := totals[id(u)]) in (Decimal(90), Decimal(100)))
        any_kind = Counter(v for u in doc.performance if (v := totals[id(u)]) in (Decimal(90), Decimal(100)))
        if same_kind or any_kind:
            expected = (same_kind or any_kind).most_common(1)[0][0]
        else:
            expected = Decimal(100) if abs(s - 100) < abs(s - 90) else Decimal(90)
        parts = "+".join(str(i.weight) for i in t.indicators)
        yield Problem(
            f"{_name(t)}：{len(t.indicators)} 个指标的分值权重合计 {s}，应为 {expected}",
            location=_loc(t), expected=str(expected), actual=str(s), source=f"分值权重 {parts} = {s}",
        )


# ---------------------------------------------------------------------------------------------
# Y605 years

# the years of the values, names and goals are read in parse (Indicator.value_years, name_years,
# PerformanceTable.goal_years)


@rule("Y605", "绩效目标年度与预算年度不一致", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance",))
def target_years(doc: Document) -> Iterator[Problem]:
    """绩效目标表的年度、指标值和目标文字中的年份应为预算年度。

    查什么：表的年度、指标值中的年份和绩效目标中的年份都是预算年度。
    What: The table's year, the years in its target values and in its goal are the budget year.

    为什么：2024 年预算设定 2024 年的目标；写着其他年份的目标多半是从别的年度的表复制来、没有更新。
    Why: a 2024 budget sets 2024 targets; a target dated in another year was most likely copied
    from another year's table and not updated.

    示例：2024 年文件中的时效指标“完成各类监督检查任务时间 2025 年 11 月 30 日前”，或表头写着（2023 年）。表的印刷年度（警告）；指标值中的年份（警告）；指标名称中的年份或目标文字中的“YYYY 年度”既不是预算年度、又不是作为比较引出（较 / 比 / 截至）的——只作提示，因为有时是故意写基年（如 2023 年表中的“2022年重复参保人数”）。
    Example: in a 2024 document, 时效指标 “完成各类监督检查任务时间 2025 年 11 月 30 日前”, or a
    table headed (2023 年).
    Checks: the table's printed year (warning); a year in a 指标值 (warning); a year in an
    indicator name or a “YYYY 年度” in the goal text that is neither the budget year nor
    introduced as a comparison (较/比/截至) — ``info``, as these sometimes name the base year on
    purpose (e.g. 2022年重复参保人数 in a 2023 table).

    筹备阶段（论证、调研、方案设计、招标等）的年份早于预算年度、而同表其他时效指标都在预算年度内的，是项目各阶段的时间表；
    按项目执行期限设定（资金可跨年使用）的较晚年份，亦同：均为 ``info``。
    A year before the budget year in a preparatory phase (论证, 调研, 方案设计, 招标 …) of a table whose
    other 时效指标 fall in the budget year is a timeline of the project's phases, and a later year in a
    target set by the project's 执行期限 (funds that may be spent into the next year): ``info``.

    容差：无，年份须准确。
    Tolerance: none, years are exact.
    """
    any_year = False
    for t in doc.performance:
        by = _budget_year(doc, t)
        if by is None:
            continue
        any_year = True
        if t.year is not None and doc.year is not None and t.year != doc.year:
            yield Problem(
                f"{_name(t)}标注年度 {t.year} 年，预算年度为 {doc.year} 年",
                location=_loc(t), expected=str(doc.year), actual=str(t.year), source=t.title,
            )
        in_year = any(by in i.value_years for i in t.indicators)
        for ind in t.indicators:
            # one finding per indicator, however often its value names the other year
            # (2021年1月1日至2021年12月31日)
            for y in sorted({y for y in ind.value_years if y != by}):
                # a timeline of the project's phases: the preparation done the year before, the
                # work in the budget year
                phase = y == by - 1 and in_year and ind.timeline == "preparation"
                period = y > by and ind.timeline == "execution-period"
                why = ("（前期工作阶段，其余阶段在预算年度内）" if phase
                       else "（指标按项目执行期限设定，执行期可跨年）" if period else "")
                yield Problem(
                    f"{_name(t)}指标“{ind.level3 or ind.level2 or '（未命名）'}”的指标值为 {ind.value_text}，"
                    f"年份 {y} 与预算年度 {by} 不一致{why}",
                    location=_loc(t, ind), expected=str(by), actual=str(y), source=ind.value_text,
                    severity="info" if why else None,
                )
            for y in ind.name_years:
                if y != by:
                    yield Problem(
                        f"{_name(t)}指标名称“{ind.level3}”含年份 {y}，预算年度为 {by}",
                        location=_loc(t, ind), expected=str(by), actual=str(y), source=ind.level3,
                        severity="info",
                    )
        for m in t.goal_years:
            y = m.year
            if y != by:
                start = max(0, m.start - 10)
                yield Problem(
                    f"{_name(t)}的目标文字写“{y} 年度”，预算年度为 {by}",
                    location=_loc(t), expected=str(by), actual=str(y),
                    source=(t.goal or "")[start : m.end + 20], severity="info",
                )
    if not any_year:
        raise CannotRun("未读出预算年度")


