"""Claims: every number the 情况说明 states, as a structured record (``yusuan.model.Claim``).

A sentence such as

    一般公共预算 527.54 万元，占 94.29%，比上年预算减少 92.75 万元，下降 14.95%，主要原因是：…

becomes one Claim: subject ``income.gpb``, amount 527.54 万元, share 94.29, direction ``decrease``,
change 92.75 万元, change_percent 14.95, compared_to ``上年预算``, and the reason.

How: a sentence (ended by 。；) is cut into clauses (at ，：). A clause that names a subject opens a
claim; the numbers of the following clauses that name none belong to it (``，占 5.71%，比上年…``).
What the subject names depends on the section: ``基本支出`` is ``expense.basic`` in the 支出预算
section and ``gpb.basic`` in the 一般公共预算 sections. The reason (``主要原因是…``) and the
description (``主要用于…``) are never read for numbers: "增加 4 人" in a reason is not a claim.
A subject that cannot be told is left out rather than guessed.

``direction`` comes from the word of the change amount (增加/减少), or of the percentage when no
amount is given; ``change_percent_text`` keeps the percentage with its own word ("下降 9%"), so that
"增加 1 万元，下降 9%" — which cannot both be true — stays visible to the rules.
"""


from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from yusuan.amounts import parse_number, to_wan
from yusuan.model import Amount, Claim, Provenance
from yusuan.parse.claim_assets import held_asset, join_counts
from yusuan.parse.claim_codes import (
    ECON_CLASSES,
    FUNC_CLASSES,
    CodeIndex,
    code_first_item,
    coded_econ_item,
    norm_name,
)
from yusuan.parse.claim_reasons import ReasonPart, reason_parts
from yusuan.parse.claim_respectively import pair_respectively
from yusuan.parse.claim_subjects import (
    RESTRICTED_KINDS,
    SECTION_KINDS,
    SKIP_KINDS,
    SUBJECTS,
    find_subject,
    is_filler,
    section_kind,
)

__all__ = ["ECON_CLASSES", "FUNC_CLASSES", "SECTION_KINDS", "SKIP_KINDS", "SUBJECTS", "CodeIndex",
           "coded_econ_item", "extract_claims", "section_kind", "split_sentences"]

