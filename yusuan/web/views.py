"""What the result pages show, built from a stored outcome: findings grouped, with their page boxes,
the reading account, and the reports to download (the renderers of yusuan.render)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from typing import Any

from yusuan.audit import AuditResult, Finding
from yusuan.model import Document
from yusuan.render.report_terminal import SEVERITY_LABEL, coverage_lines, grouped, where
from yusuan.render.report_xlsx import Checked
from yusuan.web.jobs import Outcome, Service

TEXT_FORMATS = ("text", "markdown", "tsv")


@dataclass
class Mark:
    left: float  # percent of the page width / height
    top: float
    width: float
    height: float


@dataclass
class FindingView:
    finding: Finding
    index: int
    where: str
    page: int | None
    marks: list[Mark] = field(default_factory=list)
    aspect: str = ""  # CSS aspect-ratio of the page image
    focus: float = 0.0  # percent of the page height the view centres on (the marks' middle)
    lines: list[tuple[int, str, bool]] = field(default_factory=list)  # text documents: (number, text, cited)


@dataclass
class Group:
    title: str
    counts: dict[str, int]
    shown: list[FindingView]
    folded: list[FindingView]  # info findings, one click away


@dataclass
class DocumentView:
    sha: str
    label: str
    document: Document
    result: AuditResult
    groups: list[Group]
    counts: dict[str, int]
    coverage: list[str]
    not_run: list[tuple[str, str]]
    tables: list[dict[str, Any]]


def loaded(outcome: Outcome, label: str | None = None) -> tuple[Document, AuditResult]:
    """The document and its audit, named as ``label`` when given (the same bytes, another upload name)."""
    doc = Document.model_validate_json(outcome.data["document"])
    result = AuditResult.model_validate_json(outcome.data["result"])
    first = outcome.data["record"].get("path")
    if label is not None and label != first:
        doc.paths = [label]
        for f in result.findings:
            if f.location.file == first:
                f.location.file = label
    return doc, result


def _marks(boxes: list[list[float]], size: tuple[float, float]) -> list[Mark]:
    w, h = size
    pad = 1.5  # points around the glyphs, so that the frame does not cover them
    return [Mark(100 * (b[0] - pad) / w, 100 * (b[1] - pad) / h, 100 * (b[2] - b[0] + 2 * pad) / w,
                 100 * (b[3] - b[1] + 2 * pad) / h) for b in boxes]


def _source_lines(path: str | None, line: int | None, around: int = 3) -> list[tuple[int, str, bool]]:
    if not path or line is None:
        return []
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read().splitlines()
    except OSError:
        return []
    lo, hi = max(1, line - around), min(len(text), line + around)
    return [(n, text[n - 1], n == line) for n in range(lo, hi + 1)]


def document_view(service: Service, outcome: Outcome, label: str) -> DocumentView:
    doc, result = loaded(outcome, label)
    pages = [tuple(p) for p in outcome.data.get("pages", [])]
    boxes = outcome.data.get("boxes", [])
    stored = service.stored_path(outcome.sha)
    is_text = doc.format in TEXT_FORMATS
    index = {id(f): i for i, f in enumerate(result.findings)}
    groups: list[Group] = []
    for title, items in grouped(result.findings):
        views = []
        for f in items:
            i = index[id(f)]
            v = FindingView(f, i, where(f.location), f.location.page)
            p = f.location.page
            if p is not None and pages and 1 <= p <= len(pages):
                w, h = pages[p - 1]
                v.aspect = f"{w:.2f} / {h:.2f}"
                v.marks = _marks(boxes[i] if i < len(boxes) else [], (w, h))
                if v.marks:
                    v.focus = (min(m.top for m in v.marks) + max(m.top + m.height for m in v.marks)) / 2
            elif is_text:
                v.lines = _source_lines(str(stored) if stored else None, f.location.line)
            views.append(v)
        counts = {s: sum(1 for f in items if f.severity == s) for s in SEVERITY_LABEL}
        groups.append(Group(title, counts, [v for v in views if v.finding.severity != "info"
                                            or v.finding.category == "unplaced"],
                            [v for v in views if v.finding.severity == "info" and v.finding.category != "unplaced"]))
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in SEVERITY_LABEL}
    tables = [{"title": t.title, "id": t.id, "rows": len(t.rows), "page": t.source.page, "empty": t.empty,
               "notes": t.notes} for t in doc.tables]
    not_run = [(c.rule, c.reason or "缺少数据") for c in result.coverage if c.status in ("not_run", "failed")]
    return DocumentView(outcome.sha, label, doc, result, groups, counts,
                        [line.plain for line in coverage_lines(result)], not_run, tables)


def report_bytes(fmt: str, items: list[tuple[str, Outcome]]) -> tuple[bytes, str]:
    """The XLSX / HTML / JSON report of these documents, and its media type."""
    from yusuan.render.report_json import to_line

    if fmt == "json":
        return "".join(to_line(o.record_for(label)) for label, o in items).encode("utf-8"), "application/x-ndjson"
    checked: list[Checked] = []
    unreadable: list[tuple[str, str]] = []
    for label, o in items:
        if o.ok:
            doc, result = loaded(o, label)
            checked.append(Checked(label, doc, result))
        else:
            err = o.record.get("error") or {}
            unreadable.append((label, err.get("reason", "无法读取")))
    if fmt == "html":
        from yusuan.render.report_html import render_html

        return render_html(checked, unreadable).encode("utf-8"), "text/html; charset=utf-8"
    from yusuan.render.report_xlsx import write_xlsx

    fd, tmp = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    try:
        write_xlsx(checked, unreadable, tmp)
        with open(tmp, "rb") as fh:
            return fh.read(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    finally:
        os.unlink(tmp)
