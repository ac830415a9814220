"""Placing values a table alone could not place, by quantities printed in the document's other tables.

A table rebuilt from scattered converter text (``yusuan.parse.scattered``) keeps in ``Row.unplaced``
the values its own sums cannot put in a column: in 收入总体情况表 a figure may be 一般公共预算,
上级转移支付, 政府性基金 … alike; in 三公经费表 the funding column is open. A reader of the whole
document decides them from other tables: the summary prints each fund's total (一般财力 527.54,
上级转移支付 31.96, 政府性基金 blank), 政府性基金预算支出情况表 is empty, 一般公共预算支出情况表 gives
each functional code's 一般公共预算 amount.

This stage does the same, and only where the evidence leaves one answer:

1. facts are collected from the other tables: "in row R the columns {C…} sum to V" (``eq``),
   "hold at most V" (``le``, e.g. 0 for a fund whose table is empty) or "at least V" (``ge``):

   * 收入总表: the 合计 row from the summaries' income items (一般财力, 上级转移支付, 政府性基金 …),
     each code's 一般公共预算 / 基金 / 国资 columns from that fund's expense table (equal when the
     fund table's 合计 is the summary's figure, else at most), bounds from 财政拨款收支总表;
   * 三公经费表: a fund column holds at most what the fund spends (0 when its table is empty);
   * 支出总表: each cell at least the 一般公共预算支出表's (equal where the two 合计 agree);
   * 一般公共预算支出表: 基本支出 = 基本支出表's 合计, 项目支出 = 项目支出表's, at most 支出总表;
   * 财政拨款收支总表 (expense side): each fund's column bounded by that fund's table;
2. each row with unplaced values gets every placement of them into its free columns (keeping the
   printed left-to-right order where the source lines give it), filtered by the facts on that row;
   a fact no placement satisfies means the tables disagree: that row is left unplaced (except
   where the row already lacks a value by its own sums: the figure is then only an upper bound);
3. the table's own sums (a row's columns, 类 = Σ款 = Σ项, 合计 = Σ类) are applied across all rows
   by the same solver as the scattered parser (``scattered_solve``), so a fact on the 合计 row
   reaches the rows below it; a sum no placement satisfies is kept on its other columns when
   exactly one column fails (the break is located there), else dropped;
4. a row is placed only when exactly one placement remains, and only when the facts did not break
   any sum the table alone kept (else nothing in that table is placed).

Placed values are marked ``Provenance(inferred=True)`` with a note naming the other table and the
quantity that decided them. What stays undecidable stays in ``Row.unplaced``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from yusuan.amounts import half_unit
from yusuan.blocks import RawDocument
from yusuan.model import Document, Row, Table
from yusuan.parse.placement_rows import _assignments, _candidate
from yusuan.parse.scattered_codes import _row_relations, group_rows
from yusuan.parse.scattered_solve import (
    Candidate,
    SolveRow,
    SumRelation,
    filter_row_consistent,
    jointly_satisfiable,
    solve,
    tolerances,
)
from yusuan.parse.segment import Segments
from yusuan.tables import catalog, column_relations, fiscal_funds, item_columns, relation_label, row_relations

_ZERO = Decimal(0)

# income-table fund → (own column, transfer column, summary item of own, of transfer): the catalogue's
FISCAL_FUNDS = fiscal_funds()
# Expense tables of one fund: the income table's columns of that fund sum to their rows.
FUND_TABLES = {"gpb_expense": "gpb", "gov_fund": "gov_fund", "soe_capital": "soe"}
# Summary items that are one income-table column (or the sum of its parts, when a template prints
# the parts instead of the column): the catalogue's [links]
_ITEM_COLUMNS = item_columns()
THREE_PUBLIC_FUNDS = ("gpb", "gov_fund", "soe")
# adds one fact to the list being collected: (row, columns, op, (value, tol, label) or None: nothing)
_AddFact = Callable[[int, Iterable[str], Literal["eq", "le"], tuple[Decimal, Decimal, str] | None], None]
_ByCode = dict[tuple[str | None, str], int]  # the income table's row of each (unit, functional code)


@dataclass
class Fact:
    """In row ``row`` of the target table, the columns ``cols`` sum to (``eq``), at most (``le``) or
    at least (``ge``) ``value``, as another table prints it."""

    row: int
    cols: tuple[str, ...]
    op: Literal["eq", "le", "ge"]
    value: Decimal
    tol: Decimal  # half a unit of the other table's last printed digit, in 万元
    label: str  # how a note names it: "一般公共预算支出情况表 210 行的合计 483.92"

    def short(self, cand: Candidate, tol: Decimal) -> bool:
        """The columns sum to less than the value (beyond rounding)."""
        total = sum((cand.get(c, _ZERO) for c in self.cols), _ZERO)
        return total < self.value - self.tol - tol * max(1, len(self.cols))

    def holds(self, cand: Candidate, tol: Decimal) -> bool:
        total = sum((cand.get(c, _ZERO) for c in self.cols), _ZERO)
        slack = self.tol + tol * max(1, len(self.cols))
        if self.op == "le":
            return total <= self.value + slack
        if self.op == "ge":
            return total >= self.value - slack
        return abs(total - self.value) <= slack


@dataclass
class _RowPlan:
    index: int
    assignments: list[tuple[str, ...]]  # per unplaced value (in order), its column
    candidates: list[Candidate]
    facts: list[Fact] = field(default_factory=list)  # the facts that removed placements of this row
    blocked: str | None = None  # why the row must stay unplaced (another table contradicts it)


# ---------------------------------------------------------------------------------------------
# Reading quantities from the other tables


def _clean(t: Table) -> bool:
    """A table whose every printed value has its column: its blank cells can be read as 0."""
    return not any(r.unplaced for r in t.rows)


def _item(t: Table, code: str, side: str | None, col: str) -> tuple[Decimal, Decimal, str] | None:
    """(value, tolerance, label) of one item of a table; a blank cell of a clean table is 0."""
    for r in t.rows:
        if r.code == code and (side is None or r.side == side) and r.unit is None and r.project is None:
            a = r.values.get(col)
            where = f"{t.title}「{r.name}」" if not code[:1].isdigit() else f"{t.title} {code} 行"
            if a is not None:
                return a.value, half_unit(a.text, a.unit), f"{where} {a.text}"
            if _clean(t) and (r.values or side is not None):
                return _ZERO, _ZERO, f"{where} 空白 (blank)"
            return None
    return None


def _fund_bound(doc: Document, fund: str) -> tuple[Decimal, Decimal, str] | None:
    """The most a fund spends in the whole document, where another table says it."""
    table_id = {"gpb": "gpb_expense", "gov_fund": "gov_fund", "soe": "soe_capital"}[fund]
    for t in doc.tables_of(table_id):
        if t.empty:
            return _ZERO, _ZERO, f"{t.title}为空表 (empty)"
        got = _item(t, "TOTAL", None, "total")
        if got is not None:
            return got
    fs = doc.table("fiscal_summary")
    if fs is not None:
        return _item(fs, "TOTAL", "expense", fund)
    return None


def _income_facts(doc: Document, target: Table) -> list[Fact]:
    present = {c.id for c in target.columns}
    facts: list[Fact] = []
    total_rows = [i for i, r in enumerate(target.rows) if r.code == "TOTAL"]

    def add(
        i: int, cols: Iterable[str], op: Literal["eq", "le"], got: tuple[Decimal, Decimal, str] | None
    ) -> None:
        cs = tuple(c for c in cols if c in present)
        if got is not None and cs:
            facts.append(Fact(i, cs, op, got[0], got[1], got[2]))

    # 合计 row: the summaries' income side, item by item
    _summary_total_facts(doc, target, total_rows, present, add)
    # each functional code: the fund's own expense table (its 合计 column), and what a fund spends
    by_code = {(r.unit, r.code): i for i, r in enumerate(target.rows) if r.code and r.project is None}
    _fund_table_facts(doc, target, by_code, present, facts, add)
    _fiscal_summary_expense_facts(doc, by_code, add)
    return [f for f in facts if f.cols]


def _summary_total_facts(
    doc: Document, target: Table, total_rows: list[int], present: set[str], add: _AddFact
) -> None:
    """The income table's 合计 row from the summaries' income items, fund by fund and item by item."""
    for src in [t for tid in ("summary", "fiscal_summary") for t in doc.tables_of(tid) if t is not target]:
        for i in total_rows:
            for own, transfer, own_item, transfer_item in FISCAL_FUNDS.values():
                whole = _item(src, f"income.{own}", "income", "amount")
                if transfer not in present:  # the fund's transfers can only be in its one column
                    add(i, [own], "eq", whole)
                    continue
                part = _item(src, own_item, "income", "amount")
                moved = _item(src, transfer_item, "income", "amount")
                add(i, [transfer], "eq", moved)
                add(i, [own], "eq", part)
                # the fund's line includes its transfers only where the summary's own parts say so
                if (
                    whole is not None
                    and moved is not None
                    and (
                        moved[0] == 0
                        or (
                            part is not None
                            and abs(part[0] + moved[0] - whole[0]) <= whole[1] + part[1] + moved[1]
                        )
                    )
                ):
                    add(i, [own, transfer], "eq", whole)
            for item, (col, parts) in _ITEM_COLUMNS.items():
                cols = [col] if col in present else list(parts)
                add(i, cols, "eq", _item(src, item, "income", "amount"))


def _fund_table_facts(
    doc: Document, target: Table, by_code: _ByCode, present: set[str], facts: list[Fact], add: _AddFact
) -> None:
    """Each code's fund columns from that fund's expense table: its 合计 column (equal when the
    table's 合计 is the summary's figure of the fund, else at most); 0 at most when the table is empty."""
    for table_id, fund in FUND_TABLES.items():
        own, transfer, _, _ = FISCAL_FUNDS[fund]
        for src in doc.tables_of(table_id):
            if src.empty:
                for i, r in enumerate(target.rows):
                    if r.code:
                        facts.append(
                            Fact(
                                i,
                                tuple(c for c in (own, transfer) if c in present),
                                "le",
                                _ZERO,
                                _ZERO,
                                f"{src.title}为空表 (empty)",
                            )
                        )
                continue
            # the fund table is this year's money only when its 合计 is the summary's figure of the fund
            op: Literal["eq", "le"] = "le"
            tot = _item(src, "TOTAL", None, "total")
            for s in doc.tables_of("summary"):
                whole = _item(s, "income.gpb" if fund == "gpb" else f"income.{fund}", "income", "amount")
                if tot is not None and whole is not None and abs(tot[0] - whole[0]) <= tot[1] + whole[1]:
                    op = "eq"
            for r in src.rows:
                if r.code and r.project is None and (r.unit, r.code) in by_code and "total" in r.values:
                    a = r.values["total"]
                    where = "合计行" if r.code == "TOTAL" else f"{r.code} 行的合计"
                    add(
                        by_code[(r.unit, r.code)],
                        [own, transfer],
                        op,
                        (a.value, half_unit(a.text, a.unit), f"{src.title} {where} {a.text}"),
                    )


def _fiscal_summary_expense_facts(doc: Document, by_code: _ByCode, add: _AddFact) -> None:
    """Each code's fund columns at most what 财政拨款收支总表's expense side gives the fund."""
    for src in doc.tables_of("fiscal_summary"):
        if not _clean(src):
            continue
        for r in src.rows:
            if r.side == "expense" and r.code and r.values and (None, r.code) in by_code:
                for fund, (own, transfer, _, _) in FISCAL_FUNDS.items():
                    got = _item(src, r.code, "expense", fund)
                    add(by_code[(None, r.code)], [own, transfer], "le", got)


def _three_public_facts(doc: Document, target: Table) -> list[Fact]:
    present = {c.id for c in target.columns}
    facts: list[Fact] = []
    for fund in THREE_PUBLIC_FUNDS:
        if fund not in present:
            continue
        got = _fund_bound(doc, fund)
        if got is None:
            continue
        for i, r in enumerate(target.rows):
            if r.unplaced:
                facts.append(Fact(i, (fund,), "le", got[0], got[1], got[2]))
    return facts


def _same_rows(target: Table, src: Table) -> list[tuple[int, Row]]:
    """Rows of the two tables about the same functional code (and unit), and their 合计 rows."""
    by_key: dict[tuple[str | None, str], Row] = {}
    for r in src.rows:
        if r.code and r.project is None and r.side != "income" and (r.code == "TOTAL" or r.code.isdigit()):
            by_key.setdefault((r.unit, r.code), r)
    out = []
    for i, r in enumerate(target.rows):
        if r.code and r.project is None and r.side != "income" and (r.unit, r.code) in by_key:
            out.append((i, by_key[(r.unit, r.code)]))
    return out


def _cell_facts(
    target: Table, src: Table, pairs: Sequence[tuple[tuple[str, ...], str]], op: Literal["eq", "le", "ge"]
) -> list[Fact]:
    """For each row both tables print: target columns (summed) vs. one column of the other table.
    A blank cell of the other table counts as 0 only when that table placed all its values."""
    present = {c.id for c in target.columns}
    headers = {c.id: c.header for c in src.columns}
    facts: list[Fact] = []
    for i, r in _same_rows(target, src):
        where = "合计行" if r.code == "TOTAL" else f"{r.code} 行"
        for cols, col in pairs:
            cs = tuple(c for c in cols if c in present)
            if not cs:
                continue
            a = r.values.get(col)
            label = f"{src.title} {where}的{headers.get(col, col)}"
            if a is not None:
                facts.append(Fact(i, cs, op, a.value, half_unit(a.text, a.unit), f"{label} {a.text}"))
            elif _clean(src) and r.values and op != "ge":
                facts.append(Fact(i, cs, op, _ZERO, _ZERO, f"{label} 空白 (blank)"))
    return facts


def _totals_equal(a: Table, b: Table) -> bool:
    ta, tb = _item(a, "TOTAL", None, "total"), _item(b, "TOTAL", None, "total")
    return ta is not None and tb is not None and abs(ta[0] - tb[0]) <= ta[1] + tb[1]


def _expense_facts(doc: Document, target: Table) -> list[Fact]:
    """部门支出总表 holds every fund's money, so each of its cells is at least the 一般公共预算
    table's; where the two 合计 are equal all money is 一般公共预算 and the cells are equal."""
    facts: list[Fact] = []
    cols = [c.id for c in target.columns]
    for src in doc.tables_of("gpb_expense"):
        op: Literal["eq", "ge"] = "eq" if _totals_equal(target, src) else "ge"
        facts += _cell_facts(target, src, [((c,), c) for c in cols], op)
    return facts


