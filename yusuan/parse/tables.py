"""Stage: the disclosure's tables (公开表) → canonical ``Table`` objects.

Tables are found by their TITLE, never by their number (2021 documents print 表一, 2024 ones 表 1,
others 预算01表), and mapped to canonical ids through ``yusuan/data/tables.toml``. Each table's body
is every block up to the next title or part heading:

* Grids (from any reader) are interpreted here: header rows (multi-row headers, the ``类 款 项``
  row, the ``※ 1 2 3`` numbering row) give the column paths, the catalog gives column ids, code
  columns give classification codes, and a grid that repeats the header (a table continued over
  pages) continues the same table.
* Text lines without a grid (raw converter text whose cells were scattered one per line) go to
  ``yusuan.parse.scattered.parse_scattered_table``.

Nothing is dropped: a title the catalog does not know becomes a ``generic`` table, a value whose
column cannot be named keeps a positional column id (``col5``), and a table published empty is
recorded ``empty=True`` with its note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from yusuan.amounts import find_unit, parse_number, to_wan
from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.model import Amount, Column, Diagnostic, Document, Provenance, Row, Table
from yusuan.parse import scattered
from yusuan.parse.segment import Segments
from yusuan.tables import TableSpec, catalog, match_column, match_row, match_title, norm, strip_item_prefix

# ---------------------------------------------------------------------------------------------
# Recognising titles, numbers, preparer and unit lines

_NUM = r"[0-9０-９一二三四五六七八九十]+"
_NUMBER_LINE_RE = re.compile(rf"^(?:附?表\s*{_NUM}|[\u4e00-\u9fff]{{0,4}}\s*{_NUM}\s*表)\s*[:：.、]?$")
_NUMBER_PREFIX_RE = re.compile(rf"^(附?表\s*{_NUM}|预算\s*{_NUM}\s*表)(?:\s*[:：.、\-—]\s*|\s+|(?=[^\d]))")
_PART_RE = re.compile(r"^\s*第\s*[一二三四五六七八九十]+\s*部\s*分")
_PREPARER_RE = re.compile(r"(编制部门|编制单位|填报单位|部门名称|单位名称|预算单位|主管部门|^\s*部门)\s*[:：]\s*(.+)")
_SENTENCE_RE = re.compile(r"[，。；;！？]")
_EMPTY_NOTE_RE = re.compile(r"空表|空白表|未安排|没有使用|没有安排|无此|不涉及|无相关|无数据|本表无")
_TOTAL_RE = re.compile(r"^(总计|合计|收入总计|支出总计|收入合计|支出合计|本年收入合计|本年支出合计|总合计)$")
_CODE_NAME_RE = re.compile(r"^\[?(\d{3}(?:\d{2}){0,2})\]?(?!\d)\s*(.*)$")
_MARKS = {"※", "*", "＊", "栏次", "序号", "—", "-", "/", "#"}
_GENERIC_MAX = 40


def _strip_number(text: str) -> tuple[str | None, str]:
    t = text.strip()
    m = _NUMBER_PREFIX_RE.match(t)
    if m and t[m.end():].strip():
        return re.sub(r"\s+", "", m.group(1)), t[m.end():].strip()
    return None, t


def _title_like(text: str) -> bool:
    t = norm(text)
    if not t or len(t) > 60 or "表" not in t:
        return False
    if _SENTENCE_RE.search(text) or t.startswith(("关于", "备注", "注:", "说明", "-")):
        return False
    if re.search(r"说明|详见|见表|见下表|如下表", t):
        return False  # a narrative heading that names a table, not the table's title
    return not _EMPTY_NOTE_RE.search(t)


def _generic_title(text: str) -> bool:
    """An unknown table title: a short line that ends with 表 (perhaps with a bracketed suffix)."""
    t = norm(text)
    t = re.sub(r"\([^)]*\)$", "", t)
    return 2 < len(t) <= _GENERIC_MAX and t.endswith("表") and _title_like(text)


def _preparer(text: str) -> str | None:
    m = _PREPARER_RE.search(text)
    if not m:
        return None
    value = re.split(r"\s{2,}|(?:金额)?单位\s*[:：]", m.group(2).strip())[0].strip()
    return value or None


def _is_meta_line(text: str) -> bool:
    """编制部门 / 单位 lines and similar that sit between a title and its grid."""
    return bool(_PREPARER_RE.search(text) or find_unit(text)) and len(norm(text)) <= 60


# ---------------------------------------------------------------------------------------------
# Headings and bodies


@dataclass
class _Heading:
    index: int  # block index of the title (or of the grid that holds it)
    spec: TableSpec | None  # None for an unknown (generic) title
    title: str
    number: str | None
    line: int | None
    page: int | None
    in_grid: bool = False  # the title is the first row of a grid
    number_index: int | None = None  # block index of the number line (表 7) printed before the title


def _grid_title(g: Grid) -> str | None:
    if not g.rows:
        return None
    cells = [c.text.strip() for c in g.rows[0] if c.text.strip()]
    if len(cells) == 1 and _title_like(cells[0]) and match_title(_strip_number(cells[0])[1]):
        return cells[0]
    return None


def _find_headings(raw: RawDocument, segs: Segments) -> list[_Heading]:
    toc = segs.toc or (0, 0)
    blocks = raw.blocks
    heads: list[_Heading] = []
    # A number line (表 7) starts the next table even when a converter put the table's first
    # rows before its title: it is kept until the next title, whatever comes between.
    pending: tuple[str, int] | None = None
    for i, b in enumerate(blocks):
        if toc[0] <= i < toc[1]:
            continue
        if isinstance(b, Grid):
            gt = _grid_title(b)
            if gt:
                number, title = _strip_number(gt)
                heads.append(_Heading(i, match_title(title), title, number, b.line, b.page, in_grid=True))
                pending = None
            continue
        text = b.text.strip()
        if _NUMBER_LINE_RE.match(text):
            pending = (re.sub(r"\s+", "", text).rstrip(":：.、"), i)
            continue
        number, title = _strip_number(text)
        if not _title_like(title):
            continue
        spec = match_title(title)
        if spec is None and not (_generic_title(title) and _grid_follows(blocks, i)):
            continue
        head = _Heading(i, spec, title, number or (pending[0] if pending else None), b.line, b.page)
        if pending and not number:
            head.number_index = pending[1]
        heads.append(head)
        pending = None
    return heads


def _grid_follows(blocks: Sequence[TextLine | Grid], i: int) -> bool:
    for b in blocks[i + 1 : i + 6]:
        if isinstance(b, Grid):
            return True
        if not (_is_meta_line(b.text) or _NUMBER_LINE_RE.match(b.text.strip())):
            return False
    return False


def _body_end(blocks: Sequence[TextLine | Grid], start: int, stop: int) -> int:
    for j in range(start, stop):
        b = blocks[j]
        if isinstance(b, TextLine) and _PART_RE.match(b.text):
            return j
    return stop


# ---------------------------------------------------------------------------------------------
# Grid interpretation


def _is_numbering_row(texts: list[str]) -> bool:
    ne = [norm(t) for t in texts if t.strip()]
    if len(ne) < 2:
        return False
    digits = [t for t in ne if t.isdigit()]
    others = [t for t in ne if not t.isdigit()]
    if any(o not in _MARKS and not re.fullmatch(r"[*※＊]+", o) for o in others):
        return False
    if not digits:
        return True
    nums = [int(d) for d in digits]
    return nums[0] in (0, 1) and nums == list(range(nums[0], nums[0] + len(nums)))


def _is_data_row(texts: list[str]) -> bool:
    if any(parse_number(t) is not None for t in texts):
        return True
    ne = [norm(t) for t in texts if t.strip()]
    return bool(ne) and bool(_TOTAL_RE.match(ne[0].rstrip(":"))) and len(ne) == 1


_HEADER_WORD_RE = re.compile(r"^(类|款|项|合计|总计|小计|项目|科目|栏次|序号)$|科目|编码|代码|名称|金额|预算数|经费|单位")


def _header_like(texts: list[str]) -> bool:
    """A row with a cell that only a header prints (类, 合计, 科目名称, 预算数 …)."""
    return any(_HEADER_WORD_RE.search(norm(t)) for t in texts if t.strip()) or _is_numbering_row(texts)


def _split_header(rows: list[list[str]]) -> int:
    """Number of header rows at the top of a grid."""
    for i, r in enumerate(rows):
        if _is_numbering_row(r):
            return i + 1
        if _is_data_row(r):
            return i
    return len(rows)


def _header_paths(header: list[list[str]], ncols: int) -> list[list[str]]:
    """Per column, the header cells above it from top to bottom.

    A group header printed once over several columns (a merged cell, which text and stream
    readers give as one cell followed by empty ones) is carried right over the empty cells that
    have a sub-header below them, and stops at the next cell of its own row.
    """
    rows = [r + [""] * (ncols - len(r)) for r in header if not _is_numbering_row(r)]
    _repair_orphans(rows)
    filled = [[c.strip() for c in r] for r in rows]
    for ri, r in enumerate(rows):
        below = rows[ri + 1 :]

        def has_below(j: int, below: list[list[str]] = below) -> bool:
            return any(b[j].strip() for b in below)

        j = 0
        while j < ncols:
            if r[j].strip() and has_below(j):
                k = j + 1
                while k < ncols and not r[k].strip() and has_below(k):
                    filled[ri][k] = r[j].strip()
                    k += 1
                j = k
            else:
                j += 1
    paths: list[list[str]] = []
    for j in range(ncols):
        segs: list[str] = []
        for r in filled:
            if r[j] and (not segs or segs[-1] != r[j]):
                segs.append(r[j])
        paths.append(segs)
    return paths


def _repair_orphans(rows: list[list[str]]) -> None:
    """Put back a sub-header that a converter pushed to the right end of the header.

    Text converters left-pack the cells of a multi-row header: under a group header spanning n
    columns they print n-1 sub-headers in place and the last one after all the single columns
    that follow the group, where nothing stands above it. The data rows keep the true order, so
    the orphan belongs right after the group's other sub-headers, and the singles move right.
    """
    for ri in range(1, len(rows)):
        up, low = rows[ri - 1], rows[ri]
        n = len(low)
        k0 = n
        while k0 > 0 and low[k0 - 1].strip() and not any(r[k0 - 1].strip() for r in rows[:ri]):
            k0 -= 1
        tail = list(range(k0, n))
        if not tail:
            continue
        # the group: the last upper cell left of the singles whose column has a sub-header
        g1 = k0 - 1
        while g1 >= 0 and up[g1].strip() and not low[g1].strip():
            g1 -= 1  # singles: an upper cell with nothing below
        if g1 < 0 or g1 == k0 - 1 or not low[g1].strip():
            continue
        g0 = g1
        while g0 > 0 and not up[g0].strip():
            g0 -= 1
        if not up[g0].strip() or not all(low[j].strip() for j in range(g0, g1 + 1)):
            continue
        m = len(tail)
        for r in rows:
            moved = r[k0 : k0 + m]
            singles = r[g1 + 1 : k0]
            r[g1 + 1 : k0 + m] = moved + singles


_ROLE_CODE_PARTS = {"类": "c1", "款": "c2", "项": "c3"}
_NAME_LEAVES = {"项目", "科目", "功能分类", "支出功能分类", "经济分类", "收入", "支出", "科目名称", "名称"}


def _role(path: list[str]) -> str:
    p = norm("/".join(path))
    leaf = norm(path[-1]) if path else ""
    if leaf in _ROLE_CODE_PARTS:
        return _ROLE_CODE_PARTS[leaf]
    if re.search(r"(部门|单位)\)?(代码|编码)", p):
        return "unitcode"  # 部门（单位）代码: identifies the unit, not a classification
    if "编码" in p or "代码" in p:
        return "code"
    if "项目名称" in p:
        return "project"
    if re.search(r"(单位|部门)\)?名称", p) or leaf in {"单位", "预算单位"}:
        return "unit"
    if "名称" in p or leaf in _NAME_LEAVES or "内容" in p or re.search(r"(科目|分类)$", leaf):
        return "name"
    return "amount"


@dataclass
class _Layout:
    paths: list[list[str]]
    roles: list[str]
    ids: list[str]  # column id for amount/text columns ("" otherwise)
    notes: list[str] = field(default_factory=list)


def _layout(spec_id: str, header: list[list[str]], data: list[list[str]], ncols: int) -> _Layout:
    paths = _header_paths(header, ncols)
    roles = [_role(p) if p else "amount" for p in paths]
    # Columns the header does not name are judged by their cells: text → a label, numbers → amounts.
    for j in range(ncols):
        cells = [r[j] for r in data if j < len(r) and r[j].strip()]
        if not cells:
            continue
        numeric = sum(parse_number(c) is not None for c in cells)
        if roles[j] == "amount" and numeric * 2 < len(cells):
            roles[j] = "name" if "name" not in roles else "text"
    ids = [""] * ncols
    used: set[str] = set()
    notes: list[str] = []
    amount_cols = [j for j in range(ncols) if roles[j] == "amount"]
    for j in range(ncols):
        if roles[j] not in ("amount", "text"):
            continue
        header_text = "/".join(paths[j])
        cid = match_column(spec_id, header_text, taken=used) if header_text else None
        if cid is None and spec_id != "generic" and amount_cols == [j]:
            cid = "total"  # the one amount column of a known table (预算数, 金额 …) is its total
        if cid is None or cid in used:
            if spec_id != "generic" and header_text and roles[j] == "amount":
                notes.append(f"未识别的列 unknown column: {header_text}")
            cid = f"col{j + 1}"
        used.add(cid)
        ids[j] = cid
    return _Layout(paths, roles, ids, notes)


class _Codes:
    """Classification codes from 类/款/项 cells, completed from the rows above when a converter
    left a level out (``| 32 |`` under 201 is 20132; ``| 201 | 99`` under 20132 is 2013299)."""

    def __init__(self) -> None:
        self.cls: str | None = None
        self.kuan: str | None = None

    def update(self, code: str) -> None:
        if len(code) == 3:
            self.cls, self.kuan = code, None
        elif len(code) == 5:
            self.cls, self.kuan = code[:3], code
        elif len(code) == 7:
            self.cls, self.kuan = code[:3], code[:5]

    def resolve(self, parts: list[str]) -> tuple[str | None, bool]:
        """(code, inferred) from the digit strings of the code cells (empty strings for blanks)."""
        parts = [p for p in parts]
        while len(parts) < 3:
            parts.append("")
        a, b, c = parts[:3]
        code: str | None = None
        inferred = False
        if a and not b and not c and len(a) in (3, 5, 7):
            code = a
        elif len(a) == 3 and len(b) == 2:
            code = a + b + (c if len(c) == 2 else "")
        elif len(a) == 5 and len(c) == 2 and not b:
            code = a + c
        elif len(a) == 3 and not b and len(c) == 2 and self.kuan and self.kuan[:3] == a:
            code, inferred = self.kuan + c, True
        elif not a and len(b) == 2 and self.cls:
            code, inferred = self.cls + b + (c if len(c) == 2 else ""), True
        elif not a and len(b) == 3 and len(c) == 2 and self.kuan and self.kuan[:3] == b or not a and not b and len(c) == 2 and self.kuan:
            code, inferred = self.kuan + c, True
        elif not a and len(b) in (5, 7) and not c:
            code = b
        if code:
            self.update(code)
        return code, inferred


def _digits(text: str) -> str:
    t = re.sub(r"\s+", "", text)
    return t if t.isdigit() else ""


@dataclass
class _Ctx:
    spec_id: str
    unit: str | None
    unit_names: set[str]
    file: str | None
    year: int | None = None


def _amount(cell: Cell, ctx: _Ctx) -> Amount | None:
    value = parse_number(cell.text)
    if value is None:
        return None
    return Amount(
        value=to_wan(value, ctx.unit),
        text=cell.text.strip(),
        unit=ctx.unit or "万元",
        source=Provenance(line=cell.line, page=cell.page, bbox=cell.bbox),
    )


def _row_source(cells: list[Cell], inferred: bool = False, note: str | None = None) -> Provenance:
    first = next((c for c in cells if c.text.strip()), cells[0] if cells else Cell(""))
    return Provenance(line=first.line, page=first.page, inferred=inferred, note=note)


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def _clean_name(text: str) -> str:
    """Whitespace between two Chinese characters is a converter's line wrap, not the document's;
    leading full-width spaces are the indentation of 款/项 names."""
    return _CJK_GAP_RE.sub("", re.sub(r"\s+", " ", text.replace("\u3000", " "))).strip()


def _one_sided_rows(
    grid_rows: list[list[Cell]],
    lay: _Layout,
    ctx: _Ctx,
    codes: _Codes,
    continuation: bool,
    out: list[Row],
    indents: dict[int, int] | None = None,
) -> None:
    # A table may print two classifications side by side (部门 and 政府 经济分类): the first
    # code group and name give the row's code and name, the second goes to texts.
    code_cols: dict[str, int] = {}
    other_code_cols: list[int] = []
    for j, r in enumerate(lay.roles):
        if r in ("c1", "c2", "c3"):
            if r in code_cols or (other_code_cols and r == "c1"):
                other_code_cols.append(j)
            else:
                code_cols[r] = j
    single_code = [j for j, r in enumerate(lay.roles) if r == "code"]
    all_names = [j for j, r in enumerate(lay.roles) if r == "name"]
    name_cols = all_names[:1] if other_code_cols else all_names
    other_name_cols = all_names[1:] if other_code_cols else []
    project_cols = [j for j, r in enumerate(lay.roles) if r == "project"]
    unit_cols = [j for j, r in enumerate(lay.roles) if r == "unit"]
    unitcode_cols = [j for j, r in enumerate(lay.roles) if r == "unitcode"]
    label_from_project = not name_cols and bool(project_cols)
    first = True
    for cells in grid_rows:
        texts = [c.text.strip() for c in cells]
        if not any(texts):
            continue
        values: dict[str, Amount] = {}
        row_texts: dict[str, str] = {}
        for j, cid in enumerate(lay.ids):
            if not cid or j >= len(cells) or not texts[j]:
                continue
            amt = _amount(cells[j], ctx) if lay.roles[j] == "amount" else None
            if amt is not None:
                values[cid] = amt
            elif norm(texts[j]) not in _MARKS and not re.fullmatch(r"[*※＊]+", norm(texts[j])):
                row_texts[cid] = texts[j]
        name = " ".join(texts[j] for j in name_cols if j < len(texts) and texts[j]).strip()
        project = " ".join(texts[j] for j in project_cols if j < len(texts) and texts[j]).strip() or None
        unit = " ".join(texts[j] for j in unit_cols if j < len(texts) and texts[j]).strip() or None
        if label_from_project:
            name = project or ""
        labels: list[str] = []
        other_code = "".join(_digits(texts[j]) for j in other_code_cols if j < len(texts))
        if other_code:
            row_texts["other_code"] = other_code
        other_name = " ".join(texts[j] for j in other_name_cols if j < len(texts) and texts[j])
        if other_name:
            row_texts["other_name"] = other_name
        for j in unitcode_cols:
            if j < len(texts) and texts[j]:
                if _TOTAL_RE.match(norm(texts[j]).rstrip(":")):
                    labels.append(texts[j])
                else:
                    row_texts["unit_code"] = texts[j]
        if not name and unit and (not name_cols or not any(_digits(t) for t in texts if t)):
            name = unit  # a unit's row (a table by unit, or a unit's subtotal): the unit is its label
        code: str | None = None
        inferred = False
        note: str | None = None
        if code_cols:
            parts = []
            for key in ("c1", "c2", "c3"):
                j = code_cols.get(key, -1)
                t = texts[j] if 0 <= j < len(texts) else ""
                if t and not _digits(t):
                    labels.append(t)
                parts.append(_digits(t))
            if any(parts):
                code, inferred = codes.resolve(parts)
        for j in single_code:
            t = texts[j] if j < len(texts) else ""
            if not t:
                continue
            m = _CODE_NAME_RE.match(re.sub(r"(?<=\d)\s+(?=\d)", "", t))
            if m and code is None:
                code = m.group(1)
                codes.update(code)
                if m.group(2) and not name:
                    name = m.group(2).strip()
            elif not m:
                labels.append(t)
        if code is None and name:
            m = _CODE_NAME_RE.match(name)
            if m and m.group(2) and not re.match(r"^\d", m.group(2)):
                code, name = m.group(1), m.group(2).strip()
                codes.update(code)
        if not name and labels:
            name = " ".join(labels)
        if inferred:
            note = "编码的类/款取自上方的行 class/kuan of the code taken from the rows above"
        label = norm(name).rstrip(":")
        if code is None and _TOTAL_RE.match(label):
            code = "TOTAL"
        if code is None and not label and values:
            # A 合计 printed under another label column (项目编号, 项目名称, 品目 …) is still the
            # grand total when it is the row's only label: a project or item is never called 合计.
            total_at = _total_label_col(texts, lay)
            if total_at is not None:
                code, name = "TOTAL", texts[total_at]
                row_texts.pop(lay.ids[total_at], None)
                if total_at in project_cols:
                    project = None
        if code is None and name and _clean_name(name) in ctx.unit_names:
            unit = _clean_name(name)
        # A fragment of a name wrapped over a page break starts a continuation grid.
        if continuation and first and out and code is None and not values and name and len(norm(name)) <= 4:
            out[-1].name = out[-1].name + name
            first = False
            continue
        first = False
        if not (code or name or values or row_texts or project):
            continue
        if label_from_project and (code == "TOTAL" or unit is not None):
            project = None
        project = _clean_name(project) if project else None
        unit = _clean_name(unit) if unit else None
        row = Row(
            code=code,
            name=_clean_name(name),
            project=project,
            unit=unit,
            values=values,
            texts=row_texts,
            source=_row_source(cells, inferred, note),
        )
        out.append(row)
        if indents is not None and name_cols and name_cols[0] < len(cells):
            raw_name = cells[name_cols[0]].text.replace("\u3000", "  ")
            indents[id(row)] = len(raw_name) - len(raw_name.lstrip())


def _total_label_col(texts: list[str], lay: _Layout) -> int | None:
    """The column of a row's 合计/总计 label when it is the row's only label cell (every other
    non-amount cell blank or a mark), else None."""
    found: int | None = None
    for j, t in enumerate(texts):
        if not t or j >= len(lay.roles) or lay.roles[j] == "amount":
            continue
        n = norm(t).rstrip(":")
        if n in _MARKS or re.fullmatch(r"[*※＊]+", n):
            continue
        if found is not None or not _TOTAL_RE.match(n):
            return None
        found = j
    return found


_NAME_CODE_NOTE = "编码按名称在上级类/款下对应 code from the printed name under its parent (code catalog)"


@lru_cache(maxsize=1)
def _catalog_by_name() -> dict[tuple[str | None, str], list[str]]:
    """(parent code or None for a 类, normalised name) → codes of the functional and economic
    classifications that print that name there."""
    from yusuan.codes import load_catalog, normalize_name, parent_code

    out: dict[tuple[str | None, str], list[str]] = {}
    for e in load_catalog().codes():
        if e.kind not in ("func", "econ"):
            continue
        parent = parent_code(e.code) if e.level > 1 else None
        for n in {normalize_name(x) for x in (e.name, *e.names)}:
            codes = out.setdefault((parent, n), [])
            if e.code not in codes:
                codes.append(e.code)
    return out


def _systematic_child(kuan: str, name: str) -> str | None:
    """A 项 that the classification repeats under many 款 (01 行政运行, 50 事业运行 …) under a
    款 the catalog has not seen it under."""
    from yusuan.codes import kind_of, load_catalog

    if kind_of(kuan) != "func":
        return None  # economic codes have two levels only
    cat = load_catalog()
    hits = {p for p in ("01", "02", "03", "50", "99") if cat.systematic(kuan + p, name)}
    return kuan + hits.pop() if len(hits) == 1 else None


def _codes_from_names(rows: list[Row], indents: dict[int, int]) -> None:
    """Codes of 类/款/项 rows printed as an indented name list without codes.

    A name is given a code only when the code catalog makes it unambiguous: a 类 by its name, a
    款 by its name among the children of the 类 above it, a 项 among the children of the 款 above
    it. When the names are indented, the indentation says the level; when they are not, a name
    that could be a 款 of the 类 above or a 项 of the 款 above is left without code. Inferred
    codes are marked so in the row's provenance.
    """
    from yusuan.codes import normalize_name

    if not any(r.code is None and r.name for r in rows):
        return
    by_name = _catalog_by_name()
    known = {n for _, n in by_name}
    # the levels of indentation are those of classification names (unit rows interleaved with
    # their items may be printed less indented than the 类)
    named = [
        r for r in rows
        if r.code is None and r.name and id(r) in indents
        and normalize_name(strip_item_prefix(norm(r.name))) in known
    ]
    levels = sorted({indents[id(r)] for r in named})
    indented = 1 < len(levels) <= 3
    cls: str | None = None
    kuan: str | None = None
    for r in rows:
        if r.code == "TOTAL":
            cls = kuan = None
            continue
        if r.code is not None:
            if r.code.isdigit() and len(r.code) in (3, 5, 7):
                cls, kuan = r.code[:3], (r.code[:5] if len(r.code) >= 5 else None)
            continue
        if not r.name:
            continue
        n = normalize_name(strip_item_prefix(norm(r.name)))
        options: dict[int, list[str]] = {
            1: by_name.get((None, n), []),
            2: by_name.get((cls, n), []) if cls else [],
            3: by_name.get((kuan, n), []) if kuan else [],
        }
        if kuan and not options[3]:
            sys_code = _systematic_child(kuan, n)
            options[3] = [sys_code] if sys_code else []
        if indented and id(r) in indents and indents[id(r)] in levels:
            level = levels.index(indents[id(r)]) + 1
            found = options[level] if level == 1 or (level == 2 and cls) or (level == 3 and kuan) else []
        else:
            found = [c for lv in (1, 2, 3) for c in options[lv]]
        if len(found) != 1:
            # not a name of the classification (a unit's row, a project) or not unique: the
            # rows below it are not known to be its children either
            cls = kuan = None
            continue
        code = found[0]
        r.code = code
        r.source.inferred = True
        r.source.note = _NAME_CODE_NOTE
        cls, kuan = code[:3], (code[:5] if len(code) >= 5 else None)


def _fill_units(rows: list[Row], unit_names: set[str]) -> None:
    """Rows below a unit's subtotal row belong to that unit (the table lists units, then their items)."""
    current: str | None = None
    for r in rows:
        if r.code == "TOTAL":
            current = None
            continue
        if r.unit and r.code is None and (r.unit in unit_names or _clean_name(r.name) == r.unit):
            current = r.unit
            continue
        if r.unit is None and current:
            r.unit = current


