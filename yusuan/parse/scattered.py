"""Tables whose cells a PDF converter scattered one per line (raw converter text).

Such text has lost the table's columns: empty cells are dropped, headers are printed vertically one
character per line, and numbers are split across lines (``47.`` / ``23``). The table is rebuilt from
its own constraints (children sum to parents, columns sum to totals, total = sum of the other
columns); a placement that was deduced is marked ``Provenance(inferred=True, note=…)``, and a value
the constraints cannot place is kept in ``Row.unplaced`` and reported, never guessed.

Three shapes are read:

* code tables (支出/收入/基本支出/项目支出…): rows start with a classification code (``208 05 05``,
  possibly over several lines), then name fragments, then the values in left-to-right order;
* two-sided tables (收支总体情况表, 财政拨款收支总体情况表): each printed line carries an income item
  on the left and a functional class on the right;
* item tables (三公): rows are fixed items named by their label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import combinations
from typing import Literal

from yusuan.amounts import parse_number, to_wan
from yusuan.blocks import TextLine
from yusuan.codes import kind_of
from yusuan.model import Amount, Column, Provenance, Row, Table
from yusuan.parse.scattered_columns import column_relations, match_columns
from yusuan.parse.scattered_solve import SolveRow, SumRelation, solve
from yusuan.tables import catalog, match_row, norm, strip_item_prefix


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


# ---------------------------------------------------------------------------------------------
# Placing values into columns


@dataclass
class _RawRow:
    code: str | None
    name_lines: list[tuple[str, int | None]]
    frags: list[Tok]
    line: int | None
    side: str | None = None
    pieces: list[Piece] = field(default_factory=list)
    extra_name: list[str] = field(default_factory=list)  # text found after the values (page break)

    @property
    def name(self) -> str:
        return "".join(t for t, _ in self.name_lines) + "".join(self.extra_name)


def _slots(pieces: list[Piece]) -> list[Piece]:
    """The pieces that take a cell: numbers and dashes (an unreadable piece is reported apart)."""
    return [p for p in pieces if p.dash or p.value is not None]


def _as_dict(cand: tuple[int, ...], slots: list[Piece], cols: list[str]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for i, p in zip(cand, slots, strict=True):
        v = p.value
        if not p.dash and v is not None:
            out[cols[i]] = v
    return out


def _candidates(values: Sequence[object], cols: list[str], first_total: bool) -> list[tuple[int, ...]]:
    """Every left-to-right placement of the values in the columns (the first in 合计 if asked)."""
    n, k = len(cols), len(values)
    if k == 0 or k > n:
        return [()] if k == 0 else []
    if first_total:
        return [(0, *rest) for rest in combinations(range(1, n), k - 1)]
    return list(combinations(range(n), k))


def _row_consistent(cols: list[str], rels: list[tuple[str, list[str]]], first_total: bool, tol: Decimal):
    def check(values: list[Decimal]) -> bool:
        for cand in _candidates(values, cols, first_total):
            c = {cols[i]: v for i, v in zip(cand, values, strict=True)}
            ok = True
            for parent, kids in rels:
                if parent in c or any(k in c for k in kids):
                    total = sum((c.get(k, Decimal(0)) for k in kids), Decimal(0))
                    if abs(c.get(parent, Decimal(0)) - total) > tol * max(1, len(kids)):
                        ok = False
                        break
            if ok:
                return True
        return False

    return check


def _half_ulp(decimals: int, unit: str | None) -> Decimal:
    return to_wan(Decimal(5) * Decimal(10) ** -(decimals + 1), unit)


@dataclass
class _Placed:
    values: dict[str, Amount]
    unplaced: list[Amount]
    notes: list[str]


def _amount(p: Piece, unit: str | None, page: int | None, inferred: bool, why: list[str]) -> Amount:
    v = p.value
    assert v is not None
    notes = []
    if p.parts:
        notes.append("由折行片段拼接 joined from " + " + ".join(repr(x) for x in p.parts))
        if p.doubtful:
            notes.append("拼接未经本行合计验证 join not confirmed by the row's sums")
    if inferred:
        notes.append("按约束推定列 column deduced from: " + "；".join(why))
    return Amount(
        value=to_wan(v, unit),
        text=p.text,
        unit=unit or "万元",
        source=Provenance(line=p.line, page=page, inferred=inferred, note="；".join(notes) or None),
    )


def place_rows(
    rows: list[list[Piece]],
    cols: list[str],
    col_rels: list[tuple[str, list[str]]],
    row_rels: list[tuple[int, list[int], str]],
    *,
    first_total: bool,
    unit: str | None,
    page: int | None = None,
    decimals: int = 2,
    labels: list[str] | None = None,
    pseudo: list[tuple[dict[str, Decimal], int, list[str], str]] | None = None,
) -> tuple[list[_Placed], list[str]]:
    """Place each row's values into ``cols`` by the sums; return the placements and table notes.

    ``row_rels`` are (parent row, child rows, label); ``pseudo`` adds fixed facts of the same table
    (value per column, the row they must equal, the columns concerned, label), e.g. the income side
    of 财政拨款收支总体情况表 fixes the expense side's 合计 per funding column.
    """
    labels = labels or [f"第{i + 1}行" for i in range(len(rows))]
    tol = _half_ulp(decimals, None)
    solve_rows: list[SolveRow] = []
    cand_lists: list[list[tuple[int, ...]]] = []
    row_slots = [_slots(pieces) for pieces in rows]
    for slots in row_slots:
        cands = _candidates(slots, cols, first_total)
        cand_lists.append(cands)
        solve_rows.append(SolveRow(candidates=[_as_dict(c, slots, cols) for c in cands], initial=len(cands)))
    relations = [SumRelation(parent=p, children=list(k), label=lab) for p, k, lab in row_rels]
    for fixed, target, columns, lab in pseudo or []:
        solve_rows.append(SolveRow(candidates=[fixed]))
        relations.append(
            SumRelation(parent=target, children=[len(solve_rows) - 1], label=lab, columns=columns)
        )
    col_relations = [SumRelation(parent=p, children=list(k)) for p, k in col_rels]
    result = solve(solve_rows, relations, col_relations, cols, tol)
    notes = [f"不平（文件本身或转换丢失数字）does not add up: {b}" for b in result.broken]
    placed: list[_Placed] = []
    for ri in range(len(rows)):
        slots = row_slots[ri]
        sr = result.rows[ri]
        amounts: dict[str, Amount] = {}
        unplaced: list[Amount] = []
        row_notes: list[str] = []
        if sr.row_broken:
            row_notes.append(f"{labels[ri]}：本行各列相加不等 the row's columns do not add up")
        remaining = [c for c in cand_lists[ri] if _as_dict(c, slots, cols) in sr.candidates]
        for vi, p in enumerate(slots):
            if p.dash:
                continue
            options = {c[vi] for c in remaining}
            initial = {c[vi] for c in cand_lists[ri]}
            if len(options) == 1 and not (len(initial) > 1 and sr.row_broken and not sr.reasons):
                col = cols[options.pop()]
                inferred = len(initial) > 1
                # name the sums that concern this column (or the row's own), not every one that
                # removed some placement of the row
                why = [r for r in sr.reasons if r.endswith(f"[{col}]") or "[" not in r] or sr.reasons
                amounts[col] = _amount(p, unit, page, inferred, why or ["本行各列相加 (row adds up)"])
            else:
                unplaced.append(_amount(p, unit, page, False, []))
        if unplaced:
            row_notes.append(
                f"{labels[ri]}：{' '.join(a.text for a in unplaced)} 无法由本表约束确定所在列，未放置 "
                "(column not decidable from the table's sums; left unplaced)"
            )
        placed.append(_Placed(amounts, unplaced, row_notes))
    return placed, notes


# ---------------------------------------------------------------------------------------------
# Code tables: 支出 / 收入 / 基本支出 / 项目支出 …


def _code_class(table_id: str) -> str:
    return "35" if table_id == "gpb_basic" else "2"


class _Reader:
    """Walks the tokens of a code table's body and cuts them into rows."""

    def __init__(self, toks: list[Tok], table_id: str, decimals: int = 2) -> None:
        self.toks = toks
        self.first_digits = _code_class(table_id)
        self.decimals = decimals
        self.header: list[str] = []

    def text(self, i: int) -> str | None:
        return self.toks[i].text if 0 <= i < len(self.toks) else None

    def code_start(self, i: int) -> bool:
        t = self.text(i)
        if t is None or not _CODE_HEAD_RE.match(t) or t[0] not in self.first_digits:
            return False
        nxt = self.text(i + 1)
        if nxt is None:
            return False
        if _CODE_PART_RE.match(nxt):
            return len(t) < 7
        if not _is_value(nxt):
            return True
        # A code printed without a name ("201 32 99 5.00"): only where amounts carry decimals, so
        # a bare 3-digit number cannot be an amount, and only a real class head.
        return (
            self.decimals > 0
            and kind_of(t) is not None
            and not nxt.startswith(".")
            and (i == 0 or not self.text(i - 1).endswith("."))  # type: ignore[union-attr]
        )

    def total_start(self, i: int) -> bool:
        t = self.text(i)
        nxt = self.text(i + 1)
        return t is not None and bool(_TOTAL_LABEL_RE.match(t)) and nxt is not None and _is_value(nxt)

    def _header_end(self, i: int) -> int | None:
        """Where a header printed again at token i (after a page break) ends, or None.

        Compared character by character with the first header, so a header cut into lines
        differently still matches; it may start at one of the first header's first lines (the
        table-level caption such as ``项 目 支出预算`` is often not repeated)."""
        h = self.header
        starts = [len("".join(h[:k])) for k in range(min(4, len(h)))]
        text = "".join(h)
        first = self.text(i)
        if first is None or len(text) < 4:
            return None
        for start in starts:
            target = text[start:]
            if not target.startswith(first):
                continue
            acc, j = "", i
            while (
                j < len(self.toks) and len(acc) < len(target) and target.startswith(acc + self.toks[j].text)
            ):
                acc += self.toks[j].text
                j += 1
            if len(acc) >= min(len(target), 8):
                return j
        return None

    def header_repeat(self, i: int) -> bool:
        return self._header_end(i) is not None

    def skip_header(self, i: int) -> int:
        end = self._header_end(i)
        return end if end is not None else i + 1

    def is_name_token(self, i: int) -> bool:
        t = self.text(i)
        if t is None:
            return False
        if _DASH_RE.match(t):
            return False
        if not _is_frag(t):
            return True
        nxt = self.text(i + 1)
        # a year inside a project name: "2023" / "年自治区…"
        if _YEAR_RE.match(t) and nxt is not None and nxt.startswith("年"):
            return True
        # digits of a wrapped name ("特定目标091" / "00810"): no amount starts with 0
        return t.isdigit() and len(t) >= 2 and t[0] == "0" and not self._tail(i)

    def _tail(self, i: int) -> bool:
        """Whether token i is the end of a number split before it (``47.`` / ``23``)."""
        prev = self.text(i - 1)
        if prev is None or not _is_frag(prev):
            return False
        return prev.endswith(".") or ("." in prev and _decimals(prev) < self.decimals)

    def read(self) -> tuple[list[_RawRow], list[str]]:
        toks, n = self.toks, len(self.toks)
        i = 0
        while i < n and not (self.code_start(i) or self.total_start(i)):
            self.header.append(toks[i].text)
            i += 1
        rows: list[_RawRow] = []
        notes: list[str] = []
        while i < n:
            if self.header_repeat(i):
                i = self.skip_header(i)
                continue
            if self.code_start(i):
                code, line = toks[i].text, toks[i].line
                i += 1
                while len(code) < 7 and i < n and _CODE_PART_RE.match(toks[i].text) and len(code) in (3, 5):
                    code += toks[i].text
                    i += 1
                row = _RawRow(code=code, name_lines=[], frags=[], line=line)
            elif self.total_start(i):
                row = _RawRow(
                    code="TOTAL", name_lines=[(toks[i].text, toks[i].line)], frags=[], line=toks[i].line
                )
                i += 1
            elif _is_value(toks[i].text) and not self.is_name_token(i):
                if rows:  # a value after a page break: still the previous row's
                    rows[-1].frags.append(toks[i])
                i += 1
                continue
            else:
                # text after a row's values: the rest of a name cut by a page break, or a row
                # without a code (a project line) when values follow
                j = i
                while (
                    j < n and self.is_name_token(j) and not self.header_repeat(j) and not self.code_start(j)
                ):
                    j += 1
                texts = [(toks[k].text, toks[k].line) for k in range(i, j)]
                if j < n and _is_value(toks[j].text) and not self.code_start(j):
                    row = _RawRow(code=None, name_lines=_by_line(texts), frags=[], line=toks[i].line)
                    i = j
                else:
                    if rows:
                        rows[-1].extra_name.extend(t for t, _ in texts)
                    i = j
                    continue
            names: list[tuple[str, int | None]] = []
            while i < n and self.is_name_token(i) and not self.header_repeat(i) and not self.total_start(i):
                if row.code != "TOTAL" and self.code_start(i):
                    break
                names.append((toks[i].text, toks[i].line))
                i += 1
            row.name_lines.extend(_by_line(names))
            while i < n and _is_value(toks[i].text) and not self.code_start(i) and not self.is_name_token(i):
                row.frags.append(toks[i])
                i += 1
            rows.append(row)
            if row.code == "TOTAL" and any(r.code not in (None, "TOTAL") for r in rows[:-1]):
                rest = [t for t in toks[i:] if _is_frag(t.text)]
                if rest:
                    notes.append(
                        f"合计行之后还有 {len(rest)} 个数字未读（可能属于下一张表） "
                        f"{len(rest)} numbers after the total row were not read (another table?)"
                    )
                break
        return rows, notes


