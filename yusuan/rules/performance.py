"""Y6xx — performance target tables (绩效目标表): against the projects, and within themselves.

A 项目支出绩效目标表 restates a project's budget and sets measurable targets for it; the 部门整体
绩效目标表 does the same for the department. These rules check that every project has its table,
that the figures agree with the project tables and the 情况说明, and that the targets themselves
are coherent (weights, years, units, bounds).

Amounts are compared with the shared rounding tolerance (``yusuan.audit.tolerance``): the same
figure printed twice at the same precision must be equal; a difference within the printed
precision is ``info`` (category ``rounding``).
"""

from __future__ import annotations

import copy
import difflib
import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.amounts import parse_number
from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.audit.index import AmountIndex, NameIndex, per_audit
from yusuan.audit.tolerance import equal_tolerance, fmt, sum_tolerance, verdict
from yusuan.model import Amount, Document, Indicator, PerformanceTable

FAMILY = "performance"
BASIS_PERF = "财预〔2017〕12号（绩效目标管理）；模板惯例"
_GPB_PROJECT = "一般公共预算项目支出情况表"
_NARRATIVE = "项目支出情况说明"
_PROJECT_TOTAL = "项目支出预算表"


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _squash(text: str | None) -> str:
    t = re.sub(r"\s+", "", text or "")
    return t.translate(str.maketrans("（）：，", "():,"))


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


def _section_text(doc: Document) -> str:
    return "\n".join(f"{s.title}\n{s.text}" for s in doc.sections)


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
    s = _squash(name)
    return re.sub(r"[\"“”'‘’《》]", "", s)


def _similar(a: str, b: str) -> bool:
    a, b = _norm_project(a), _norm_project(b)
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a in b or b in a):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


_WITHHELD_RE = re.compile(r"不予公开|不公开|涉密|保密")
_NO_TABLE_RE = re.compile(r"(未|不|无需|无须)(编制|设置|公开|予公开)[^。；]{0,10}绩效目标|绩效目标表?[^。；]{0,12}(未编制|不予公开|不公开|无需编制)")


def _declared_without_table(doc: Document, name: str) -> bool:
    """The document says this project has no (published) target table."""
    key = _norm_project(name)
    return bool(key) and any(key in sentence for sentence in _no_table_sentences(doc))


def _no_table_sentences(doc: Document) -> list[str]:
    """The sentences (normalised) that say a target table is not published: split once per audit."""
    def compute() -> list[str]:
        return [_norm_project(s) for s in re.split(r"[。；\n]", _section_text(doc)) if _NO_TABLE_RE.search(s)]

    return per_audit("performance.no_table_sentences", compute)


