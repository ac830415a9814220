"""Stage: 部门概况 — functions (主要职能), internal units, budget units, staff counts.

Everything is read as printed: an enumeration of internal units keeps its duplicates and its own
count (the audit compares the declared "下设 8 个股室" with the units listed); staff counts keep their
change (增加 n 人 / 减少 n 人) and the text they were read from.
"""

from __future__ import annotations

import re

from yusuan.blocks import RawDocument
from yusuan.model import Document, Profile, Provenance, Quote, StaffCount
from yusuan.parse.narrative import Para, paragraphs, split_sections, text_lines
from yusuan.parse.segment import Segments

_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_COUNT = r"(\d+|[一二两三四五六七八九十]+)"
_FUNC_ITEM_RE = re.compile(r"^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、.．](?=\s*\D))\s*")
_INTERNAL_RE = re.compile(
    r"(?:内设|下设)[^，,。；;\d一二两三四五六七八九十]{0,8}?\s*" + _COUNT + r"\s*个([^，,：:。；;]{0,12})"
    r"|(?:设置|设有)\s*" + _COUNT + r"\s*个(?:内设)?(?:机构|处室|科室|股室|职能部门)"
)
_BUDGET_UNITS_RE = re.compile(
    r"下属(?:预算单位)?\s*"
    + _COUNT
    + r"\s*(?:家|个)(?:[^，,。；;]{0,6})?预算单位|预算单位\s*(?:共计|共有|合计|共)?\s*(?:为)?\s*"
    + _COUNT
    + r"\s*(?:家|个)"
)
_NO_BUDGET_UNITS_RE = re.compile(r"无下属(?:预算)?单位|(?:没有|无)(?:其他)?(?:二级|下属)(?:预算)?单位")
_STAFF_KEYS = {
    "编制数": r"(?:行政|事业)?编制(?:数|人数)?",
    "实有人数": r"实有人数",
    "在职": r"在职(?:人员|人数)?",
    "退休": r"退休(?:人员|人数)?",
    "离休": r"离休(?:人员|人数)?",
}
_STAFF_RE = re.compile(
    r"(编制数|编制人数|实有人数|在职(?:人员|人数)?|退休(?:人员|人数)?|离休(?:人员|人数)?)\s*(?:为|共)?\s*(\d+)\s*(?:人|名)?"
    r"(?:\s*[，,]\s*(增加|减少)\s*(\d+)\s*(?:人|名))?"
)


