"""One parsed document as the rows of the store's tables (plain tuples, cheap to send between processes)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from yusuan.audit import AuditResult
from yusuan.model import Document, Row, Table
from yusuan.store.indicators import indicators, total_row
from yusuan.store.regions import find_region
from yusuan.store.schema import columns

Rows = dict[str, list[tuple[Any, ...]]]

_THREE_PUBLIC_PARENT = {"vehicle_purchase": "vehicles", "vehicle_operation": "vehicles"}


def _is_unit_row(r: Row) -> bool:
    return r.code is None and r.project is None and r.unit is not None and r.name.strip() == r.unit.strip()


def hierarchy(table: Table) -> list[tuple[int | None, int | None]]:
    """(parent_seq, depth) of every row: a code's parent is the nearest row above whose code it
    extends (``2101501`` under ``21015`` under ``210``), within the rows of one budget unit; a unit's
    rows hang under the unit row, unit rows and top classes under the table's total row.

    Two-sided summary tables have item rows whose nesting differs by template: only their total
    is marked (depth 0), other rows have no parent and no depth.
    """
    out: list[tuple[int | None, int | None]] = []
    total: int | None = None
    unit_row: int | None = None
    coded: list[tuple[int, str]] = []  # stack of (row_seq, digit code)
    items: dict[str, int] = {}
    for i, r in enumerate(table.rows):
        if r.code == "TOTAL":
            total = i if r.side in (None, "expense") or total is None else total
            out.append((None, 0))
            continue
        if r.side is not None:
            out.append((None, None))
            continue
        top = unit_row if unit_row is not None else total
        if _is_unit_row(r):
            unit_row = i
            coded = []
            out.append((total, 1))
            continue
        if r.code and r.code.isdigit():
            while coded and not (r.code.startswith(coded[-1][1]) and len(r.code) > len(coded[-1][1])):
                coded.pop()
            parent = coded[-1][0] if coded else top
            base = 1 if unit_row is None else 2
            depth = base + len(coded)
            coded.append((i, r.code))
            out.append((parent, depth))
            continue
        if r.code and table.id == "three_public":
            items[r.code] = i
            parent_code = _THREE_PUBLIC_PARENT.get(r.code)
            parent = items.get(parent_code, total) if parent_code else total
            out.append((parent, 2 if parent is not None and parent != total else 1))
            continue
        # a project or other uncoded row belongs to the coded row above it when the table nests so
        out.append((top, None if top is None else (1 if unit_row is None else 2)))
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def document_rows(doc_id: str, sha256: str, doc: Document, result: AuditResult, version: str) -> Rows:
    """Every row the store keeps for one document."""
    from yusuan.render.report_json import coverage_dict

    rows: Rows = {k: [] for k in ("documents", "document_paths", "tables", "facts", "claims", "findings",
                                   "indicators")}
    n_facts = n_unplaced = 0
    for t_seq, t in enumerate(doc.tables):
        tree = hierarchy(t)
        parents = {p for p, _ in tree if p is not None}
        found = total_row(doc, t)
        total_seq = found[0] if found else None
        n_values = 0
        for r_seq, r in enumerate(t.rows):
            n_unplaced += len(r.unplaced)
            parent, depth = tree[r_seq]
            for col, a in r.values.items():
                n_values += 1
                rows["facts"].append((
                    doc_id, t_seq, t.id, r_seq, parent, depth, r.code == "TOTAL" or r_seq == total_seq, r_seq not in parents, r.side,
                    r.code, r.name, r.project, r.unit, col, a.value, a.text, a.unit, a.source.inferred,
                    a.source.page, a.source.line, a.source.file,
                ))
        n_facts += n_values
        rows["tables"].append((
            doc_id, t_seq, t.id, t.title, t.number, t.unit, t.preparer, t.empty, t.empty_note, t.source.page,
            len(t.rows), n_values, _json([c.model_dump() for c in t.columns]), _json(t.notes),
        ))
    for i, c in enumerate(doc.claims):
        rows["claims"].append((
            doc_id, i, c.subject, c.subject_text, c.amount.value if c.amount else None,
            c.amount.text if c.amount else None, c.amount.unit if c.amount else None, c.share, c.direction,
            c.change.value if c.change else None, c.change_percent, c.compared_to, c.section, c.sentence,
            c.source.page, c.budget_initial.value if c.budget_initial else None,
            c.budget_adjusted.value if c.budget_adjusted else None, c.completion, c.fund_scope or None,
        ))
    for i, f in enumerate(result.findings):
        loc = f.location
        rows["findings"].append((
            doc_id, i, "document", f.rule, f.severity, f.category, f.message, loc.table, loc.row_code, loc.column,
            loc.page, f.expected, f.actual, f.source, _json(f.model_dump(mode="json")),
        ))
    for v in indicators(doc):
        rows["indicators"].append((
            doc_id, v.indicator, v.value, v.unit, v.table_id, v.table_seq, v.row_seq, v.row_code, v.column, v.text,
            v.printed_unit, v.page, v.method,
        ))
    texts = [t.preparer for t in doc.tables if t.preparer] + list(doc.budget_units)
    texts += [s.text for s in doc.sections[:6]]
    region = find_region(doc.department, texts)
    cov = coverage_dict(result)
    severities = [f.severity for f in result.findings]
    rows["documents"].append((
        doc_id, sha256, _json(doc.paths), doc.format, doc.department, region.province, region.city, region.county,
        region.gov_level, doc.kind, doc.level, doc.year, doc.unit, doc.published, doc.pages, len(doc.tables),
        sum(t.id == "generic" for t in doc.tables), sum(t.empty for t in doc.tables), n_facts, n_unplaced,
        len(doc.claims), len(result.findings), severities.count("error"), severities.count("warning"),
        len(doc.diagnostics), ",".join(t.id for t in doc.tables), len(cov["ran"]),
        len(cov["not_run"]) + len(cov["failed"]), version, datetime.now(UTC).isoformat(timespec="seconds"),
    ))
    for table, data in rows.items():
        width = len(columns(table))
        assert all(len(r) == width for r in data), table
    return rows
