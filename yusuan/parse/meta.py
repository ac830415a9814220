"""Stage: document metadata — department, year, kind, level, unit, publication date, budget units.

Read from what the document prints: the cover lines before the table of contents, the
编制部门/编制单位 lines above the tables, the closing date line, and the 下属预算单位 lists of the
概况. Nothing here is guessed from the file name.
"""

from __future__ import annotations

import re
from collections import Counter

from yusuan.amounts import find_unit
from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.model import Document
from yusuan.parse.segment import Segments

_PREPARER_RE = re.compile(r"(?:编制部门|编制单位|填报单位)\s*[:：]\s*(.+)")
_NAME_LINE_RE = re.compile(r"^\s*(?:预算单位|部门名称|单位名称|主管部门)\s*[:：]\s*(.+)")
_YEAR_RE = re.compile(r"(20\d{2})\s*年\s*(?:度)?")
_COVER_KIND_RE = re.compile(r"(部门|单位)?\s*(预算|决算)")
_DATE_RE = re.compile(r"^\s*((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
_DATE_ISO_RE = re.compile(r"^\s*((?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2})\s*$")
_PART_RE = re.compile(r"^\s*第\s*[一二三四五六七八九十]+\s*部\s*分")
_TOC_RE = re.compile(r"^\s*目\s*录\s*$")
_UNITS_INTRO_RE = re.compile(r"(纳入.{0,40}范围的.{0,6}单位|编制范围的.{0,6}单位|下属预算单位|所属预算单位|预算单位包括)")
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-•·]\s*)?(?:\(?[0-9]{1,3}\)?[、.．]|[（(][0-9一二三四五六七八九十]+[）)])\s*(.+?)\s*[;；。,，]?\s*$")
_ORG_SUFFIX_RE = re.compile(r"(本级|机关|局|委员会|委|办公室|办|厅|院|中心|站|所|队|馆|会|部|处|室|校|学|园|社|署|台|组|机构|公司|医院)$")
_NO_UNITS_RE = re.compile(r"无下属预算单位|没有下属预算单位|无所属预算单位")


# compiled once: _clean_org and _org run on most text lines of a document
_SPACES_RE = re.compile(r"\s+")
_CJK_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_STAMP_RE = re.compile(r"\s*[（(](?:盖章|预留)[）)]$")
_LABEL_SEP_RE = re.compile(r"[:：]")
_LEAD_VERB_RE = re.compile(r"^(?:纳入|关于|根据|附件|按照)")
_TAIL_PAREN_RE = re.compile(r"[（(][^）)]*[）)]$")
_NOT_A_NAME_RE = re.compile(r"\d|[《》“”\"'、，。；,;!！?？]|预算|决算|公开|年度")


def _clean_org(text: str) -> str:
    t = _SPACES_RE.sub(" ", text).strip()
    t = _CJK_GAP_RE.sub("", t)
    t = _STAMP_RE.sub("", t).strip()
    return t


def _cover_lines(raw: RawDocument, segs: Segments) -> list[TextLine]:
    """The lines before the table of contents or the first part heading (the cover)."""
    stop = len(raw.blocks)
    if segs.toc:
        stop = segs.toc[0]
    elif segs.parts:
        stop = segs.parts[0][1]
    out: list[TextLine] = []
    for b in raw.blocks[: min(stop, 40)]:
        if isinstance(b, TextLine):
            if _TOC_RE.match(b.text) or _PART_RE.match(b.text):
                break
            out.append(b)
    return out[:12]


_ORG_NAME_RE = re.compile(r"[\u4e00-\u9fff（）()]{2,40}")
_NAME_YEAR_RE = re.compile(r"([\u4e00-\u9fff（）()]{2,40}?)\s*(?:20\d{2})\s*年")
_YEAR_NAME_RE = re.compile(r"20\d{2}\s*年\s*度?\s*([\u4e00-\u9fff（）()]{2,40}?)\s*(?:部门|单位)?\s*(?:预算|决算)")


_STRICT_SUFFIX_RE = re.compile(r"(局|委员会|办公室|办公厅|厅|院|中心|署|委|部|处|馆|站|所|队|本级)$")
_PLACE_RE = re.compile(r"[省市县区州]|^首都|^中共|^中国|^国家|^自治区")