def _by_line(texts: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for t, ln in texts:
        if out and out[-1][1] == ln:
            out[-1] = (out[-1][0] + t, ln)
        else:
            out.append((t, ln))
    return out


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _known_names(code: str | None) -> list[str]:
    """Names the classification catalog knows for a code, longest first (a catalog of national
    classification names, not of any document)."""
    if not code:
        return []
    try:
        from yusuan.codes import load_catalog
    except ImportError:  # pragma: no cover - the catalog is optional for this module
        return []
    entry = load_catalog().get(code)
    if entry is None:
        return []
    return sorted({entry.name, *entry.names}, key=len, reverse=True)


def split_subject_project(
    name_lines: list[str], code: str | None = None, after_break: list[str] | None = None
) -> tuple[str, str | None]:
    """Cut the fragments of 科目名称 + 项目名称 (both wrapped in narrow cells) into the two names.

    Every wrapped line of a cell but its last is as wide as the cell; a line narrower than the one
    before it ends the first cell. When no line is narrower (both cells wrap at the same width),
    the cut is where the classification's own name (from the code catalog) ends on a line
    boundary — also across a page break, where each cell continues after the break
    (``after_break``). Otherwise the whole text is returned as the name."""
    after = after_break or []
    if not after and len(name_lines) >= 2:
        widths = [_width(t) for t in name_lines]
        for k in range(1, len(name_lines) - 1):
            if widths[k] < widths[k - 1]:
                return "".join(name_lines[: k + 1]), "".join(name_lines[k + 1 :])
    for known in _known_names(code):
        for k in range(1, len(name_lines) + 1):
            head = "".join(name_lines[:k])
            if not known.startswith(head):
                break
            for m in range(len(after) + 1):
                if head + "".join(after[:m]) == known:
                    project = "".join(name_lines[k:]) + "".join(after[m:])
                    if project:
                        return known, project
    return "".join(name_lines) + "".join(after), None


def group_rows(codes: list[str | None], has_values: list[bool]) -> list[int]:
    """Rows without a code that carry values and head classes (a budget unit's subtotal in a
    部门 table): the next coded row is a 类 (3 digits)."""
    out = []
    for i, c in enumerate(codes):
        if c is None and has_values[i]:
            nxt = next((d for d in codes[i + 1 :] if d and d != "TOTAL"), None)
            if nxt is not None and len(nxt) == 3:
                out.append(i)
    return out


def _row_relations(codes: list[str | None], groups: Sequence[int] = ()) -> list[tuple[int, list[int], str]]:
    """类 = Σ款 = Σ项 and 合计 = Σ top rows, over the rows present.

    A group row (a budget unit) scopes the codes below it: its classes sum to it, and the groups
    sum to 合计."""
    scopes: list[tuple[int | None, list[int]]] = [(None, [])]
    for i, c in enumerate(codes):
        if i in groups:
            scopes.append((i, []))
        elif c and c != "TOTAL":
            scopes[-1][1].append(i)
    rels: list[tuple[int, list[int], str]] = []
    top_rows: list[int] = []
    for head, members in scopes:
        first: dict[str, int] = {}
        for i in members:
            first.setdefault(codes[i] or "", i)
        children: dict[int, list[int]] = {}
        tops: list[int] = []
        for i in members:
            c = codes[i] or ""
            parent = None
            for plen in (5, 3):
                if len(c) > plen and c[:plen] in first and first[c[:plen]] != i:
                    parent = first[c[:plen]]
                    break
            if parent is None:
                tops.append(i)
            else:
                children.setdefault(parent, []).append(i)
        rels += [(p, kids, f"{codes[p]} = Σ下级 (sum of its children)") for p, kids in children.items()]
        if head is None:
            top_rows += tops
        else:
            if tops:
                rels.append((head, tops, "单位 = Σ类 (unit total of its classes)"))
            top_rows.append(head)
    total = codes.index("TOTAL") if "TOTAL" in codes else None
    if total is not None and top_rows:
        rels.append((total, top_rows, "合计 = Σ类 (total of the classes)"))
    return rels


def _parse_code_table(heading: TableHeading, body: _Body, table: Table) -> None:
    reader = _Reader(_tokens(body), heading.id, body.decimals)
    raw_rows, notes = reader.read()
    table.notes.extend(notes)
    found = match_columns(heading.id, " ".join(reader.header))
    cols = [c for c, _ in found]
    if "total" not in cols:
        table.notes.append("表头未找到合计列 no total column found in the header")
    table.columns = [Column(id=c, header=h) for c, h in found]
    if not cols:
        table.notes.append("未能识别表头列 header columns not recognised; values left unplaced")
    rels = column_relations(heading.id, cols)
    first_total = bool(cols) and cols[0] == "total"
    check = _row_consistent(cols, rels, first_total, _half_ulp(body.decimals, None))
    for r in raw_rows:
        r.pieces = rejoin_numbers(r.frags, body.decimals, check if cols else None)
    codes = [r.code for r in raw_rows]
    groups = group_rows(codes, [bool(_slots(r.pieces)) for r in raw_rows])
    labels = [f"第{r.line}行 {r.code or ''} {r.name}".strip() for r in raw_rows]
    placed, table_notes = place_rows(
        [r.pieces for r in raw_rows],
        cols,
        rels,
        _row_relations(codes, groups),
        first_total=first_total,
        unit=heading.unit,
        page=heading.page,
        decimals=body.decimals,
        labels=labels,
    )
    table.notes.extend(table_notes)
    unit: str | None = None
    for i, (r, pl) in enumerate(zip(raw_rows, placed, strict=True)):
        if i in groups:
            unit = r.name  # the budget unit whose rows follow
        elif r.code == "TOTAL":
            unit = None
        name, project = r.name, None
        if heading.id == "gpb_project" and r.code and r.code != "TOTAL" and len(r.code) == 7:
            name, project = split_subject_project([t for t, _ in r.name_lines], r.code, r.extra_name)
            if project is None:
                table.notes.append(
                    f"第{r.line}行 {r.code}：科目名称与项目名称无法分开 subject and project names not separable"
                )
        bad = [p.text for p in r.pieces if p.value is None and not p.dash]
        if bad:
            table.notes.append(f"第{r.line}行：无法读取的数字 unreadable numbers {' '.join(bad)}")
        table.notes.extend(pl.notes)
        table.rows.append(
            Row(
                code=r.code,
                name=name if r.code != "TOTAL" else (r.name or "合计"),
                project=project,
                unit=unit if groups else None,
                values=pl.values,
                unplaced=pl.unplaced,
                source=Provenance(line=r.line, page=heading.page),
            )
        )


# ---------------------------------------------------------------------------------------------
# Two-sided tables: 收支总体情况表, 财政拨款收支总体情况表

_EXP_TOTAL_RE = re.compile(r"^支出(?:总计|合计)")
_INC_TOTAL_RE = re.compile(r"^收入(?:总计|合计)")
_ITEM_MARK_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]|其中[:：])")