def _gpb_expense_facts(doc: Document, target: Table) -> list[Fact]:
    """一般公共预算支出表's 基本支出 is 一般公共预算基本支出表's 合计, its 项目支出 the project table's."""
    facts: list[Fact] = []
    for src in doc.tables_of("gpb_basic"):
        facts += _cell_facts(target, src, [(("basic",), "total")], "eq")
    for src in doc.tables_of("gpb_project"):
        facts += _cell_facts(target, src, [(("project",), "total")], "eq")
    for src in doc.tables_of("expense"):
        facts += _cell_facts(target, src, [((c.id,), c.id) for c in target.columns], "le")
    return facts


def _fiscal_summary_facts(doc: Document, target: Table) -> list[Fact]:
    """财政拨款收支总表's expense side by fund: each fund's own expense table bounds its column."""
    facts: list[Fact] = []
    for table_id, fund in FUND_TABLES.items():
        for src in doc.tables_of(table_id):
            if src.empty:
                facts += [
                    Fact(i, (fund,), "le", _ZERO, _ZERO, f"{src.title}为空表 (empty)")
                    for i, r in enumerate(target.rows)
                    if r.side == "expense" and r.unplaced and fund in {c.id for c in target.columns}
                ]
            else:
                facts += _cell_facts(target, src, [((fund,), "total")], "ge")
    return facts