_NUM = r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"(亿元|万元|千元|元)"
_AMOUNT_RE = re.compile(_NUM + r"\s*" + _UNIT)
# an amount that bounds a class of things ("单价100万元以上设备", "单位价值50万元（含）以上"), not a figure
THRESHOLD_AFTER_RE = re.compile(r"\s*(?:[（(]含[)）])?\s*(?:及)?以[上下]")
THRESHOLD_RE = re.compile(_NUM + r"\s*" + _UNIT + THRESHOLD_AFTER_RE.pattern)
_PCT_RE = re.compile(_NUM + r"\s*[%％]")
_CHANGE_AMOUNT_RE = re.compile(r"(增加|减少|增长|下降|上升|降低|减)了?\s*" + _NUM + r"\s*" + _UNIT)
# "增幅20.7%", "减幅4%", "降幅3.1%": the percentage named by its own noun
_CHANGE_PCT_RE = re.compile(r"(增长|下降|增加|减少|上升|降低|增幅|涨幅|减幅|降幅)(?:了|为|是)?\s*" + _NUM + r"\s*[%％]")
_SHARE_RE = re.compile(r"占[^，,；;。%％]{0,20}?" + _NUM + r"\s*[%％]")
_BASE_RE = re.compile(
    r"(?:比|较|与|同)\s*(上年(?:年初)?预算数?|上年执行数?|上年决算数?|上年|去年|\d{4}\s*年(?:年初)?(?:预算)?(?:执行|决算)?数?)"
)
# a sentence that opens with a comparison, or with last year's executed figure, goes on about the
# subject of the sentence before ("…（项）X万元。主要用于…。2025年当年预算执行数为B万元，2026年预算安排C万元，
# 比2025年预算执行数增加P%。")
_CONTINUES_RE = re.compile(
    r"^\s*(?:(?:同|与|比|较)\s*(?:上年|去年|\d{4}\s*年)"
    r"|(?:上一?年度?|去年|\d{4}\s*年度?)[^，,。；;\d]{0,10}?(?:执行|决算)数?)"
)
# a clause that prints a year's amount with nothing else named: "2025年当年预算执行数为", "上年预算数为",
# "2026年预算安排"; which year it is is decided by _prior_clause
_YEAR_CLAUSE_RE = re.compile(
    r"\s*(?:其中[:：]?)?\s*(?:(?P<last>上一?年度?|去年)(?!结转|结余)|(?P<year>\d{4})\s*年度?)\s*(?:当年|全年)?\s*"
    r"(?:年初)?\s*(?:部门)?(?:预算)?\s*(?P<what>预计执行数?|执行数?|决算数?|预算数?|安排数?|数)?\s*(?:为|是|达)?\s*"
)
# the prior year's amount printed right after the comparison: "比2025年年初预算数28,479.84万元增加…",
# "较上年的7.80万元增加22.12万元"
_PRIOR_AFTER_BASE_RE = re.compile(r"[\s（(]*(?:的|为|是)?\s*" + r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                                  + r"\s*(亿元|万元|千元|元)")
# a clause about the prior year's figures ("去年预算数为0万元"); 上年结转结余 is this year's income
_PRIOR_YEAR_RE = re.compile(r"\s*(?:其中[:：]?)?\s*(?:去年|上年(?!结转|结余)|上一?年度)")
_FLAT_RE = re.compile(r"持平|保持不变|没有变化|无变化|未发生变化|(?:预算数?|执行数?|上年)(?:相同|一致)")
_REASON_RE = re.compile(r"主要原因(?:是|为|系)?\s*[:：]?|原因(?:是|为)\s*[:：]?")
# "具体包括：1.规划类经费6.50万元，…" announces a numbered list of figures, read as a 其中 is
# and "主要包括：环境监测工作4,097.79万元，…" a list of named figures (the money of each part)
_NAMED_AMOUNT_AHEAD = r"(?![:：]?\s*(?:\d{1,2}\s*[.、．]|[（(]\s*\d|[^，,。；;]{2,30}?\d[\d,.]*\s*(?:亿元|万元|元)))"
# and "主要用于甘坑人工湿地日常运行53.92万元、…" the money of each use, named, as "主要用于以下方面：一般公共服务
# 支出（类）264.87万元，…" announces the list of them
_DESCRIBE_RE = re.compile(
    r"主要是(?!由于)|主要用于(?![^，,。；;：:]{2,30}?\d[\d,.]*\s*(?:亿元|万元|元)|以下[^，,。；;：:]{0,6}[:：])|(?:主要|具体)包括" + _NAMED_AMOUNT_AHEAD + r"|主要涉及")
# "…主要用于保障部门正常运转的各项商品服务支出，比2025年增加4,245.49万元" — after the description the
# sentence goes on with the change of what it describes
_BACK_TO_CHANGE_RE = re.compile(r"[，,]\s*(?=(?:比|较|与|同)\s*(?:上年|去年|\d{4}\s*年)[^，,。；;]{0,14}?"
                                r"(?:增加|减少|增长|下降|上升|降低|持平))")
# a list opened inside its clause: "主要包括群众文化工作61.21万元，…", "主要用于…租赁费340.00万元"
_INCLUDES_RE = re.compile(r"\s*(?:主要|具体)(?:包括|用于)\s*[:：]?\s*(?=[^，,。；;]{2,30}?\d)")
# a clause or sentence that opens a list of parts: the lines that follow may name their own items
LIST_OPEN_RE = re.compile(r"(?:包括|具体为|分别为|分别是|如下|其中)\s*[:：]")
# "…1487.80万元，其中办公费618.69万元，印刷费38.08万元，…": a 其中 without its colon opens the list too
_QIZHONG_RE = re.compile(r"\s*其中(?![:：])\s*[^\d，,。；;：:%％]{2,20}?\s*" + _NUM + r"\s*(?:亿元|万元|千元|元)")
_LIST_OPEN_END_RE = re.compile(r"(?:包括|具体为|分别为|分别是|如下|其中)\s*$")
# clauses end at ，：, and at ； inside a bracketed aside (see split_sentences); an ASCII comma between digits ("3,166.28") is a thousands separator
# and at 、 after an amount or a percent ("一般公共服务支出5,140.00万元、公共安全支出…"), but not
# inside a subject ("收入、支出预算总计"); and at a bracket opened after an amount or a percent, an
# aside about another subject ("公务用车购置及运行维护费6.54万元（公务用车购置费0万元，比上年增加0万元")
# whose numbers are not the whole's, but not at a bracket inside a name ("因公出国（境）费")
_CLAUSE_SPLIT_RE = re.compile(r"[，：:；;]|(?<!\d),|,(?!\d{3})|(?<=元|[%％])、|(?<=元|[%％])(?=\s*[（(])")
_DIRECTIONS: dict[str, Literal["increase", "decrease"]] = {
    "增加": "increase", "增长": "increase", "上升": "increase",
    "减少": "decrease", "下降": "decrease", "降低": "decrease", "减": "decrease",
    "增幅": "increase", "涨幅": "increase", "减幅": "decrease", "降幅": "decrease",
}  # fmt: skip
def _prior_clause(region: str, years: list[int]) -> bool:
    """The subject part of a clause names the prior year's figure and nothing else.

    Last year is 上年/去年, a year's 执行数 (only a past year is executed when a budget is drawn up),
    or a year earlier than another the sentence names (2025 beside 2026); "2024年预算数为" alone is
    the current year's."""
    m = _YEAR_CLAUSE_RE.fullmatch(region)
    if m is None:
        return False
    if m.group("last"):
        return True
    what = m.group("what") or ""
    year = int(m.group("year"))
    return "执行" in what or (bool(years) and year < max(years))


