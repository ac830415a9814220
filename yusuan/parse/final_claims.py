"""决算 说明: the 决算数 set against its budget, and what a 决算 states at the year's end.

A 决算's 情况说明 restates its tables against the budget of the year:

    一般公共预算财政拨款支出年初预算为 1,200.00 万元，支出决算为 1,100.20 万元，完成年初预算的 91.68%。
    决算数小于预算数的主要原因：…
    1、教育支出（类）普通教育（款）小学教育（项）。主要用于：…。
    年初预算为 80.00 万元，支出决算为 80.00 万元，完成年初预算的 100.00%。决算数同预算数持平。

The budget claim parser (``yusuan.parse.claims``) reads a sentence's first amount as its subject's
figure, which here is the 年初预算, not the 决算数 the tables print. This module reads such sentences
again after it (``amend_final_claims``) and replaces what it took from them by claims whose
``amount`` is the 决算数, with ``budget_initial`` / ``budget_adjusted`` (年初 / 全年 or 调整预算),
the printed ``completion`` (完成…预算的 Z%) and which budget it says it is of; the word the 说明
sets the 决算数 against the budget with (决算数大于/小于/等于预算数, ``versus_budget``) and its reason.
An item's figures follow the numbered 类/款/项 heading that names it, in a sentence of its own.

It also reads, where a 决算 prints them: the counts beside "三公" figures (因公出国 团组/人次,
公务接待 批次/人次, 公务用车 保有量/购置数) into ``counts``; the assets stated at the year's end
("截至2023年12月31日，共有车辆 3 辆，…单价100万元（含）以上设备 1 台（套）") as ``assets.vehicles`` /
``assets.equipment`` claims with ``as_of``; the 政府采购 total and what was awarded to 中小企业
(``procurement.sme_awarded``, with its share) and 小微企业 (``procurement.small_micro_awarded``).

A subject that cannot be told is left out rather than guessed; budget sentences are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from yusuan.amounts import parse_number, to_wan
from yusuan.model import Amount, Claim, Provenance
from yusuan.parse.change_words import CHANGE_WORD_RE, CHANGE_WORDS, FLAT_WORD_RE
from yusuan.parse.claims import CodeIndex, extract_claims, section_kind, split_sentences

if TYPE_CHECKING:
    from yusuan.parse.narrative import SectionParas

_REPLACED = "__replaced__"  # a claim parser's reading this module replaces
Base = Literal["initial", "adjusted", "budget"]
Versus = Literal["above", "below", "equal"]

_NUM = r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"\s*(亿元|万元|千元|元|万)(?!人|辆|台|个)"
_BASE_WORD = r"(年初预算|全年预算|调整(?:后)?预算|预算)"
# "年初预算为 X 万元", "全年预算数 W 万元" — the budget a 决算数 is set against
_BUDGET_RE = re.compile(_BASE_WORD + r"数?\s*(?:为|是)?\s*" + _NUM + _UNIT)
# "支出决算为 Y 万元", "决算数为 Y 万元", "费决算 Y 万元"
_FINAL_RE = re.compile(r"决算(?:数)?\s*(?:为|是)?\s*" + _NUM + _UNIT)
_COMPLETION_RE = re.compile(r"完成\s*" + _BASE_WORD + r"(?:数)?\s*的?\s*" + _NUM + r"\s*[%％]")
_SHARE_RE = re.compile(r"占[^，,；;。%％]{0,20}?" + _NUM + r"\s*[%％]")
_REASON_RE = re.compile(r"(?:的?主要)?原因(?:是|为|系)?\s*[:：]?")
# "决算数小于预算数", "决算数同预算数持平", "决算数与全年预算数持平", "决算数大于年初预算数"
_VERSUS_RE = re.compile(
    r"决算数?\s*(?:(大于|高于|超过|多于|小于|低于|少于|等于)|(?:与|同|和)?)\s*"
    r"(年初|全年|调整(?:后)?)?\s*预算数?\s*(持平|相同|一致|相等)?"
)
_VERSUS_WORDS: dict[str, Versus] = {
    "大于": "above", "高于": "above", "超过": "above", "多于": "above",
    "小于": "below", "低于": "below", "少于": "below", "等于": "equal",
}  # fmt: skip
# a numbered 类/款/项 heading: "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。"
_CHAIN_RE = re.compile(
    r"^\s*(?:\d{1,2}\s*[、.．]|[（(]\s*\d{1,2}\s*[)）])?\s*"
    r"((?:[^（）()，,。；;：:\s\d]+?\s*[（(]\s*[类款项]\s*[）)]\s*){1,3})[。.：:]?\s*$"
)
_CLAUSE_SPLIT_RE = re.compile(r"[，：:]|(?<!\d),|,(?!\d{3})")
_NUMBERING_RE = re.compile(r"^\s*(?:其中\s*[:：]?|\d{1,2}\s*[、.．]|[（(]\s*[\d一二三四五六七八九十]{1,2}\s*[)）])\s*")
# "2023年度决算数为 7,970.38 万元" and "比2022年度决算数增长0.39%"
_YEAR_FINAL_RE = re.compile(r"\d{4}\s*年度?\s*决算数")
_PRIOR_CHANGE_RE = re.compile(r"比\s*\d{4}\s*年度?\s*决算数?\s*(?:(?:的)?[^，,。；;]{0,4}?)(" + CHANGE_WORD_RE
                              + r")(?:了|为)?\s*" + _NUM + r"\s*[%％]")
# "与2023年度决算数一致" / "同2023年度决算数持平": no change from the year before's 决算数
_PRIOR_FLAT_RE = re.compile(r"(?:与|同|和|较|比)\s*\d{4}\s*年度?\s*决算数?\s*" + FLAT_WORD_RE)
_FILLER_RE = re.compile(r"^[\s\d年度为是的和及、其中支出决算，。]*$")

# counts: "团组0个、累计0人次", "公务接待2批次、26人次", "保有量为0辆", "购置公务用车 1 辆"
_COUNT_RE = re.compile(
    r"(团组|保有量|购置)[^0-9，,；;。]{0,6}?(\d+)(?![\d.]|\s*万?元)\s*(个|辆|台)?|(\d+)\s*(批次|人次|个团组)")
_THREE_PUBLIC_NAMES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"因公出国|出国[（(]境[)）]|团组"), "three_public.overseas_travel"),
    (re.compile(r"公务接待|接待"), "three_public.reception"),
    (re.compile(r"公务用车|保有量|车辆"), "three_public.vehicles"),
]
# assets at a date: "截至2024年12月31日", "截止2024年底"
_AS_OF_RE = re.compile(r"截[至止]\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(\d{1,2})\s*日|(底|末|年底|年末))")
_VEHICLES_RE = re.compile(r"(?:共有|拥有|有)?(?:各类)?车辆\s*(?:共)?\s*(\d+)\s*辆")
_EQUIPMENT_RE = re.compile(r"(?:单价|单位价值)\s*(\d+)\s*万元[^，,；;。]{0,20}?设备[^，,；;。\d]{0,10}?(\d+)\s*台")
# 政府采购: the year's total and the part awarded to 中小企业 / 小微企业
_PROCUREMENT_TOTAL_RE = re.compile(
    r"政府采购(?:支出)?(?:总额|金额)\s*(?:[（(][^）)]{0,12}[）)])?\s*(?:为|是|共)?\s*" + _NUM + _UNIT)
_AWARDED_RE = re.compile(
    r"授予(中小企业|小微企业)合同(?:金额)?\s*(?:为|是|共)?\s*" + _NUM + _UNIT
    + r"(?:\s*[，,]\s*(占[^，,；;。%％]{0,24}?" + _NUM + r"\s*[%％]))?")


def _base(word: str) -> Base:
    if word.startswith("年初"):
        return "initial"
    if word.startswith(("全年", "调整")):
        return "adjusted"
    return "budget"


def _amount(text: str, unit: str, prov: Provenance) -> Amount | None:
    unit = "万元" if unit == "万" else unit
    value = parse_number(text.replace("，", ","))
    if value is None:
        return None
    return Amount(value=to_wan(value, unit), text=text, unit=unit, source=prov)


@dataclass
class _Group:
    """The clauses about one subject: its name as printed, then the figures that follow it."""

    region: str
    text: str = ""
    budget_initial: Amount | None = None
    budget_adjusted: Amount | None = None
    final: Amount | None = None
    completion: Decimal | None = None
    completion_text: str | None = None
    completion_base: Base | None = None
    share: Decimal | None = None
    share_text: str | None = None
    versus: Versus | None = None
    versus_base: Base | None = None
    budget_texts: list[str] = field(default_factory=list)

    def is_final(self) -> bool:
        return self.final is not None and (
            self.budget_initial is not None or self.budget_adjusted is not None or self.completion is not None)


def _read_figures(g: _Group, clause: str, prov: Provenance) -> None:
    for m in _BUDGET_RE.finditer(clause):
        a = _amount(m.group(2), m.group(3), prov)
        g.budget_texts.append(m.group(2))
        if _base(m.group(1)) == "adjusted":
            g.budget_adjusted = g.budget_adjusted or a
        else:
            g.budget_initial = g.budget_initial or a
    final = _FINAL_RE.search(clause)
    if final and g.final is None:
        g.final = _amount(final.group(1), final.group(2), prov)
    done = _COMPLETION_RE.search(clause)
    if done and g.completion is None:
        g.completion = parse_number(done.group(2))
        g.completion_text = done.group(0)
        g.completion_base = _base(done.group(1))
    share = _SHARE_RE.search(clause)
    if share and g.share is None and not done:
        g.share = parse_number(share.group(1))
        g.share_text = share.group(0)


def _first_figure(clause: str) -> int:
    starts = [m.start() for r in (_BUDGET_RE, _FINAL_RE, _COMPLETION_RE, _SHARE_RE) if (m := r.search(clause))]
    return min(starts) if starts else -1


def _groups(text: str, prov: Provenance) -> list[_Group]:
    """The sentence cut into subjects with their figures ("X年初预算为…，支出决算为…，完成…；其中：Y决算为…")."""
    groups: list[_Group] = []
    for clause in _CLAUSE_SPLIT_RE.split(text):
        clause = clause.strip().rstrip("。；;")
        if not clause:
            continue
        k = _first_figure(clause)
        if k < 0:
            if groups and not groups[-1].text:
                groups[-1].region += clause
            elif clause and not _FILLER_RE.match(clause):
                groups.append(_Group(region=clause))
            continue
        region = _NUMBERING_RE.sub("", clause[:k]).strip()
        if region and not _FILLER_RE.match(region) or not groups:
            if groups and not groups[-1].text:
                # the clause before named what these figures are a part of: "…支出决算中，X费支出决算…"
                groups[-1].region = region
            else:
                groups.append(_Group(region=region))
        g = groups[-1]
        g.text += clause
        _read_figures(g, clause, prov)
    return [g for g in groups if g.text]


def _subject(region: str, chain: str | None, kind: str | None, codes: CodeIndex, figure: Amount) -> tuple[str, str] | None:
    """What a group is about: its region as the claim parser reads it, or the item heading before."""
    region = re.sub(r"(?:支出)?决算(?:数)?(?:中)?$|^\d{4}\s*年度?", "", region).strip()
    # "“三公”经费财政拨款支出" is the 三公 total: the fund's name is not part of the subject's
    names = [region, region.replace("财政拨款", "")] if region else [chain] if chain else []
    for name in names:
        found, _ = extract_claims(f"{name}{figure.text}{figure.unit}", kind, codes, unit=figure.unit)
        if found:
            return found[0].subject, found[0].subject_text
    return None


def _versus(sentence: str) -> tuple[Versus | None, Base | None, str] | None:
    """The word a sentence sets the 决算数 against the budget with, and the subject named before it."""
    m = _VERSUS_RE.search(sentence)
    if not m or not (m.group(1) or m.group(3) or re.match(r"\s*的?(?:差异|主要原因|原因)", sentence[m.end():])):
        return None
    word: Versus | None = _VERSUS_WORDS[m.group(1)] if m.group(1) else ("equal" if m.group(3) else None)
    base = _base(m.group(2) + "预算") if m.group(2) else "budget"
    return word, base, sentence[: m.start()]


def _reason(sentence: str) -> str | None:
    m = _REASON_RE.search(sentence)
    return (sentence[m.end():].strip().rstrip("。；;，, ") or None) if m else None


def _counts(text: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for m in _COUNT_RE.finditer(text):
        if m.group(1):
            out.setdefault(m.group(1), Decimal(m.group(2)))
        else:
            key = "团组" if m.group(5) == "个团组" else m.group(5)
            out.setdefault(key, Decimal(m.group(4)))
    return out


@dataclass
class _State:
    """What a section's sentences carry to the next: the item heading, the last 决算 claims."""

    chain: str | None = None
    last: list[Claim] = field(default_factory=list)
    three_public: list[Claim] = field(default_factory=list)
    as_of: str | None = None  # the date the assets of a 国有资产 section are stated at


