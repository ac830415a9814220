"""``yusuan check --format json``: one JSON object per line per input document (a stable contract).

    {"path": …, "document": {"department", "year", "kind", "level", "format"},
     "findings": [{"rule", "severity", "category", "message", "location": {…}, "expected", "actual",
                   "source", "columns": [other columns of the row], "id": stable id,
                   "related": [ids of findings about the same figure or cell]}],
     "summary": {"error": n, "warning": n, "info": n},
     "reading": {"complete", "tables_listed", "tables_read", "tables_not_read", "tables_absent", "tables_found",
                 "table_numbers": {"total", "placed", "inferred", "outside_tables"},
                 "narrative_amounts": {"total", "in_claims", "not_claims"}, "problems": [{"stage", "message", "source"}],
                 "reasons": [why not complete]},
     "coverage": {"ran": [codes], "not_applicable": [{"rule", "reason"}],
                  "not_run": [{"rule", "reason"}], "failed": [{"rule", "reason"}]}}

An input that could not be read is one object too: ``{"path": …, "error": {"reason", "reason_en"},
"findings": [], "coverage": null}`` — so a pipeline sees every input it passed.
"""

from __future__ import annotations

import json
from typing import Any

from yusuan.audit import SEVERITIES, AuditResult
from yusuan.errors import ReadError
from yusuan.model import Document


def coverage_dict(result: AuditResult) -> dict[str, Any]:
    out: dict[str, Any] = {"ran": [], "not_applicable": [], "not_run": [], "failed": []}
    for c in result.coverage:
        if c.status == "ran":
            out["ran"].append(c.rule)
        else:
            out[c.status].append({"rule": c.rule, "reason": c.reason})
    return out


def severity_counts(result: AuditResult) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for f in result.findings:
        counts[f.severity] += 1
    return counts


def document_record(path: str, doc: Document, result: AuditResult) -> dict[str, Any]:
    return {
        "path": path,
        "document": {
            "department": doc.department,
            "year": doc.year,
            "kind": doc.kind,
            "level": doc.level,
            "format": doc.format,
        },
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "summary": severity_counts(result),
        "reading": doc.reading.model_dump(mode="json"),
        "coverage": coverage_dict(result),
    }


def error_record(path: str, err: ReadError) -> dict[str, Any]:
    return {
        "path": path,
        "error": {"reason": err.reason, "reason_en": err.reason_en},
        "findings": [],
        "coverage": None,
        "reading": None,
    }


def to_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
