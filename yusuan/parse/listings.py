"""Numbered lists of amounts under a sentence that states their whole.

The 情况说明 often states a whole and then lists what it is made of, one numbered paragraph each:

    …上半年结转结余 905.62 万元，包括：财政拨款 905.62 万元，非财政拨款 0.00 万元，其中：
    1. 2022 年度……奖金 5.30 万元，主要用于……
    2. 2023 年全民参保补助资金 40.51 万元，主要用于……

Such a list restates the whole item by item, so it can be checked — but only if it is read. This
stage finds, in every section, a paragraph ending in a colon that states at least one amount,
followed by paragraphs that each begin with an item number (``1.`` ``2、`` ``（3）`` ``④``) and
state an amount; each becomes a ``Listing`` with the introducing sentence's amounts as candidate
wholes and each item's first amount. A paragraph without an amount ends the list (a list of 房屋
面积 and 车辆 without a whole is not a list of parts).
"""

from __future__ import annotations

import re

from yusuan.amounts import parse_number, to_wan
from yusuan.blocks import RawDocument
from yusuan.model import Amount, Document, ListedItem, Listing, Provenance, Section
from yusuan.parse.segment import Segments

_AMOUNT = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])\s*")
_INTRO_END = re.compile(r"[:：]\s*$")
# words that introduce the whole breakdown (the items make up the whole) rather than a selection
_EXHAUSTIVE = re.compile(r"(?<!主要)(?:包括|分别为|具体为|明细如下|构成如下)[:：]\s*$")


def _amounts(text: str, prov: Provenance) -> list[Amount]:
    out = []
    for m in _AMOUNT.finditer(text):
        v = parse_number(m.group(1))
        if v is not None:
            out.append(Amount(value=to_wan(v, m.group(2)), text=m.group(1), unit=m.group(2), source=prov))
    return out


def section_listings(sec: Section) -> list[Listing]:
    """The numbered lists of amounts of one section (see the module docstring)."""
    out: list[Listing] = []
    paras: list[tuple[int, str]] = []
    offset = 0
    for para in sec.text.split("\n"):
        paras.append((offset, para))
        offset += len(para) + 1
    i = 0
    while i < len(paras):
        off, intro = paras[i]
        i += 1
        if not _INTRO_END.search(intro) or _ITEM.match(intro):
            continue
        wholes = _amounts(intro, sec.where(off))
        if not wholes:
            continue
        items: list[ListedItem] = []
        while i < len(paras):
            ioff, para = paras[i]
            m = _ITEM.match(para)
            if not m:
                break
            prov = sec.where(ioff)
            found = _AMOUNT.search(para, m.end())
            got = _amounts(para[m.end():], prov)[:1]
            if found is None or not got:
                break
            items.append(ListedItem(name=para[m.end():found.start()].strip(" ，,："), amount=got[0], source=prov))
            i += 1
        if len(items) >= 2:
            out.append(Listing(intro=intro.strip(), wholes=wholes, exhaustive=bool(_EXHAUSTIVE.search(intro)),
                               items=items, section=sec.heading(), source=sec.where(off)))
    return out


def parse_listings(raw: RawDocument, segs: Segments, doc: Document) -> None:
    for sec in doc.sections:
        doc.listings.extend(section_listings(sec))
