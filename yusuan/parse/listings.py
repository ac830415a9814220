"""Numbered lists of amounts under a sentence that states their whole.

The 情况说明 often states a whole and then lists what it is made of, one numbered paragraph each:

    …上半年结转结余 905.62 万元，包括：财政拨款 905.62 万元，非财政拨款 0.00 万元，其中：
    1. 2022 年度……奖金 5.30 万元，主要用于……
    2. 2023 年全民参保补助资金 40.51 万元，主要用于……

Such a list restates the whole item by item, so it can be checked — but only if it is read. This
stage finds, in every section, a paragraph whose last sentence ends in a colon and states at
least one amount, followed by paragraphs numbered 1, 2, 3 … in one style (``1.`` ``2、`` ``（3）``
``④``) that each state an amount; each becomes a ``Listing`` with that sentence's amounts as
candidate wholes and each item's first amount. A paragraph without an amount or a number out of
sequence ends the list; paragraphs numbered in another style are sub-items and are skipped.
"""

from __future__ import annotations

import re

from yusuan.amounts import parse_number, to_wan
from yusuan.blocks import RawDocument
from yusuan.model import Amount, Document, ListedItem, Listing, Provenance, Section
from yusuan.parse.segment import Segments

_AMOUNT = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
# item numbers, by style: 1. / 1、 (digits), （1） (bracketed), ① (circled)
_ITEM = re.compile(r"^\s*(?:(?P<d>\d{1,2})\s*[.、．](?!\d)|[（(](?P<b>\d{1,2})[）)]|(?P<c>[①-⑳]))\s*")
_INTRO_END = re.compile(r"[:：]\s*$")
_CHANGE = re.compile(r"比上年|较上年|同比|增加|减少|增长|下降")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
# words that introduce the whole breakdown (the items make up the whole) rather than a selection
_EXHAUSTIVE = re.compile(r"(?<!主要)(?:包括|分别为|具体为|明细如下|构成如下)[:：]\s*$")


def _marker(para: str) -> tuple[str, int, int] | None:
    """(style, number, end) of a paragraph's item number, or None."""
    m = _ITEM.match(para)
    if m is None:
        return None
    if m.group("d"):
        return "d", int(m.group("d")), m.end()
    if m.group("b"):
        return "b", int(m.group("b")), m.end()
    return "c", ord(m.group("c")) - ord("①") + 1, m.end()


def _amounts(text: str, prov: Provenance) -> list[Amount]:
    out = []
    for m in _AMOUNT.finditer(text):
        v = parse_number(m.group(1))
        if v is not None:
            out.append(Amount(value=to_wan(v, m.group(2)), text=m.group(1), unit=m.group(2), source=prov))
    return out


def _items(paras: list[tuple[int, str]], i: int, sec: Section) -> tuple[list[ListedItem], int]:
    """The items from paragraph ``i`` on: numbered 1, 2, 3 … in one style, each stating an amount.
    Paragraphs numbered in another style are the items' own sub-items (skipped); anything else, or
    a number out of sequence (a sub-list wrapped onto a line of its own), ends the list."""
    items: list[ListedItem] = []
    style: str | None = None
    while i < len(paras):
        ioff, para = paras[i]
        mk = _marker(para)
        if mk is None:
            break
        if style is not None and mk[0] != style:
            i += 1
            continue
        if mk[1] != len(items) + 1:
            break
        found = _AMOUNT.search(para, mk[2])
        prov = sec.where(ioff)
        got = _amounts(para[mk[2]:], prov)[:1]
        if found is None or not got:
            break
        style = mk[0]
        items.append(ListedItem(name=para[mk[2]:found.start()].strip(" ，,："), amount=got[0], source=prov))
        i += 1
    return items, i


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
        # the whole is stated in the sentence that ends in the colon ("……结转结余 905.62 万元，其中："),
        # not in the sentences before it (they may state the parts themselves: "具体情况如下：")
        last = _SENTENCE_END.split(intro.rstrip(" ：:"))[-1]
        wholes = _amounts(last, sec.where(off))
        if not wholes or _CHANGE.search(last):
            continue  # "比上年减少 X 万元，其中：" breaks down the change, not the whole
        items, i = _items(paras, i, sec)
        if len(items) >= 2:
            out.append(Listing(intro=intro.strip(), wholes=wholes, exhaustive=bool(_EXHAUSTIVE.search(intro)),
                               items=items, section=sec.heading(), source=sec.where(off)))
    return out


def parse_listings(raw: RawDocument, segs: Segments, doc: Document) -> None:
    for sec in doc.sections:
        doc.listings.extend(section_listings(sec))
