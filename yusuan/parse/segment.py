"""Split a document into its parts: 概况, 公开表, 情况说明, 绩效目标, 名词解释.

The parts are found by their headings: ``第一部分 …`` … ``第四部分 …`` in most templates, or, where a
template has no 第X部分 headings, the top-level numbered headings that name a part (``一、部门概况``,
``三、名词解释``). The table of contents names the parts once before the body does; it ends where the
first part's heading is printed a second time (the body starts again with 第一部分).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.blocks import RawDocument, TextLine

PART_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("glossary", re.compile(r"名词解释")),
    ("profile", re.compile(r"概况|基本情况")),
    ("narrative", re.compile(r"情况说明|预算说明|编制说明|公开说明|安排情况")),
    ("tables", re.compile(r"公开表|预算表|报表|表格部分")),
]
_ORDINAL = r"[一二三四五六七八九十]+"
_PART_RE = re.compile(rf"^\s*[#*\s]*第\s*({_ORDINAL})\s*部\s*分")
_TOC_RE = re.compile(r"^\s*[#*\s]*目\s*录\s*$")
# a top-level numbered heading, used only when a template prints no 第X部分 headings
_NUMBERED_RE = re.compile(rf"^\s*[#*\s-]*({_ORDINAL})\s*[、.．]\s*(.{{2,40}})$")
_NUMBERED_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("glossary", re.compile(r"名词解释$")),
    ("profile", re.compile(r"(部门|单位)?(基本)?概况$|基本情况$|主要职能$|主要职责$|机构设置$|人员情况$")),
    ("tables", re.compile(r"预算(公开)?表$|预算报表$")),
    ("narrative", re.compile(r"(情况|预算|编制)说明$|安排情况说明")),
]
# dot leaders and a page number, as printed in a table of contents
_LEADER_RE = re.compile(r"[.．。…·\s]{3,}\s*\d*\s*$|\s+\d{1,3}\s*$")


_MARKS_RE = re.compile(r"^[#*\s>-]+")
_SPACES_RE = re.compile(r"\s+")


def clean_heading(text: str) -> str:
    """A heading without markdown marks, bullets, dot leaders and page numbers; spaces collapsed."""
    # called for every text line of a document: patterns compiled once, not looked up per call
    t = _MARKS_RE.sub("", text)
    t = t.replace("**", "")
    t = _LEADER_RE.sub("", t)
    return _SPACES_RE.sub(" ", t).strip()


@dataclass
class Segments:
    """Block index ranges [start, end) per part; ``parts`` keeps them in document order."""

    parts: list[tuple[str, int, int, str]] = field(default_factory=list)  # (kind, start, end, heading)
    toc: tuple[int, int] | None = None

    def ranges(self, kind: str) -> list[tuple[int, int]]:
        return [(s, e) for k, s, e, _ in self.parts if k == kind]

    def heading(self, start: int) -> str | None:
        for _, s, _, h in self.parts:
            if s == start:
                return h
        return None


def _kind_of(text: str, kinds: list[tuple[str, re.Pattern[str]]] = PART_KINDS) -> str | None:
    for kind, pat in kinds:
        if pat.search(text):
            return kind
    return None


def _next_text(raw: RawDocument, i: int) -> str:
    for b in raw.blocks[i + 1 : i + 3]:
        if isinstance(b, TextLine):
            return b.text
    return ""


def _part_heads(raw: RawDocument) -> list[tuple[int, str, str, str]]:
    """(block index, ordinal, kind, heading) of every 第X部分 heading."""
    heads: list[tuple[int, str, str, str]] = []
    for i, b in enumerate(raw.blocks):
        if not isinstance(b, TextLine):
            continue
        m = _PART_RE.match(b.text)
        if not m:
            continue
        text = clean_heading(b.text)
        kind = _kind_of(re.sub(rf"^第\s*{_ORDINAL}\s*部\s*分", "", text))
        if kind is None and len(re.sub(r"\s", "", text)) <= 5:
            # "第二部分" alone on its line, the title on the next one
            nxt = _next_text(raw, i)
            kind = _kind_of(nxt)
            if kind:
                text = f"{text} {clean_heading(nxt)}"
        heads.append((i, m.group(1), kind or "narrative", text))
    return heads


def _numbered_heads(raw: RawDocument) -> list[tuple[int, str, str, str]]:
    """Top-level numbered headings that name a part, for templates without 第X部分."""
    heads: list[tuple[int, str, str, str]] = []
    current: str | None = None
    for i, b in enumerate(raw.blocks):
        if not isinstance(b, TextLine):
            continue
        m = _NUMBERED_RE.match(clean_heading(b.text))
        if not m or "。" in m.group(2):
            continue
        kind = _kind_of(m.group(2), _NUMBERED_KINDS)
        if kind is None and current == "profile":
            kind = "narrative"  # the 概况 ends at the next top-level heading that is not about it
        if kind is None or kind == current and kind != "profile":
            continue
        if kind == "profile" and current == "profile":
            continue
        heads.append((i, m.group(1), kind, clean_heading(b.text)))
        current = kind
    return heads


def _body_start(heads: list[tuple[int, str, str, str]], toc_start: int | None) -> int:
    """Index in ``heads`` of the first body heading: where the first part's ordinal comes again."""
    if not heads:
        return 0
    first_ord, first_kind, first_title = heads[0][1], heads[0][2], _title_key(heads[0][3])
    for n in range(1, len(heads)):
        # the same ordinal and kind under another title ("一、项目概况" in a project's description
        # after "一、部门主要职能" in the contents) is a heading inside a part, not the body again
        if heads[n][1] == first_ord and heads[n][2] == first_kind and _same_title(_title_key(heads[n][3]),
                                                                                  first_title):
            return n
    return 0


