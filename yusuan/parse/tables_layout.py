"""Grid interpretation: header rows to column paths and roles, the column layout of a table, classification code cells, and the per-table parsing context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.amounts import parse_number
from yusuan.model import Row
from yusuan.parse.tables_titles import _MARKS, _TOTAL_RE
from yusuan.tables import match_column, norm

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
                # a column whose upper header row starts a group of its own (公务接待费 beside
                # 公务用车购置及运行维护费) is not under this row's cell
                while k < ncols and not r[k].strip() and has_below(k) and not any(u[k].strip() for u in rows[:ri]):
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
_SERIAL_LEAVES = {"序号", "行次", "栏次"}
_COUNT_LEAF_RE = re.compile(r"^(参会|参训)?(人数|数量|人次|批次|车辆数|辆数)(\(.*\))?$")
_NAME_LEAVES = {"项目", "科目", "功能分类", "支出功能分类", "经济分类", "收入", "支出", "科目名称", "名称"}


def _role(path: list[str]) -> str:
    p = norm("/".join(path))
    leaf = norm(path[-1]) if path else ""
    if leaf in _SERIAL_LEAVES:
        return "serial"  # 序号 / 行次: the row's number on the page, neither a label nor an amount
    if _COUNT_LEAF_RE.search(leaf):
        return "text"  # 人数 / 数量 / 批次: a count, kept as printed, never an amount in 万元
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
    if "budget" in ids and "total" not in ids:
        # 预算数 is the table's own figure unless a 决算数 stands beside it (a 决算's 预算数 | 决算数)
        ids[ids.index("budget")] = "total"
    return _Layout(paths, roles, ids, notes)


class _Codes:
    """Classification codes from 类/款/项 cells, completed from the rows above when a converter
    left a level out (``| 32 |`` under 201 is 20132; ``| 201 | 99`` under 20132 is 2013299)."""

    def __init__(self) -> None:
        self.cls: str | None = None
        self.kuan: str | None = None
        self.misprinted = False  # the last code resolved had a 类 cell that is not the 类 of its 款

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
        self.misprinted = False
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
        elif a and len(a) != 3 and self.kuan and b == self.kuan[3:] and len(c) == 2:
            # "7 | 11 | 02" under 21011: the 款 and 项 cells go on from the row above, the 类 cell is a
            # slip of the document (kept in the row's texts for the rules)
            code, inferred, self.misprinted = self.kuan + c, True, True
        if code:
            self.update(code)
        return code, inferred


def _classification_code(digits: str) -> bool:
    """Digits at the start of a name are its code only when they are a code of a classification
    (a project 「12320卫生热线服务项目」 is named after a hotline number, not coded 12320)."""
    from yusuan.codes import kind_of

    return kind_of(digits) is not None


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
    # further lists printed beside the expense side of a summary table (经济分类 | 预算数 …):
    # (companion table id, header as printed, rows)
    companions: list[tuple[str, str, list[Row]]] = field(default_factory=list)