FACT_SOURCES = {
    "income": _income_facts,
    "three_public": _three_public_facts,
    "expense": _expense_facts,
    "gpb_expense": _gpb_expense_facts,
    "fiscal_summary": _fiscal_summary_facts,
}


# ---------------------------------------------------------------------------------------------
# Placements of one row


def _row_score(cand: Candidate, rels: list[tuple[str, list[str]]], tol: Decimal) -> int:
    ok = 0
    for parent, kids in rels:
        total = sum((cand.get(k, _ZERO) for k in kids), _ZERO)
        if abs(cand.get(parent, _ZERO) - total) <= tol * max(1, len(kids)):
            ok += 1
    return ok


def _row_active(cands: list[Candidate], rels: list[tuple[str, list[str]]]) -> int:
    """How many of the row's own sums concern it (a sum over blank columns only does not)."""
    return sum(1 for parent, kids in rels if any(parent in c or any(k in c for k in kids) for c in cands))


def _table_tol(t: Table) -> Decimal:
    amounts = [a for r in t.rows for a in [*r.values.values(), *r.unplaced]]
    return max((half_unit(a.text, a.unit) for a in amounts), default=Decimal("0.005"))


def _row_links(t: Table) -> list[SumRelation]:
    codes = [r.code for r in t.rows]
    spec = catalog().by_id.get(t.id)
    if spec is not None and spec.row_sums and not spec.by_code:  # fixed items (三公)
        idx = {c: i for i, c in enumerate(codes) if c}
        return [SumRelation(idx[p], [idx[k] for k in kids], relation_label(t.id, p, kids))
                for p, kids in row_relations(t.id, list(idx))]
    groups = group_rows(codes, [bool(r.values or r.unplaced) for r in t.rows])
    return [SumRelation(p, list(k), lab) for p, k, lab in _row_relations(codes, groups)]


