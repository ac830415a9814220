"""The corpus store: every ingested document in DuckDB (embedded) or PostgreSQL, queryable.

    from yusuan.store import ingest, Store
    ingest("corpus.duckdb", [["a.pdf"], ["b.pdf"]], jobs=2)
    with Store("corpus.duckdb", read_only=True) as s:
        cols, rows = s.query("SELECT indicator, value FROM indicators")

Tables and their columns: docs/store.md. Indicators: docs/indicators.md.
"""

from yusuan.store.backend import Store, StoreError
from yusuan.store.ingest import IngestSummary, ingest

__all__ = ["IngestSummary", "Store", "StoreError", "ingest"]
