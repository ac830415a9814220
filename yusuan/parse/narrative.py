"""Stage: the narrative — table of contents, sections of 情况说明 and 概况, 名词解释, and the claims.

Converter text cuts a paragraph into lines (and pages) anywhere, even inside a number or a heading.
Lines are joined back into paragraphs first: a line that does not end with 。；(or ends with ，)
continues on the next one, unless the next one opens a numbered item or a labelled field. A line
ending with ： continues too: "主要原因是：" / "其中：" are followed by what they announce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.blocks import RawDocument, TextLine
from yusuan.model import Claim, Document, LineSpan, Provenance, Section, TocEntry
from yusuan.parse.claim_subjects import SKIP_KINDS, find_subject
from yusuan.parse.claims import (
    LIST_OPEN_RE,
    CodeIndex,
    coded_econ_item,
    extract_claims,
    section_kind,
    split_sentences,
)
from yusuan.parse.final_claims import amend_final_claims
from yusuan.parse.segment import Segments, clean_heading

_ORD = r"[一二三四五六七八九十]+"
H1_RE = re.compile(rf"^({_ORD})\s*[、.．]\s*(.*)$")
H2_RE = re.compile(rf"^[（(]\s*({_ORD})\s*[)）]\s*(.*)$")
_ITEM_RE = re.compile(
    r"^(?:\d{1,2}\s*[、.．](?=\s*\D)|[（(]\s*\d{1,2}\s*[)）]|[（(]\s*"
    + _ORD
    + r"\s*[)）]|"
    + _ORD
    + r"\s*、)"
)
_LABEL_RE = re.compile(
    r"^(项目名称|设立的政策依据|预算安排规模|项目承担单位|资金分配情况|资金执行时间|项目负责人)\s*[:：]"
)
_INLINE_H2_RE = re.compile(rf"^[（(]\s*({_ORD})\s*[)）]\s*([^。：:，,；;（(]{{2,25}})[。：:]\s*(\S.*)$")
# a sub-heading run into its first sentence with no mark between: "（六）关于2026年一般公共预算基本支出情况说明
# 某某局2026年一般公共预算基本支出…万元", "（四）财政拨款收支预算情况的总体说明（详见表4）2026年…"; read when
# the sentence states an amount
_RUN_ON_H2_RE = re.compile(rf"^[（(]\s*({_ORD})\s*[)）]\s*([^。：:，,；;（()）\d]{{2,40}}?(?:\d{{4}}\s*年[^。：:，,；;（()）\d]{{0,30}}?)?"
                           r"(?:情况说明|的总体说明|情况的说明))\s*(?:[（(]\s*详见[^）)]{1,12}[)）])?\s*(\S.*)$")
_FOOTER_RE = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?[-—–\s]*$|^[-—–]\s*\d+\s*[-—–]$")
_HEAD_END_RE = re.compile(r"(说明|情况|职能|职责|解释|事项|概况|表|[)）]|明细)$")
_UNIT_IN_TEXT = re.compile(r"单位[:：]\s*(万元|元|千元|亿元)")


@dataclass
class Line:
    text: str
    line: int | None
    page: int | None


@dataclass
class Para:
    """A paragraph joined from converter lines, or a heading."""

    text: str
    lines: list[Line] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # start offset of each line in text
    level: int = 0  # 0 body, 1 "一、", 2 "（一）"
    number: str | None = None
    title: str | None = None

    def prov(self, offset: int = 0) -> Provenance:
        k = 0
        for n, off in enumerate(self.offsets):
            if off <= offset:
                k = n
        ln = self.lines[k] if self.lines else Line("", None, None)
        return Provenance(line=ln.line, page=ln.page)


def running_heads(raw: RawDocument) -> set[str]:
    """Page headers and footers: short lines printed on three pages or more (PDF input only).

    They land in the middle of a paragraph that runs over a page ("…支出2,242.11万元，某局2026年
    度部门预算公开与上年相比…"), so they are removed before lines are joined.
    """
    cached = raw.meta.get("_running_heads")
    if cached is not None:
        return set(cached.split("\n")) - {""}
    pages: dict[str, set[int]] = {}
    for b in raw.blocks:
        if isinstance(b, TextLine) and b.page is not None and len(b.text.strip()) <= 40:
            pages.setdefault(b.text.strip(), set()).add(b.page)
    heads = {t for t, ps in pages.items() if len(ps) >= 3 and not re.search(r"[。；;]$", t)}
    raw.meta["_running_heads"] = "\n".join(sorted(heads))
    return heads


def text_lines(raw: RawDocument, start: int, end: int) -> list[Line]:
    """The text lines of a block range, without page headers and footers and markdown bullets."""
    out: list[Line] = []
    heads = running_heads(raw)
    for b in raw.blocks[start:end]:
        if not isinstance(b, TextLine):
            continue
        if b.text.strip() in heads:
            continue
        t = b.text.replace("\u3000", " ").strip()
        t = re.sub(r"^[-*+]\s+", "", t).replace("**", "").strip()
        if not t or _FOOTER_RE.match(t):
            continue
        out.append(Line(t, b.line, b.page))
    return out


def _heading(text: str) -> tuple[int, str, str] | None:
    """(level, number, title) when a line is a section heading."""
    t = clean_heading(text)
    m = H1_RE.match(t)
    if m and m.group(2) and len(m.group(2)) <= 70 and "。" not in m.group(2)[:-1]:
        return 1, m.group(1), m.group(2).rstrip("。")
    m = H2_RE.match(t)
    if (
        m
        and m.group(2)
        and len(m.group(2)) <= 50
        and not re.search(r"[。，,；;]", m.group(2)[:-1])
        # "（三）对个人和家庭补助支出0万元。" states a figure: a paragraph, not a heading
        and not (m.group(2).endswith("。") and _AMOUNT_IN_TEXT.search(m.group(2)))
    ):
        return 2, f"（{m.group(1)}）", m.group(2).rstrip("。")
    return None


def _inline_heading(text: str) -> re.Match[str] | None:
    """A sub-heading that runs on into its first paragraph (groups: number, title, the rest)."""
    m = _INLINE_H2_RE.match(clean_heading(text))
    if m is None and (m := _RUN_ON_H2_RE.match(clean_heading(text))) is not None \
            and not _AMOUNT_IN_TEXT.search(m.group(3)[:120]):
        return None
    return m


def _wrapped_heading(lines: list[Line], i: int, title: str) -> tuple[list[Line], str]:
    """A long part heading wrapped onto the next line(s) ("…2023 年收支预" / "算情况的总体说明"):
    the lines it takes from ``lines[i]`` on (at most 3) and its whole title."""
    used = [lines[i]]
    while i + 1 < len(lines) and len(used) < 3:
        nxt = lines[i + 1].text
        if (
            _heading(nxt)
            or _ITEM_RE.match(nxt)
            or _LABEL_RE.match(nxt)
            or re.search(r"[。，,；;]", nxt)
        ):
            break
        short_end = len(nxt) <= 12 and nxt.endswith(("说明", "情况"))
        if _HEAD_END_RE.search(title) and not short_end:
            break
        if len(nxt) > 30:
            break
        title = title + nxt.strip()
        used.append(lines[i + 1])
        i += 1
    return used, title


# "（七）2080505-机关事业单位基本养老保险缴费支出77.65" / "万元。主要用于…" (or "…38.82万" / "元。…"): a
# numbered line whose amount the line break cut from its unit is the first line of a paragraph, not a heading
_UNIT_OPENS_RE = re.compile(r"^\s*(?:亿元|万元|千元|元)")
_CUT_UNIT_RE = re.compile(r"\d\s*[万亿千]$")


def _cut_amount(text: str, following: str) -> bool:
    t = text.rstrip()
    if _CUT_UNIT_RE.search(t):
        return following.lstrip().startswith("元")
    return t[-1:].isdigit() and _UNIT_OPENS_RE.match(following) is not None


def paragraphs(lines: list[Line]) -> list[Para]:
    """Join converter lines into headings and paragraphs."""
    paras: list[Para] = []
    cur: Para | None = None
    i = 0
    while i < len(lines):
        ln = lines[i]
        prev_open = cur is not None and cur.text and cur.text[-1] in "，,、"
        m = _inline_heading(ln.text)
        if m and not prev_open:
            # "（一）收入预算。2026 年年初预算数…" / "（二）“三公”经费预算：2026 年…": a sub-heading
            # that runs on into its first paragraph
            number, title = f"（{m.group(1)}）", m.group(2).strip()
            paras.append(
                Para(
                    text=m.group(0)[: m.start(3)].strip(),
                    lines=[ln],
                    offsets=[0],
                    level=2,
                    number=number,
                    title=title,
                )
            )
            cur = Para(text=m.group(3), lines=[ln], offsets=[0])
            paras.append(cur)
            i += 1
            continue
        h = _heading(ln.text)
        if h and not prev_open and not _cut_amount(ln.text, lines[i + 1].text if i + 1 < len(lines) else ""):
            level, number, title = h
            used, title = _wrapped_heading(lines, i, title) if level == 1 else ([ln], title)
            i += len(used) - 1
            cur = None
            paras.append(
                Para(
                    text="".join(clean_heading(u.text) for u in used),
                    lines=used,
                    offsets=[0],
                    level=level,
                    number=number,
                    title=title.strip(),
                )
            )
            i += 1
            continue
        starts_new = (
            cur is None
            or not prev_open
            and (
                cur.text[-1] in "。；;！？!?"
                or bool(_ITEM_RE.match(ln.text))
                or bool(_LABEL_RE.match(ln.text))
            )
        )
        if starts_new:
            cur = Para(text=ln.text, lines=[ln], offsets=[0])
            paras.append(cur)
        else:
            assert cur is not None
            cur.offsets.append(len(cur.text))
            cur.lines.append(ln)
            cur.text += ln.text
        i += 1
    return paras


@dataclass
class SectionParas:
    number: str | None
    title: str
    paras: list[Para]
    head: Para | None


def split_sections(paras: list[Para]) -> list[SectionParas]:
    """Top-level sections (一、…); text before the first heading is a section without number."""
    out: list[SectionParas] = []
    for p in paras:
        if p.level == 1:
            out.append(SectionParas(p.number, p.title or "", [], p))
        else:
            if not out:
                out.append(SectionParas(None, "", [], None))
            out[-1].paras.append(p)
    return out


def _section_text(sec: SectionParas) -> tuple[str, list[LineSpan]]:
    """The section's text (paragraphs joined by newlines) and where each printed line starts."""
    parts: list[str] = []
    spans: list[LineSpan] = []
    pos = 0
    for p in sec.paras:
        for ln, off in zip(p.lines, p.offsets, strict=False):
            spans.append(LineSpan(offset=pos + off, source=Provenance(line=ln.line, page=ln.page)))
        parts.append(p.text)
        pos += len(p.text) + 1
    return "\n".join(parts), spans


_AMOUNT_IN_TEXT = re.compile(r"\d\s*(?:亿元|万元|千元|元)")
# a sub-section names its own subject only where its parent's kind does not already decide it:
# "（三）上年结转结余" under 收入预算 is income.carryover; "（一）基本支出" under 支出预算 is expense.basic
_SUB_OVERRIDES = {"three_public", "admin_operation", "procurement", "assets", "performance", "projects"}


# the kinds of a sub-section about one fund's split, which a whole-budget section's kind reads as the
# department's (基本支出 would be expense.basic); the 一般公共预算 sections keep the whole's kind, whose
# phrases read the splits of each item ("具体为：人员经费…")
_FUND_SUB_KINDS = {"gpb_basic"}


def _sub_kind(top: str | None, sub: str | None) -> str | None:
    if sub is None or sub == "other":
        return top
    if top in (None, "other") or sub in _SUB_OVERRIDES or (top, sub) == ("gpb", "gpb_basic"):
        return sub
    if top == "total" and sub in _FUND_SUB_KINDS:
        return sub  # "二、部门预算安排情况说明" / "（六）一般公共预算基本支出情况说明": that fund's figures
    return top


# the parts a figure is split into, stated for the department or for one item of a list
_SPLIT_SUBJECTS = {"expense.basic", "expense.project", "expense.personnel", "expense.public",
                   "gpb.basic", "gpb.project", "gpb.personnel", "gpb.public"}
# a section stating the 支出 of one fund: "（四）高等学校财政拨款支出决算表说明"
_FUND_SECTION_RE = re.compile(r"(?<!非)(财政拨款|一般公共预算|政府性基金|国有资本经营)")


def _scope_claims(found: list[Claim], item: str | None, label: str, sentence: str) -> str | None:
    """Give each claim the scope it is stated in; returns the item a following split belongs to.

    "（3）行政事业单位养老支出（20805）705.90万元…具体为：人员经费675.90万元" splits the item, not
    the department: the split's 人员经费 is scoped to ``func:20805`` until another subject is named.
    A 基本支出/项目支出 of a section about one fund's money is that fund's."""
    whole = next((c.subject for c in found if c.subject == "admin_operation"), None)
    for c in found:
        if whole and c.subject in ("meetings", "training") and c.scope is None:
            c.scope = whole  # "机关运行经费…其中办公费…会议费7.61万元，培训费36.91万元"
    econ = coded_econ_item(sentence)
    if econ is not None and not any(c.subject.startswith("func") for c in found):
        item = econ
    for c in found:
        if c.subject.startswith("func"):
            item = c.subject
        elif c.subject.startswith("econ_total:"):  # the item named by its economic code
            item = "econ:" + c.subject.split(":", 1)[1]
        elif c.subject in _SPLIT_SUBJECTS and item is not None:
            c.scope = item
        else:
            item = None
        if c.scope is None and c.subject.startswith("expense.") and (m := _FUND_SECTION_RE.search(label)):
            c.scope = m.group(1)
    return item


def _top_kind(sec: SectionParas, part: str | None) -> tuple[str | None, str]:
    """The kind of a top-level section, and its label for the claims.

    Text before the first numbered heading of a part ("第二部分部门预算收支总体情况", "2026年单位预算
    编制说明") is about what the part's heading names; a part whose heading names no kind states the
    budget as a whole. A section titled by a budget unit's name ("深圳市审计局（本级）") states that
    unit's figures under its part's kind: its claims carry the unit's title, so that rules comparing
    them with the department's tables leave them alone (Claim.unit_scoped, parse.claim_details)."""
    part_kind = section_kind(part) if part else None
    if not sec.title:
        if part is None:
            return None, ""
        return (part_kind if part_kind not in (None, "unit") else "total"), part
    kind = section_kind(sec.title)
    if kind == "unit" and part_kind not in (None, "unit", *SKIP_KINDS):
        return part_kind, sec.title
    return kind, sec.title


# a sentence that only names a subject: "1.因公出国（境）费用。" before "2026年预算数28.00万元，较…"
_NAMING_SENTENCE_MAX = 30
# a line announcing a list of one fund's money: "财政拨款支出主要内容如下：" — the 类/款/项 listed after it
# are that fund's (the expense table's all-funds figure is not theirs)
_FUND_LIST_RE = re.compile(r"^(?:\d{4}\s*年)?[^，,。；;]{0,12}?(财政拨款|一般公共预算|政府性基金|国有资本经营)"
                           r"[^，,。；;]{0,12}?(?:如下|包括|具体为)\s*[:：]\s*$")
_FUND_WORD = {"国有资本经营": "国有资本"}
# a 决算 statement (年初预算为X，决算为Y) is read by the final-accounts reader, never under a heading subject
_FINAL_RE = re.compile(r"决算")


# a numbered line of a list: "4.研究调研活动…", "（五）项目支出…"
_NUMBERED_RE = re.compile(r"^\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）])")


def _carry(last: list[Claim], head: Claim | None) -> tuple[tuple[str, str] | None, bool]:
    """The subject a sentence that names none goes on about, and whether that is sure.

    The last claim of the sentence before, when it has an amount and no change yet; a change stated
    after a list ("…；较2025年年初预算增加569.63万元") is not its last line's but the numbered line's
    that opened the list ("2.口岸管理业务40,000.70万元，主要包括：…"), or nobody's."""
    if last and last[-1].amount is not None and last[-1].direction is None \
            and not last[-1].subject.startswith("item:"):
        return (last[-1].subject, last[-1].subject_text), len(last) == 1
    if head is not None and last and last[-1].subject.startswith("item:") and head.amount is not None \
            and head.direction is None and head.change is None and head.change_percent is None:
        return (head.subject, head.subject_text), True
    return None, False


def _headed_claims(heading_subject: str, sentence: str, found: list[Claim], kind: str | None,
                   codes: CodeIndex, unit: str, source: Provenance, label: str) -> list[Claim]:
    """The claims of a sentence read with its heading's subject before it, when that reads more of them
    than the sentence alone (``found``); else ``found``. The claims keep the sentence as printed."""
    headed, _ = extract_claims(
        f"{heading_subject}：{sentence}",
        kind,
        codes,
        unit=unit,
        source=source,
        section=label,
    )
    if len(headed) > len(found):
        found = headed
        for c in found:
            c.sentence = sentence.strip()
    return found


def narrative_claims(sec_paras: list[SectionParas], codes: CodeIndex, unit: str = "万元",
                     part: str | None = None) -> list[Claim]:
    claims: list[Claim] = []
    for sec in sec_paras:
        item: str | None = None
        top_kind, top_label = _top_kind(sec, part)
        # text under a part whose heading names no kind is read as the budget as a whole, but its
        # sub-sections name their own ("（五）一般公共预算当年拨款情况说明" is about that fund's money)
        sub_top = None if not sec.title and part and section_kind(part) in (None, "unit") else top_kind
        kind = top_kind
        sub_title: str | None = None
        heading_subject = ""
        fund: str | None = None
        last: list[Claim] = []
        head: Claim | None = None  # the claim of the last numbered line ("4.研究调研活动166.02万元，…")
        open_list = False
        for p in sec.paras:
            if (fm := _FUND_LIST_RE.match(p.text.strip())) is not None:
                fund = _FUND_WORD.get(fm.group(1), fm.group(1))
            if p.level == 2:
                fund = None
                sub_title = p.title
                kind = _sub_kind(sub_top, section_kind(p.title or "")) or top_kind
                last, item, head = [], None, None
                heading_subject = (p.title or "").strip()
                if not _AMOUNT_IN_TEXT.search(p.text):
                    continue
                # "（一）本年财政拨款收入 32365.09 万元": the heading states the amount itself
            m = _UNIT_IN_TEXT.search(p.text)
            if m:
                unit = m.group(1)
            label = top_label if not sub_title else f"{top_label} / {sub_title}"
            if sec.number:
                label = f"{sec.number}、{label}"
            # a list opened by a sentence goes on in the sentences of its paragraph, and in the next
            # paragraph when this one ends a line of it ("…主要用于…业务支出；" / "信访专项经费81.90万元，…")
            listing = open_list and p.level == 0 and not _NUMBERED_RE.match(p.text)
            for off, sentence in split_sentences(p.text):
                carry, carry_sure = _carry(last, head)
                found, reason = extract_claims(
                    sentence, kind, codes, unit=unit, source=p.prov(off), section=label, carry=carry,
                    carry_sure=carry_sure, listing=listing,
                )
                if found and _NUMBERED_RE.match(sentence):
                    head = found[0]
                listing = listing or bool(LIST_OPEN_RE.search(sentence))
                if heading_subject and not last and _AMOUNT_IN_TEXT.search(sentence) and p.level == 0 \
                        and not _FINAL_RE.search(sentence):
                    # "（二）公务接待费" / "2026年预算安排6.10万元，…": the heading names the subject
                    found = _headed_claims(heading_subject, sentence, found, kind, codes, unit, p.prov(off), label)
                    heading_subject = ""
                if not found and not _AMOUNT_IN_TEXT.search(sentence) and len(sentence.strip()) <= _NAMING_SENTENCE_MAX \
                        and not re.search(r"\d\s*[%％]", sentence) and p.level == 0:
                    named = find_subject(sentence.strip().rstrip("。：:；; "), kind, codes)
                    if named is not None and not named[0].startswith("item:"):
                        heading_subject, last = sentence.strip().rstrip("。：:；; "), []
                        continue
                if found or coded_econ_item(sentence):
                    item = _scope_claims(found, item, label, sentence)
                for c in found:
                    if fund and c.scope is None and c.subject.startswith(("func", "econ")):
                        c.scope = fund
                reason_only = bool(reason and re.match(r"\s*(?:主要)?原因", sentence))
                if found:
                    claims.extend(found)
                    # "主要原因是：人员经费减少…" names the parts of the change before it: that change
                    # still takes the reason, and the subject goes on
                    last = last if reason_only and all(c.amount is None for c in found) else found
                if reason_only and (not found or last is not found):
                    # "…下降 5.79%。主要原因是：…" gives the reason in a sentence of its own
                    for c in last:
                        if c.reason is None and (c.direction or c.change is not None):
                            c.reason = reason
            # the list goes on in the next paragraph when this one ends a line of it ("…；"), or when its
            # last figure was a line of it ("其中：工资福利支出…。" / "商品服务支出10772.49万元，…。")
            open_list = listing and (p.text.rstrip().endswith(("；", ";"))
                                     or bool(last) and last[-1].subject.startswith("item:"))
    return claims


def parse_toc(raw: RawDocument, segs: Segments, doc: Document) -> None:
    if not segs.toc:
        return
    part: str | None = None
    for ln in text_lines(raw, *segs.toc):
        t = clean_heading(ln.text)
        if re.match(r"^目\s*录$", t) or not t:
            continue
        prov = Provenance(line=ln.line, page=ln.page)
        if re.match(rf"^第\s*{_ORD}\s*部\s*分", t):
            part = t
            doc.toc.append(TocEntry(part=None, title=t, source=prov))
        else:
            doc.toc.append(TocEntry(part=part, title=t, source=prov))


_TERM_RE = re.compile(
    rf"^(?:{_ORD}\s*[、.．]|[（(]\s*{_ORD}\s*[)）]|\d{{1,2}}\s*[、.．])\s*([^:：。，]{{1,24}}?)\s*[:：]\s*(.+)$"
)


# a term printed without a number ("基本支出：指为保障机构正常运转…"), taken only where an item begins
# (the line before closed its definition with 。)
_PLAIN_TERM_RE = re.compile(r"^\s*([“”\"A-Za-z\u4e00-\u9fff（）()]{2,16})\s*[:：]\s*(.+)$")


def _term_match(text: str, *, plain: bool) -> re.Match[str] | None:
    return _TERM_RE.match(text) or (_PLAIN_TERM_RE.match(text) if plain else None)


def parse_glossary(raw: RawDocument, segs: Segments, doc: Document) -> None:
    for start, end in segs.ranges("glossary"):
        lines = text_lines(raw, start + 1, end)
        _glossary_items(_term_lines(lines), doc)


def _term_lines(lines: list[Line]) -> list[str]:
    """Numbered items, every line joined into the item it continues."""
    items: list[str] = []
    for ln in lines:
        t = ln.text
        closed = not items or items[-1].endswith("。")
        if _term_match(t, plain=closed) or not items:
            items.append(t)
        elif not closed:
            items[-1] += t  # a definition cut across lines; after its 。 comes the signature
    return items


def _glossary_items(items: list[str], doc: Document) -> None:
    """Numbered "term：definition" items; an unnumbered paragraph continues the item before it."""
    joined: list[str] = []
    for it in items:
        if _term_match(it, plain=not joined or joined[-1].endswith("。")) or not joined:
            joined.append(it)
        else:
            joined[-1] += it
    for it in joined:
        m = _term_match(it, plain=True)
        if m:
            term = m.group(1).strip().strip("*").strip()
            doc.glossary.setdefault(term, m.group(2).strip())


def parse_narrative(raw: RawDocument, segs: Segments, doc: Document) -> None:
    parse_toc(raw, segs, doc)
    codes = CodeIndex.from_doc(doc)
    for kind in ("profile", "narrative"):
        for start, end in segs.ranges(kind):
            part = segs.heading(start)
            paras = paragraphs(text_lines(raw, start + 1, end))
            secs = split_sections(paras)
            for sec in secs:
                if not sec.title and not sec.paras:
                    continue
                prov = sec.head.prov() if sec.head else (sec.paras[0].prov() if sec.paras else Provenance())
                text, spans = _section_text(sec)
                doc.sections.append(
                    Section(part=part, number=sec.number, title=sec.title, text=text, source=prov, spans=spans)
                )
            if kind == "narrative":
                doc.claims.extend(amend_final_claims(narrative_claims(secs, codes, part=part), secs, codes, doc.kind))  # 决算
            for sec in secs:
                if "名词解释" in sec.title:  # a glossary printed as a section of the 情况说明
                    seen: list[Line] = []
                    for p in sec.paras:
                        seen.extend(ln for ln in p.lines if not any(ln is q for q in seen))
                    _glossary_items(_term_lines(seen), doc)
    parse_glossary(raw, segs, doc)
