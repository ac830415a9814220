"""Small builders for tests that state their input inline (a table in three lines, not a file).

    doc = make_doc(make_table("expense", [("TOTAL", "合计", {"total": "3", "basic": "1", "project": "2"})]))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from yusuan.amounts import parse_number, to_wan
from yusuan.model import Amount, Column, Document, Provenance, Row, Table

RowSpec = tuple[str | None, str, Mapping[str, str]]


def make_amount(text: str, unit: str = "万元", line: int | None = None) -> Amount:
    value = parse_number(text)
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return Amount(value=to_wan(value, unit), text=text, unit=unit, source=Provenance(line=line))


def make_table(
    table_id: str,
    rows: Iterable[RowSpec],
    *,
    title: str | None = None,
    unit: str = "万元",
    columns: Iterable[str] | None = None,
    **row_extra: Any,
) -> Table:
    """A table from (code, name, {column: printed value}) triples; blank values are left out."""
    built: list[Row] = []
    seen: list[str] = []
    for i, (code, name, values) in enumerate(rows, start=1):
        amounts = {k: make_amount(v, unit, line=i) for k, v in values.items() if v.strip()}
        for k in values:
            if k not in seen:
                seen.append(k)
        built.append(Row(code=code, name=name, values=amounts, source=Provenance(line=i), **row_extra))
    cols = [Column(id=c, header=c) for c in (columns or seen)]
    return Table(id=table_id, title=title or table_id, unit=unit, columns=cols, rows=built)


def make_doc(*tables: Table, **fields: Any) -> Document:
    """A document as the parser finishes it (see ``finish``)."""
    fields.setdefault("paths", ["inline.txt"])
    fields.setdefault("format", "text")
    fields.setdefault("department", "某某局")
    fields.setdefault("year", 2024)
    return finish(Document(tables=list(tables), **fields))


def finish(doc: Document) -> Document:
    """Give claims, sections and 目录 entries written inline the details the parser reads from their
    text (yusuan.parse.claim_details), as a parsed document has them; call again after changing them."""
    from yusuan.parse.claim_details import read_details

    read_details(doc)
    return doc


def d(text: str) -> Decimal:
    return Decimal(text)