def _income_code(label: str, carry: bool) -> str | None:
    cat = catalog().summary
    t = strip_item_prefix(norm(label))
    if cat.total.match(t) or _INC_TOTAL_RE.match(t):
        return "TOTAL"
    for pat, code in cat.carryover_rows if carry else cat.income_rows:
        if pat.search(t):
            return code
    return None


def _starts_item(text: str, carry: bool) -> bool:
    """Whether a left-side text starts an income item (else it continues the one above)."""
    if _ITEM_MARK_RE.match(text):
        return True
    cat = catalog().summary
    t = strip_item_prefix(norm(text))
    return _income_code(text, carry) is not None or bool(cat.carryover_start.search(t))


def _expense_start(toks: list[str]) -> int | None:
    """Where the expense side of a printed line starts: at a functional class code, at 支出总计, or
    at a text right after the income side's amount (``本年收入 100.00 本年支出 100.00``)."""
    for j, t in enumerate(toks):
        if _EXP_TOTAL_RE.match(t):
            return j
        if re.fullmatch(r"2\d{2}", t) and j + 1 < len(toks) and not _is_value(toks[j + 1]):
            return j
        if j > 0 and not _is_value(t) and _is_value(toks[j - 1]):
            return j
    return None


def _expense_code(name: str) -> str | None:
    cat = catalog().summary
    t = strip_item_prefix(norm(name))
    if cat.total.match(t) or _EXP_TOTAL_RE.match(t):
        return "TOTAL"
    for pat, code in cat.expense_rows:
        if pat.search(t):
            return code
    return None