def _localize_breaks(
    rows: list[SolveRow], links: list[SumRelation], cols: list[str], tol: Decimal
) -> list[SumRelation]:
    """A sum down the table that no placement satisfies is kept on its other columns when exactly
    one column fails on its own: the break (a value the converter lost, the document's own error)
    is then in that column, and the others still say where values go. With two or more failing
    columns the break cannot be located and the sum is left to the solver, which drops it."""
    out: list[SumRelation] = []
    for rel in links:
        loose = tolerances(tol, len(rel.children))[1]
        if jointly_satisfiable(rows, rel, cols, loose) is not False:
            out.append(rel)
            continue
        verdicts = {
            c: jointly_satisfiable(rows, SumRelation(rel.parent, rel.children, rel.label, [c]), cols, loose)
            for c in cols
        }
        bad = [c for c, ok in verdicts.items() if ok is False]
        if len(bad) == 1 and all(ok is True for c, ok in verdicts.items() if c not in bad):
            out.append(
                SumRelation(
                    rel.parent,
                    rel.children,
                    f"{rel.label} (除 {bad[0]} 列 except)",
                    [c for c in cols if c not in bad],
                )
            )
        else:
            out.append(rel)
    return out


# ---------------------------------------------------------------------------------------------
# The stage


def place_in_table(t: Table, facts: list[Fact]) -> int:
    """Place what the facts decide in one table; returns how many values were placed."""
    cols = [c.id for c in t.columns]
    if not cols or not facts or not any(r.unplaced for r in t.rows):
        return 0
    tol = _table_tol(t)
    rels = column_relations(t.id, cols)
    plans = _row_plans(t, cols)
    if not plans:
        return 0
    _narrow_by_facts(plans, facts, rels, tol)
    solved, broken = _solve_rows(t, plans, cols, rels, tol, True)
    # a sum the facts break is one the table alone keeps; the solve without them says which
    alone = _solve_rows(t, plans, cols, rels, tol, False)[1] if broken else []
    new_breaks = [b for b in broken if b not in alone]
    if new_breaks:
        t.notes.append(
            "其他表的数字与本表合计不符，未据以放置 other tables' figures break this table's sums, "
            f"not used: {'；'.join(new_breaks)}"
        )
        return 0
    placed = _place_rows(t, plans, solved, cols)
    if placed and not any(r.unplaced for r in t.rows):
        t.notes = [n for n in t.notes if not n.startswith("部分数字无法确定所在列")]
    return placed