def _named(sentence: str, claims: list[Claim]) -> Claim | None:
    for pat, subject in _THREE_PUBLIC_NAMES:
        if pat.search(sentence):
            return next((c for c in reversed(claims) if c.subject == subject), None)
    return None


def _read_sentence(
    sentence: str, kind: str | None, codes: CodeIndex, prov: Provenance, label: str, st: _State,
    existing: list[Claim],
) -> list[Claim]:
    """New claims of one sentence; marks what it replaces in ``existing`` (the claim parser's)."""
    text = sentence.strip()
    if (m := _CHAIN_RE.match(text)) and not re.search(r"\d+(?:\.\d+)?\s*万?元", text):
        st.chain = m.group(1)
        return []
    reason = _reason(text)
    body = text[: _REASON_RE.search(text).start()] if reason is not None else text  # type: ignore[union-attr]
    new: list[Claim] = []
    groups = _groups(body, prov)
    for g in groups:
        year_final = g.final is not None and _YEAR_FINAL_RE.search(g.text) is not None
        if g.final is None or not (g.is_final() or kind == "three_public" and "决算" in g.text or year_final):
            continue
        subject = _subject(g.region, st.chain, kind, codes, g.final)
        if subject is None:
            continue
        if year_final and not g.is_final():
            # "小学教育（2050202），2023年度决算数为 7,970.38 万元，比2022年度决算数增长0.39%": the year's
            # 决算数 and its change from the year before's
            m = _PRIOR_CHANGE_RE.search(body)
            flat = _PRIOR_FLAT_RE.search(body) if m is None else None
            new.append(Claim(
                subject=subject[0], subject_text=subject[1], amount=g.final, section=label, sentence=text,
                source=prov, direction=CHANGE_WORDS[m.group(1)] if m else "flat" if flat else None,
                change_percent=parse_number(m.group(2)) if m else None,
                change_percent_text=m.group(0) if m else None, compared_to="上年决算" if m or flat else None,
            ))
            continue
        new.append(Claim(
            subject=subject[0], subject_text=subject[1], amount=g.final, share=g.share, share_text=g.share_text,
            budget_initial=g.budget_initial, budget_adjusted=g.budget_adjusted, completion=g.completion,
            completion_text=g.completion_text, completion_base=g.completion_base, section=label,
            sentence=text, source=prov,
        ))
    lone = groups[0] if len(groups) == 1 else None
    if not new and lone is not None and lone.completion is not None and lone.final is None and st.last \
            and st.last[-1].completion is None and not lone.region:
        # "…支出决算为0.88万元。" / "完成年初预算的100.00%。" printed as a sentence of its own
        c = st.last[-1]
        c.completion, c.completion_text, c.completion_base = lone.completion, lone.completion_text, lone.completion_base
    vs = _versus(text)
    if vs is not None:
        word, base, before = vs
        targets = new or st.last
        target = None
        before = _NUMBERING_RE.sub("", before).strip()
        named = _subject(before, None, kind, codes, Amount(value=Decimal(0), text="0", unit="万元")) \
            if before and not _FILLER_RE.match(before) else None
        if named is not None:  # "“三公”经费支出决算数小于预算数": the claim of that subject
            target = next((c for c in [*targets, *reversed(st.three_public)] if c.subject == named[0]), None)
        elif targets:
            target = targets[0]
        if target is not None:
            target.versus_budget, target.versus_base = word, base
            target.versus_reason = reason
    if new:
        subjects = {c.subject for c in new}
        budgets = {t for g in groups for t in g.budget_texts}
        for c in existing:
            if c.sentence == text and c.source == prov and (
                    c.subject in subjects or c.amount is not None and c.amount.text in budgets):
                c.subject = _REPLACED
        st.last = new
    if kind == "three_public":
        st.three_public.extend(new)
        st.three_public.extend(c for c in existing if c.sentence == text and c.source == prov
                               and c.subject.startswith("three_public") and c not in st.three_public)
        counts = _counts(body)
        if counts:
            target = _named(body, st.three_public) or (st.three_public[-1] if st.three_public else None)
            if target is not None:
                for k, v in counts.items():
                    target.counts.setdefault(k, v)
    new.extend(_stock_claims(text, kind, prov, label, st))
    new.extend(_procurement_claims(text, kind, prov, label, existing))
    return new


