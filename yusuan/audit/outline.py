"""The outline of a coded table: which rows are the parts of which.

Classification codes nest by prefix (类 ``210`` ⊃ 款 ``21015`` ⊃ 项 ``2101501``; economic ``302`` ⊃
``30201``). A table lists them as an outline, so a row's parent is the nearest row ABOVE it whose
code is a proper prefix of its own — read in order, the way a reviewer reads it. This also handles
tables that repeat the same codes once per budget unit (a unit's header row starts a new outline)
and project rows that repeat their 项 code (a project row under a 项 row is a part of it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.audit.helpers import is_numbering_row
from yusuan.model import Row


def is_code(row: Row) -> bool:
    return row.code is not None and row.code.isdigit()


def is_header(row: Row) -> bool:
    """A row without a code and without a project that carries figures: a unit's subtotal row."""
    return row.code is None and row.project is None and bool(row.values)


@dataclass
class Outline:
    children: dict[int, list[Row]] = field(default_factory=dict)  # id(parent row) → parts
    parents: list[Row] = field(default_factory=list)  # rows with parts, in order
    roots: list[Row] = field(default_factory=list)  # rows no other row contains
    headers: list[Row] = field(default_factory=list)  # unit subtotal rows
    header_roots: dict[int, list[Row]] = field(default_factory=dict)  # id(header) → roots under it

    def parts(self, row: Row) -> list[Row]:
        return self.children.get(id(row), [])

    def descendants(self, row: Row) -> list[Row]:
        """Every row below ``row`` in the outline (its parts, their parts …)."""
        out: list[Row] = []
        todo = list(self.parts(row))
        while todo:
            r = todo.pop()
            out.append(r)
            todo.extend(self.parts(r))
        return out


def _contains(parent: Row, row: Row) -> bool:
    assert parent.code is not None
    if row.code is None:  # a project row without a code belongs to the row above it
        return row.project is not None
    if not row.code.startswith(parent.code):
        return False
    if len(row.code) > len(parent.code):
        return True
    # same code: a project row under its 项 row
    return parent.project is None and row.project is not None


def build_outline(rows: list[Row]) -> Outline:
    out = Outline()
    stack: list[Row] = []
    header: Row | None = None
    unit: str | None = None
    for r in rows:
        if r.code == "TOTAL" or is_numbering_row(r):
            continue
        if r.unit != unit:  # another budget unit's rows start a new outline
            stack, unit = [], r.unit
        if is_header(r):
            stack = []
            header = r
            out.headers.append(r)
            out.header_roots[id(r)] = []
            continue
        if not is_code(r) and r.project is None:
            continue  # an item row (summary items, 三公 items): not part of an outline
        while stack and not _contains(stack[-1], r):
            stack.pop()
        if stack:
            parent = stack[-1]
            if id(parent) not in out.children:
                out.children[id(parent)] = []
                out.parents.append(parent)
            out.children[id(parent)].append(r)
        else:
            out.roots.append(r)
            if header is not None:
                out.header_roots[id(header)].append(r)
        if is_code(r):
            stack.append(r)
    return out
