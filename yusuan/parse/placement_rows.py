"""Placements of one table row's unplaced values into its free columns (``yusuan.parse.placement``).

Every placement keeps the printed left-to-right order where the source lines give it; a row with
more placements than ``_MAX_CANDIDATES`` is not tried (kept fast, not guessed).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations, permutations

from yusuan.model import Amount, Row
from yusuan.parse.scattered_solve import Candidate

_MAX_CANDIDATES = 5000  # placements of one row beyond which the row is not tried (kept fast, not guessed)


def _printed_order(row: Row) -> list[tuple[str | None, Amount]] | None:
    """The row's values in printed order, (column or None for unplaced, amount); None when the
    source lines do not tell the order (a value without a line, two on one line)."""
    items: list[tuple[str | None, Amount]] = [(c, a) for c, a in row.values.items()]
    items += [(None, a) for a in row.unplaced]
    lines = [a.source.line for _, a in items]
    if any(ln is None for ln in lines) or len(set(lines)) != len(lines):
        return None
    return sorted(items, key=lambda x: x[1].source.line or 0)


def _assignments(row: Row, cols: list[str]) -> list[tuple[str, ...]] | None:
    """Every placement of the row's unplaced values into its free columns (None: too many)."""
    free = [c for c in cols if c not in row.values]
    k = len(row.unplaced)
    if k > len(free):
        return []
    order = _printed_order(row)
    if order is None:
        n = 1
        for j in range(k):
            n *= len(free) - j
        if n > _MAX_CANDIDATES:
            return None
        return list(permutations(free, k))
    # printed left to right: each unplaced value lies between the columns of its placed neighbours
    pos = {c: i for i, c in enumerate(cols)}
    bounds: list[tuple[int, int]] = []
    for j, (col, _) in enumerate(order):
        if col is not None:
            continue
        lo = max((pos[c] for c, _ in order[:j] if c is not None and c in pos), default=-1)
        hi = min((pos[c] for c, _ in order[j + 1 :] if c is not None and c in pos), default=len(cols))
        bounds.append((lo, hi))
    free_idx = [pos[c] for c in free]
    out: list[tuple[str, ...]] = []
    for combo in combinations(free_idx, k):
        if all(lo < x < hi for x, (lo, hi) in zip(combo, bounds, strict=True)):
            out.append(tuple(cols[x] for x in combo))
            if len(out) > _MAX_CANDIDATES:
                return None
    return out


def _candidate(row: Row, assignment: Sequence[str]) -> Candidate:
    c: Candidate = {col: a.value for col, a in row.values.items()}
    for col, a in zip(assignment, row.unplaced, strict=True):
        c[col] = a.value
    return c