def _stock_claims(text: str, kind: str | None, prov: Provenance, label: str, st: _State) -> list[Claim]:
    m = _AS_OF_RE.search(text)
    if m is None and (st.as_of is None or kind != "assets"):
        return []
    if m is not None:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        st.as_of = f"{y}-{int(mo):02d}-{int(d):02d}" if mo else f"{y}-12-31"
    as_of = st.as_of
    out: list[Claim] = []
    v = _VEHICLES_RE.search(text)
    if v:
        out.append(Claim(subject="assets.vehicles", subject_text="车辆", counts={"辆": Decimal(v.group(1))},
                         as_of=as_of, section=label, sentence=text, source=prov))
    e = _EQUIPMENT_RE.search(text)
    if e:
        out.append(Claim(subject="assets.equipment", subject_text=f"单价{e.group(1)}万元以上设备",
                         counts={"台（套）": Decimal(e.group(2))}, as_of=as_of, section=label, sentence=text,
                         source=prov))
    if not out and m is not None:  # a date with nothing this module reads: kept, the date is still checked
        out.append(Claim(subject="assets", subject_text=text[: m.end()], as_of=as_of, section=label,
                         sentence=text, source=prov))
    return out


def _procurement_claims(text: str, kind: str | None, prov: Provenance, label: str,
                        existing: list[Claim]) -> list[Claim]:
    if kind != "procurement":
        return []
    out: list[Claim] = []
    m = _PROCUREMENT_TOTAL_RE.search(text)
    if m and not any(c.subject == "procurement.total" and c.sentence == text for c in existing):
        out.append(Claim(subject="procurement.total", subject_text="政府采购金额",
                         amount=_amount(m.group(1), m.group(2), prov), section=label, sentence=text, source=prov))
    for m in _AWARDED_RE.finditer(text):
        small = m.group(1) == "小微企业"
        out.append(Claim(
            subject="procurement.small_micro_awarded" if small else "procurement.sme_awarded",
            subject_text=f"授予{m.group(1)}合同金额", amount=_amount(m.group(2), m.group(3), prov),
            share=parse_number(m.group(5)) if m.group(5) else None, share_text=m.group(4),
            section=label, sentence=text, source=prov,
        ))
    return out


