"""One problem, one finding: what several rule runs say about one thing is said once.

A total row that does not add up in three columns is one problem of that row; the rules check
column by column and yield one problem each. ``one_finding_per_row`` folds them into the first
column's finding, which names every column with its expected and printed figure and lists the
other columns' ids in ``Finding.columns``. A figure printed in the wrong unit (a table in 元 under a
万元 heading, a narrative figure 10000× off) makes several rules fire (the narrative against the
table, the narrative's own split, the same figure stated twice): ``one_finding_per_unit_misprint``
keeps one and lists the others' ids in ``Finding.related``; findings of different rules on the
same cell point to each other there too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from yusuan.audit import Finding
from yusuan.audit.helpers import column_name
from yusuan.model import Document

NUMBER_RE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _row_key(f: Finding) -> tuple[object, ...]:
    loc = f.location
    return (f.rule, f.severity, f.category, loc.table, loc.table_title, loc.row_code, loc.row_name, loc.file,
            loc.page, loc.line, loc.section)


def one_finding_per_row(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """Findings of one rule on one row in several columns, as one finding naming all the columns."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    order: list[tuple[object, ...] | int] = []
    for i, f in enumerate(findings):
        loc = f.location
        if loc.table is None or loc.column is None or f.severity == "info":
            order.append(i)
            continue
        key = _row_key(f)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(f)
    out: list[Finding] = []
    for item in order:
        if isinstance(item, int):
            out.append(findings[item])
            continue
        group = groups[item]
        first = group[0]
        if len(group) > 1:
            table = next((t for t in doc.tables if t.id == first.location.table), None)
            others = []
            for f in group[1:]:
                col = f.location.column or ""
                name = column_name(table, col) if table is not None else col
                others.append(f"{name} 应为 {f.expected or '—'}、实为 {f.actual or '—'}")
            first = first.model_copy(update={
                "message": f"{first.message}；同一行另有 {len(group) - 1} 列不符：{'；'.join(others)}",
                "columns": [f.location.column for f in group[1:]],
            })
        out.append(first)
    return out


# --- stable ids, one misprinted unit as one finding, related findings -------------------------------

ID_FIELDS = ("table", "row_code", "row_name", "column", "section", "page", "line")


def finding_id(rule: str, key: dict[str, object]) -> str:
    """A finding's id from its rule and location (file and table title left out, as the labelled set
    keys findings): the same finding has the same id in every run and every format."""
    import hashlib
    import json

    raw = json.dumps([rule, *(key.get(k) for k in ID_FIELDS)], ensure_ascii=False)
    return f"{rule}-{hashlib.sha1(raw.encode()).hexdigest()[:8]}"


def _with_ids(findings: Sequence[Finding]) -> list[Finding]:
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        base = finding_id(f.rule, f.location.model_dump())
        seen[base] = seen.get(base, 0) + 1
        out.append(f.model_copy(update={"id": base if seen[base] == 1 else f"{base}-{seen[base]}"}))
    return out


def first_number(text: str | None) -> Decimal | None:
    """The first number printed in a finding's expected/actual text (thousands commas dropped), or None."""
    m = NUMBER_RE.search(text or "")
    if m is None:
        return None
    try:
        return Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None


def _digits(text: str | None) -> str:
    m = NUMBER_RE.search(text or "")
    return m.group(0).replace(",", "").replace(".", "").replace("-", "").strip("0") if m else ""


def unit_misprint_key(f: Finding) -> str | None:
    """The printed digits of the figure a finding is about, when the finding is one of a unit
    misprint: the two sides print the same digits at different values (1682.76 元 against 1682.76
    万元), or differ by a factor of 10000 (a narrative figure in 元 under 万元, a table in 元 under a
    万元 heading). None for any other finding."""
    if f.severity == "info":
        return None
    e, a = first_number(f.expected), first_number(f.actual)
    de, da = _digits(f.expected), _digits(f.actual)
    if f.category == "unit" and da:
        return da
    if e is None or a is None or e == 0 or a == 0 or not de or de != da:
        return None
    ratio = abs(a / e)
    if ratio in (1, 10000, Decimal("0.0001")):
        return da
    return None


def one_finding_per_unit_misprint(findings: Sequence[Finding]) -> list[Finding]:
    """Findings of several rules that all come from one figure printed in the wrong unit, as one.

    The first (most severe, then in rule order) keeps the problem; the others are folded into it —
    named in its message and listed by id in ``related`` — so a reviewer sends back one problem.
    Needs ids (``_with_ids``) first.
    """
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        k = unit_misprint_key(f)
        if k is not None:
            groups.setdefault(k, []).append(f)
    folded: dict[str, Finding] = {}  # id of a finding kept → the finding that replaces it
    dropped: set[str] = set()
    for group in groups.values():
        if len({f.rule for f in group}) < 2:
            continue
        group = sorted(group, key=lambda f: (f.severity != "error", f.rule))
        first, rest = group[0], group[1:]
        named = "、".join(f"{f.rule}（{f.message[:60]}{'…' if len(f.message) > 60 else ''}）" for f in rest)
        folded[first.id] = first.model_copy(update={
            "message": f"{first.message}；同一金额单位错误另见 {named}",
            "related": [*first.related, *(f.id for f in rest)],
        })
        dropped.update(f.id for f in rest)
    return [folded.get(f.id, f) for f in findings if f.id not in dropped]


def _place(f: Finding) -> tuple[object, ...] | None:
    loc = f.location
    if loc.table is not None:
        return ("t", loc.table, loc.row_code, loc.row_name, loc.column)
    if loc.section is not None and (loc.line is not None or loc.page is not None):
        return ("s", loc.section, loc.page, loc.line)
    return None


def related_by_place(findings: Sequence[Finding]) -> list[Finding]:
    """Errors and warnings of different rules on the same cell (or the same line of the narrative)
    point to each other in ``related``."""
    at: dict[tuple[object, ...], list[str]] = {}
    for f in findings:
        p = _place(f)
        if p is not None and f.severity != "info":
            at.setdefault(p, []).append(f.id)
    out = []
    for f in findings:
        p = _place(f)
        others = [i for i in at.get(p, []) if i != f.id] if p is not None and f.severity != "info" else []
        if others:
            f = f.model_copy(update={"related": [*f.related, *(i for i in others if i not in f.related)]})
        out.append(f)
    return out


def one_note_per_table(findings: Sequence[Finding]) -> list[Finding]:
    """Relations that hold only through inferred placements (category ``inferred``, info), one note
    per rule and table: how many, and the first as example — not one line per cell."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for f in findings:
        if f.category == "inferred" and f.severity == "info":
            groups.setdefault((f.rule, f.location.table, f.location.table_title), []).append(f)
    firsts = {id(g[0]): g for g in groups.values()}
    out = []
    for f in findings:
        g = firsts.get(id(f))
        if g is None:
            if not (f.category == "inferred" and f.severity == "info"):
                out.append(f)
            continue
        if len(g) > 1:
            f = f.model_copy(update={"message": f"{f.location.table_title or f.location.table or ''}有 {len(g)} 处"
                                                f"勾稽关系只在推定的列位下成立，未作为已核实，例如：{f.message}"})
        out.append(f)
    return out


def group_findings(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """One problem, one finding: columns of a row, amounts given their unit, ids, one misprinted
    unit, related findings."""
    from yusuan.audit.units import with_units

    out = _with_ids([with_units(doc, f) for f in one_note_per_table(one_finding_per_row(doc, findings))])
    return related_by_place(one_finding_per_unit_misprint(out))