def _unlabelled_total(rows: list[Row]) -> None:
    """A coded table's first or last row with values but neither code nor name is its 合计 row
    whose label the converter lost."""
    if not any(r.code and r.code != "TOTAL" for r in rows) or any(r.code == "TOTAL" for r in rows):
        return
    for r in (rows[0], rows[-1]) if rows else ():
        if r.code is None and not r.name and r.values and not r.project:
            r.code = "TOTAL"
            r.source.inferred = True
            r.source.note = "无标签的合计行 unlabelled total row"
            return


# --- two-sided tables ------------------------------------------------------------------------


def _side_of(path: list[str]) -> str | None:
    if not path:
        return None
    top = norm(path[0])
    if "支出" in top and "收入" not in top:
        return "expense"
    if "收入" in top:
        return "income"
    return None


@lru_cache(maxsize=1)
def _class_names() -> dict[str, str]:
    """Functional class (类) names → 3-digit codes, from the classification catalog."""
    from yusuan.codes import load_catalog, normalize_name

    out: dict[str, str] = {}
    for e in load_catalog().codes("func", 1):
        for n in (e.name, *e.names):
            out.setdefault(normalize_name(n), e.code)
    return out


def _class_by_name(name: str) -> str | None:
    """The 类 code of a summary expense row printed as a class name without its code
    (``一、一般公共服务支出``); 款 and 项 names are not resolved (they are not unique)."""
    from yusuan.codes import normalize_name

    label = strip_item_prefix(norm(name))
    if not label.endswith("支出") and not label.endswith("预备费"):
        return None
    return _class_names().get(normalize_name(label))


