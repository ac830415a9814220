"""Indicator rows of 绩效目标表 printed and not read: a count for the reading account.

A project's indicators may run over a page break with the project's cells blank on the next page,
or the project's name may sit outside the grid the reader found; the performance reader can then
drop them. Whatever the cause, the account compares, page by page, the indicator rows printed — a
grid row with a level-1 indicator cell (产出指标, 效益指标 …) followed by a level-2 one (数量指标 …)
and a named indicator — with the indicators read from that page, and names the shortfall.
"""

from __future__ import annotations

import re
from collections import Counter

from yusuan.blocks import Grid, RawDocument
from yusuan.model import Document, Provenance, ReadingProblem

_LEVEL1_RE = re.compile(r"^(?:产出|效益|满意度|成本|效果|影响)指标$")
_LEVEL2_RE = re.compile(r"^\S{1,12}指标$")


def printed_indicator_rows(raw: RawDocument) -> Counter[int]:
    """Per page, the grid rows that print one indicator under its level-1 and level-2 names."""
    out: Counter[int] = Counter()
    for b in raw.blocks:
        if not isinstance(b, Grid):
            continue
        for row in b.rows:
            texts = [re.sub(r"\s+", "", c.text) for c in row]
            for j in range(len(texts) - 2):
                if _LEVEL1_RE.match(texts[j]) and _LEVEL2_RE.match(texts[j + 1]) and texts[j + 2] \
                        and not _LEVEL2_RE.match(texts[j + 2]):
                    page = row[j].page if row[j].page is not None else b.page
                    if page is not None:
                        out[page] += 1
                    break
    return out


def lost_indicator_rows(raw: RawDocument, doc: Document) -> list[ReadingProblem]:
    """A problem for every page that prints more indicator rows than were read from it."""
    printed = printed_indicator_rows(raw)
    if not printed:
        return []
    read: Counter[int] = Counter(i.source.page for p in doc.performance for i in p.indicators
                                 if i.source.page is not None)
    out: list[ReadingProblem] = []
    for page, n in sorted(printed.items()):
        lost = n - read[page]
        if lost > 0:
            where = f"第 {page} 页" if "+" not in raw.format else "此页"
            out.append(ReadingProblem(
                stage="performance", source=Provenance(page=page),
                message=f"{where}绩效目标表印有 {n} 行指标，读到 {read[page]} 行，{lost} 行未读取"))
    return out
