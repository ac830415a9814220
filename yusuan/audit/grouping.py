"""One problem, one finding: what several rule runs say about one thing is said once.

A total row that does not add up in three columns is one problem of that row; the rules check
column by column and yield one problem each. ``one_finding_per_row`` folds them into the first
column's finding, which names every column with its expected and printed figure and lists the
other columns' ids in ``Finding.columns``.
"""

from __future__ import annotations

from collections.abc import Sequence

from yusuan.audit import Finding
from yusuan.audit.helpers import column_name
from yusuan.model import Document


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
