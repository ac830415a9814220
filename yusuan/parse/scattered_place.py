"""Scattered tables: placing a row's values into the table's columns so that the columns' sum relations hold (candidates, consistency, inferred placements)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from yusuan.amounts import to_wan
from yusuan.model import Amount, Provenance
from yusuan.parse.scattered_solve import SolveRow, SumRelation, solve
from yusuan.parse.scattered_tokens import Piece, Tok

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


