"""The store on a real PostgreSQL server holds exactly what DuckDB holds.

.ci/run starts a throwaway server (.ci/postgres.sh) and exports YUSUAN_TEST_PG; without one these
tests skip, loudly.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from click.testing import CliRunner
from store_helpers import SEEDS, pg_dsn

from yusuan.cli import main
from yusuan.store import Store, ingest
from yusuan.store.schema import columns

COMPARED = ("documents", "tables", "facts", "claims", "findings", "indicators")
VOLATILE = {"ingested_at", "paths"}


@pytest.fixture
def pg() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards."""
    import psycopg

    dsn = pg_dsn()
    name = f"yusuan_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(dsn)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _snapshot(db: str) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with Store(db, read_only=True) as s:
        for table in COMPARED:
            cols = ", ".join(f'"{c}"' for c in columns(table) if c not in VOLATILE)
            out[table] = sorted(s.query(f'SELECT {cols} FROM "{table}"')[1], key=repr)
    return out


def test_postgres_stores_what_duckdb_stores(pg: str, tmp_path: Path) -> None:
    duck = str(tmp_path / "d.duckdb")
    groups = [[str(p)] for p in SEEDS[:3]]
    ingest(duck, groups, jobs=1, progress=False)
    assert ingest(pg, groups, jobs=1, progress=False).new == 3
    a, b = _snapshot(duck), _snapshot(pg)
    for table in COMPARED:
        assert a[table] == b[table], table
    assert len(b["facts"]) > 500


def test_postgres_ingest_is_idempotent_and_replaces_changed_files(pg: str, tmp_path: Path) -> None:
    f = tmp_path / "doc.txt"
    f.write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")
    assert ingest(pg, [[str(f)]], progress=False).new == 1
    assert ingest(pg, [[str(f)]], progress=False).unchanged == 1
    f.write_text(f.read_text(encoding="utf-8") + "\n附注：更正。\n", encoding="utf-8")
    assert ingest(pg, [[str(f)]], progress=False).replaced == 1
    with Store(pg) as s:
        assert s.query("SELECT count(*) FROM documents")[1][0][0] == 1
        assert s.query("SELECT count(*) FROM facts WHERE doc_id NOT IN (SELECT doc_id FROM documents)")[1][0][0] == 0


def test_query_compare_and_export_run_on_postgres(pg: str, tmp_path: Path) -> None:
    ingest(pg, [[str(p)] for p in SEEDS[:2]], jobs=1, progress=False)
    runner = CliRunner()
    r = runner.invoke(main, ["query", "--db", pg, "SELECT count(*) AS n FROM documents", "--format", "json"])
    assert r.exit_code == 0 and r.output.strip() == '{"n": 2}', r.output
    r = runner.invoke(main, ["compare", "--db", pg, "expense_total", "--by", "year", "--format", "csv"])
    assert r.exit_code == 0 and r.output.startswith("year,documents,total"), r.output
    r = runner.invoke(main, ["export", "--db", pg, "--format", "parquet", "-o", str(tmp_path / "x")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x" / "facts.parquet").is_file() and (tmp_path / "x" / "datapackage.json").is_file()


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["ingest", str(SEEDS[0]), "--db", f"postgresql://nobody@/nodb?host={tmp_path}"])
    assert r.exit_code == 2 and "无法打开数据库" in r.output and "Traceback" not in r.output