def _row_plans(t: Table, cols: list[str]) -> dict[int, _RowPlan]:
    """Each row with unplaced values and every placement of them into its free columns."""
    plans: dict[int, _RowPlan] = {}
    for i, r in enumerate(t.rows):
        if not r.unplaced:
            continue
        assigns = _assignments(r, cols)
        if not assigns:
            continue
        plans[i] = _RowPlan(i, assigns, [_candidate(r, a) for a in assigns])
    return plans


def _narrow_by_facts(
    plans: dict[int, _RowPlan], facts: list[Fact], rels: list[tuple[str, list[str]]], tol: Decimal
) -> None:
    """Keep each row's placements that the facts on it allow; a row a fact contradicts is blocked."""
    for f in facts:
        plan = plans.get(f.row)
        if plan is None or plan.blocked:
            continue
        keep = [j for j, c in enumerate(plan.candidates) if f.holds(c, tol)]
        best_all = max(_row_score(c, rels, tol) for c in plan.candidates)
        if (
            not keep
            and f.op == "eq"
            and best_all < _row_active(plan.candidates, rels)
            and all(f.short(c, tol) for c in plan.candidates)
        ):
            # The row already lacks a value by its own sums (the converter lost it): the other
            # table's figure is then only an upper bound for what the row still prints.
            f = Fact(f.row, f.cols, "le", f.value, f.tol, f"{f.label}（本行缺数，作上限 as an upper bound）")
            keep = [j for j, c in enumerate(plan.candidates) if f.holds(c, tol)]
        if not keep or max(_row_score(plan.candidates[j], rels, tol) for j in keep) < best_all:
            plan.blocked = f"与{f.label}不符 (contradicts the other table)"
            continue
        if len(keep) < len(plan.candidates):
            plan.assignments = [plan.assignments[j] for j in keep]
            plan.candidates = [plan.candidates[j] for j in keep]
            plan.facts.append(f)


