"""What the performance texts say beyond their figures, read once so that the performance rules
(Y6xx) compare fields: the years printed in indicator values, names and goals; whether a
project's description or a section says its target table is withheld or not compiled; the kind
of unit an indicator's name calls for, the unit of its 上年完成值, whether it is a rate where more
is better or a cap on the whole project's cost; the amount a goal text states; and the 情况说明's
statements of the counts and amounts of the target tables.

Run with yusuan.parse.claim_details (the last parse stage).
"""

from __future__ import annotations

import re
from typing import Literal

from yusuan.model import Document, PerformanceStatement, StatedAmount, YearMention

_YEAR_IN_RE = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_GOAL_YEAR_RE = re.compile(r"(?<![较比与至止])\s*((?:19|20)[0-9]{2})\s*年度")
_WITHHELD_RE = re.compile(r"不予公开|不公开|涉密|保密")
_NO_TABLE_RE = re.compile(r"(未|不|无需|无须)(编制|设置|公开|予公开)[^。；]{0,10}绩效目标|绩效目标表?[^。；]{0,12}(未编制|不予公开|不公开|无需编制)")


def years_in(text: str | None) -> list[int]:
    """The years printed as "YYYY 年" in a text, in order."""
    return [int(m.group(1)) for m in _YEAR_IN_RE.finditer(text or "")]


def goal_years(text: str | None) -> list[YearMention]:
    """Each "YYYY 年度" of a goal text that is not a comparison (较 2023 年度, 比…, 至…)."""
    return [YearMention(year=int(m.group(1)), start=m.start(), end=m.end())
            for m in _GOAL_YEAR_RE.finditer(text or "")]


def no_target_table(title: str, text: str) -> list[str]:
    """The sentences of a section that say a target table is not compiled or not published."""
    return [s for s in re.split(r"[。；\n]", f"{title}\n{text}") if _NO_TABLE_RE.search(s)]


def read_performance_details(doc: Document) -> None:
    for t in doc.performance:
        t.goal_years = goal_years(t.goal)
        for ind in t.indicators:
            ind.value_years = years_in(ind.value_text)
            ind.name_years = years_in(ind.level3)
    for p in doc.projects:
        p.withheld = any(_WITHHELD_RE.search(x or "") for x in (p.basis, p.allocation, p.period))
    for s in doc.sections:
        s.no_target_table = no_target_table(s.title, s.text)
    read_indicator_details(doc)


# --------------------------------------------------------------------------------------------
# Indicators: the kind of unit a name calls for, the unit of the 上年完成值, rates, whole costs


def squash(text: str | None) -> str:
    """A printed name without whitespace, full-width brackets and punctuation made half-width."""
    return "".join((text or "").split()).translate(str.maketrans("（）：，", "():,"))