def cn_number(text: str) -> int | None:
    """``8`` → 8, ``十二`` → 12, ``两`` → 2."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


# what follows the counted units of a listing is not one of them: "，另设机关党委、工会",
# "，下设二级预算单位 6 个，分别是…" (the budget units, another list)
_LIST_END_RE = re.compile(r"[，,；;]\s*(?:另设|另有|另外|此外|还有|同时|下设|下属|所属)")
# a unit the listing itself marks as outside the count: "机关党委（不纳入内设机构数）"
_NOT_COUNTED_RE = re.compile(r"不纳入|不计入|不占|不列入")


def split_units(text: str) -> list[str]:
    """The units an enumeration lists: ``办公室、基金财务股、…。`` or ``1、办公室(…)。负责…；2、业务室。…``.

    The list ends where the text goes on about units outside the count (``，另设机关党委…``,
    ``，下设预算单位…``); a unit marked ``（不纳入内设机构数）`` is left out."""
    return [u for u in _listed_units(text) if not _NOT_COUNTED_RE.search(u)]


def _listed_units(text: str) -> list[str]:
    text = text.strip()
    if re.match(r"^\d{1,2}\s*[、.．]", text):
        items = re.split(r"(?:^|[；;。\s])\d{1,2}\s*[、.．]", text)
        out = []
        for it in items:
            it = it.strip()
            if not it:
                continue
            # "办公室(党建办公室)。负责承办…" — the name ends at the first 。 or ，
            out.append(re.split(r"[。，,；;：:]", it)[0].strip())
        return [u for u in out if u]
    text = re.split(r"[。；;]", text)[0]
    end = _LIST_END_RE.search(text)
    if end:
        text = text[: end.start()]
    return [u.strip() for u in re.split(r"[、，,]|以及|和(?=[^、，,]{2,}$)", text) if u.strip()]


def _staff(text: str, profile: Profile) -> None:
    for m in _STAFF_RE.finditer(text):
        word = m.group(1)
        key = next((k for k, pat in _STAFF_KEYS.items() if re.fullmatch(pat, word)), None)
        if key is None or key in profile.staff:
            continue
        change = None
        if m.group(3):
            change = int(m.group(4)) * (1 if m.group(3) == "增加" else -1)
        profile.staff[key] = StaffCount(count=int(m.group(2)), change=change, text=m.group(0).strip())


def _functions(paras: list[Para]) -> list[str]:
    items: list[str] = []
    numbered = any(p.level == 2 or _FUNC_ITEM_RE.match(p.text) for p in paras)
    for p in paras:
        if p.level == 1:
            continue
        if p.level == 2:
            # a short numbered item looks like a sub-heading: "（九）承办市委交办的其他事项。"
            items.append(_FUNC_ITEM_RE.sub("", p.text).strip())
            continue
        if numbered and not _FUNC_ITEM_RE.match(p.text) and items:
            items[-1] += p.text  # a paragraph cut by a page: it continues the item
            continue
        items.append(_FUNC_ITEM_RE.sub("", p.text).strip())
    return [i for i in items if i]


_ABOUT_RE = re.compile(r"职能|职责|机构|人员|编制|构成|预算单位")


def _groups(paras: list[Para]) -> list[tuple[str, list[Para]]]:
    """(title, paragraphs) of every section, and of the sub-sections of a section about nothing
    the profile reads (templates whose part heading is "一、部门概况" put "（一）主要职能" below it)."""
    out: list[tuple[str, list[Para]]] = []
    for sec in split_sections(paras):
        out.append((sec.title or "", sec.paras))
        if _ABOUT_RE.search(sec.title or ""):
            continue
        for p in sec.paras:
            if p.level == 2:
                out.append((p.title or "", []))
            elif len(out) > 1 and out[-1][0] != (sec.title or ""):
                out[-1][1].append(p)
    return out


def parse_profile(raw: RawDocument, segs: Segments, doc: Document) -> None:
    profile = doc.profile
    for start, end in segs.ranges("profile"):
        paras = paragraphs(text_lines(raw, start + 1, end))
        for title, group in _groups(paras):
            if re.search(r"职能|职责", title) and not profile.functions:
                profile.functions = _functions(group)
                if group:
                    profile.source = group[0].prov()
            if re.search(r"机构|人员|编制|构成|预算单位", title) or not title:
                _units_and_staff([p for p in group if p.level == 0], profile)
    settle_profile(doc)


def _units_and_staff(paras: list[Para], profile: Profile) -> None:
    for p in paras:
        text = p.text
        if profile.declared_internal_units is None:
            m = _INTERNAL_RE.search(text)
            if m:
                profile.declared_internal_units = cn_number(m.group(1) or m.group(3))
                rest = text[m.end() :]
                lm = re.search(r"(?:分别(?:是|为)|依次(?:是|为)|包括|即)\s*[:：]?", rest)
                if lm and lm.start() <= 12:  # a list further on is another list (budget units…)
                    units = split_units(rest[lm.end() :])
                    # "内设29个处室及机关党委，分别是…、机关党委": what the count adds is listed, not counted
                    also = re.search(r"(?:及|和|以及|另有|另设)(.+)$", m.group(2) or "")
                    extra = re.sub(r"\s", "", also.group(1)) if also else None
                    profile.internal_units = [u for u in units if re.sub(r"\s", "", u) != extra]
        if profile.declared_budget_units is None:
            if _NO_BUDGET_UNITS_RE.search(text):
                profile.declared_budget_units = 0
            else:
                m = _BUDGET_UNITS_RE.search(text)
                if m:
                    profile.declared_budget_units = cn_number(m.group(1) or m.group(2))
        _staff(text, profile)
    if profile.source == Provenance() and paras:
        profile.source = paras[0].prov()


# --- the sentences the counts rest on, and a second reading of the internal units --------------

_UNITS_SENTENCE_RE = re.compile(
    r"(?:内设|下设|设有)\s*(?:机构)?\s*[\d一二两三四五六七八九十]+\s*个|内设机构\s*[\d一二两三四五六七八九十]+\s*个"
)
_DECLARED_RE = re.compile(
    r"(?:内设|下设|设有|设)\s*(?:机构|职能)?\s*(\d+|[一二两三四五六七八九十]+)\s*个\s*"
    r"([^，,。；;：:\d]{0,10}?)(?:[，,]\s*)?(?:分别(?:是|为)|包括|即|具体(?:是|为))\s*[：:]?\s*(.*?)(?:。|$)"
)
_ITEM_SPLIT_RE = re.compile(r"[、，,；;]")
_ITEM_NUMBER_RE = re.compile(r"^\s*(?:[(（]?\s*[0-9一二三四五六七八九十]+\s*[)）、.．]\s*)")
# what follows the counted units in a listing: "，另设机关党委、工会", "，机关党委（不纳入内设机构数）"
_SECOND_LIST_END_RE = re.compile(r"[，,；;]\s*(?:另设|另有|此外|以及|还有|同时|机关党委|机关纪委|党委|纪检|离退休干部)")
_BUDGET_UNITS_LOOSE_RE = re.compile(
    r"(?:下属|所属)?\s*(?:二级)?预算单位\s*(?:共)?\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个|家)"
    r"|(?:下属|包括)\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个|家)\s*(?:二级)?预算单位"
)


def _norm_unit(name: str) -> str:
    return re.sub(r"[\s\u3000（）()“”\"]", "", name)


def _quote(doc: Document, needle: re.Pattern[str]) -> Quote | None:
    """The first sentence of the 概况 sections that ``needle`` finds, with where it stands."""
    secs = [s for s in doc.sections if (s.part and "概况" in s.part) or "机构" in s.title] or doc.sections[:3]
    for s in secs:
        for m in re.finditer(r"[^。\n]*(?:。|$)", s.text):
            sent = m.group(0)
            if sent.strip() and needle.search(sent):
                lead = len(sent) - len(sent.lstrip())
                return Quote(text=sent.strip(), section=s.heading(), source=s.where(m.start() + lead))
    return None


def _split_second(text: str) -> list[str]:
    end = _SECOND_LIST_END_RE.search(text)
    if end:
        text = text[: end.start()]
    names = []
    for item in _ITEM_SPLIT_RE.split(text):
        if _NOT_COUNTED_RE.search(item):
            continue
        item = _ITEM_NUMBER_RE.sub("", item).strip(" 　“”\"")
        if item:
            names.append(item)
    return names


def settle_profile(doc: Document) -> None:
    """Quote the sentences the counts come from and settle the internal-unit list.

    The listing is read twice: by the paragraph reader above, and again from the sentence with a
    stricter pattern (it stops at "另设…", drops units "不纳入内设机构数"). When one reading
    agrees with its declared count, that one is kept: a finding should rest on the document, not
    on one reader's slip. Runs after the sections are built (it quotes from them)."""
    p = doc.profile
    p.internal_units = [u for u in p.internal_units if not _NOT_COUNTED_RE.search(u)]
    units = _quote(doc, _UNITS_SENTENCE_RE)
    if units is not None:
        p.quotes["internal_units"] = units
        m = _DECLARED_RE.search(units.text)
        # "内设 29 个处室及机关党委，分别是…、机关党委": what the count phrase adds is not counted
        also = re.search(r"(?:及|和|以及|另有)(.+)$", m.group(2)) if m else None
        uncounted = {_norm_unit(also.group(1))} if also else set()

        def counted(names: list[str]) -> list[str]:
            return [n for n in names if not _NOT_COUNTED_RE.search(n) and _norm_unit(n) not in uncounted]

        readings: list[tuple[int | None, list[str]]] = []
        if p.declared_internal_units is not None or p.internal_units:
            readings.append((p.declared_internal_units, counted(list(p.internal_units))))
        own = (cn_number(m.group(1)), counted(_split_second(m.group(3)))) if m else None
        if own is not None:
            readings.append(own)
        chosen = next((r for r in readings if r[0] is not None and len(r[1]) == r[0]), None)
        if chosen is None and readings:
            chosen = own if own is not None and own[1] else readings[0]
        if chosen is not None:
            p.declared_internal_units, p.internal_units = chosen
    budget = _quote(doc, re.compile(r"预算单位"))
    if budget is not None:
        p.quotes["budget_units"] = budget
    if p.declared_budget_units is None:
        loose = _quote(doc, _BUDGET_UNITS_LOOSE_RE)
        bm = _BUDGET_UNITS_LOOSE_RE.search(loose.text) if loose else None
        if bm:
            p.declared_budget_units = cn_number(bm.group(1) or bm.group(2))
    staff = _quote(doc, re.compile(r"实有"))
    if staff is not None:
        p.quotes["staff"] = staff
