"""Y7xx — the 部门概况: the counts it declares against what it lists.

Input: ``doc.profile`` (declared and listed internal units, declared budget units, staff counts),
``doc.budget_units`` (the budget units listed), ``doc.sections`` (to quote the sentence). When the
profile parser did not read the 机构设置 sentence, the rules read it from the 概况 section text
themselves, so that a parser gap does not hide a miscount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from yusuan.audit import CannotRun, Location, NotApplicable, Problem, rule
from yusuan.model import Document, Section

BASIS = "财预〔2016〕143号《地方预决算公开操作规程》"

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_int(text: str) -> int | None:
    """``12`` / ``十二`` / ``二十三`` → int; None when it is not a count."""
    t = text.strip()
    if t.isdigit():
        return int(t)
    if not t or any(ch not in _CN_DIGITS and ch != "十" for ch in t):
        return None
    if "十" in t:
        tens, _, ones = t.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS.get(t)


_DECLARED_RE = re.compile(
    r"(?:内设|下设|设有|设)\s*(?:机构|职能)?\s*(\d+|[一二两三四五六七八九十]+)\s*个\s*"
    r"([^，,。；;：:\d]{0,10}?)(?:[，,]\s*)?(?:分别(?:是|为)|包括|即|具体(?:是|为))\s*[：:]?\s*(.*?)(?:。|$)"
)
_ITEM_SPLIT_RE = re.compile(r"[、，,；;]")
_NUMBERING_RE = re.compile(r"^\s*(?:[(（]?\s*[0-9一二三四五六七八九十]+\s*[)）、.．]\s*)")


@dataclass
class UnitList:
    declared: int | None
    listed: list[str] = field(default_factory=list)
    sentence: str = ""
    section: Section | None = None


def _profile_sections(doc: Document) -> list[Section]:
    out = [s for s in doc.sections if (s.part and "概况" in s.part) or "机构" in s.title]
    return out or list(doc.sections[:3])


def _sentence_with(doc: Document, needle: re.Pattern[str]) -> tuple[str, Section | None]:
    for s in _profile_sections(doc):
        for para in s.text.split("\n"):
            for sent in re.split(r"(?<=。)", para):
                if needle.search(sent):
                    return sent.strip(), s
    return "", None


# what follows the counted units in a listing: "，另设机关党委、工会", "，机关党委（不纳入内设机构数）"
_LIST_END_RE = re.compile(r"[，,；;]\s*(?:另设|另有|此外|以及|还有|同时|机关党委|机关纪委|党委|纪检|离退休干部)")
_NOT_COUNTED_RE = re.compile(r"不纳入|不计入|不占")


def _split_units(text: str) -> list[str]:
    """The unit names of a listing (``办公室、基金财务股、…``); what follows the counted units
    (``，另设机关党委…``) and names marked as not counted are left out."""
    end = _LIST_END_RE.search(text)
    if end:
        text = text[:end.start()]
    names = []
    for item in _ITEM_SPLIT_RE.split(text):
        if _NOT_COUNTED_RE.search(item):
            continue
        item = _NUMBERING_RE.sub("", item).strip(" 　“”\"")
        if item:
            names.append(item)
    return names


def internal_units(doc: Document) -> UnitList:
    """What the profile declares and lists as internal units (处室/科室/股室 …).

    Two readings: the profile parser's, and this module's own reading of the sentence (which stops
    at "另设…" and drops units "不纳入内设机构数"). When either agrees with the declared count, that
    one is used: a finding should rest on the document, not on one reader's slip.
    """
    p = doc.profile
    sentence, section = _sentence_with(doc, _UNITS_SENTENCE_RE)
    m = _DECLARED_RE.search(sentence) if sentence else None
    # "内设 29 个处室及机关党委，分别是…、机关党委": what the count phrase adds is listed, not counted
    also = re.search(r"(?:及|和|以及|另有)(.+)$", m.group(2)) if m else None
    uncounted = {_norm(also.group(1))} if also else set()

    def counted(names: list[str]) -> list[str]:
        return [n for n in names if not _NOT_COUNTED_RE.search(n) and _norm(n) not in uncounted]

    own = UnitList(cn_int(m.group(1)), counted(_split_units(m.group(3))), sentence, section) if m else None
    parsed = UnitList(p.declared_internal_units, counted(list(p.internal_units)), sentence, section) \
        if p.declared_internal_units is not None or p.internal_units else None
    readings = [r for r in (parsed, own) if r is not None]
    if not readings:
        return UnitList(None, [], sentence, section)
    for r in readings:
        if r.declared is not None and len(r.listed) == r.declared:
            return r
    return own if own is not None and own.listed else readings[0]


_UNITS_SENTENCE_RE = re.compile(r"(?:内设|下设|设有)\s*(?:机构)?\s*[\d一二两三四五六七八九十]+\s*个|内设机构\s*[\d一二两三四五六七八九十]+\s*个")


def _location(doc: Document, section: Section | None, sentence: str = "") -> Location:
    from yusuan.rules.wording import find_line

    src = section.source if section is not None else doc.profile.source
    title = f"{section.number + '、' if section and section.number else ''}{section.title}" if section else "部门概况"
    line = find_line(doc, sentence[:12], src.line) if sentence else None
    return Location(section=title, file=src.file, page=src.page, line=line if line is not None else src.line)


def _norm(name: str) -> str:
    return re.sub(r"[\s\u3000（）()“”\"]", "", name)


@rule("Y701", "内设机构个数与列举不符", family="profile", severity="warning", basis=BASIS)
def internal_unit_count(doc: Document) -> Iterator[Problem]:
    """The 概况 declares n internal units (下设 n 个处室/科室/股室) but lists a different number.

    Why: the count and the list are written separately and drift apart when a unit is added,
    merged or renamed. Example: "下设 3 个处室，分别是：经办 1 科、经办 2 科、经办 3 科、行政办" lists
    four. A list that names one unit twice is rule Y702's (its length may match the count while the
    distinct units do not).

    Tolerance: none — counts are exact.
    """
    units = internal_units(doc)
    if units.declared is None:
        raise NotApplicable("概况未声明内设机构个数")
    if not units.listed:
        raise CannotRun("未读取到内设机构名单")
    if len(units.listed) != units.declared:
        yield Problem(
            f"概况称下设 {units.declared} 个内设机构，实际列出 {len(units.listed)} 个：{'、'.join(units.listed)}",
            location=_location(doc, units.section, units.sentence), expected=str(units.declared),
            actual=str(len(units.listed)), source=units.sentence or None)


@rule("Y702", "内设机构名单重复", family="profile", severity="warning", basis=BASIS)
def internal_unit_duplicates(doc: Document) -> Iterator[Problem]:
    """The list of internal units names the same unit more than once.

    Why: a unit named twice is usually a unit missing from the list (a copy-paste in place of the
    one that should be there). Example: "下设 8 个股室，分别是：办公室、基金财务股、…、经办服务管理股、…、经办服务管理股" —
    eight names, seven units: the count of 8 is not borne out by the list.

    Tolerance: names are compared with spaces and brackets ignored.
    """
    units = internal_units(doc)
    if not units.listed:
        raise NotApplicable("概况未列出内设机构")
    seen: dict[str, int] = {}
    for name in units.listed:
        seen[_norm(name)] = seen.get(_norm(name), 0) + 1
    dups = [n for n in units.listed if seen.get(_norm(n), 0) > 1]
    if dups:
        names = "、".join(dict.fromkeys(dups))
        distinct = len(seen)
        tail = f"，不同名称只有 {distinct} 个" + (f"（声明 {units.declared} 个）" if units.declared is not None else "")
        yield Problem(f"内设机构名单中「{names}」重复出现{tail}", location=_location(doc, units.section, units.sentence),
                      expected=str(units.declared) if units.declared is not None else None,
                      actual=str(distinct), source=units.sentence or None)


_STAFF_KEYS = {
    "actual": ("实有人数", "实有", "actual"),
    "serving": ("在职", "在职人数", "在职人员", "serving"),
    "retired": ("退休", "退休人数", "退休人员", "retired"),
    "lixiu": ("离休", "离休人数", "离休人员", "lixiu"),
}


def _staff(doc: Document, key: str) -> int | None:
    for k in _STAFF_KEYS[key]:
        if k in doc.profile.staff:
            return doc.profile.staff[k].count
    return None


@rule("Y703", "实有人数与在职、退休、离休人数之和不符", family="profile", severity="warning", basis=BASIS,
      needs=("profile",))
def staff_total(doc: Document) -> Iterator[Problem]:
    """实有人数 is neither 在职 + 退休 + 离休 nor 在职 alone.

    Why: staff counts are the basis of 人员经费; counts that contradict each other make it
    uncheckable. Example: "实有人数 110 人，其中：在职 107 人；退休 5 人；离休 0 人" (112).

    Most templates print "实有人数 112 人，其中：在职 107 人…；退休 5 人…；离休 0 人…", so the three
    add up to 实有. Some templates count 实有 as the serving staff only (在职), which is a template
    difference, not an error, and is accepted. Anything else means one of the counts is wrong.

    Tolerance: none — counts are exact. A count not printed (离休 omitted) is taken as zero.
    """
    actual, serving = _staff(doc, "actual"), _staff(doc, "serving")
    retired, lixiu = _staff(doc, "retired"), _staff(doc, "lixiu")
    if actual is None or serving is None or (retired is None and lixiu is None):
        raise NotApplicable("概况未同时列出实有人数与在职、退休（离休）人数")
    total = serving + (retired or 0) + (lixiu or 0)
    if actual in (total, serving):
        return
    sentence, section = _sentence_with(doc, re.compile(r"实有"))
    yield Problem(
        f"实有人数 {actual} 人，而在职 {serving} + 退休 {retired or 0} + 离休 {lixiu or 0} = {total} 人"
        f"（也不等于在职人数）", location=_location(doc, section, sentence), expected=str(total), actual=str(actual),
        source=sentence or None)


_BUDGET_UNITS_RE = re.compile(r"(?:下属|所属)?\s*(?:二级)?预算单位\s*(?:共)?\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个|家)"
                              r"|(?:下属|包括)\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个|家)\s*(?:二级)?预算单位")


@rule("Y704", "预算单位个数与列举不符", family="profile", severity="warning", basis=BASIS)
def budget_unit_count(doc: Document) -> Iterator[Problem]:
    """The number of budget units the 概况 declares differs from the units it lists.

    Why: the budget units are what the 部门预算 sums; a count that disagrees with the list leaves
    the scope of every table in doubt. Example: "下属预算单位共 2 个" with four units listed.

    A 部门预算 that is a 汇总预算 says how many budget units it covers ("本级预算及下属 1 家预算单位")
    and lists them (often with the 本级 first). The list may count the 本级 or not, so a list one
    longer than the declared number of 下属 units is accepted; "无下属预算单位" with a list of
    several units is not.

    Tolerance: none — counts are exact.
    """
    declared = doc.profile.declared_budget_units
    listed = [u for u in doc.budget_units if u.strip()]
    if declared is None:
        sentence, _ = _sentence_with(doc, _BUDGET_UNITS_RE)
        m = _BUDGET_UNITS_RE.search(sentence) if sentence else None
        if m:
            declared = cn_int(m.group(1) or m.group(2))
    if declared is None:
        raise NotApplicable("概况未声明预算单位个数")
    if not listed:
        raise NotApplicable("概况未列出预算单位名单")
    if len(listed) <= 1 < declared:
        raise CannotRun("预算单位名单可能未读全（只读到 1 个）")
    if len(listed) in (declared, declared + 1):
        return
    sentence, section = _sentence_with(doc, re.compile(r"预算单位"))
    yield Problem(f"概况称下属预算单位 {declared} 个，列出 {len(listed)} 个：{'、'.join(listed)}",
                  location=_location(doc, section, sentence), expected=str(declared), actual=str(len(listed)),
                  source=sentence or None)