def _summary_code(side: str, name: str, section: list[str]) -> str | None:
    cat = catalog().summary
    label = strip_item_prefix(norm(name))
    if cat.total.match(label):
        return "TOTAL"
    if side == "income":
        if cat.carryover_start.search(label):
            section[0] = "carryover"
        rows = cat.carryover_rows if section[0] == "carryover" else cat.income_rows
        for pat, code in rows:
            if pat.search(label):
                return code
        return None
    for pat, code in cat.expense_rows:
        if pat.search(label):
            return code
    return None


def _two_sided_rows(
    grid_rows: list[list[Cell]], lay: _Layout, ctx: _Ctx, out: list[Row], section: list[str]
) -> list[Column]:
    """Rows of a 收入 | 支出 table: income side first, then expense side; returns the columns."""
    ncols = len(lay.roles)
    sides = [_side_of(p) for p in lay.paths]
    if "expense" not in sides:
        # No 收入 | 支出 group row: the expense side starts at the second label column.
        label_cols = [j for j, r in enumerate(lay.roles) if r != "amount"]
        split = label_cols[1] if len(label_cols) > 1 else ncols
        sides = ["income" if j < split else "expense" for j in range(ncols)]
    else:
        first_exp = sides.index("expense")
        sides = ["income" if j < first_exp else "expense" for j in range(ncols)]
    income_rows: list[Row] = []
    expense_rows: list[Row] = []
    columns: list[Column] = []
    for side, dest in (("income", income_rows), ("expense", expense_rows)):
        cols = [j for j in range(ncols) if sides[j] == side]
        if not cols:
            continue
        label_j = next((j for j in cols if lay.roles[j] != "amount"), cols[0])
        amount_cols = [j for j in cols if j != label_j]
        col_ids: dict[int, str] = {}
        for j in amount_cols:
            if len(amount_cols) == 1:
                col_ids[j] = "amount"
            else:
                cid = match_column(ctx.spec_id, "/".join(lay.paths[j][1:] or lay.paths[j]))
                if cid == "total" and ctx.spec_id == "summary":
                    cid = "amount"  # the summary's main column is `amount` however many columns it has
                col_ids[j] = cid if cid and cid not in col_ids.values() else f"col{j + 1}"
        for j in amount_cols:
            if col_ids[j] not in {c.id for c in columns}:
                columns.append(Column(id=col_ids[j], header=_clean_name("/".join(lay.paths[j]))))
        for cells in grid_rows:
            texts = [c.text.strip() for c in cells]
            name = texts[label_j] if label_j < len(texts) else ""
            values = {}
            for j in amount_cols:
                if j < len(cells) and texts[j]:
                    amt = _amount(cells[j], ctx)
                    if amt is not None:
                        values[col_ids[j]] = amt
            if not name and not values:
                continue
            code: str | None = None
            if side == "expense":
                m = _CODE_NAME_RE.match(name)
                if m and m.group(2):
                    code, name = m.group(1), m.group(2).strip()
            inferred_code = False
            if code is None:
                code = _summary_code(side, name, section)
            if code is None and side == "expense":
                code = _class_by_name(name)
                inferred_code = code is not None
            dest.append(
                Row(
                    code=code,
                    name=_clean_name(name),
                    side=side,
                    values=values,
                    source=_row_source(
                        [cells[label_j]] if label_j < len(cells) else cells,
                        inferred_code,
                        "类编码按类名对应 class code from the printed class name" if inferred_code else None,
                    ),
                )
            )
    out.extend(income_rows)
    out.extend(expense_rows)
    return columns


