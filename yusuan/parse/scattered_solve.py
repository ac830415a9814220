"""Placing the values of scattered rows into columns by the table's own sum constraints.

Raw converter text drops empty cells, so a row ``信息化建设 20.00 20.00`` under the columns
合计 / 基本支出 / 项目支出 has two placements: (合计, 基本) or (合计, 项目). Each row starts with
every placement that keeps the printed order of its values; then the table's arithmetic removes
placements that cannot hold:

* within a row: a column equals the sum of its sub-columns (合计 = 基本 + 项目);
* across rows, column by column: a parent row equals the sum of its children (类 = Σ款, 合计 = Σ类).

Constraints are applied until nothing changes (generalised arc consistency: a placement survives
when some choice for the other rows of the same constraint makes the sum hold). A constraint that
no choice can satisfy is the document's own imbalance (or a value the converter lost): it is
recorded as broken and not used, so it cannot push values into wrong columns.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

Candidate = dict[str, Decimal]  # column id -> value; an absent column counts as 0

_MAX_SUMS = 20000  # beyond this many distinct partial sums a constraint is skipped, not guessed
_MAX_WORK = 200_000  # beyond this many steps for one constraint it is skipped (kept fast, not guessed)
_MAX_JOINT = 20_000  # the same for the all-columns check of a relation (vectors, so dearer)


@dataclass
class SumRelation:
    """``parent`` equals the sum of ``children`` (row indices across rows, column ids in a row)."""

    parent: int | str
    children: list[int] | list[str]
    label: str = ""  # how a note names it, e.g. "21015 = Σ下级"
    columns: list[str] | None = None  # the columns it holds on (None: every column)


@dataclass
class SolveRow:
    candidates: list[Candidate]
    label: str = ""
    initial: int = 0  # how many candidates the row started with
    reasons: list[str] = field(default_factory=list)  # constraints that removed candidates
    row_broken: bool = False  # no candidate makes the row's own columns add up


@dataclass
class SolveResult:
    rows: list[SolveRow]
    broken: list[str] = field(default_factory=list)  # constraints the document itself breaks


def _get(c: Candidate, col: str) -> Decimal:
    return c.get(col, Decimal(0))


def tolerances(tol: Decimal, n: int) -> tuple[Decimal, Decimal]:
    """(tight, loose) tolerance for a sum of n printed parts with half-unit ``tol``.

    Loose is the most rounding can do (n half-units); tight is one unit of the last printed digit,
    what a total computed from unrounded figures usually differs by. A sum is read with the tight
    tolerance when it can be, so that small values (0.02) are not swallowed by n half-units."""
    loose = tol * max(1, n)
    return min(2 * tol, loose), loose


def filter_row_consistent(row: SolveRow, relations: Sequence[SumRelation], tol: Decimal) -> None:
    """Keep the candidates that satisfy the most within-row relations (all of them, normally)."""
    for tight in (True, False):
        _filter_row(row, relations, tol, tight)
        if not row.row_broken:
            return


def _filter_row(row: SolveRow, relations: Sequence[SumRelation], tol: Decimal, tight: bool) -> None:
    def score(c: Candidate) -> tuple[int, int]:
        ok = active = 0
        for rel in relations:
            assert isinstance(rel.parent, str)
            kids = [k for k in rel.children if isinstance(k, str)]
            if rel.parent not in c and not any(k in c for k in kids):
                continue
            active += 1
            t = tolerances(tol, len(kids))[0 if tight else 1]
            if abs(_get(c, rel.parent) - sum((_get(c, k) for k in kids), Decimal(0))) <= t:
                ok += 1
        return ok, active

    if not row.candidates:
        return
    scored = [(score(c), c) for c in row.candidates]
    best = max(s[0] for s, _ in scored)
    kept = [c for (ok, _), c in scored if ok == best]
    row.row_broken = all(ok < active for (ok, active), _ in scored)
    if row.row_broken and tight:
        return  # try again with the loose tolerance before judging the row
    if len(kept) < len(row.candidates):
        row.reasons.append("本行各列相加 (row adds up)")
    row.candidates = kept


def _sums(values: Sequence[Sequence[Decimal]], limit: Decimal | None = None) -> list[list[Decimal]] | None:
    """Forward partial sums: out[i] = sorted distinct sums of one value from each of values[:i].

    With ``limit`` (all values non-negative), sums above it are dropped: they can only grow."""
    out = [[Decimal(0)]]
    for vals in values:
        distinct = set(vals)
        if len(out[-1]) * len(distinct) > _MAX_WORK:
            return None
        nxt = sorted({s + v for s in out[-1] for v in distinct if limit is None or s + v <= limit})
        if len(nxt) > _MAX_SUMS:
            return None
        out.append(nxt)
    return out


def _near(sorted_vals: list[Decimal], target: Decimal, tol: Decimal) -> bool:
    i = bisect.bisect_left(sorted_vals, target - tol)
    return i < len(sorted_vals) and sorted_vals[i] <= target + tol


def _supported(
    parent: list[Decimal], children: list[list[Decimal]], tol: Decimal
) -> tuple[set[Decimal], list[set[Decimal]]] | None:
    """Which parent values and which child values take part in at least one exact-enough sum.

    None when the search is too large to do honestly."""
    nonneg = all(v >= 0 for vals in children for v in vals) and all(p >= 0 for p in parent)
    limit = max(parent) + tol if nonneg and parent else None
    fwd = _sums(children, limit)
    bwd_rev = _sums(list(reversed(children)), limit)
    if fwd is None or bwd_rev is None:
        return None
    n = len(children)
    bwd = [bwd_rev[n - i] for i in range(n + 1)]  # bwd[i]: sums of children[i:]
    ok_parent = {p for p in set(parent) if _near(fwd[n], p, tol)}
    ok_children: list[set[Decimal]] = []
    if sum(len(ok_parent) * len(fwd[i]) * len(set(vals)) for i, vals in enumerate(children)) > _MAX_WORK:
        return None
    for i, vals in enumerate(children):
        ok: set[Decimal] = set()
        for v in set(vals):
            if any(_near(bwd[i + 1], p - f - v, tol) for p in ok_parent for f in fwd[i]):
                ok.add(v)
        ok_children.append(ok)
    return ok_parent, ok_children


def jointly_satisfiable(
    rows: list[SolveRow], rel: SumRelation, columns: Sequence[str], tol: Decimal
) -> bool | None:
    """Whether one choice of candidates makes the relation hold on all its columns at once.

    A relation that fails here is the document's own imbalance or a value the converter lost; using
    it column by column would push values into wrong columns, so it is not used at all. ``tol`` is
    the absolute tolerance of the sum; None when the search is too large to say."""
    assert isinstance(rel.parent, int)
    kids = [k for k in rel.children if isinstance(k, int)]
    # only the columns where some participant can hold a value matter (the others sum 0 = 0)
    parts = [rel.parent, *kids]
    cols = [
        col
        for col in (rel.columns if rel.columns is not None else columns)
        if any(col in c for p in parts for c in rows[p].candidates)
    ]
    # Sums as integers in the smallest printed unit: exact, and much cheaper than Decimal vectors.
    every = [_get(c, col) for p in parts for c in rows[p].candidates for col in cols]
    places = max((-int(v.as_tuple().exponent) for v in every if v), default=0)
    scale = Decimal(10) ** places

    def vec(c: Candidate) -> tuple[int, ...]:
        return tuple(int(_get(c, col) * scale) for col in cols)

    t = tol * scale
    parents = {vec(c) for c in rows[rel.parent].candidates}
    # with no negative amounts a partial sum above every parent can only grow: drop it
    caps = None
    if all(v >= 0 for v in every) and parents:
        caps = [max(p[j] for p in parents) + t for j in range(len(cols))]
    states: set[tuple[int, ...]] = {tuple(0 for _ in cols)}
    for k in kids:
        vecs = {vec(c) for c in rows[k].candidates}
        if len(states) * len(vecs) > _MAX_JOINT:
            return None  # too large to decide
        states = {tuple(a + b for a, b in zip(s, v, strict=True)) for s in states for v in vecs}
        if caps is not None:
            states = {s for s in states if all(x <= c for x, c in zip(s, caps, strict=True))}
    if len(parents) * len(states) > _MAX_JOINT:
        return None
    return any(all(abs(a - b) <= t for a, b in zip(p, s, strict=True)) for p in parents for s in states)


def propagate(
    rows: list[SolveRow], relations: Sequence[SumRelation], columns: Sequence[str], tol: Decimal
) -> list[str]:
    """Apply the across-row relations on every column until nothing changes. Returns the broken ones."""
    broken: set[tuple[int, str]] = set()
    broken_labels: list[str] = []
    rel_tol: list[Decimal] = []
    for ri, rel in enumerate(relations):
        parts = [p for p in (rel.parent, *rel.children) if isinstance(p, int)]
        if any(not rows[p].candidates for p in parts):
            rel_tol.append(tol)  # a row that cannot be placed at all (no columns) says nothing
            broken |= {(ri, col) for col in columns}
            continue
        tight, loose = tolerances(tol, len(rel.children))
        if jointly_satisfiable(rows, rel, columns, tight):
            rel_tol.append(tight)
            continue
        rel_tol.append(loose)
        if jointly_satisfiable(rows, rel, columns, loose) is False:
            broken |= {(ri, col) for col in (rel.columns if rel.columns is not None else columns)}
            broken_labels.append(rel.label)
    changed = True
    while changed:
        changed = False
        for ri, rel in enumerate(relations):
            assert isinstance(rel.parent, int)
            kids = [k for k in rel.children if isinstance(k, int)]
            for col in rel.columns if rel.columns is not None else columns:
                if (ri, col) in broken:
                    continue
                parts = [rel.parent, *kids]
                if any(not rows[p].candidates for p in parts):
                    continue
                pvals = [_get(c, col) for c in rows[rel.parent].candidates]
                cvals = [[_get(c, col) for c in rows[k].candidates] for k in kids]
                res = _supported(pvals, cvals, rel_tol[ri])
                if res is None:
                    continue
                ok_p, ok_c = res
                allowed = [ok_p, *ok_c]
                new = [
                    [c for c in rows[p].candidates if _get(c, col) in ok]
                    for p, ok in zip(parts, allowed, strict=True)
                ]
                if any(not n for n in new):
                    broken.add((ri, col))
                    broken_labels.append(f"{rel.label} [{col}]")
                    continue
                for p, n in zip(parts, new, strict=True):
                    if len(n) < len(rows[p].candidates):
                        rows[p].candidates = n
                        reason = f"{rel.label} [{col}]"
                        if reason not in rows[p].reasons:
                            rows[p].reasons.append(reason)
                        changed = True
    return broken_labels


def solve(
    rows: list[SolveRow],
    row_relations: Sequence[SumRelation],
    column_relations: Sequence[SumRelation],
    columns: Sequence[str],
    tol: Decimal = Decimal("0.005"),
) -> SolveResult:
    """Narrow every row's candidates by the within-row and across-row sums."""
    for r in rows:
        r.initial = r.initial or len(r.candidates)
        filter_row_consistent(r, column_relations, tol)
    broken = propagate(rows, row_relations, columns, tol)
    return SolveResult(rows=rows, broken=broken)