def _solve_rows(
    t: Table,
    plans: dict[int, _RowPlan],
    cols: list[str],
    rels: list[tuple[str, list[str]]],
    tol: Decimal,
    with_facts: bool,
) -> tuple[list[SolveRow], list[str]]:
    """Solve the table's own sums across all rows (with the facts' narrowing or without it):
    the placements left per row and the sums the document breaks."""
    rows: list[SolveRow] = []
    for i, r in enumerate(t.rows):
        plan = plans.get(i)
        if plan is None:
            rows.append(SolveRow(candidates=[{c: a.value for c, a in r.values.items()}]))
        elif with_facts and not plan.blocked:
            rows.append(SolveRow(candidates=list(plan.candidates)))
        else:
            everything = _assignments(r, cols) or []
            rows.append(SolveRow(candidates=[_candidate(r, a) for a in everything]))
    col_rels = [SumRelation(parent=p, children=list(k)) for p, k in rels]
    for sr in rows:
        filter_row_consistent(sr, col_rels, tol)
    res = solve(rows, _localize_breaks(rows, _row_links(t), cols, tol), col_rels, cols, tol)
    return res.rows, res.broken


def _place_rows(t: Table, plans: dict[int, _RowPlan], solved: list[SolveRow], cols: list[str]) -> int:
    """Place each row left with exactly one placement, noting what decided it; returns how many
    values were placed."""
    used = [f for p in plans.values() for f in p.facts]
    anchors = [f for f in used if t.rows[f.row].code == "TOTAL"]
    placed = 0
    for i, plan in plans.items():
        r = t.rows[i]
        if plan.blocked:
            t.notes.append(f"{_label(r)}：{plan.blocked}，仍未放置 (left unplaced)")
            continue
        left = [
            a for a, c in zip(plan.assignments, plan.candidates, strict=True) if c in solved[i].candidates
        ]
        if len(left) != 1:
            continue
        sums = [f"本表 {x}" for x in solved[i].reasons if "Σ" in x or "=" in x]
        why = [f.label for f in plan.facts]
        if sums or not why:  # decided through the table's sums: name what fixed the 合计 row too
            why += [f.label for f in anchors if f.row != i] or [f.label for f in used if f.row != i]
        why += sums
        note = "按其他表推定列 column decided by other tables: " + "；".join(dict.fromkeys(why))
        for col, a in zip(left[0], r.unplaced, strict=True):
            old = a.source.note
            src = a.source.model_copy(update={"inferred": True, "note": f"{old}；{note}" if old else note})
            r.values[col] = a.model_copy(update={"source": src})
            placed += 1
        t.notes.append(
            f"{_label(r)}：{' '.join(f'{a.text}→{c}' for c, a in zip(left[0], r.unplaced, strict=True))} "
            f"按其他表放置 (placed by other tables: {'；'.join(dict.fromkeys(why))})"
        )
        r.unplaced = []
        # keep the columns in the table's order, as a reader expects
        r.values = {c: r.values[c] for c in cols if c in r.values} | {
            c: v for c, v in r.values.items() if c not in cols
        }
    return placed


def _label(r: Row) -> str:
    line = f"第{r.source.line}行 " if r.source.line else ""
    return f"{line}{r.code or ''} {r.project or r.name}".strip()


def place_across_tables(raw: RawDocument, segs: Segments, doc: Document) -> None:
    """Parse stage: decide unplaced values by quantities printed in the document's other tables."""
    for t in doc.tables:
        source = FACT_SOURCES.get(t.id)
        if source is None or not any(r.unplaced for r in t.rows):
            continue
        place_in_table(t, source(doc, t))