_ITEM_NUMBER_RE = re.compile(r"^\d{1,2}[.．、]$")


def _merge_item_numbers(toks: list[str]) -> list[str]:
    """``1.`` before a text is an item number (``1. 一般公共预算拨款``), not a number cut in two."""
    out: list[str] = []
    for t in toks:
        if (
            out
            and _ITEM_NUMBER_RE.match(out[-1])
            and not _is_value(t)
            and (len(out) < 2 or not _is_value(out[-2]))
        ):
            out[-1] += t
        else:
            out.append(t)
    return out


def _continues_expense(expense: list[_RawRow], text: str) -> bool:
    """Whether a lone fragment is the rest of the expense name above it (``207 文化旅游体育与传媒支``
    / ``出``): only when the classification catalog's name for that code says so."""
    if not expense or not expense[-1].code or not expense[-1].code.isdigit():
        return False
    joined = norm(expense[-1].name + text)
    return any(norm(k) == joined for k in _known_names(expense[-1].code))


def _parse_two_sided(heading: TableHeading, body: _Body, table: Table) -> None:
    cat = catalog().summary
    income: list[_RawRow] = []
    expense: list[_RawRow] = []
    header: list[str] = []
    started = False
    carry = False
    for text, ln in body.lines:
        toks = _merge_item_numbers(text.split())
        e = _expense_start(toks)
        left, right = (toks[:e], toks[e:]) if e is not None else (toks, [])
        left_text = "".join(t for t in left if not _is_value(t))
        if not started:
            if e is None and not (
                left_text and _income_code(left_text, False) and any(_is_value(t) for t in left)
            ):
                header.append(text)
                continue
            started = True
        if left:
            frags = [Tok(t, ln) for t in left if _is_value(t)]
            if left_text:
                if not income or _starts_item(left_text, carry):
                    if cat.carryover_start.search(strip_item_prefix(norm(left_text))):
                        carry = True
                    income.append(
                        _RawRow(code=None, name_lines=[(left_text, ln)], frags=frags, line=ln, side="income")
                    )
                elif e is None and not frags and _continues_expense(expense, left_text):
                    expense[-1].name_lines.append((left_text, ln))
                else:
                    income[-1].name_lines.append((left_text, ln))
                    income[-1].frags.extend(frags)
            elif income:
                income[-1].frags.extend(frags)
        if right:
            code: str | None
            if re.fullmatch(r"\d{3}", right[0]):
                code, rest = right[0], right[1:]
                name = "".join(t for t in rest if not _is_value(t))
            else:
                rest = right
                name = "".join(t for t in rest if not _is_value(t))
                code = _expense_code(name)
            frags = [Tok(t, ln) for t in rest if _is_value(t)]
            expense.append(_RawRow(code=code, name_lines=[(name, ln)], frags=frags, line=ln, side="expense"))
    carry = False
    for r in income:
        if cat.carryover_start.search(strip_item_prefix(norm(r.name))):
            carry = True
        r.code = _income_code(r.name, carry)
    for r in income + expense:
        r.pieces = rejoin_numbers(r.frags, body.decimals)

    amount_col = "amount"
    inc_placed, inc_notes = place_rows(
        [r.pieces for r in income],
        [amount_col],
        [],
        [],
        first_total=False,
        unit=heading.unit,
        page=heading.page,
    )
    if heading.id == "fiscal_summary":
        found = match_columns("fiscal_summary", " ".join(header))
        cols = [c for c, _ in found] or ["total"]
        col_headers = dict(found)
    else:
        cols, col_headers = [amount_col], {amount_col: "预算数"}
    rels = column_relations(heading.id, cols) if heading.id == "fiscal_summary" else []
    exp_codes = [r.code for r in expense]
    row_rels = _row_relations(exp_codes)
    pseudo = []
    if heading.id == "fiscal_summary" and "TOTAL" in exp_codes:
        # The income side of the same table says how much each fund brings: the expense side's
        # 合计 per fund must equal it (a fund printed without an amount brings 0).
        fund_code = {"gpb": "income.gpb", "gov_fund": "income.gov_fund", "soe": "income.soe"}
        fixed: dict[str, Decimal] = {}
        for col, code in fund_code.items():
            if col not in cols:
                continue
            for r, pl in zip(income, inc_placed, strict=True):
                if r.code == code:
                    a = pl.values.get(amount_col)
                    fixed[col] = a.value if a else Decimal(0)
        if fixed:
            pseudo.append(
                (
                    fixed,
                    exp_codes.index("TOTAL"),
                    list(fixed),
                    "支出合计 = 收入方各资金 (income side by fund)",
                )
            )
    exp_placed, exp_notes = place_rows(
        [r.pieces for r in expense],
        cols,
        rels,
        row_rels if heading.id == "fiscal_summary" else [],
        first_total=cols[0] == "total" and len(cols) > 1,
        unit=heading.unit,
        page=heading.page,
        decimals=body.decimals,
        labels=[f"第{r.line}行 {r.code} {r.name}" for r in expense],
        pseudo=pseudo,
    )
    table.notes.extend(inc_notes + exp_notes)
    table.columns = [Column(id=amount_col, header="收入/预算数")] + [
        Column(id=c, header=col_headers.get(c, c)) for c in cols if c != amount_col
    ]
    sides: tuple[tuple[Literal["income", "expense"], list[_RawRow], list[_Placed]], ...] = (
        ("income", income, inc_placed),
        ("expense", expense, exp_placed),
    )
    for side, raws, placed in sides:
        for r, pl in zip(raws, placed, strict=True):
            table.notes.extend(pl.notes)
            values = dict(pl.values)
            table.rows.append(
                Row(
                    code=r.code,
                    name=r.name,
                    side=side,
                    values=values,
                    unplaced=pl.unplaced,
                    source=Provenance(line=r.line, page=heading.page),
                )
            )