def _title_key(text: str) -> str:
    t = re.sub(rf"^{_ORDINAL}\s*[、.．]\s*", "", clean_heading(text))
    return re.sub(r"\s+|\d{4}\s*年度?", "", t)


def _same_title(a: str, b: str) -> bool:
    return a == b or (len(a) >= 4 and len(b) >= 4 and (a.endswith(b[-4:]) or b.endswith(a[-4:])))


def _toc_cluster_end(raw: RawDocument, heads: list[tuple[int, str, str, str]]) -> int | None:
    """Where a table of contents printed without 目录 (and without 第一部分 again in the body) ends.

    The contents are a run of short lines holding two part headings or more; they end at the first
    line that is running text, or at the first entry printed a second time (the body's heading).
    """
    head_idx = {h[0] for h in heads}
    seen: set[str] = set()
    parts_in = 0
    for i in range(heads[0][0], len(raw.blocks)):
        b = raw.blocks[i]
        if not isinstance(b, TextLine):
            continue
        t = re.sub(r"\s+", "", clean_heading(b.text))
        if i in head_idx:
            parts_in += 1
        toc_like = len(t) <= 40 and not re.search(r"[。；;，,]|万元", t)
        if not toc_like or (t in seen and i not in head_idx):
            return i if parts_in >= 2 else None
        seen.add(t)
    return None


def _toc_guided(
    raw: RawDocument, heads: list[tuple[int, str, str, str]]
) -> tuple[int, list[tuple[int, str, str, str]]]:
    """Body headings found through a table of contents whose entries the body prints unnumbered.

    Shanghai's contents list "一、单位主要职能 … 六、其他相关情况说明"; the body prints
    "某某局（单位）主要职能", "名词解释", "2026年单位预算编制说明", "其他相关情况说明". Each entry is
    looked for, in order, as a short line ending with the entry's last words.
    """
    cluster = [heads[0]]
    for h in heads[1:]:
        if h[0] - cluster[-1][0] > 15:
            break
        cluster.append(h)
    toc_end = cluster[-1][0] + 1
    found: list[tuple[int, str, str, str]] = []
    pos = toc_end
    for _, ordinal, kind, text in cluster:
        title = re.sub(rf"^{_ORDINAL}\s*[、.．]\s*", "", text)
        title = re.sub(r"^\d{4}\s*年度?", "", re.sub(r"\s+", "", title))
        for n in (6, 5, 4):
            if len(title) < n:
                continue
            suffix = title[-n:]
            hit = next(
                (
                    i
                    for i in range(pos, len(raw.blocks))
                    if isinstance(raw.blocks[i], TextLine)
                    and len(t := re.sub(r"\s+", "", raw.blocks[i].text)) <= 40  # type: ignore[union-attr]
                    and not re.search(r"[。，,；;：:]", t)
                    and t.endswith(suffix)
                ),
                None,
            )
            if hit is not None:
                found.append((hit, ordinal, kind, clean_heading(raw.blocks[hit].text)))  # type: ignore[union-attr]
                pos = hit + 1
                break
    return toc_end, found


def segment(raw: RawDocument) -> Segments:
    segs = Segments()
    toc_start: int | None = None
    for i, b in enumerate(raw.blocks):
        if isinstance(b, TextLine) and _TOC_RE.match(b.text):
            toc_start = i
            break
    heads = _part_heads(raw)
    if not heads:
        numbered = _numbered_heads(raw)
        # without a table of contents, a repeated "一、" is a section inside a part, not the body
        heads = numbered
        if toc_start is None:
            start = 0
        else:
            after = [h for h in heads if h[0] > toc_start]
            start = _body_start(after, toc_start)
            if start == 0 and after:
                toc_end, guided = _toc_guided(raw, after)
                if len(guided) >= 2:
                    segs.toc = (toc_start, toc_end)
                    for n, (i, _, kind, text) in enumerate(guided):
                        end = guided[n + 1][0] if n + 1 < len(guided) else len(raw.blocks)
                        segs.parts.append((kind, i, end, text))
                    return segs
            start += len([h for h in heads if h[0] <= toc_start])
    else:
        start = _body_start(heads, toc_start)
    body = heads[start:]
    if start == 0 and len(heads) >= 2:
        cluster_end = _toc_cluster_end(raw, heads)
        if cluster_end is not None:
            toc_end = cluster_end
            # the body goes on with the first part the contents list, under headings of its own
            segs.toc = (
                toc_start if toc_start is not None and toc_start < heads[0][0] else heads[0][0],
                toc_end,
            )
            first = heads[0]
            body = [(toc_end, first[1], first[2], first[3])] + [h for h in heads if h[0] >= toc_end]
            if len(body) > 1 and body[1][2] == first[2] and body[1][1] == first[1]:
                body = body[1:]
        else:
            body = heads
    if start > 0:
        toc_begin = toc_start if toc_start is not None and toc_start < heads[0][0] else heads[0][0]
        segs.toc = (toc_begin, body[0][0])
    for n, (i, _, kind, text) in enumerate(body):
        end = body[n + 1][0] if n + 1 < len(body) else len(raw.blocks)
        segs.parts.append((kind, i, end, text))
    return segs
