"""Scattered tables with classification codes (支出 / 收入 / 基本支出 / 项目支出 …): code columns, names, subject/project splits, row groups and row sum relations."""

from __future__ import annotations

from collections.abc import Sequence

from yusuan.codes import kind_of
from yusuan.model import Column, Provenance, Row, Table
from yusuan.parse.scattered_columns import match_columns
from yusuan.parse.scattered_place import _half_ulp, _RawRow, _row_consistent, _slots, place_rows
from yusuan.parse.scattered_tokens import (
    _CODE_HEAD_RE,
    _CODE_PART_RE,
    _DASH_RE,
    _TOTAL_LABEL_RE,
    _YEAR_RE,
    TableHeading,
    Tok,
    _Body,
    _decimals,
    _is_frag,
    _is_value,
    _tokens,
    rejoin_numbers,
)
from yusuan.tables import column_relations

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


