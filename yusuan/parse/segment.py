"""Split a document into its parts: 概况, 公开表, 情况说明, 绩效目标, 名词解释.

The parts are found by their headings (第一部分 … 第四部分, or the section names alone), skipping
the table of contents, which names them all once before the body does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.blocks import Grid, RawDocument, TextLine

PART_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("profile", re.compile(r"概况")),
    ("tables", re.compile(r"(公开表|预算表|报表|预算公开表)")),
    ("narrative", re.compile(r"情况说明|预算说明")),
    ("glossary", re.compile(r"名词解释")),
]
_PART_RE = re.compile(r"^\s*[#*\s]*第\s*[一二三四五六七八九十]+\s*部\s*分")
_TOC_RE = re.compile(r"^\s*[#*\s]*目\s*录")


@dataclass
class Segments:
    """Block index ranges [start, end) per part; ``parts`` keeps them in document order."""

    parts: list[tuple[str, int, int, str]] = field(default_factory=list)  # (kind, start, end, heading)
    toc: tuple[int, int] | None = None

    def ranges(self, kind: str) -> list[tuple[int, int]]:
        return [(s, e) for k, s, e, _ in self.parts if k == kind]


def _kind_of(text: str) -> str | None:
    for kind, pat in PART_KINDS:
        if pat.search(text):
            return kind
    return None


def segment(raw: RawDocument) -> Segments:
    segs = Segments()
    heads: list[tuple[int, str, str]] = []  # (block index, kind, text)
    toc_start: int | None = None
    for i, b in enumerate(raw.blocks):
        if isinstance(b, Grid):
            continue
        assert isinstance(b, TextLine)
        if toc_start is None and _TOC_RE.match(b.text):
            toc_start = i
        if _PART_RE.match(b.text):
            kind = _kind_of(b.text)
            if kind:
                heads.append((i, kind, b.text.strip()))
    # The TOC lists every part once; the body lists them again. Keep the last run of heads in
    # document order: a head whose kind reappears later belongs to the TOC.
    body: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for i, kind, text in reversed(heads):
        if kind in seen and body and i < body[-1][0]:
            # an earlier mention of a kind already seen later: TOC entry
            continue
        seen.add(kind)
        body.append((i, kind, text))
    body.reverse()
    if toc_start is not None and body:
        segs.toc = (toc_start, body[0][0])
    for n, (i, kind, text) in enumerate(body):
        end = body[n + 1][0] if n + 1 < len(body) else len(raw.blocks)
        segs.parts.append((kind, i, end, text))
    return segs