def _project_sources(doc: Document) -> list[list[_Proj]]:
    """The projects of the 项目支出表 and of the 项目情况说明, each source a list."""
    narrative_withheld = {
        _norm_project(p.name) for p in doc.projects
        if any(_WITHHELD_RE.search(x or "") for x in (p.basis, p.allocation, p.period))
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
        same_projects = [k for k in open_by_amount.near(p.amount) if k not in pairs
                         and _same_amount(projs[k].amount, p.amount) != "error"]  # type: ignore[arg-type]
        cands = [j for j in table_by_amount.near(p.amount) if j in free and _amount_equal(p, tables[j])]
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
                v = _same_amount(p.amount, tot)
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
    """Every project of the 项目支出表 and of the 项目情况说明 has a 项目支出绩效目标表.

    The projects are those of the 一般公共预算项目支出情况表, of the 项目支出情况说明, and of a
    项目支出预算表 that lists projects by budget unit (Zhejiang); tables include the lists of
    project goals without indicators (项目支出绩效表).

    Why: 预算公开 publishes the performance targets of the projects it funds; a project without a
    table is either unpublished or filed under another name (see Y603).
    Example: 信息化运维项目 17.03 万元 is in 表7 but no 绩效目标表 names it or has its amount.
    Projects are paired with tables by name and amount, then by an amount no other project
    shares, then by name. A project the document says is withheld (涉密, 不予公开, 未编制绩效目标表)
    is reported as ``info``. Tolerance: amounts pair when equal at their printed precision.
    """
    yield from _findings(doc, "Y601")


@rule("Y602", "项目金额与绩效目标表不一致", family=FAMILY, severity="error", basis=BASIS_PERF,
      needs=("performance",))
def project_amount_mismatch(doc: Document) -> Iterator[Problem]:
    """A project's amount in the 项目支出表 / 情况说明 (预算安排规模) equals its target table's 总额.

    Why: both print the same year's budget for the same project; two different figures cannot both
    be true. Example: 情况说明 预算安排规模 100.03 万元, 绩效目标表 年度资金总额 100.02 万元.
    Tolerance: the same figure printed at the same precision must be equal; a difference within
    the printed precision (10 vs 10.00x) is ``info``.
    """
    yield from _findings(doc, "Y602")


@rule("Y603", "绩效目标表项目名称与项目表不一致", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance",))
def project_name_mismatch(doc: Document) -> Iterator[Problem]:
    """A target table whose amount is a project's (and no other project's) carries another name.

    Why: the table most likely belongs to that project but was retitled or copied from another
    project's table. Example: 表7 “2024 年综合业务费” 86.78 万元; the only 86.78 万元 绩效目标表
    is titled “2024 年综合运行费”. Names are compared after removing spaces and punctuation
    variants; one containing the other, or 85 % alike, counts as the same name. Tolerance: the
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
    """The 分值权重 of a table's indicators add up to the template's total (90 or 100).

    Why: the weights are the scoring of the later 绩效自评; templates give 100 points to the
    indicators, or 90 to the indicators and 10 to the budget execution rate. A table whose weights
    make neither has a lost, doubled or mistyped weight. The document's own convention decides
    between 90 and 100 (the total most of its tables of the same kind reach, else most of its
    tables, else the nearer).
    Example: weights 10+10+10+10+20+20+5 = 85. Tolerance: none (weights are whole points as printed);
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

_YEAR_IN_RE = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_GOAL_YEAR_RE = re.compile(r"(?<![较比与至止])\s*((?:19|20)[0-9]{2})\s*年度")


@rule("Y605", "绩效目标年度与预算年度不一致", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance",))
def target_years(doc: Document) -> Iterator[Problem]:
    """The table's year, the years in its target values and in its goal are the budget year.

    Why: a 2024 budget sets 2024 targets; a target dated in another year was most likely copied
    from another year's table and not updated.
    Example: in a 2024 document, 时效指标 “完成各类监督检查任务时间 2025 年 11 月 30 日前”, or a
    table headed (2023 年).
    Checks: the table's printed year (warning); a year in a 指标值 (warning); a year in an
    indicator name or a “YYYY 年度” in the goal text that is neither the budget year nor
    introduced as a comparison (较/比/截至) — ``info``, as these sometimes name the base year on
    purpose (e.g. 2022年重复参保人数 in a 2023 table). Tolerance: none, years are exact.
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
        for ind in t.indicators:
            for m in _YEAR_IN_RE.finditer(ind.value_text or ""):
                y = int(m.group(1))
                if y != by:
                    yield Problem(
                        f"{_name(t)}指标“{ind.level3}”的指标值为 {ind.value_text}，年份 {y} 与预算年度 {by} 不一致",
                        location=_loc(t, ind), expected=str(by), actual=str(y), source=ind.value_text,
                    )
            for m in _YEAR_IN_RE.finditer(ind.level3 or ""):
                y = int(m.group(1))
                if y != by:
                    yield Problem(
                        f"{_name(t)}指标名称“{ind.level3}”含年份 {y}，预算年度为 {by}",
                        location=_loc(t, ind), expected=str(by), actual=str(y), source=ind.level3,
                        severity="info",
                    )
        for m in _GOAL_YEAR_RE.finditer(t.goal or ""):
            y = int(m.group(1))
            if y != by:
                start = max(0, m.start() - 10)
                yield Problem(
                    f"{_name(t)}的目标文字写“{y} 年度”，预算年度为 {by}",
                    location=_loc(t), expected=str(by), actual=str(y),
                    source=(t.goal or "")[start : m.end() + 20], severity="info",
                )
    if not any_year:
        raise CannotRun("未读出预算年度")


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
# (pattern on the indicator name, the families that fit it); the first matching pattern decides
# How a name ends decides before what it contains ("…比例企业审核补助资金平均金额" counts money), except
# that a share named anywhere makes a share of people a percentage.
# Counts of times are commonly given in 人次 (参加活动次数 ≥10人次) and frequencies as a period
# (支出频次 =1月).
_NAME_FAMILIES: list[tuple[re.Pattern[str], set[str]]] = [
    (re.compile(r"((?<![频效])率|比例|比率|满意度)(\(%\))?$"), {"percent"}),
    (re.compile(r"(金额|费用|经费|资金数|成本|支出|标准\(元\))(\(.*\))?$"), {"money"}),
    (re.compile(r"占比|比例|比率"), {"percent"}),  # "…数量占比在校人数" is a share
    (re.compile(r"(人数|人次|人次数|人员数量|人员数|户数|名额)(\(.*\))?$"), {"people"}),
    (re.compile(r"(场次|次数|频次|频率|批次|期数|轮次)(\(.*\))?$"), {"times", "duration"}),
    (re.compile(r"(天数|日数|月数|时长|期限)(\(.*\))?$"), {"duration"}),
]
# a target worded as a change ("降低企业参展成本 ≤100%") may be a percentage whatever it names
_CHANGE_NAME_RE = re.compile(r"^(降低|减少|节约|节省|压减|控制|提高|提升|增加|缩短)")
# rates that templates set as a time limit (及时率 ≤30日, 按期完成率 ≤11月) or count as hits (点击率 ≥10000人次)
_LOOSE_RATE_RE = re.compile(r"(及时|按期|按时|准时|时效)[^率性]{0,4}(率|性)$|(点击|浏览|访问|阅读)(率|量)$")
_PERSON_TIMES = {"人次", "人/次", "万人次"}
_PEOPLE_ACTIVITY_RE = re.compile(r"参加|参与|培训|服务|接待|访问|就诊|受益|利用|查询|咨询|救助|走访|慰问|体检")
# an indicator "name" longer than this is a sentence describing the target, not a named measure
_MAX_NAME = 24


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


def _unit_of(text: str | None) -> str | None:
    m = re.match(r"^\s*(?:[<>≤≥＜＞=＝]\s*=?)?\s*[0-9][0-9,.\s]*\s*(\S+)\s*$", text or "")
    return m.group(1) if m else None


@rule("Y606", "计量单位与指标不符", family=FAMILY, severity="warning", basis="模板惯例", needs=("performance",))
def unit_fits_indicator(doc: Document) -> Iterator[Problem]:
    """The unit of a target fits what the indicator counts.

    Why: a unit of another kind means the value was typed into the wrong row or copied from
    another indicator.
    Example: “举办活动场次 ≥30 人”; 上年完成值 “=63.39万元” for 参保人数 “>=63.39万人”.
    The indicator's kind comes from how its name ends (…率/比例/满意度 → %, …人数/人次 → people,
    …场次/次数 → times, also counted in 人次 or per period, …金额/费用/成本/支出 → money, …天数/期限 →
    duration); only units of a known other kind are reported. The 上年完成值 is checked against the
    indicator's own target unit.
    Tolerance: a unit outside the known lists is never judged; nor names longer than 24 characters
    (a sentence describing the target), …效率 (工作效率 is qualitative), rates set as a time limit or
    counted as hits (及时率 ≤30日, 按期完成率 ≤11月, 点击率 ≥10000人次), and a percentage for a target
    worded as a change (降低…成本 ≤100%).
    """
    for t in doc.performance:
        for ind in t.indicators:
            name = _squash(ind.level3)
            if not name:
                continue
            wanted = next((fams for pat, fams in _NAME_FAMILIES if pat.search(name)), None)
            fam = _family(ind.unit)
            if len(name) > _MAX_NAME or _LOOSE_RATE_RE.search(name):
                wanted = None
            elif wanted is not None and _CHANGE_NAME_RE.match(name):
                wanted = wanted | {"percent"}
            if wanted == {"times", "duration"} and _squash(ind.unit or "") in _PERSON_TIMES \
                    and _PEOPLE_ACTIVITY_RE.search(name):
                wanted = None  # "参加学术交流活动次数 ≥10人次" counts people; "媒体报道次数 ≥15000人次" does not
            if wanted and fam and fam not in wanted:
                yield Problem(
                    f"{_name(t)}指标“{ind.level3}”的指标值单位为“{ind.unit}”，与指标含义不符",
                    location=_loc(t, ind), expected="或".join(_FAMILY_NAMES[f] for f in sorted(wanted)),
                    actual=ind.unit,
                    source=f"{ind.level3} {ind.value_text}",
                )
                continue
            ly_unit = _unit_of(ind.last_year)
            ly_fam = _family(ly_unit)
            if fam and ly_fam and fam != ly_fam:
                yield Problem(
                    f"{_name(t)}指标“{ind.level3}”的指标值单位“{ind.unit}”与上年完成值单位“{ly_unit}”不是同一类",
                    location=_loc(t, ind), expected=ind.unit, actual=ly_unit,
                    source=f"{ind.level3} 指标值 {ind.value_text}，上年完成值 {ind.last_year}",
                )


# ---------------------------------------------------------------------------------------------
# Y607 rates

# rates where more is better; an upper bound on them makes no sense
_GOOD_RATE_RE = re.compile(
    r"(覆盖率|合格率|完成率|达标率|参保率|知晓率|及时率|满意度|满意率|执行率|到位率|准确率|通过率|上岗率|"
    r"正确率|使用率|利用率|普及率|落实率|达成率|畅通率|运行率|结算率|办结率|受理率|响应率|验收率|支付率|"
    r"参与率|缴费率|回收率)"
)


@rule("Y607", "比率类指标设上限或超过100%", family=FAMILY, severity="warning", basis="模板惯例",
      needs=("performance",))
def rate_bounds(doc: Document) -> Iterator[Problem]:
    """A quality or coverage rate (覆盖率, 合格率, 完成率, 满意度 …) targets at least a value ≤ 100 %.

    Why: an upper bound makes a lower coverage a success — the operator was most likely typed the
    wrong way round; a target above 100 % cannot be met.
    Example: “居民参保覆盖率 <=85%”. Tolerance: none.
    Rates where less is better (差错率, 投诉率, 发生率 …) are not checked, nor rates set as a time
    limit (“及时率 ≤30个工作日”). “≥100%” is accepted.
    """
    for t in doc.performance:
        for ind in t.indicators:
            name = _squash(ind.level3)
            m = _GOOD_RATE_RE.search(name)
            if m is None or m.end() < len(name) - 3:
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

_OVERALL_CLAIM_RE = re.compile(r"整体(?:预算)?绩效目标\s*\d+\s*个[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*万元")


def _num_amount(text: str) -> Amount | None:
    v = parse_number(text)
    return None if v is None else Amount(value=v, text=text)


@rule("Y608", "部门整体绩效目标表资金总额不符", family=FAMILY, severity="error", basis="算术",
      needs=("performance",))
def overall_amounts(doc: Document) -> Iterator[Problem]:
    """The 部门整体绩效目标表's 资金总额 equals its parts and the document's total.

    Why: the table states the department's whole budget by source; its total, its sources and the
    document's own figures describe the same money.
    Example: 上级安排 17.29 + 本级安排 1,088.16 + 其他 29.46 = 1,134.91, and the text says
    “整体预算绩效目标 1 个，涉及预算金额 1,134.91 万元”.
    Checks: 资金总额 = 财政资金 (上级安排 + 本级安排) + 其他资金, and = 基本支出 + 项目支出 where
    the table splits it that way (error beyond rounding); and the
    total (printed, or the sum of its parts when the total cell is blank) against the 情况说明's
    “整体预算绩效目标 1 个，涉及金额 X 万元” and against the 收支总表's 总计 (warning — the scope
    of the two can differ by the carry-over, so it is flagged for a reviewer, not called wrong).
    Tolerance: rounding of the printed figures (``info``); a source printed as 0 is absent.
    """
    overall = _tables(doc, "overall")
    if not overall:
        raise NotApplicable("文件没有部门整体绩效目标表")
    m = _OVERALL_CLAIM_RE.search(_section_text(doc))
    claim = _num_amount(m.group(1)) if m else None
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

_NUM = r"([0-9][0-9,，]*(?:\.[0-9]+)?)"
_CLAIMS: list[tuple[str, re.Pattern[str]]] = [
    ("fiscal", re.compile(rf"(?<!非)财政拨款项目\s*(?:(\d+)\s*个)?[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*{_NUM}\s*万元")),
    ("nonfiscal", re.compile(rf"非财政拨款项目\s*(?:(\d+)\s*个)?[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*{_NUM}\s*万元")),
    ("all", re.compile(rf"(?:实行|实施)?(?:预算)?绩效管理的(?:一般公共预算)?项目\s*(\d+)\s*个[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*{_NUM}\s*万元")),
]
_KIND_NAMES = {"fiscal": "财政拨款项目", "nonfiscal": "非财政拨款项目", "all": "实行绩效管理的项目"}


def _is_fiscal(t: PerformanceTable) -> bool | None:
    f = t.amounts.get("fiscal")
    if f is not None:
        return f.value > 0
    return None


@rule("Y609", "预算绩效情况说明与绩效目标表不符", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance", "sections"))
def performance_paragraph(doc: Document) -> Iterator[Problem]:
    """The 预算绩效情况 paragraph's project counts and amounts match the published target tables.

    Why: the sentence announces the tables that follow; when they do not add up to it, one of them
    (or the sentence) is wrong.
    Example: “财政拨款项目 4 个，涉及预算金额 141.20 万元” while the four tables total 149.24 万元.
    Tables with 财政拨款 > 0 count as 财政拨款项目, the others as 非财政拨款项目. Skipped when no
    table of that kind is published (withheld tables are Y601's business). Tolerance: the sum of n
    tables may differ from the sentence by rounding (``info``).
    """
    text = _section_text(doc)
    tables = _tables(doc, "project")
    if not tables:
        raise NotApplicable("文件没有项目支出绩效目标表")
    seen = False
    for kind, pat in _CLAIMS:
        m = pat.search(text)
        if not m:
            continue
        seen = True
        count = int(m.group(1)) if m.group(1) else None
        claimed = _num_amount(m.group(2))
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
        sentence = m.group(0)
        if count is not None and count != len(chosen):
            yield Problem(
                f"预算绩效情况称{_KIND_NAMES[kind]} {count} 个，公开的绩效目标表有 {len(chosen)} 个",
                location=Location(section="预算绩效情况"), expected=str(count), actual=str(len(chosen)),
                source=sentence,
            )
        v = verdict(claimed.value, s, sum_tolerance(claimed, totals))
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

_GOAL_AMOUNT_RE = re.compile(rf"(?:安排|预算|总额|资金)[^。；，,]{{0,6}}?{_NUM}\s*万元")


@rule("Y610", "目标文字中的金额与预算总额不符", family=FAMILY, severity="warning", basis=BASIS_PERF,
      needs=("performance",))
def goal_amount(doc: Document) -> Iterator[Problem]:
    """The amount a project's goal text states (“本项目安排预算资金 11.96 万元”) is its 年度预算总额.

    Why: the goal text and the amount cell describe the same budget; a goal text copied from
    another project, or an amount not updated, shows as two different figures.
    Example: 年度预算总额 20.00, goal “本项目安排预算资金 11.96万元…”.
    Only the first amount introduced by 安排/预算/资金/总额 (within six characters) is compared;
    breakdowns such as “33.63 万元用于…” are not. Tolerance: figures
    printed at the same precision must be equal; otherwise rounding is ``info``.
    """
    for t in _tables(doc, "project"):
        tot = t.amounts.get("total")
        if tot is None or not t.goal:
            continue
        m = _GOAL_AMOUNT_RE.search(t.goal)
        if not m:
            continue
        stated = _num_amount(m.group(1))
        if stated is None:
            continue
        v = _same_amount(stated, tot)
        if v == "ok":
            continue
        yield Problem(
            f"{_name(t)}：目标文字称预算 {fmt(stated.value)} 万元，年度预算总额为 {fmt(tot.value)} 万元",
            location=_loc(t), expected=tot.text, actual=stated.text, source=m.group(0),
            severity="info" if v == "rounding" else None, category="rounding" if v == "rounding" else None,
        )


_COST_RE = re.compile(r"成本")
_WHOLE_COST_RE = re.compile(r"总成本|总投入|投入总数|控制数|总额|预算控制|成本控制|项目支出总|总支出$|资金总")
_UPPER_OPS = {"<=", "≤", "=", "＝", "<", "＜", "⩽", None}


@rule("Y611", "成本指标合计超过预算总额", family=FAMILY, severity="warning", basis="算术", needs=("performance",))
def cost_over_budget(doc: Document) -> Iterator[Problem]:
    """The 成本指标 in 万元/元 of a project (each a ceiling) add up to no more than its 年度预算总额.

    Why: cost indicators split the project's money; caps adding up to more than the budget mean a
    cap or the budget is wrong.
    Example: 年度预算总额 10.00 with caps ≤6.3 万元 and ≤52000 元 (11.50 万元). Only indicators under a 成本 level whose target is an amount
    (≤, = or bare) in 元 or 万元 count; unit prices (元/人) do not. An indicator that caps the whole
    project (项目总成本, 财政投入控制数 …) is compared alone instead of being added to its parts.
    A cap equal to the budget is taken as the whole, the others as its parts. Not applied to
    projects with no money this year, nor to projects split from a wide table listing several
    projects (Beijing's 预算表12), where a page break can move a cost indicator to the next project.
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
            if not (_COST_RE.search(ind.level1 or "") or _COST_RE.search(ind.level2 or "")):
                continue
            unit = _squash(ind.unit)
            if unit not in ("万元", "元") or ind.operator not in _UPPER_OPS:
                continue
            v = parse_number(ind.value or "")
            if v is None:
                continue
            amt = Amount(value=v / 10000 if unit == "元" else v, text=ind.value or "", unit=unit)
            (whole if _WHOLE_COST_RE.search(_squash(ind.level3)) else caps).append(amt)
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
    """A project table's 财政拨款 + 其他资金 equals its 年度预算总额.

    Why: the two sources are the total's only parts; they cannot add up to another figure.
    Example: 年度预算总额 29.45, 其中：财政拨款 0.00, 其他资金 29.46. Tolerance: rounding of the
    printed figures (``info``); a source printed as 0 is absent, so 29.45 against 0.00 + 29.46 is
    an error.
    """
    for t in _tables(doc, "project"):
        a = t.amounts
        if "total" not in a or "fiscal" not in a or "other" not in a:
            continue
        parts = [a["fiscal"], a["other"]]
        s = a["fiscal"].value + a["other"].value
        v = verdict(a["total"].value, s, sum_tolerance(a["total"], _nonzero(parts)))
        if v == "ok":
            continue
        yield Problem(
            f"{_name(t)}：年度预算总额 {fmt(a['total'].value)} 万元，财政拨款 {fmt(a['fiscal'].value)} 万元 + "
            f"其他资金 {fmt(a['other'].value)} 万元 = {fmt(s)} 万元",
            location=_loc(t), expected=fmt(s), actual=a["total"].text,
            source=f"{a['fiscal'].text} + {a['other'].text} ≠ {a['total'].text}",
            severity="info" if v == "rounding" else None, category="rounding" if v == "rounding" else None,
        )