def _org(text: str, strict: bool = False) -> str | None:
    """``text`` as a department name when it looks like one (ends like an organisation).
    ``strict`` (for names found loose in the body) also wants a place in it (XX市…局)."""
    t = _clean_org(_LABEL_SEP_RE.split(text)[-1])
    t = _LEAD_VERB_RE.sub("", t)  # the verb of a sentence that names the department
    bare = _TAIL_PAREN_RE.sub("", t)
    if not (2 < len(t) <= 40) or _NOT_A_NAME_RE.search(t):
        return None
    if not _ORG_SUFFIX_RE.search(bare):
        return None
    if strict and not (_PLACE_RE.search(bare) and _STRICT_SUFFIX_RE.search(bare)):
        return None
    return t


def _department_in(lines: list[str]) -> str | None:
    """The department named by a title-like line: a 预算单位：X line, "X 2024 年…", "2024年X部门预算"."""
    for t in lines:
        m = _NAME_LINE_RE.match(t)
        if m and _org(m.group(1)):
            return _org(m.group(1))
    for t in lines:
        for rx in (_NAME_YEAR_RE, _YEAR_NAME_RE):
            m = rx.search(t)
            if m and _org(m.group(1)):
                return _org(m.group(1))
    for t in lines:
        if _org(t) and len(t.strip()) <= 40 and not re.search(r"[:：，。]", t):
            return _org(t)
    return None


def _department_from_cover(cover: list[TextLine]) -> str | None:
    # a long name wraps over two cover lines: read the lines joined first
    lines = [b.text.strip() for b in cover]
    return _department_in(["".join(lines), *lines])


def _units_from_grid(g: Grid) -> list[str]:
    """The 单位名称 column of a small table listing the budget units."""
    if not g.rows:
        return []
    header = [re.sub(r"\s+", "", c.text) for c in g.rows[0]]
    col = next((j for j, h in enumerate(header) if "单位名称" in h or h in ("单位", "预算单位")), None)
    if col is None:
        return []
    out = []
    for r in g.rows[1:]:
        if col < len(r):
            name = _clean_org(r[col].text)
            if name and _ORG_SUFFIX_RE.search(re.sub(r"[（(][^）)]*[）)]$", "", name)):
                out.append(name)
    return out


def _budget_units(raw: RawDocument) -> list[str]:
    blocks = raw.blocks
    for i, b in enumerate(blocks):
        if not isinstance(b, TextLine) or not _UNITS_INTRO_RE.search(b.text):
            continue
        if _NO_UNITS_RE.search(b.text):
            continue
        # Inline list after the colon: "…预算单位包括：A、B、C。"
        tail = re.split(r"[:：]", b.text, maxsplit=1)
        if len(tail) == 2 and tail[1].strip().strip("。"):
            items = [_clean_org(x) for x in re.split(r"[、，,；;]", tail[1].strip().rstrip("。"))]
            items = [re.sub(r"^(?:[0-9]{1,3}[、.．]|[（(][0-9]+[）)])", "", x).strip() for x in items]
            items = [o for x in items if x for o in [_org(x)] if o]
            if items:
                return items
        nxt = next((nb for nb in blocks[i + 1 : i + 3] if isinstance(nb, Grid)), None)
        if nxt is not None and re.search(r"见下表|如下表|下表", b.text):
            units = _units_from_grid(nxt)
            if units:
                return units
        if not b.text.rstrip().endswith(("：", ":")):
            continue
        units = []
        for nb in blocks[i + 1 : i + 200]:
            if isinstance(nb, Grid):
                break
            m = _LIST_ITEM_RE.match(nb.text)
            if not m:
                break
            name = _org(m.group(1))
            if name is None:
                break  # a list of something else (the offices of the department, its duties …)
            units.append(name)
        if units:
            return units
    return []


def parse_meta(raw: RawDocument, segs: Segments, doc: Document) -> None:
    cover = _cover_lines(raw, segs)
    cover_text = " ".join(b.text for b in cover)
    texts = [b.text for b in raw.blocks if isinstance(b, TextLine)]
    doc.department = _department(raw, cover, texts)
    doc.year = _year(raw, cover_text, texts)
    # Kind and level: cover first, then the part headings, then the body at large.
    if "决算" in cover_text and "预算" not in cover_text:
        doc.kind = "决算"
    doc.level = _level(cover_text, texts)  # type: ignore[assignment]

    # Unit: the unit most tables declare.
    units = Counter(u for t in texts for u in [find_unit(t)] if u)
    if units:
        doc.unit = units.most_common(1)[0][0]
    doc.published = _published(raw, cover)
    doc.budget_units = _budget_units(raw)