# a budget unit's whole budget named by the unit: "深圳市民政局（本级）预算28,283.46万元，包括在职人员经费…"
# — the expense total of that unit (its section's title marks the claim unit-scoped when the unit is
# not the department)
_UNIT_BUDGET_RE = re.compile(
    r"\s*(?:\d{4}\s*年度?)?\s*[^\d，,。；;：:%％]{2,40}?(?:本级|中心|局|处|所|站|院|队|馆|学校|委员会|办公室|办公厅|分局)"
    r"\s*(?:[（(]\s*本级\s*[)）])?\s*(?:\d{4}\s*年度?)?\s*(?:部门|单位)?预算(?:总额|合计|安排)?(?:为|是)?\s*")


def unit_budget(region: str, kind: str | None) -> tuple[str, str] | None:
    """``expense.total`` for a clause naming a unit's budget in the 支出 part (see _UNIT_BUDGET_RE)."""
    if kind not in ("expense", "total") or not _UNIT_BUDGET_RE.fullmatch(region):
        return None
    return "expense.total", region.strip()


_PURPOSE_RE = re.compile(r"[^，,。；;：:\d]{2,40}?" + _NUM + r"\s*" + _UNIT + r"\s*[，,]\s*(?:主要)?用于")
# in a list opened before ("其中，" / "主要包括："), a line naming its own figure whose name has digits or
# brackets ("轨道交通12号线运营管理项目8.00万元", "维修（护）费1.79万元", "2027年度标准编制支出3.00万元"),
# which the plain list line (claim_subjects.listed_item) leaves out
_LIST_NAME_RE = re.compile(
    r"\s*(?:其中[:：，,]?)?\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）])?\s*"
    r"(?P<name>[^，,。；;：:%％“”\"]{2,40}?)\s*(?:预算数?|安排|为|是)*\s*")
# words of a comparison, a total or a period, never of an item's name
_NOT_A_LIST_NAME_RE = re.compile(r"上年|去年|年初|(?:较|比|同)\s*(?:上|去|\d{4})|增加|减少|增长|下降|占|合计|共计|总计"
                                 r"|其中|全年|本年|当年|以上|以下|累计|截至|^\d(?!\d{3}\s*年)|^(?:价值|金额|资金|预算资金)$")


def list_line(region: str, kind: str | None, listing: bool) -> tuple[str, str] | None:
    """``item:<name>`` for a line of an open list whose name the plain list line does not take; not in
    the sections about assets and performance targets, whose lines name values and indicators."""
    m = _LIST_NAME_RE.fullmatch(region) if listing and kind not in RESTRICTED_KINDS else None
    if m is None:
        return None
    name = m.group("name").strip()
    if find_subject(name, "expense", CodeIndex({})) or find_subject(name, "income", CodeIndex({})):
        return None  # "人员经费" under a 一般公共预算 heading is that fund's part, not an item of its own
    if is_filler(name) or _NOT_A_LIST_NAME_RE.search(name) or name.count("（") + name.count("(") \
            != name.count("）") + name.count(")") or not re.search(r"[\u4e00-\u9fff]{2}", name):
        return None
    return f"item:{norm_name(name)}", name