def _kind(top: str | None, sub: str | None) -> str | None:
    if sub is None or sub == "other":
        return top
    return sub if top in (None, "other", "total", "fiscal", "gpb") or sub == "three_public" else top


def amend_final_claims(claims: list[Claim], secs: list[SectionParas], codes: CodeIndex,
                       kind: str | None = "决算") -> list[Claim]:
    """``claims`` (the claim parser's, of ``secs``) with the 决算 sentences read again (see the module
    docstring): what it misread of them replaced, what it left out added, in the document's order.
    A budget's (``kind`` 预算) are returned as they are."""
    if kind != "决算":
        return claims
    after: dict[int, list[Claim]] = {}  # id of the claim a new claim follows (0: the start) → new claims
    anchor = 0
    for sec in secs:
        top = section_kind(sec.title) if sec.title else None
        kind, sub_title = top, None
        st = _State()
        for p in sec.paras:
            if p.level == 2:
                sub_title = p.title
                kind = _kind(top, section_kind(p.title or ""))
                st = _State(three_public=st.three_public)
            label = sec.title if not sub_title else f"{sec.title} / {sub_title}"
            if sec.number:
                label = f"{sec.number}、{label}"
            for off, sentence in split_sentences(p.text):
                prov = p.prov(off)
                existing = [c for c in claims if c.source == prov]
                own = [c for c in existing if c.sentence == sentence.strip()]
                if own:
                    anchor = id(own[-1])
                new = _read_sentence(sentence, kind, codes, prov, label, st, existing)
                after.setdefault(anchor, []).extend(new)
    out = list(after.get(0, []))
    for c in claims:
        if c.subject != _REPLACED:
            out.append(c)
        out.extend(after.get(id(c), []))
    return out