# (pattern on the indicator name, the kinds of unit that fit it); the first matching pattern decides
# How a name ends decides before what it contains ("…比例企业审核补助资金平均金额" counts money), except
# that a share named anywhere makes a share of people a percentage.
# Counts of times are commonly given in 人次 (参加活动次数 ≥10人次) and frequencies as a period
# (支出频次 =1月).
_NAME_KINDS: list[tuple[re.Pattern[str], set[str]]] = [
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
# a name that states a capability or an outcome to reach ("能够按照…核算出相关税费金额") is no
# named measure: its target is commonly an achievement rate (≥95 %), whatever noun it ends with
_STATEMENT_NAME_RE = re.compile(r"^(能够|能否|是否|可以)")
# rates of a physical quantity, not shares (视频档案帧率 ≥24 次 is frames per second); 成功率 and
# 扫码率 are shares
_PHYSICAL_RATE_RE = re.compile(r"(帧|(?<!成)功|分辨|刷新|采样|比特)率$")
_PERSON_TIMES = {"人次", "人/次", "万人次"}
_PEOPLE_ACTIVITY_RE = re.compile(r"参加|参与|培训|服务|接待|访问|就诊|受益|利用|查询|咨询|救助|走访|慰问|体检")
# an indicator "name" longer than this is a sentence describing the target, not a named measure
_MAX_NAME = 24

# rates where more is better; an upper bound on them makes no sense
_GOOD_RATE_RE = re.compile(
    r"(覆盖率|合格率|完成率|达标率|参保率|知晓率|及时率|满意度|满意率|执行率|到位率|准确率|通过率|上岗率|"
    r"正确率|使用率|利用率|普及率|落实率|达成率|畅通率|运行率|结算率|办结率|受理率|响应率|验收率|支付率|"
    r"参与率|缴费率|回收率)"
)
_WHOLE_COST_RE = re.compile(r"总成本|总投入|投入总数|控制数|总额|预算控制|成本控制|项目支出总|总支出$|资金总")


def unit_kinds(level3: str | None, unit: str | None) -> list[str]:
    """The kinds of unit ("percent", "money", "people", "times", "duration") the indicator's name
    calls for; empty when the name does not decide (a sentence, a capability stated as 能够…, a
    loose rate, a physical rate such as 帧率, 参加…次数 in 人次)."""
    name = squash(level3)
    if not name:
        return []
    wanted = next((kinds for pat, kinds in _NAME_KINDS if pat.search(name)), None)
    if (len(name) > _MAX_NAME or _LOOSE_RATE_RE.search(name) or _STATEMENT_NAME_RE.match(name)
            or _PHYSICAL_RATE_RE.search(name)):
        wanted = None
    elif wanted is not None and _CHANGE_NAME_RE.match(name):
        wanted = wanted | {"percent"}
    if wanted == {"times", "duration"} and squash(unit or "") in _PERSON_TIMES and _PEOPLE_ACTIVITY_RE.search(name):
        wanted = None  # "参加学术交流活动次数 ≥10人次" counts people; "媒体报道次数 ≥15000人次" does not
    return sorted(wanted or ())


def unit_of(text: str | None) -> str | None:
    """The unit of a printed value such as "≥63.39万人"."""
    m = re.match(r"^\s*(?:[<>≤≥＜＞=＝]\s*=?)?\s*[0-9][0-9,.\s]*\s*(\S+)\s*$", text or "")
    return m.group(1) if m else None


# the load of a machine or a resource (云主机使用率 ≤80%): an upper bound keeps headroom
_CAPACITY_RE = re.compile(r"主机|服务器|存储|带宽|CPU|cpu|内存|磁盘|负载|机房|机柜|容量")


def good_rate(level3: str | None) -> bool:
    """The indicator measures a rate where more is better (覆盖率, 满意度 …), not a word in a cost's
    name, nor the load of a machine (云主机使用率)."""
    name = squash(level3)
    m = _GOOD_RATE_RE.search(name)
    return m is not None and m.end() >= len(name) - 3 and not _CAPACITY_RE.search(name)


# --------------------------------------------------------------------------------------------
# Statements of the 情况说明 and goal texts about the performance tables

_NUM = r"([0-9][0-9,，]*(?:\.[0-9]+)?)"
_STATEMENTS: list[tuple[str, re.Pattern[str]]] = [
    ("overall", re.compile(rf"整体(?:预算)?绩效目标\s*()\d+\s*个[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*{_NUM}\s*万元")),
    ("fiscal", re.compile(rf"(?<!非)财政拨款项目\s*(?:(\d+)\s*个)?[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*{_NUM}\s*万元")),
    ("nonfiscal", re.compile(rf"非财政拨款项目\s*(?:(\d+)\s*个)?[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*{_NUM}\s*万元")),
    ("all", re.compile(rf"(?:实行|实施)?(?:预算)?绩效管理的(?:一般公共预算)?项目\s*(\d+)\s*个[，,]?\s*涉及(?:预算)?(?:金额|资金)\s*{_NUM}\s*万元")),
]
_GOAL_AMOUNT_RE = re.compile(rf"(?:安排|预算|总额|资金)[^。；，,]{{0,6}}?{_NUM}\s*万元")


def performance_statements(doc: Document) -> list[PerformanceStatement]:
    """The first statement of each kind in the 情况说明: "整体绩效目标 1 个，涉及金额 X 万元",
    "财政拨款项目 n 个，涉及预算金额 X 万元", "非财政拨款项目 …", "实行绩效管理的项目 n 个 …"."""
    text = "\n".join(f"{s.title}\n{s.text}" for s in doc.sections)
    out = []
    for kind, pat in _STATEMENTS:
        m = pat.search(text)
        if m:
            count = int(m.group(1)) if m.group(1) else None
            out.append(PerformanceStatement(kind=kind, count=count, amount_text=m.group(2), text=m.group(0)))
    return out


# a sentence about the whole of a project that runs over several years ("周期为2025.1-2027.12，总预算
# 349.0万元"): its amount is the period's, not the year's
_PERIOD_RE = re.compile(r"周期|项目期|实施期|执行期|[0-9]{4}\s*[年.]\s*(?:[0-9]{1,2}\s*月?)?\s*[-—–~至到]+\s*[0-9]{4}")


# the items of a numbered list in a goal text: (1) （2） ① …
_ITEM_MARK_RE = re.compile(r"[（(]\s*[0-9一二三四五六七八九十]{1,2}\s*[)）]|[①-⑩]")
# an amount of money, not a rate ("4.5万元/人/年")
_MONEY_RE = re.compile(r"[0-9][0-9,，]*(?:\.[0-9]+)?\s*万元(?!\s*[/／每])")
# a second amount listed right beside the first ("城市低保3144万元，农村低保9721万元")
_BESIDE_RE = re.compile(r"\s*[，,、；;]\s*[^0-9。，,、；;]{1,16}?[0-9][0-9,，]*(?:\.[0-9]+)?\s*万元(?!\s*[/／每])")


_BUDGET_WORDS_RE = re.compile(r"安排|预算|总额|资金|需要|需|共计|共|合计|为|是|[:：\s]")
# what follows an amount to say what it is made of or used for, rather than naming a second part
_WHOLE_OR_USE_RE = re.compile(r"其中|包括|含|用于|主要|共|合计|总")


def _one_of_parts(text: str, m: re.Match[str]) -> bool:
    """The amount is one part of an enumeration of the project's money, not its total: an item
    of a numbered list whose later items state money too ("(1)…需预算安排479.25万元。(2)…需预算安排
    91.92万元"), or an amount with another listed beside it ("城市低保3144万元，农村低保9721万元")."""
    marks = list(_ITEM_MARK_RE.finditer(text))
    later = [k.start() for k in marks if k.start() >= m.end()]
    if any(k.start() < m.start() for k in marks) and later and _MONEY_RE.search(text, later[0]):
        return True
    # a named part ("安排城市低保3144万元") with another named part beside it; an amount named by the
    # budget words alone ("安排预算资金 100 万元，用于设备 20 万元") is the whole, whatever follows
    name = _BUDGET_WORDS_RE.sub("", text[m.start():m.start(1)])
    if len(name) < 2:
        return False
    beside = _BESIDE_RE.match(text, m.end())
    return beside is not None and not _WHOLE_OR_USE_RE.match(beside.group(0).lstrip("，,、；; "))


def goal_amount(goal: str | None) -> StatedAmount | None:
    """The first amount a goal text introduces by 安排/预算/总额/资金 (within six characters), leaving
    out a sentence about a multi-year project period; None when that amount is one part of an
    enumeration of the project's money (the parts are not its 年度预算总额)."""
    text = goal or ""
    for m in _GOAL_AMOUNT_RE.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in "。；;\n") + 1
        if _PERIOD_RE.search(text[start : m.start()]):
            continue
        if _one_of_parts(text, m):
            return None
        return StatedAmount(amount_text=m.group(1), text=m.group(0))
    return None