def _department(raw: RawDocument, cover: list[TextLine], texts: list[str]) -> str | None:
    """The 编制部门/编制单位 line as printed, else the cover, else a line naming it with the year,
    else the organisation name printed alone most often."""
    preparers: Counter[str] = Counter()
    for t in texts:
        m = _PREPARER_RE.search(t)
        if m:
            value = re.split(r"\s{2,}|(?:金额)?单位\s*[:：]", m.group(1).strip())[0].strip()
            if value:
                preparers[_clean_org(value)] += 1
    department = None if preparers else _department_from_cover(cover)
    if not preparers and department is None:
        # next: the 预算单位 / 部门名称 lines (covers and table heads of some templates)
        for t in texts:
            m = _NAME_LINE_RE.match(t)
            if m:
                value = re.split(r"\s{2,}|(?:金额)?单位\s*[:：]", m.group(1).strip())[0].strip()
                if value and _ORG_SUFFIX_RE.search(re.sub(r"[（(][^）)]*[）)]$", "", value)):
                    preparers[_clean_org(value)] += 1
    if preparers:
        department = preparers.most_common(1)[0][0]
    if department is None:
        # then any line naming it with the year ("附件：XX局2026年度部门预算报表")
        department = _department_in(
            [t for t in texts if len(t) <= 60 and re.search(r"20\d{2}\s*年", t) and ("预算" in t or "决算" in t)][:50]
        )
    if department is None:
        # last: the organisation name printed alone most often (a table cell, a signature)
        names = Counter(
            o
            for b in raw.blocks
            for t in ([b.text] if isinstance(b, TextLine) else [c.text for r in b.rows for c in r])
            if len(t.strip()) <= 30 and not re.search(r"[:：，。、]", t)
            for o in [_org(t, strict=True)]
            if o
        )
        if names:
            department = max(names, key=lambda n: (names[n], len(n)))
    return department


def _year(raw: RawDocument, cover_text: str, texts: list[str]) -> int | None:
    """The cover's year, else the most frequent "20xx年…预算" in part headings and titles."""
    m = _YEAR_RE.search(cover_text)
    if m:
        return int(m.group(1))
    years = Counter(
        int(y.group(1)) for t in texts if ("预算" in t or "决算" in t) for y in [_YEAR_RE.search(t)] if y
    )
    if not years:
        # a document of tables alone: the year its headers and cells print most
        years = Counter(
            int(y)
            for b in raw.blocks
            for t in ([b.text] if isinstance(b, TextLine) else [c.text for r in b.rows[:4] for c in r])
            for y in re.findall(r"(20\d{2})\s*年", t)
        )
    if years:
        # ties go to the later year: a budget text also names the years before it
        return max(years, key=lambda y: (years[y], y))
    return None


def _level(cover_text: str, texts: list[str]) -> str | None:
    """部门 or 单位: the cover's, else the part headings', else what the body says most."""
    for source in (cover_text, " ".join(t for t in texts if _PART_RE.match(t) and "公开表" not in t)):
        has_dept = "部门预算" in re.sub(r"\s+", "", source) or "部门决算" in re.sub(r"\s+", "", source)
        has_unit = "单位预算" in re.sub(r"\s+", "", source) or "单位决算" in re.sub(r"\s+", "", source)
        if has_dept != has_unit:
            return "部门" if has_dept else "单位"
    body = re.sub(r"\s+", "", " ".join(texts))
    dept, unit = body.count("部门预算") + body.count("部门决算"), body.count("单位预算") + body.count("单位决算")
    if dept or unit:
        return "部门" if dept >= unit else "单位"
    return None


def _published(raw: RawDocument, cover: list[TextLine]) -> str | None:
    """Publication date: a line that is only a date, near the end (or on the cover)."""
    tail = [b for b in raw.blocks[-15:] if isinstance(b, TextLine)]
    for b in reversed(tail):
        dm = _DATE_RE.match(b.text) or _DATE_ISO_RE.match(b.text)
        if dm:
            return dm.group(1).strip()
    for b in cover:
        dm = _DATE_RE.match(b.text)
        if dm:
            return dm.group(1).strip()
    return None