# ---------------------------------------------------------------------------------------------
# Item tables: 三公


def _parse_items(heading: TableHeading, body: _Body, table: Table) -> None:
    header: list[str] = []
    rows: list[_RawRow] = []
    for text, ln in body.lines:
        toks = text.split()
        label = "".join(t for t in toks if not _is_value(t))
        frags = [Tok(t, ln) for t in toks if _is_value(t)]
        code = match_row(heading.id, label) if label else None
        if not rows and code is None:
            header.append(text)
            continue
        if label and code is not None and not (rows and rows[-1].code == code and not rows[-1].frags):
            rows.append(_RawRow(code=code, name_lines=[(label, ln)], frags=frags, line=ln))
        elif rows:
            if label:
                rows[-1].name_lines.append((label, ln))
            rows[-1].frags.extend(frags)
    with_values = [r for r in rows if r.frags]
    if len(rows) >= 4 and len(with_values) == 1 and with_values[0] is rows[-1] and len(rows[-1].frags) >= 2:
        _items_as_columns(heading, body, table, rows)
        return
    found = match_columns(heading.id, " ".join(header))
    cols = [c for c, _ in found] or ["total"]
    table.columns = [Column(id=c, header=h) for c, h in found] or [Column(id="total", header="合计")]
    rels = column_relations(heading.id, cols)
    first_total = cols[0] == "total"
    check = _row_consistent(cols, rels, first_total, _half_ulp(body.decimals, None))
    for r in rows:
        r.pieces = rejoin_numbers(r.frags, body.decimals, check)
    idx = {r.code: i for i, r in enumerate(rows)}
    row_rels: list[tuple[int, list[int], str]] = []
    if "TOTAL" in idx:
        kids = [idx[c] for c in ("overseas_travel", "reception", "vehicles") if c in idx]
        if "vehicles" not in idx:
            kids += [idx[c] for c in ("vehicle_purchase", "vehicle_operation") if c in idx]
        if kids:
            row_rels.append((idx["TOTAL"], kids, "合计 = 出国 + 接待 + 公务用车"))
    if "vehicles" in idx:
        kids = [idx[c] for c in ("vehicle_purchase", "vehicle_operation") if c in idx]
        if kids:
            row_rels.append((idx["vehicles"], kids, "公务用车 = 购置 + 运行"))
    placed, notes = place_rows(
        [r.pieces for r in rows],
        cols,
        rels,
        row_rels,
        first_total=first_total,
        unit=heading.unit,
        page=heading.page,
        decimals=body.decimals,
        labels=[f"第{r.line}行 {r.name}" for r in rows],
    )
    table.notes.extend(notes)
    for r, pl in zip(rows, placed, strict=True):
        table.notes.extend(pl.notes)
        table.rows.append(
            Row(
                code=r.code,
                name=r.name,
                values=pl.values,
                unplaced=pl.unplaced,
                source=Provenance(line=r.line, page=heading.page),
            )
        )


