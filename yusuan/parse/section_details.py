"""What the headings and the sections of the 情况说明 say about what the document explains, read once
so that the completeness rules (Y4xx) compare fields: which topics a section is about, which
"三公" items it names, whether it states a change and gives a reason, which empty-table sentences
it prints; which entries of the 目录 are numbered sections, and the key their titles compare by.

Run with yusuan.parse.claim_details (the last parse stage).
"""

from __future__ import annotations

import re

from yusuan.model import Document, Section, TocEntry

# the topics 143号 asks a 情况说明 to explain, by the words a section about them uses
TOPIC_WORDS: dict[str, re.Pattern[str]] = {
    "three_public": re.compile(r"三公"),
    "admin_operation": re.compile(r"机关运行经费|运行经费"),
    "procurement": re.compile(r"政府采购"),
    "assets": re.compile(r"国有资产|资产占用"),
}

# the "三公" items of the three_public table (row codes) and the words a text explains them by
THREE_PUBLIC_ITEM_WORDS: dict[str, re.Pattern[str]] = {
    "overseas_travel": re.compile(r"出国|出境"),
    "reception": re.compile(r"接待"),
    "vehicle_purchase": re.compile(r"购置"),
    "vehicle_operation": re.compile(r"运行|运维|维护"),
}
_CHANGE_WORDS = re.compile(r"增加|减少|增长|下降|上升|压减|增支|减支")
_REASON_WORDS = re.compile(r"原因|用于|主要是|由于|因为|为了|落实|按照|根据")

# a sentence saying a table is empty: the words, where they start (the table's name precedes them
# by at most 40 characters on the same line)
_EMPTY_WORDS = re.compile(r"(?=空表|未安排|没有|无|为零|为\s*0(?![\d.])|(?<![\d.])0(\.0+)?\s*万?元)")
EMPTY_WINDOW = 45  # characters kept before an empty word: a name's first 5 + the 40 between


def heading_key(text: str) -> str:
    """A heading as compared with another printing of it: no numbering, punctuation or
    "关于<department><year>年" boilerplate."""
    t = re.sub(r"^[\s#*\-]*(第[一二三四五六七八九十]+部分|[（(]?[一二三四五六七八九十]+[)）]?[、.．]?|表\s*\d+|\d+[、.．])",
               "", text)
    t = re.sub(r"[\s“”\"'‘’《》()（）:：、,，.．]", "", t)
    # "关于<department><year>年…" is the same boilerplate in every heading: compare what follows
    return re.sub(r"^关于.*?\d{4}年度?", "", t)


def empty_mentions(text: str) -> list[str]:
    """For each place the text says "空表 / 未安排 / 没有 / 0 万元 …": the text before it on its line
    (at most EMPTY_WINDOW characters), where the empty table's name would stand."""
    out = []
    for m in _EMPTY_WORDS.finditer(text):
        j = m.start()
        before = text[max(j - EMPTY_WINDOW, 0):j]
        out.append(before[before.rfind("\n") + 1:])
    return out


def read_section_topics(s: Section) -> None:
    title = s.title.replace(" ", "")
    text = s.text.replace(" ", "")
    s.key = heading_key(s.title)
    s.title_topics = [k for k, rx in TOPIC_WORDS.items() if rx.search(title)]
    s.text_topics = [k for k, rx in TOPIC_WORDS.items() if rx.search(text)]
    s.three_public_items = [k for k, rx in THREE_PUBLIC_ITEM_WORDS.items() if rx.search(text)]
    s.states_change = _CHANGE_WORDS.search(text) is not None
    s.gives_reason = _REASON_WORDS.search(text) is not None
    s.empty_mentions = empty_mentions(s.title + s.text)


# a part of the table of contents that is the tables: "第二部分 2026年度部门预算报表"
_TABLES_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分.*(?:报表|公开表|预算表)$")
_SECTION_ENTRY = re.compile(r"^[（(]?[一二三四五六七八九十]+[)）、.．]|^\d+[、.．]")
_ENTRY_NUMBER = re.compile(r"^([（(])?([一二三四五六七八九十]+|\d+)")
_NOT_A_SECTION = re.compile(r"表$|表[（(]|表格|部分$|^注")


def read_toc_entry(e: TocEntry) -> None:
    title = e.title.strip()
    e.tables_part = _TABLES_PART_RE.search(e.title) is not None
    e.in_narrative = bool(re.search(r"说明|概况|名词", e.part or "")) or "情况说明" in e.title
    # a numbered section, not a table name the catalog does not know, a note or a part
    e.numbered_section = bool(_SECTION_ENTRY.match(title)) and not _NOT_A_SECTION.search(title)
    if e.numbered_section and (m := _ENTRY_NUMBER.match(title)):
        e.number = f"（{m.group(2)}）" if m.group(1) else m.group(2)
    e.key = heading_key(title)
    e.about = [topic for topic, rx in (("functions", r"职责|职能"), ("organisation", r"机构设置|人员"))
               if re.search(rx, e.key)]


def read_section_details(doc: Document) -> None:
    for s in doc.sections:
        read_section_topics(s)
    for e in doc.toc:
        read_toc_entry(e)