# --- 三公 printed with the items as columns ---------------------------------------------------


def _period_prefix(path: list[str], year: int | None) -> str:
    """``last_year_`` when a header group above the item names an earlier year (2025年预算数 in a
    2026 budget), ``change_`` for a 增减 group; "" for the budget year."""
    for seg in path:
        t = norm(seg)
        m = re.search(r"(20\d{2})", t)
        if m and year and int(m.group(1)) < year:
            return "last_year_"
        if re.search(r"增减|变化|比上年", t):
            return "change_"
        if re.search(r"结转|结余", t):
            return "carryover_"  # 上年结转结余 beside 当年预算: money carried over, not this year's
    return ""


def _item_of(path: list[str], spec_id: str) -> tuple[str, str, str | None] | None:
    """(item code, item name, funding column) of a 三公 header path printed with items as columns:
    the deepest segment naming an item gives the item; a segment below it names the funding
    source (一般公共预算 …) when the template splits each item by source."""
    found: tuple[int, str] | None = None
    for i, seg in enumerate(path):
        if norm(seg) in ("合计", "小计") and i > 0:
            continue
        code = match_row(spec_id, seg)
        if code:
            found = (i, code)
    if found is None:
        if path and norm(path[-1]) in ("合计", "小计", "总计"):
            found = (len(path) - 1, "TOTAL")
        else:
            return None
    i, code = found
    name = path[i]
    below = [seg for seg in path[i + 1 :] if norm(seg) not in ("合计", "小计")]
    source = match_column(spec_id, "/".join(below)) if below else None
    if below and source is None:
        source = norm(below[-1])
    return code, name, source