def _items_as_columns(heading: TableHeading, body: _Body, table: Table, rows: list[_RawRow]) -> None:
    """三公 printed with the items as columns (合计 | 因公出国 | 公务接待 | 公务用车…) and one line of
    values: the items are placed like columns of one row, by 合计 = 出国 + 接待 + 公务用车 and
    公务用车 = 购置 + 运行."""
    items: list[_RawRow] = []
    for r in rows:
        if r.code and all(r.code != i.code for i in items):
            items.append(r)
    cols = [str(i.code) for i in items]
    vehicles_parts: list[str] = [c for c in ("vehicle_purchase", "vehicle_operation") if c in cols]
    top: list[str] = [c for c in ("overseas_travel", "reception", "vehicles") if c in cols]
    if "vehicles" not in cols:
        top += vehicles_parts
    col_rels: list[tuple[str, list[str]]] = [("TOTAL", top)] if "TOTAL" in cols and top else []
    if "vehicles" in cols and vehicles_parts:
        col_rels.append(("vehicles", vehicles_parts))
    pieces = rejoin_numbers(rows[-1].frags, body.decimals)
    placed, notes = place_rows(
        [pieces],
        cols,
        col_rels,
        [],
        first_total=cols[0] == "TOTAL",
        unit=heading.unit,
        page=heading.page,
        decimals=body.decimals,
        labels=["三公经费"],
    )
    table.notes.append("三公项目按列印出，已转为行 items printed as columns, read as rows")
    table.notes.extend(notes + placed[0].notes)
    table.columns = [Column(id="total", header="合计")]
    for n, item in enumerate(items):
        a = placed[0].values.get(str(item.code))
        table.rows.append(
            Row(
                code=item.code,
                name="".join(t for t, _ in item.name_lines[:1]),
                values={"total": a} if a else {},
                unplaced=placed[0].unplaced if n == 0 else [],
                source=Provenance(line=item.line, page=heading.page),
            )
        )


