"""Facts: one record per number in every table (the contract researchers rely on)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from yusuan.model import Document

FACT_FIELDS = [
    "path", "department", "year", "table", "table_title", "side", "code", "name", "project", "unit",
    "column", "value", "text", "printed_unit", "inferred", "source",
]


def _where(page: int | None, line: int | None, file: str | None) -> str:
    parts = []
    if file:
        parts.append(file)
    if page is not None:
        parts.append(f"p{page}")
    if line is not None:
        parts.append(f"L{line}")
    return ":".join(parts)


def iter_facts(doc: Document, path: str | None = None) -> Iterator[dict[str, object]]:
    p = path or (" + ".join(doc.paths))
    for t in doc.tables:
        for r in t.rows:
            for col, amt in r.values.items():
                yield {
                    "path": p,
                    "department": doc.department,
                    "year": doc.year,
                    "table": t.id,
                    "table_title": t.title,
                    "side": r.side,
                    "code": r.code,
                    "name": r.name,
                    "project": r.project,
                    "unit": r.unit,
                    "column": col,
                    "value": str(amt.value),
                    "text": amt.text,
                    "printed_unit": amt.unit,
                    "inferred": amt.source.inferred,
                    "source": _where(amt.source.page, amt.source.line, amt.source.file),
                }


def facts_jsonl(doc: Document, path: str | None = None) -> str:
    return "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in iter_facts(doc, path))


def facts_csv(docs: list[Document], header: bool = True) -> str:
    """CSV that Excel opens as it is: UTF-8 with a byte-order mark before the header, CRLF lines."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FACT_FIELDS, lineterminator="\r\n")
    if header:
        buf.write("\ufeff")
        w.writeheader()
    for d in docs:
        for f in iter_facts(d):
            w.writerow(f)
    return buf.getvalue()