# the preparatory phases of a project, which a timeline of 时效指标 may date the year before
_PREPARATION_RE = re.compile(r"论证|调研|前期|方案设计|立项|可行性研究|可研|招标")
# a target set by the project's execution period, which may run past the budget year (中央转移支付
# 项目 "按照项目经费执行期限，完成预算经费100%执行 2027年12月31日前完成")
_EXECUTION_PERIOD_RE = re.compile(r"执行期限|执行期|实施期|项目期|周期")


def timeline(level3: str | None) -> Literal["preparation", "execution-period"] | None:
    """The phase of the project's timeline an indicator's name names, if any."""
    name = squash(level3)
    if _EXECUTION_PERIOD_RE.search(name):
        return "execution-period"
    if _PREPARATION_RE.search(name):
        return "preparation"
    return None


# a count a goal text states: "参保任务人数 7.61万人", "购置办公设备 3台"; the unit must end there ("人" is
# not the start of "人次"); percentages and money are left out (a goal text quotes many of them)
_GOAL_COUNT_RE = re.compile(r"([0-9][0-9,，]*(?:\.[0-9]+)?)\s*([^\s0-9，,。；;、：:（）()%％]{1,3})")
_GOAL_CLAUSE_RE = re.compile(r"[，,。；;：:、]")
# the goal says it is this year's ("全年计划完成…", "2023年度计划…"): only then is an indicator held to it
_GOAL_THIS_YEAR_RE = re.compile(r"全年|本年|当年|年内|年度内|\d{4}年度?(?:计划|内|全年|预计|拟)")
_MIN_SHARED = 4  # characters of the indicator's name the goal's words before the count must share


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters ``a`` and ``b`` share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def goal_quantity(goal: str | None, level3: str | None, unit: str | None) -> StatedAmount | None:
    """The one count of the goal text in the indicator's unit whose words before it share the
    indicator's name (at least four characters and most of it); None when there is none or several."""
    name, u = squash(level3), squash(unit)
    if not goal or len(name) < _MIN_SHARED or not u or u in ("%", "元", "万元", "亿元", "千元") or len(name) > _MAX_NAME:
        return None
    text = squash(goal)
    if not _GOAL_THIS_YEAR_RE.search(text):
        return None  # a 实施期 goal may count the whole period, the indicators one year's
    found: list[StatedAmount] = []
    for m in _GOAL_COUNT_RE.finditer(text):
        if not m.group(2).startswith(u) or m.group(2) != u and len(m.group(2)) > len(u) \
                and not _GOAL_CLAUSE_RE.match(m.group(2)[len(u)]):
            continue
        before = _GOAL_CLAUSE_RE.split(text[max(0, m.start() - 20) : m.start()])[-1]
        shared = _shared_run(name, before)
        if shared >= _MIN_SHARED and shared * 5 >= len(name) * 3:
            found.append(StatedAmount(amount_text=m.group(1), text=before + m.group(1) + u))
    return found[0] if len({f.amount_text for f in found}) == 1 else None


def read_indicator_details(doc: Document) -> None:
    for t in doc.performance:
        t.goal_amount = goal_amount(t.goal)
        for ind in t.indicators:
            ind.goal_quantity = goal_quantity(t.goal, ind.level3, ind.unit)
            ind.unit_kinds = unit_kinds(ind.level3, ind.unit)
            ind.last_year_unit = unit_of(ind.last_year)
            ind.good_rate = good_rate(ind.level3)
            ind.whole_cost = _WHOLE_COST_RE.search(squash(ind.level3)) is not None
            ind.timeline = timeline(ind.level3)
    doc.performance_statements = performance_statements(doc)
