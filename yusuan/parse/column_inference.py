"""Naming a column whose header the catalog does not know, by the sum its figures satisfy.

A header yusuan has never seen becomes ``colN`` (``yusuan.parse.tables_layout``). Its figures may
still say what it is: in a table of 合计 | ？ | 项目支出 whose every row has 合计 = ？ + 项目支出, the
unknown column is 基本支出 (issue 9: tables are recognised by what they are). For each ``colN``
column of a canonical table, every id of the table's sums (``yusuan/data/table_structure.toml``)
that no other column has is tried in its place; the column is named when exactly one id makes
the table's sums through it hold on every row that prints them — non-trivially (the column and
another figure of the sum non-zero) on at least two rows, or on the only row — and breaks none.

A column so named is marked ``Column.inferred`` with a note naming the sum, its figures get
``Provenance(inferred=True)``, the table gets a note, and the reading account lists it
(``Reading.columns_inferred``). The arithmetic rules leave such a column out of the sums: the sum
that named it cannot also confirm it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.amounts import half_unit
from yusuan.model import Amount, Column, Row, Table
from yusuan.tables import catalog, column_checks, sum_columns

_GENERIC_RE = re.compile(r"^col\d+$")
_ZERO = Decimal(0)


def _holds(row: Row, values: dict[str, Amount], parent: str, layout: list[tuple[str, int]]) -> bool | None:
    """Whether one layout holds on a row: None where the row prints none of its figures."""
    figures = [values[c] for c, _ in layout if c in values]
    p = values.get(parent)
    if p is None and not figures:
        return None
    total = sum((values[c].value * s for c, s in layout if c in values), _ZERO)
    tol = sum((half_unit(a.text, a.unit) for a in [*figures, *([p] if p else [])]), _ZERO)
    return abs((p.value if p else _ZERO) - total) <= tol


def _support(table: Table, rows: list[Row], col: str, cand: str) -> tuple[int, int, str] | None:
    """(rows where a sum through ``cand`` holds non-trivially, rows checked, the sum's text) when
    every sum through ``cand`` holds on every row that prints it; None when one breaks."""
    present = [c.id if c.id != col else cand for c in table.columns]
    checks = [(parent, [lay for lay in lays if parent == cand or any(c == cand for c, _ in lay)])
              for parent, lays in column_checks(table.id, present, flows=True)]
    checks = [(parent, lays) for parent, lays in checks if lays]
    if not checks:
        return None
    strong = checked = 0
    used: set[str] = set()
    for r in rows:
        values = {(cand if k == col else k): a for k, a in r.values.items()}
        mine = values.get(cand)
        for parent, lays in checks:
            verdicts = [(_holds(r, values, parent, lay), lay) for lay in lays]
            if all(v is None for v, _ in verdicts):
                continue
            ok = [lay for v, lay in verdicts if v]
            if not ok:
                return None
            checked += 1
            others = [values[c] for c, _ in ok[0] if c in values and c != cand]
            if parent != cand and parent in values:
                others.append(values[parent])
            if mine is not None and mine.value != 0 and any(a.value != 0 for a in others):
                strong += 1
                used.add(parent)
    texts = [s.text for s in catalog().by_id[table.id].sums if s.parent in used]
    return strong, checked, "；".join(texts)


def infer_columns(table: Table) -> list[str]:
    """Name the table's ``colN`` columns by its sums where exactly one name fits; returns what was
    named, as lines for the reading account."""
    spec = catalog().by_id.get(table.id)
    if spec is None or not spec.sums or spec.two_sided or spec.transpose:
        return []
    rows = [r for r in table.rows if r.values and not r.unplaced]
    generic = [c for c in table.columns if _GENERIC_RE.match(c.id) and any(c.id in r.values for r in rows)]
    if not generic:
        return []
    taken = {c.id for c in table.columns}
    names: dict[str, tuple[str, str]] = {}
    for column in generic:
        fits = []
        for cand in sorted(sum_columns(table.id, flows=True) - taken):
            found = _support(table, rows, column.id, cand)
            if found is not None and found[0] >= min(2, len(rows)) and found[0] > 0:
                fits.append((cand, found[2]))
        if len(fits) == 1:
            names[column.id] = fits[0]
    chosen = [cand for cand, _ in names.values()]
    out: list[str] = []
    for column in table.columns:
        if column.id not in names:
            continue
        cand, why = names[column.id]
        if chosen.count(cand) > 1:  # two unknown columns fit the same name: neither is decided
            continue
        _rename(table, column, cand, why)
        out.append(f"{table.title}：「{column.header}」→ {cand}（{why}）")
    return out


def _rename(table: Table, column: Column, new: str, why: str) -> None:
    old = column.id
    note = f"表头未识别，按勾稽关系推定为 {new} header not in the catalog, named by its sums: {why}"
    column.id, column.inferred, column.note = new, True, note
    for r in table.rows:
        if old in r.values:
            a = r.values[old]
            src = a.source.model_copy(update={"inferred": True, "note": note})
            r.values = {(new if k == old else k): (a.model_copy(update={"source": src}) if k == old else v)
                        for k, v in r.values.items()}
    table.notes.append(f"第{old[3:]}列「{column.header}」{note}")