def _row_prefix(label: str, labels: list[str], year: int | None) -> str:
    """Column-id prefix for one data row of a 三公 table printed with items as columns: the
    budget year's row gives the plain ids, an earlier year's ``last_year_``, a change row ``change_``."""
    t = norm(label)
    years = [int(y) for lb in labels for y in re.findall(r"(20\d{2})", norm(lb))]
    m = re.search(r"(20\d{2})", t)
    if m:
        y = int(m.group(1))
        current = year or (max(years) if years else y)
        return "" if y >= current else "last_year_"
    if re.search(r"增减|变化|增长|比上年", t):
        return "change_"
    if re.search(r"上年", t):
        return "last_year_"
    return ""


def _transposed(
    lay: _Layout, data: list[list[Cell]], ctx: _Ctx, headers: dict[str, str] | None = None
) -> list[Row] | None:
    items: dict[int, tuple[str, str, str | None]] = {}
    periods: dict[int, str] = {}
    for j, p in enumerate(lay.paths):
        if lay.roles[j] not in ("amount", "text") or not p:
            continue
        it = _item_of(p, ctx.spec_id)
        if it:
            items[j] = it
            periods[j] = _period_prefix(p, ctx.year)
    if len({c for c, _, _ in items.values() if c != "TOTAL"}) < 2:
        return None
    # A grand 合计 printed before groups that split every item by money (当年预算 | 上年结转结余):
    # the budget year's group is the items' own figures (TOTAL = Σ items there), so the grand
    # column is a row of its own that no item sums to.
    grand = [j for j, (c, _, _) in items.items() if c == "TOTAL" and len(lay.paths[j]) == 1]
    if grand and any(
        c == "TOTAL" and len(lay.paths[j]) > 1 and not periods[j] for j, (c, _, _) in items.items()
    ):
        for j in grand:
            items[j] = ("GRAND_TOTAL", *items[j][1:])
    # An item printed again under itself beside its 小计 and a special part (因公出国（境）费 /
    # 小计 · 因公出国（境）费 · 科研因公出国（境）费用) is the item without that part.
    for j, (code, name, source) in list(items.items()):
        if code == "TOTAL" or norm(lay.paths[j][-1]) in ("小计", "合计"):
            continue
        if any(
            k != j and items[k][0] == code and items[k][2] == source and periods[k] == periods[j]
            and norm(lay.paths[k][-1]) in ("小计", "合计")
            for k in items
        ):
            items[j] = (f"{code}_other", name, source)
    label_cols = [j for j, r in enumerate(lay.roles) if r not in ("amount", "text")]
    rows: list[Row] = []
    by_code: dict[tuple[str, str | None], Row] = {}
    data_rows = [r for r in data if any(c.text.strip() for c in r)]
    labels = [" ".join(r[j].text.strip() for j in label_cols if j < len(r)).strip() for r in data_rows]
    # A table with one data row per budget unit (合计, then each unit) stays one row per item,
    # the units' figures in row<n>_ columns (the corpus goldens read these tables that way).
    for n, cells in enumerate(data_rows):
        unit: str | None = None
        prefix = _row_prefix(labels[n], labels, ctx.year) if len(data_rows) > 1 else ""
        for j, (code, name, source) in items.items():
            row = by_code.get((code, unit))
            if row is None:
                row = Row(code=code, name=_clean_name(name), unit=unit, source=_row_source(cells))
                by_code[(code, unit)] = row
                rows.append(row)
            if j < len(cells):
                amt = _amount(cells[j], ctx)
                if amt is not None:
                    cid = f"{prefix or periods.get(j, '')}{source or 'total'}"
                    if cid in row.values:
                        cid = f"row{n + 1}_{source or 'total'}"
                        if headers is not None and labels[n]:
                            # the column stands for the data row's label (a budget unit's name)
                            headers.setdefault(cid, _clean_name("/".join(x for x in (labels[n], source) if x)))
                    row.values[cid] = amt
    return rows


