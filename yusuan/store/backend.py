"""The database under the store: embedded DuckDB (a file path) or PostgreSQL (a ``postgresql://`` DSN).

Both get the same tables (``yusuan.store.schema``) and the same SQL; only parameter markers and
the connection differ. One document is written in one transaction, so a process killed during an
ingest leaves every document either whole or absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from yusuan.store.schema import SCHEMA_VERSION, TABLES, columns, create_statements, migrate_statements

_CHUNK = 400  # rows per INSERT … VALUES statement (PostgreSQL allows 65,535 parameters)


class StoreError(Exception):
    """The store cannot be opened or used (message in Chinese, names the database)."""


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


class Store:
    """A connection to the store, with the few operations ingest, query and check need."""

    def __init__(self, db: str, read_only: bool = False) -> None:
        self.db = db
        self.postgres = is_postgres(db)
        try:
            if self.postgres:
                import psycopg

                self._conn: Any = psycopg.connect(db, autocommit=True)
            else:
                import duckdb

                self._conn = duckdb.connect(db, read_only=read_only)
        except ImportError as exc:
            raise StoreError(f"{db}: 缺少数据库驱动 {exc.name}（pip install 'yusuan[postgres]'）") from exc
        except Exception as exc:  # the drivers raise their own types; all mean "cannot open"
            raise StoreError(f"{_shown(db)}: 无法打开数据库：{exc}") from exc
        if not read_only:
            self.create()

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- SQL ----------------------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        if self.postgres:
            with self._conn.cursor() as cur:
                cur.execute(self._sql(sql), params)
        else:
            self._conn.execute(sql, list(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a query (the SQL as the user wrote it when there are no params)."""
        if self.postgres:
            with self._conn.cursor() as cur:
                cur.execute(self._sql(sql) if params else sql, params or None)
                if cur.description is None:
                    return [], []
                return [d.name for d in cur.description], [tuple(r) for r in cur.fetchall()]
        res = self._conn.execute(sql, list(params))
        if res.description is None:
            return [], []
        return [d[0] for d in res.description], [tuple(r) for r in res.fetchall()]

    def insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        cols = columns(table)
        names = ", ".join(f'"{c}"' for c in cols)
        one = "(" + ", ".join("?" * len(cols)) + ")"
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start:start + _CHUNK]
            sql = f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([one] * len(chunk))
            self.execute(sql, [v for r in chunk for v in r])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.postgres:
            with self._conn.transaction():
                yield
            return
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- schema -------------------------------------------------------------------------------------
    def create(self) -> None:
        with self.transaction():
            for stmt in create_statements():
                self.execute(stmt)
            _, found = self.query('SELECT "value" FROM store_meta WHERE "key" = ?', ["schema_version"])
            if not found:
                self.insert("store_meta", [("schema_version", SCHEMA_VERSION)])
            elif found[0][0] != SCHEMA_VERSION and migrate_statements(found[0][0]):
                for stmt in migrate_statements(found[0][0]):
                    self.execute(stmt)
                self.execute('UPDATE store_meta SET "value" = ? WHERE "key" = ?', [SCHEMA_VERSION, "schema_version"])
            elif found[0][0] != SCHEMA_VERSION:
                raise StoreError(f"{_shown(self.db)}: 数据库结构版本 {found[0][0]} 与本程序的 {SCHEMA_VERSION} 不同")

    # -- documents ----------------------------------------------------------------------------------
    def known(self) -> tuple[set[str], set[str]]:
        """doc_ids stored, and sha256 of inputs that failed before."""
        _, docs = self.query("SELECT doc_id FROM documents")
        _, bad = self.query("SELECT sha256 FROM failures")
        return {d for (d,) in docs}, {s for (s,) in bad}

    def delete_document(self, doc_id: str) -> None:
        for table in ("document_paths", "tables", "facts", "claims", "indicators", "documents"):
            self.execute(f'DELETE FROM "{table}" WHERE doc_id = ?', [doc_id])
        self.execute("DELETE FROM findings WHERE doc_id = ? AND scope = 'document'", [doc_id])

    def release_paths(self, paths: Sequence[str], keep: str) -> None:
        """Paths now holding other content no longer point at their old document; a document left
        with no path is removed (a changed file replaces its old version)."""
        for p in paths:
            _, old = self.query("SELECT doc_id FROM document_paths WHERE path = ? AND doc_id <> ?", [p, keep])
            for (old_id,) in old:
                self.execute("DELETE FROM document_paths WHERE path = ? AND doc_id = ?", [p, old_id])
                _, left = self.query("SELECT count(*) FROM document_paths WHERE doc_id = ?", [old_id])
                if not left[0][0]:
                    self.delete_document(old_id)
            self.execute("DELETE FROM failures WHERE paths = ?", [json.dumps([p], ensure_ascii=False)])

    def add_paths(self, doc_id: str, paths: Sequence[str], shas: Sequence[str | None] = ()) -> None:
        _, have = self.query("SELECT path FROM document_paths WHERE doc_id = ?", [doc_id])
        known = {p for (p,) in have}
        hashes = list(shas) or [None] * len(paths)
        new = [(doc_id, p, h) for p, h in zip(paths, hashes, strict=True) if p not in known]
        if new:
            self.insert("document_paths", new)

    def path_hashes(self) -> dict[str, str]:
        """Every stored path and the sha256 its file had when it was read."""
        _, rows = self.query("SELECT path, file_sha256 FROM document_paths WHERE file_sha256 IS NOT NULL")
        return dict(rows)

    def write_document(self, doc_id: str, paths: Sequence[str], rows: dict[str, list[tuple[Any, ...]]],
                       shas: Sequence[str] = ()) -> None:
        """Replace one document (and release its paths from older versions) in one transaction."""
        with self.transaction():
            self.release_paths(paths, doc_id)
            self.delete_document(doc_id)
            for table in ("documents", "tables", "facts", "claims", "findings", "indicators"):
                if rows.get(table):
                    self.insert(table, rows[table])
            self.add_paths(doc_id, paths, shas)

    def write_failure(self, sha256: str, paths: Sequence[str], reason: str, reason_en: str | None, at: str) -> None:
        with self.transaction():
            self.release_paths(paths, "")
            self.execute("DELETE FROM failures WHERE sha256 = ?", [sha256])
            self.insert("failures", [(sha256, json.dumps(list(paths), ensure_ascii=False), reason, reason_en, at)])

    def tables(self) -> list[str]:
        return [t for t in TABLES if t != "store_meta"]


def _shown(db: str) -> str:
    """A DSN without its password, for messages."""
    if is_postgres(db) and "@" in db:
        head, tail = db.split("@", 1)
        scheme, _, userinfo = head.partition("://")
        return f"{scheme}://{userinfo.split(':')[0]}@{tail}"
    return db