# one fund's part of last year's carry-over, a line of the 收入 section ("上年结转结余的一般公共预算收入0万元，
# 占0%"): a quantity of its own, neither the carry-over nor the fund's income (claim_subjects leaves
# a subject qualified by another out), read under its printed name
_CARRYOVER_PART_RE = re.compile(
    r"\s*(?:其中[:：]?)?\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(]\s*\d{1,2}\s*[)）])?\s*(?:\d{4}\s*年度?)?\s*"
    r"(?P<name>(?:使用)?上年结转结余(?:资金)?(?:中)?的?\s*(?:一般公共预算|政府性基金预算|国有资本经营预算|财政专户管理|单位|"
    r"财政拨款|非财政拨款|事业)(?:收入|资金|拨款)?)\s*(?:预算数?|为|是)*\s*")


def carryover_part(region: str) -> tuple[str, str] | None:
    """``item:<name>`` for one fund's part of the carry-over (see _CARRYOVER_PART_RE)."""
    m = _CARRYOVER_PART_RE.fullmatch(region)
    if m is None:
        return None
    name = m.group("name").strip()
    return f"item:{norm_name(name)}", name


@dataclass
class _Open:
    """A claim being filled from the clauses of one sentence."""

    subject: str
    subject_text: str
    amount: Amount | None = None
    share: Decimal | None = None
    share_text: str | None = None
    direction: Literal["increase", "decrease", "flat"] | None = None
    change: Amount | None = None
    change_percent: Decimal | None = None
    change_percent_text: str | None = None
    compared_to: str | None = None
    prior: Amount | None = None
    restated: Amount | None = None

    def has_data(self) -> bool:
        return any(
            v is not None
            for v in (self.amount, self.share, self.change, self.change_percent, self.direction, self.prior,
                      self.restated)
        )


def _amount(text: str, unit: str, prov: Provenance) -> Amount | None:
    value = parse_number(text.replace("，", ","))
    if value is None:
        return None
    return Amount(value=to_wan(value, unit), text=text, unit=unit, source=prov)


def _normalize_base(text: str) -> str:
    t = re.sub(r"\s+", "", text)
    if t.endswith("预算数"):
        t = t[:-1]
    return t

def _region_end(clause: str) -> int:
    """Where the subject part of a clause ends: at its first amount, percent or comparison."""
    ends = [len(clause)]
    for pat in (_AMOUNT_RE, _PCT_RE, _BASE_RE, _CHANGE_PCT_RE, _CHANGE_AMOUNT_RE, _FLAT_RE):
        m = pat.search(clause)
        if m:
            ends.append(m.start())
    m = re.search(r"占(?!用|有)", clause)  # 占用/占有 (the assets held) is no share
    if m:
        ends.append(m.start())
    m = re.search(r"(?:为|是)?\s*" + _NUM + r"\s*$", clause)
    if m:
        ends.append(m.start())
    return min(ends)


