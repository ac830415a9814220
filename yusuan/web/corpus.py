"""The corpus as the web app sees it: a few read-only queries over the store's DuckDB file.

The store (``yusuan ingest``, issue 10; yusuan/store/schema.py there) writes the tables ``documents``
(doc_id, sha256, department, province, city, county, gov_level, kind, level, year, unit, pages …),
``tables`` (doc_id, table_seq, table_id, title, columns …), ``facts`` (doc_id, table_seq, row_seq,
code, name, column_id, value, text …), ``findings`` and ``indicators`` (doc_id, indicator, value …). This module is the only place the web app touches them, and it asks
only for columns that exist, so that it works with the store as it grows and says 未配置语料库 when
no database was given. Every value reaches SQL as a bound parameter; column names come from the
table's own description, never from a request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILTERS = ("region", "province", "city", "gov_level", "year", "kind", "level", "department")
REGION_COLUMNS = ("province", "city", "county")  # "region" matches any of them
LABELS = {"doc_id": "编号", "department": "部门", "province": "省", "city": "市", "county": "县", "region": "地区",
          "gov_level": "级次", "year": "年度", "kind": "预算/决算", "level": "部门/单位", "pages": "页数",
          "n_errors": "错误", "n_warnings": "警告", "value": "数值", "rule": "规则", "severity": "级别",
          "findings": "问题数", "documents": "文件数"}
SHOWN = ("department", "province", "city", "county", "region", "year", "kind", "level", "pages", "n_errors",
         "n_warnings")
ID_COLUMNS = ("doc_id", "id")


class CorpusUnavailable(Exception):  # noqa: N818
    """No database was configured, or it cannot be opened; the message says which (Chinese)."""


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    columns: list[str] = field(default_factory=list)


class Corpus:
    """Read-only access to a DuckDB corpus file, or ``Corpus(None)``: nothing configured."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._lock = threading.Lock()  # one DuckDB connection, used by one request at a time
        self._con: Any = None

    @property
    def configured(self) -> bool:
        return bool(self.db)

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        if not self.db:
            raise CorpusUnavailable("未配置语料库（启动时用 --db 指定 DuckDB 文件）")
        with self._lock:
            if self._con is None:
                if not Path(self.db).exists():
                    raise CorpusUnavailable(f"语料库文件不存在：{self.db}")
                try:
                    import duckdb
                except ModuleNotFoundError:
                    raise CorpusUnavailable("未安装 duckdb（pip install 'yusuan[web]'）") from None
                try:
                    self._con = duckdb.connect(self.db, read_only=True)
                except duckdb.Error as exc:
                    raise CorpusUnavailable(f"无法打开语料库：{exc}") from None
            yield self._con

    def _columns(self, con: Any, table: str) -> list[str]:
        rows = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall()
        return [r[0] for r in rows]

    def _id_column(self, columns: list[str]) -> str:
        for c in ID_COLUMNS:
            if c in columns:
                return c
        raise CorpusUnavailable("语料库的 documents 表没有 doc_id 列")

    @staticmethod
    def _dicts(cursor: Any) -> list[dict[str, Any]]:
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def facets(self) -> dict[str, list[Any]]:
        """The values each filter can take (for the filter form)."""
        with self._connect() as con:
            cols = self._columns(con, "documents")
            out: dict[str, list[Any]] = {}
            for c in FILTERS:
                if c in cols and c not in ("department", "region"):
                    out[c] = [r[0] for r in con.execute(
                        f'SELECT DISTINCT "{c}" FROM documents WHERE "{c}" IS NOT NULL ORDER BY 1').fetchall()]
            return out

    def list_documents(self, filters: dict[str, Any], limit: int = 50, offset: int = 0) -> Page:
        """Documents matching the filters (department: a substring), newest year first."""
        with self._connect() as con:
            cols = self._columns(con, "documents")
            if not cols:
                raise CorpusUnavailable("语料库中没有 documents 表")
            where, params = [], []
            for key in FILTERS:
                value = filters.get(key)
                if value in (None, ""):
                    continue
                if key == "region" and key not in cols:
                    region = [c for c in REGION_COLUMNS if c in cols]
                    if region:
                        where.append("(" + " OR ".join(f'"{c}" = ?' for c in region) + ")")
                        params += [str(value)] * len(region)
                    continue
                if key not in cols:
                    continue
                if key == "department":
                    where.append('"department" ILIKE ?')
                    params.append(f"%{value}%")
                else:
                    where.append(f'CAST("{key}" AS VARCHAR) = ?')
                    params.append(str(value))
            clause = (" WHERE " + " AND ".join(where)) if where else ""
            total = con.execute(f"SELECT count(*) FROM documents{clause}", params).fetchone()[0]
            order = ' ORDER BY "year" DESC NULLS LAST' if "year" in cols else ""
            cur = con.execute(f"SELECT * FROM documents{clause}{order} LIMIT ? OFFSET ?",
                              [*params, int(limit), int(offset)])
            return Page(self._dicts(cur), int(total), cols)

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its tables, facts, findings and indicators (those the store has)."""
        with self._connect() as con:
            cols = self._columns(con, "documents")
            key = self._id_column(cols)
            rows = self._dicts(con.execute(f'SELECT * FROM documents WHERE CAST("{key}" AS VARCHAR) = ?',
                                           [str(doc_id)]))
            if not rows:
                return None
            out: dict[str, Any] = {"document": rows[0]}
            for part in ("tables", "facts", "findings", "indicators"):
                pcols = self._columns(con, part)
                if key in pcols:
                    order = next((f' ORDER BY "{c}"' for c in ("table_seq", "finding_seq") if c in pcols), "")
                    if part == "facts" and "row_seq" in pcols:
                        order += ', "row_seq"'
                    out[part] = self._dicts(con.execute(
                        f'SELECT * FROM "{part}" WHERE CAST("{key}" AS VARCHAR) = ?{order} LIMIT 20000', [str(doc_id)]))
            out["grids"] = grids(out.get("tables", []), out.get("facts", []))
            return out

    def indicator_names(self) -> list[str]:
        with self._connect() as con:
            if "indicator" not in self._columns(con, "indicators"):
                return []
            return [r[0] for r in con.execute("SELECT DISTINCT indicator FROM indicators ORDER BY 1").fetchall()]

    def indicators(self, indicator: str, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """One indicator across documents: department, region, year, value (万元), for comparison."""
        with self._connect() as con:
            icols = self._columns(con, "indicators")
            dcols = self._columns(con, "documents")
            if "indicator" not in icols or "value" not in icols:
                return []
            key = self._id_column(dcols)
            shown = [c for c in ("department", "province", "city", "region", "year", "kind", "level") if c in dcols]
            select = ", ".join([f'd."{c}"' for c in [key, *shown]] + ["i.value"])
            where, params = ["i.indicator = ?"], [indicator]
            for k, v in (filters or {}).items():
                if k in FILTERS and k in dcols and v not in (None, ""):
                    where.append(f'CAST(d."{k}" AS VARCHAR) = ?')
                    params.append(str(v))
            order = ', '.join(f'd."{c}"' for c in shown if c in ("department", "year")) or "1"
            cur = con.execute(f'SELECT {select} FROM indicators i JOIN documents d ON d."{key}" = i."{key}" '
                              f'WHERE {" AND ".join(where)} ORDER BY {order} LIMIT 2000', params)
            return self._dicts(cur)

    def findings_by_rule(self) -> list[dict[str, Any]]:
        """How many findings each rule has across the corpus, and in how many documents."""
        with self._connect() as con:
            fcols = self._columns(con, "findings")
            if "rule" not in fcols:
                return []
            key = self._id_column(self._columns(con, "documents"))
            sev = ", severity" if "severity" in fcols else ""
            docs = f'count(DISTINCT "{key}")' if key in fcols else "NULL"
            cur = con.execute(f"SELECT rule{sev}, count(*) AS findings, {docs} AS documents FROM findings "
                              f"GROUP BY rule{sev} ORDER BY findings DESC")
            return self._dicts(cur)


@dataclass
class Grid:
    """A stored table put back together from its facts: one row per printed row, one column per column id."""

    title: str
    table_id: str | None
    columns: list[tuple[str, str]]  # (column id, header)
    rows: list[tuple[str, str, list[str]]]  # (code, name, printed values in column order)


def grids(tables: list[dict[str, Any]], facts: list[dict[str, Any]]) -> list[Grid]:
    import json

    by_table: dict[Any, list[dict[str, Any]]] = {}
    for f in facts:
        by_table.setdefault(f.get("table_seq"), []).append(f)
    out: list[Grid] = []
    for t in tables or [{"table_seq": k, "title": f"表 {k}"} for k in by_table]:
        cells = by_table.get(t.get("table_seq"), [])
        try:
            declared = [(c["id"], c.get("header") or c["id"]) for c in json.loads(t.get("columns") or "[]")]
        except (ValueError, TypeError, KeyError):
            declared = []
        used = list(dict.fromkeys(str(f.get("column_id")) for f in cells))
        columns = [c for c in declared if c[0] in used] + [(c, c) for c in used if c not in dict(declared)]
        rows: dict[Any, dict[str, Any]] = {}
        for f in cells:
            r = rows.setdefault(f.get("row_seq"), {"code": f.get("code") or "", "name": f.get("name") or "", "v": {}})
            r["v"][str(f.get("column_id"))] = f.get("text") if f.get("text") is not None else f.get("value")
        out.append(Grid(str(t.get("title") or ""), t.get("table_id"), columns,
                        [(r["code"], r["name"], ["" if r["v"].get(c) is None else str(r["v"][c]) for c, _ in columns])
                         for _, r in sorted(rows.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))]))
    return out