# ---------------------------------------------------------------------------------------------
# One table from its heading and body


def _strip_preamble(g: Grid) -> tuple[list[list[Cell]], str | None, str | None]:
    """Leading grid rows that hold the title, 编制部门 or 单位 rather than the table."""
    preparer = unit = None
    rows = list(g.rows)
    while rows:
        texts = [c.text.strip() for c in rows[0] if c.text.strip()]
        if not texts or len(texts) > 3:
            break
        joined = " ".join(texts)
        if _is_meta_line(joined) or (len(texts) == 1 and _title_like(texts[0]) and match_title(texts[0])):
            preparer = preparer or _preparer(joined)
            unit = unit or find_unit(joined)
            rows.pop(0)
            continue
        break
    return rows, preparer, unit


def _build_table(
    head: _Heading, body: Sequence[TextLine | Grid], doc: Document, file: str | None
) -> Table | None:
    spec = head.spec
    spec_id = spec.id if spec else "generic"
    preparer: str | None = None
    unit: str | None = None
    notes_text: list[str] = []
    grids: list[Grid] = []
    lines: list[TextLine] = []
    for b in body:
        if isinstance(b, Grid):
            grids.append(b)
            continue
        t = b.text.strip()
        if _is_meta_line(t):
            preparer = preparer or _preparer(t)
            unit = unit or find_unit(t)
            if not grids and not lines:
                continue
        if _NUMBER_LINE_RE.match(t):
            continue
        if _EMPTY_NOTE_RE.search(t) and len(t) < 200:
            notes_text.append(t)
        if not grids:
            lines.append(b)
    table = Table(
        id=spec_id,
        title=head.title,
        number=head.number,
        unit=unit,
        preparer=preparer,
        source=Provenance(file=file, line=head.line, page=head.page),
    )
    unit_names = {_clean_name(doc.department)} if doc.department else set()
    unit_names |= {_clean_name(u) for u in doc.budget_units}
    ctx = _Ctx(spec_id=spec_id, unit=unit, unit_names=unit_names, file=file, year=doc.year)

    if not grids:
        body_lines = [ln for ln in lines if not _is_meta_line(ln.text)]
        if body_lines and len(body_lines) != len(notes_text):
            heading = scattered.TableHeading(
                id=spec_id, title=head.title, number=head.number, unit=unit, preparer=preparer,
                line=head.line, page=head.page,
            )
            rebuild = getattr(scattered, "parse_scattered_table", None)
            rebuilt = rebuild(heading, body_lines) if rebuild is not None else None
            if isinstance(rebuilt, Table):
                # what the heading knew stays on the table whatever the rebuilder filled in
                rebuilt.number = rebuilt.number or head.number
                rebuilt.preparer = rebuilt.preparer or preparer
                rebuilt.unit = rebuilt.unit or unit
                if rebuilt.source.line is None:
                    rebuilt.source = table.source
                return rebuilt
            table.notes.append("未能读取表体 the table body could not be read")
        if notes_text:
            table.empty, table.empty_note = True, notes_text[0]
        return table

    if ctx.unit is None and doc.unit and not any(_strip_preamble(g)[2] for g in grids):
        ctx.unit = doc.unit  # a table without its own 单位 line is in the unit the document declares
    rows: list[Row] = []
    indents: dict[int, int] = {}
    codes = _Codes()
    section = ["current"]
    lay: _Layout | None = None
    first_header: list[list[str]] = []
    for gi, g in enumerate(grids):
        grid_rows, p2, u2 = _strip_preamble(g)
        preparer = preparer or p2
        if table.unit is None and u2:
            table.unit = ctx.unit = u2
        texts = [[c.text for c in r] for r in grid_rows]
        ncols = max((len(r) for r in grid_rows), default=0)
        n_head = _split_header(texts)
        if gi == 0:
            first_header = [[norm(t) for t in r] for r in texts[:n_head]]
        elif first_header and [[norm(t) for t in r] for r in texts[: len(first_header)]] == first_header:
            # the header repeated on the next page: what follows it is data, even a row without numbers
            n_head = len(first_header)
        elif lay is not None and ncols == len(lay.roles) and not any(_header_like(r) for r in texts[:n_head]):
            n_head = 0  # a continuation without header whose first rows carry no number: still data
        data_cells = grid_rows[n_head:]
        if n_head or lay is None:
            lay = _layout(spec_id, texts[:n_head], texts[n_head:], ncols)
            if not (spec is not None and (spec.two_sided or spec.transpose)):
                for n in lay.notes:
                    if n not in table.notes:
                        table.notes.append(n)
            if gi == 0:
                have = {c.id for c in table.columns}  # a set kept, not rebuilt per column (wide tables)
                for j, cid in enumerate(lay.ids):
                    if cid and cid not in have:
                        have.add(cid)
                        table.columns.append(Column(id=cid, header=_clean_name("/".join(lay.paths[j]))))
        if spec is not None and spec.transpose:
            headers: dict[str, str] = {}
            t_rows = _transposed(lay, data_cells, ctx, headers)
            if t_rows is not None:
                rows.extend(t_rows)
                ids = list(dict.fromkeys(k for r in t_rows for k in r.values))
                table.columns = [Column(id=k, header=headers.get(k, k)) for k in ids] or [
                    Column(id="total", header="合计")
                ]
                continue
        if spec is not None and spec.two_sided:
            cols = _two_sided_rows(data_cells, lay, ctx, rows, section)
            if gi == 0:
                table.columns = cols
        else:
            _one_sided_rows(data_cells, lay, ctx, codes, gi > 0, rows, indents)
    table.preparer = preparer
    if table.unit is None and doc.unit and doc.unit != "万元" and any(r.values for r in rows):
        table.notes.append(f"表未印单位，数值按全文的单位（{doc.unit}）读 no unit line: read in the document's unit")
    if spec is not None and spec.rows:
        for r in rows:
            if r.code is None or r.code == "TOTAL":
                c = match_row(spec_id, r.name)
                if c:
                    r.code = c
    if not (spec is not None and spec.two_sided):
        _unlabelled_total(rows)
        _fill_units(rows, {u for u in unit_names if u})
        if not (spec is not None and spec.transpose):
            _codes_from_names(rows, indents)
    table.rows = rows
    if not any(r.values for r in rows):
        table.empty = True
        table.empty_note = notes_text[0] if notes_text else None
        if not notes_text:
            table.notes.append("表中没有数字 no numbers in the table")
    return table