def _closing_bracket(text: str) -> int:
    """Where the bracket open before ``text`` closes in it (brackets inside names are skipped), or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                return i
            depth -= 1
    return -1


# how far a bracket may stay open over end marks: "…0万元（公务用车购置费0万元，比上年减少70万元；公务用车运行
# 维护费0万元，比上年减少318.88万元。）比上年减少388.88万元" is one sentence, whose aside is read on its own
_ASIDE_MAX = 160


def _in_bracket(text: str, start: int, pos: int) -> bool:
    """The end mark at ``pos`` stands inside a bracket opened in this sentence and closed soon after."""
    depth = 0
    for ch in text[start:pos]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth > 0 and _closing_bracket(text[pos + 1 : pos + 1 + _ASIDE_MAX]) >= 0


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of a paragraph, ended by 。；; ！？ (the end mark kept) outside brackets."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"[。；;！？!?]", text):
        if _in_bracket(text, start, m.start()):
            continue
        s = text[start : m.end()]
        if s.strip():
            out.append((start, s))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


# a change with its percentage in brackets: "较上年减少4.76万元（26.30%）", and with the unit left out,
# "较上年增加185.24（1026.00%）" (the bracketed percentage says the number is the change amount)
_BRACKETED_CHANGE_RE = re.compile(
    r"(增加|减少|增长|下降|上升|降低)了?\s*" + _NUM + r"\s*(亿元|万元|千元|元)?\s*[（(]\s*" + _NUM + r"\s*[%％]\s*[)）]")


def _bracketed_change(m: re.Match[str], unit: str, printed: dict[str, str]) -> str:
    """The change written out as the sentences that print the percentage with its own word do."""
    word = "增长" if _DIRECTIONS[m.group(1)] == "increase" else "下降"
    pct = f"{word}{m.group(4)}%"
    printed[pct] = m.group(0)[m.group(0).rfind("（") if "（" in m.group(0) else m.group(0).rfind("("):]
    return f"{m.group(1)}{m.group(2)}{m.group(3) or unit}，{pct}"


def extract_claims(
    sentence: str,
    kind: str | None,
    codes: CodeIndex | None = None,
    *,
    unit: str = "万元",
    source: Provenance | None = None,
    section: str | None = None,
    carry: tuple[str, str] | None = None,
    carry_sure: bool = True,
    listing: bool = False,
) -> tuple[list[Claim], str | None]:
    """The claims of one sentence, and its reason when it states one (``主要原因是…``).

    ``carry`` (subject, text) is the subject of the previous sentence, for a sentence that goes on
    about it without naming it: "…2,610.14万元，主要用于…。比上年执行数增加196.16万元，增长8.1%。"
    ``carry_sure`` is False when the sentence before named several subjects (a list whose last item
    is carried only for want of better): its claim is then not marked ``carried``, and rules that
    need the change to be the subject's own leave it alone. ``listing`` is True when the sentence
    goes on with a list opened before it ("…主要包括：" / "应对气候变化工作4,070.32万元，…；"): a line
    naming its own item is then read as ``item:<name>`` even when not numbered.
    """
    codes = codes or CodeIndex({})
    prov = source or Provenance()
    text, reason = _split_reason(sentence)
    if kind in SKIP_KINDS:
        return [], reason
    text, bracketed = _prepared(text, kind, unit)
    claims: list[_Open] = []
    current: _Open | None = None
    carried: _Open | None = None
    years = [int(y) for y in re.findall(r"(\d{4})\s*年", text)]
    if carry is not None and _CONTINUES_RE.match(text):
        current = carried = _Open(subject=carry[0], subject_text=carry[1])
        claims.append(current)
    in_list = [listing]
    # "编外人员326.00万元，用于劳务派遣服务…": a sentence opening with a name, its amount and what the money
    # is for names that figure's item, in a list or not
    purpose = [_PURPOSE_RE.match(sentence.strip()) is not None]

    def step(clause: str, current: _Open | None) -> _Open | None:
        """Reads one clause into the claim it names (or the open one); returns the open claim."""
        clause = clause.rstrip("。；;！？ ")
        if not clause.strip():
            return current
        if _LIST_OPEN_END_RE.search(clause) or _QIZHONG_RE.match(clause):
            in_list[0] = True
        if (inc := _INCLUDES_RE.match(clause)) is not None and _AMOUNT_RE.search(clause, inc.end()):
            clause, in_list[0] = clause[inc.end():], True
        first_purpose, purpose[0] = purpose[0], False
        region = clause[: _region_end(clause)]
        if current is not None and _prior_clause(region, years):
            m = _AMOUNT_RE.search(clause, len(region))
            if m and m.start() == len(region):
                if current.prior is None:
                    current.prior = _amount(m.group(1), m.group(2), prov)
                _fill(current, clause[m.end():], unit, prov, explicit_subject=False, changes_only=True)
                return current
        if _PRIOR_YEAR_RE.match(region):
            return None  # "（去年一般公共预算收入为0万元）" states last year's figure, not a claim of this year
        found = _clause_subject(region, kind, codes, in_list[0], first_purpose)
        if found:
            subject, subject_text = found
            current = next((c for c in claims if c.subject == subject), None)
            if current is None:
                current = _Open(subject=subject, subject_text=subject_text)
                claims.append(current)
        elif not is_filler(region):
            return None  # the clause names something this module does not know: not the open claim
        if current is not None:
            rest = clause[len(region) :] if found else clause
            _fill(current, rest, unit, prov, explicit_subject=found is not None, changes_only=current is carried)
        return current

    _read_clauses(text, step, current)
    closed = _closed_claims(claims, carried, carry_sure, reason, bracketed, section, sentence, prov)
    return closed + _part_claims(sentence, reason, kind, codes, claims, section, prov), reason


def _prepared(text: str, kind: str | None, unit: str) -> tuple[str, dict[str, str]]:
    """The sentence as the clauses are read from, and the percentages written out (→ as printed)."""
    # "单价100万元以上设备0台（套）、0万元": a threshold names a class of things, it is no amount
    text = THRESHOLD_RE.sub("限额以上", text)
    text = pair_respectively(text)  # "A、B分别为x、y": one clause per subject
    if kind == "assets":
        text = join_counts(text)
    bracketed: dict[str, str] = {}
    text = _BRACKETED_CHANGE_RE.sub(lambda m: _bracketed_change(m, unit, bracketed), text)
    return text, bracketed


def _part_claims(sentence: str, reason: str | None, kind: str | None, codes: CodeIndex, claims: list[_Open],
                 section: str | None, prov: Provenance) -> list[Claim]:
    """The claims of the parts of the change the sentence's reason names (subjects the sentence has not)."""
    parts = [_Open(subject=p.subject, subject_text=p.subject_text, change=_amount(p.number, p.unit, prov),
                   direction=_DIRECTIONS[p.word])
             for p in _explained_parts(sentence, reason, kind, codes) if all(c.subject != p.subject for c in claims)]
    return _closed_claims(parts, None, True, None, {}, section, sentence, prov)


