"""Scattered tables, first stage: the table heading, the body's lines as tokens, and numbers a converter split over lines re-joined."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from yusuan.amounts import parse_number
from yusuan.blocks import TextLine
from yusuan.codes import kind_of
from yusuan.tables import norm


@dataclass
class TableHeading:
    """What the table parser knows about a table before reading its body."""

    id: str  # canonical id ("expense") or "generic"
    title: str  # as printed
    number: str | None = None  # "表 3"
    unit: str | None = None  # "万元"
    preparer: str | None = None  # 编制部门/编制单位 as printed
    line: int | None = None  # line of the title
    page: int | None = None


CODE_TABLES = {"expense", "gpb_expense", "gov_fund", "soe_capital", "income", "gpb_basic", "gpb_project"}
TWO_SIDED = {"summary", "fiscal_summary"}
ITEM_TABLES = {"three_public"}

# ---------------------------------------------------------------------------------------------
# Lines and tokens

_CJK = "\u4e00-\u9fff（）()：:、"
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
_NOISE_RE = re.compile(
    r"^(?:附?表\s*[0-9一二三四五六七八九十]+|[-—－]\s*\d+\s*[-—－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$"
)
_META_RE = re.compile(r"编制部门|编制单位|^(?:金额)?单位\s*[:：]")
_EMPTY_RE = re.compile(r"为空表|空表|本表无数据|无此项支出")
_FRAG_RE = re.compile(r"^[-−]?(?:\d[\d,，]*\.?\d*|\.\d+)$")  # a number or a piece of one
_DASH_RE = re.compile(r"^(?:[-—–－]{1,2}|/)$")  # an empty cell printed as a dash: it holds a place
_GLUED_CODE_RE = re.compile(r"^(\d{3}(?:\d{2}){0,2})([\u4e00-\u9fff].*)$")
_CODE_PART_RE = re.compile(r"^\d{2}$")
_CODE_HEAD_RE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
_TOTAL_LABEL_RE = re.compile(r"^(?:合计|总计|总合计|合计数)[:：]?$")
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")


def collapse(text: str) -> str:
    """Remove the spaces a converter puts between CJK characters (``合 计`` → ``合计``)."""
    return _CJK_SPACE_RE.sub("", text.strip())


@dataclass
class Tok:
    text: str
    line: int | None


def _is_frag(t: str) -> bool:
    return bool(_FRAG_RE.match(t))


def _is_value(t: str) -> bool:
    """A number, a piece of one, or a dash printed in an empty cell."""
    return bool(_FRAG_RE.match(t) or _DASH_RE.match(t))


def _decimals(t: str) -> int:
    return len(t.split(".", 1)[1]) if "." in t else 0


# ---------------------------------------------------------------------------------------------
# Re-joining numbers split over lines


@dataclass
class Piece:
    """A printed value, re-joined from the fragments it was split into."""

    text: str
    line: int | None
    parts: list[str] = field(default_factory=list)  # the fragments when it was re-joined
    doubtful: bool = False  # a join the pieces alone did not force (``47.2`` + ``3``)
    dash: bool = False  # an empty cell printed as a dash: no value, but it fixes the position

    @cached_property
    def value(self) -> Decimal | None:
        return parse_number(self.text)


def rejoin_numbers(
    frags: list[Tok], decimals: int = 2, consistent: Callable[[list[Decimal]], bool] | None = None
) -> list[Piece]:
    """Re-join numbers a converter split over lines.

    * ``47.`` + ``23`` and ``483`` + ``.92`` are always one number (a number neither ends nor
      starts with a point);
    * ``47.2`` + ``3`` is joined only when the joined number is well formed (``decimals`` places,
      as the table prints) and the split reading is not: the lone ``3`` would be an amount printed
      without decimals. When the joined number is also printed unsplit in the same row, or the
      row adds up only with the join (``consistent``), the join is certain; if the row adds up
      only WITHOUT the join, the pieces are kept apart.
    """
    out: list[Piece] = []
    j = 0
    while j < len(frags):
        a = frags[j]
        b = frags[j + 1] if j + 1 < len(frags) else None
        if _DASH_RE.match(a.text):
            out.append(Piece(a.text, a.line, dash=True))
            j += 1
            continue
        if b is not None:
            if a.text.endswith(".") and b.text.isdigit():
                out.append(Piece(a.text + b.text, a.line, [a.text, b.text]))
                j += 2
                continue
            if a.text.replace(",", "").isdigit() and b.text.startswith(".") and b.text[1:].isdigit():
                out.append(Piece(a.text + b.text, a.line, [a.text, b.text]))
                j += 2
                continue
            da = _decimals(a.text)
            if "." in a.text and 0 < da < decimals and b.text.isdigit() and da + len(b.text) == decimals:
                out.append(Piece(a.text + b.text, a.line, [a.text, b.text], doubtful=True))
                j += 2
                continue
        out.append(Piece(a.text, a.line))
        j += 1
    # Settle the doubtful joins: printed unsplit elsewhere in the row → certain; otherwise ask the
    # row's arithmetic whether the split reading is the one that adds up.
    whole = {p.value for p in out if not p.parts and p.value is not None}
    for i, p in enumerate(list(out)):
        if not p.doubtful:
            continue
        if p.value in whole:
            p.doubtful = False
            continue
        if consistent is None:
            continue
        joined = [q.value for q in out if q.value is not None]
        split_pieces = out[:i] + [Piece(p.parts[0], p.line), Piece(p.parts[1], p.line)] + out[i + 1 :]
        split = [q.value for q in split_pieces if q.value is not None]
        if consistent(joined):
            p.doubtful = False
        elif consistent(split):
            out = split_pieces
    return out


# ---------------------------------------------------------------------------------------------
# Body → tokens


@dataclass
class _Body:
    lines: list[tuple[str, int | None]]
    empty_note: str | None = None
    decimals: int = 2
    footnote: str | None = None  # a 注/备注 under the table that is not an empty-table note


def _prepare(heading: TableHeading, lines: list[TextLine]) -> _Body:
    title = norm(heading.title)
    kept: list[tuple[str, int | None]] = []
    note_parts: list[str] = []
    in_note = False
    for ln in lines:
        raw = ln.text.strip()
        if not raw:
            continue
        continues = in_note and not any(_is_value(t) for t in raw.split())
        if continues or raw.startswith(("备注", "注：", "注:", "说明：")):
            note_parts.append(raw)
            # a note runs on over the next line only while its sentence is not finished
            in_note = not raw.endswith(("。", ".")) and not _EMPTY_RE.search(raw) and len(note_parts) < 4
            continue
        if _EMPTY_RE.search(raw) and len(raw) < 120:
            note_parts.append(raw)
            continue
        if norm(raw) == title or _NOISE_RE.match(raw) or (_META_RE.search(raw) and len(norm(raw)) <= 60):
            continue  # a title, number, page number or 编制部门 line repeated inside the body
        kept.append((collapse(raw), ln.line))
    is_empty_note = any(_EMPTY_RE.search(p) for p in note_parts)
    note = "".join(note_parts) if note_parts and is_empty_note else None
    footnote = "".join(note_parts) if note_parts and not is_empty_note else None
    # How many decimals the table prints: count whole numbers only, not the first piece of a split
    # one ("47.2" before "3").
    flat = [t for text, _ in kept for t in text.split()]
    decs = [
        _decimals(t)
        for t, nxt in zip(flat, [*flat[1:], ""], strict=True)
        if _is_frag(t) and "." in t[1:-1] and not (nxt.isdigit() and len(nxt) <= 2)
    ]
    decimals = max(set(decs), key=decs.count) if decs else 2
    kept = _drop_page_numbers(kept, decimals)
    return _Body(kept, note, decimals, footnote)


def _drop_page_numbers(kept: list[tuple[str, int | None]], decimals: int) -> list[tuple[str, int | None]]:
    """A line that is a bare page number (``16``) between complete amounts is not an amount: where
    amounts print decimals, a whole amount ends the line before it and nothing continues it."""
    if decimals == 0:
        return kept
    out: list[tuple[str, int | None]] = []
    for k, (text, ln) in enumerate(kept):
        prev = out[-1][0].split()[-1] if out and out[-1][0].split() else ""
        nxt = kept[k + 1][0] if k + 1 < len(kept) else ""
        if (
            re.fullmatch(r"[1-9]\d{0,2}", text)
            and kind_of(text) is None  # "210" alone on its line is a class code, not a page
            and _is_frag(prev)
            and "." in prev[1:-1]
            and _decimals(prev) == decimals
            and not nxt.startswith(".")
        ):
            continue
        out.append((text, ln))
    return out


def _tokens(body: _Body) -> list[Tok]:
    out: list[Tok] = []
    for text, ln in body.lines:
        for t in text.split():
            m = _GLUED_CODE_RE.match(t)  # "2101501行政运行": a code printed against its name
            if m:
                out += [Tok(m.group(1), ln), Tok(m.group(2), ln)]
            else:
                out.append(Tok(t, ln))
    return out