# ---------------------------------------------------------------------------------------------


def parse_scattered_table(heading: TableHeading, lines: list[TextLine]) -> Table | None:
    """Rebuild one table from the text lines of its body (everything after its title/unit lines
    up to the next table title or part heading). None when nothing could be read."""
    body = _prepare(heading, lines)
    table = Table(
        id=heading.id,
        title=heading.title,
        number=heading.number,
        unit=heading.unit,
        preparer=heading.preparer,
        source=Provenance(line=heading.line, page=heading.page),
    )
    if heading.id in CODE_TABLES:
        _parse_code_table(heading, body, table)
    elif heading.id in TWO_SIDED:
        _parse_two_sided(heading, body, table)
    elif heading.id in ITEM_TABLES:
        _parse_items(heading, body, table)
    else:
        return None
    if body.footnote:
        table.notes.append(f"表注 footnote: {body.footnote}")
    has_values = any(r.values or r.unplaced for r in table.rows)
    if body.empty_note and not has_values:
        table.empty, table.empty_note, table.rows = True, body.empty_note, []
    elif not has_values:
        if not table.rows and not body.lines:
            return None
        table.empty = True
        table.notes.append("表中没有数字 no numbers in the table")
        table.rows = []
    if any(r.unplaced for r in table.rows):
        table.notes.insert(
            0, "部分数字无法确定所在列，见各行 unplaced some values could not be placed; see Row.unplaced"
        )
    return table