# "…比上年增加X万元，主要是基本支出增加Y万元" explains the change by its parts, as a reason does
_EXPLAINED_RE = re.compile(r"主要是(?!由于|因为|用于)")


def _explained_parts(sentence: str, reason: str | None, kind: str | None, codes: CodeIndex) -> list[ReasonPart]:
    """The parts of the sentence's change its reason or its explanation (主要是…) names, with their changes
    (yusuan.parse.claim_reasons)."""
    texts = [reason] if reason else []
    head = sentence[: m.start()] if (m := _REASON_RE.search(sentence)) else sentence
    if (e := _EXPLAINED_RE.search(head)) is not None and _CHANGE_AMOUNT_RE.search(head, 0, e.start()):
        texts.append(head[e.end():])
    return [p for t in texts for p in reason_parts(t, kind, codes)]


def _split_reason(sentence: str) -> tuple[str, str | None]:
    """The sentence without its reason (``主要原因是…``) and its description (cut off), and the reason."""
    text = sentence.strip()
    reason: str | None = None
    m = _REASON_RE.search(text)
    if m:
        reason = text[m.end() :].strip().rstrip("。；;，, ") or None
        text = text[: m.start()]
    m = _DESCRIBE_RE.search(text)
    if m:
        back = _BACK_TO_CHANGE_RE.search(text, m.end())
        text = text[: m.start()] + (text[back.start():] if back else "")
    return text, reason


def _clause_subject(
    region: str, kind: str | None, codes: CodeIndex, in_list: bool, first_purpose: bool
) -> tuple[str, str] | None:
    """The subject (subject, text) a clause's opening ``region`` names, by the readers of subjects in turn."""
    return (code_first_item(region) or held_asset(region, kind) or find_subject(region, kind, codes, listing=in_list)
            or unit_budget(region, kind) or list_line(region, kind, in_list or first_purpose)
            or carryover_part(region)) if region.strip() else None


# "（2）事业运行16764.76万元": an item's number in brackets opens no aside
_ITEM_NUMBER_RE = re.compile(r"\s*[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]")


def _read_clauses(text: str, step: Callable[[str, _Open | None], _Open | None], current: _Open | None) -> None:
    """Reads the clauses of a sentence in turn with ``step``, from the open claim ``current``."""
    # a bracketed aside ("6.54万元（公务用车购置费0万元，比上年增加0万元）", "0万元（含购置税），与上年持平")
    # is read on its own; after it closes, the clauses go on about the claim before it
    outer: _Open | None = None
    in_aside = False
    for clause in _CLAUSE_SPLIT_RE.split(text):
        if not in_aside and clause.lstrip().startswith(("（", "(")) and not _ITEM_NUMBER_RE.match(clause):
            outer, in_aside = current, True
            clause = clause.lstrip()[1:]
        if in_aside:
            close = _closing_bracket(clause)
            if close < 0:
                current = step(clause, current)
                continue
            step(clause[:close], current)
            current, outer, in_aside = outer, None, False
            clause = clause[close + 1 :]
        current = step(clause, current)