def _list_entries(heads: list[_Heading]) -> set[int]:
    """Headings that are entries of a list of tables (a contents page the segmenter did not
    recognise): titles on consecutive lines, the last of which is followed by other text."""
    out: set[int] = set()
    for n in range(len(heads) - 1):
        a, b = heads[n], heads[n + 1]
        same = a.spec is not None and b.spec is not None and a.spec.id == b.spec.id
        # a section heading followed by the table's own title ("一、收支预算总表" / "2026年度收支预算总表")
        # names one table twice; that is not a list
        if b.index == a.index + 1 and not a.in_grid and not same:
            out.update((n, n + 1))
    return out


def _merged_bodies(
    blocks: Sequence[TextLine | Grid], heads: list[_Heading], skip: set[int]
) -> list[tuple[_Heading, list[TextLine | Grid]]]:
    """Each table's heading and body; a title printed again on the next page (same title, no
    other table between) continues the same table."""
    out: list[tuple[_Heading, list[TextLine | Grid]]] = []
    for n, head in enumerate(heads):
        if n in skip:
            continue
        stop = len(blocks)
        if n + 1 < len(heads):
            nxt = heads[n + 1]
            stop = nxt.number_index if nxt.number_index is not None and nxt.number_index > head.index else nxt.index
        start = head.index if head.in_grid else head.index + 1
        end = _body_end(blocks, start, stop)
        body = list(blocks[start:end])
        if head.number_index is not None and head.number_index + 1 < head.index:
            # rows printed between the number and the title belong to this table
            before = [b for b in blocks[head.number_index + 1 : head.index] if not _is_meta_line(getattr(b, "text", ""))]
            body = before + body
        if head.spec is not None and head.spec.skip:
            out.append((head, []))
            continue
        prev = out[-1][0] if out else None
        if (
            prev is not None
            and norm(prev.title) == norm(head.title)
            and (head.number is None or prev.number is None or head.number == prev.number)
            and (any(isinstance(b, Grid) for b in body) or head.number is None)
        ):
            out[-1][1].extend(body)
            continue
        out.append((head, body))
    return [(h, b) for h, b in out if b and not (h.spec is not None and h.spec.skip)]


def parse_tables(raw: RawDocument, segs: Segments, doc: Document) -> None:
    blocks = raw.blocks
    heads = _find_headings(raw, segs)
    file = raw.path
    for head, body in _merged_bodies(blocks, heads, _list_entries(heads)):
        table = _build_table(head, body, doc, file)
        if table is None:
            continue
        if table.id == "generic":
            doc.diagnostics.append(
                Diagnostic(
                    level="info",
                    code="unknown-table",
                    message=f"未识别的表，按原样保留 unknown table kept as generic: {head.title}",
                    source=Provenance(file=file, line=head.line, page=head.page),
                )
            )
        doc.tables.append(table)
    units = [t.unit for t in doc.tables if t.unit]
    if doc.unit is None and units:
        doc.unit = max(set(units), key=units.count)
