"""What a column's printed header says it is, whatever id it was given: the catalogue's [headers]
(yusuan/data/table_structure.toml) set the matching ``Column`` fields (``of_which``,
``carried_over``), so that the rules read the mark and never the header's words."""

from __future__ import annotations

from yusuan.blocks import RawDocument
from yusuan.model import Column, Document
from yusuan.parse.segment import Segments
from yusuan.tables import Catalog, catalog


def mark_column(column: Column, cat: Catalog | None = None) -> None:
    for field, patterns in (cat or catalog()).header_marks:
        if any(p.search(column.header) for p in patterns):
            setattr(column, field, True)


def mark_columns(raw: RawDocument, segs: Segments, doc: Document) -> None:
    """The parse stage: every column of every table, once all tables are read and placed."""
    cat = catalog()
    for table in doc.tables:
        for column in table.columns:
            mark_column(column, cat)