def _closed_claims(
    claims: list[_Open],
    carried: _Open | None,
    carry_sure: bool,
    reason: str | None,
    bracketed: dict[str, str],
    section: str | None,
    sentence: str,
    prov: Provenance,
) -> list[Claim]:
    """The claims read from a sentence that state something, as ``Claim``s, the reason on the last change."""
    out: list[Claim] = []
    kept = [c for c in claims if c.has_data()]
    # the reason follows the change it explains: the last claim of the sentence that changed
    changed = [c for c in kept if c.direction or c.change is not None or c.change_percent is not None]
    explained = changed[-1] if changed else None
    for c in kept:
        out.append(
            Claim(
                subject=c.subject,
                subject_text=c.subject_text,
                amount=c.amount,
                share=c.share,
                share_text=c.share_text,
                direction=c.direction,
                change=c.change,
                change_percent=c.change_percent,
                change_percent_text=bracketed.get(c.change_percent_text or "", c.change_percent_text),
                compared_to=c.compared_to,
                prior=c.prior,
                carried=c is carried and carry_sure,
                restated=c.restated,
                reason=reason if c is explained else None,
                section=section,
                sentence=sentence.strip(),
                source=prov,
            )
        )
    return out


def _fill(
    c: _Open, text: str, unit: str, prov: Provenance, *, explicit_subject: bool, changes_only: bool = False
) -> None:
    taken: list[tuple[int, int]] = []
    m = _BASE_RE.search(text)
    if m and c.compared_to is None:
        c.compared_to = _normalize_base(m.group(1))
    if m:
        after = _PRIOR_AFTER_BASE_RE.match(text, m.end())
        # "比上年1.43万元，增加0.68%" leaves out the word of the change: the amount is the prior only
        # when a change amount follows it ("比2025年年初预算数28,479.84万元增加1,476.73万元")
        if after and not _CHANGE_AMOUNT_RE.search(text, after.end()):
            after = None
        if after:
            taken.append(after.span())
            if c.prior is None:
                c.prior = _amount(after.group(1), after.group(2), prov)
    for m in _CHANGE_AMOUNT_RE.finditer(text):
        taken.append(m.span())
        if c.change is None:
            c.change = _amount(m.group(2), m.group(3), prov)
            c.direction = c.direction or _DIRECTIONS[m.group(1)]
    for m in _CHANGE_PCT_RE.finditer(text):
        taken.append(m.span())
        if c.change_percent is None:
            c.change_percent = parse_number(m.group(2))
            c.change_percent_text = m.group(0)
            c.direction = c.direction or _DIRECTIONS[m.group(1)]
    m = _SHARE_RE.search(text)
    if m and not any(s <= m.start() < e for s, e in taken):
        taken.append(m.span())
        if c.share is None:
            c.share = parse_number(m.group(1))
            c.share_text = m.group(0)
    if _FLAT_RE.search(text) and c.direction is None:
        c.direction = "flat"
    if changes_only and c.restated is None:
        # a carried subject was stated with its amount before; printed again, it is a restatement
        for m in _AMOUNT_RE.finditer(text):
            if any(s <= m.start() < e for s, e in taken) or re.search(
                    r"(增加|减少|增长|下降|上升|降低|减)了?\s*$", text[: m.start()]):
                continue
            c.restated = _amount(m.group(1), m.group(2), prov)
            break
    if c.amount is None and not changes_only:  # a carried subject was stated with its amount before
        for m in _AMOUNT_RE.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if re.search(r"(增加|减少|增长|下降|上升|降低|减)了?\s*$", text[: m.start()]):
                continue
            if re.search(r"(?:上年|去年)[^，,]{0,8}?(?:为|是)\s*$", text[: m.start()]):
                continue  # "（去年预算数为0万元）": the prior year's amount, not this one
            c.amount = _amount(m.group(1), m.group(2), prov)
            break
        else:
            # a bare number ending the clause right after its subject: "公务用车购置费为 0"
            mm = re.fullmatch(r"\s*(?:\d{4}\s*年)?[^\d%％]{0,8}?(?:为|是)?\s*" + _NUM + r"\s*", text)
            if mm and explicit_subject and not taken:
                c.amount = _amount(mm.group(1), unit, prov)
