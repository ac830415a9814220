"""yusuan ingest: idempotent by content, a changed file replaces its old version, bad files are
recorded and skipped, parallel equals serial, a document is written whole or not at all."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import FIXTURES, SEEDS

from yusuan.cli import main
from yusuan.store import Store, ingest
from yusuan.store.backend import Store as _Store


def _count(db: str, sql: str) -> int:
    with Store(db, read_only=True) as s:
        return int(s.query(sql)[1][0][0])


def _snapshot(db: str) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row but the ingest timestamps, sorted: what must not depend on how it was ingested."""
    out = {}
    with Store(db, read_only=True) as s:
        for table in ("tables", "facts", "claims", "findings", "indicators"):
            cols, rows = s.query(f'SELECT * FROM "{table}"')
            out[table] = sorted(rows, key=repr)
        cols, rows = s.query("SELECT * EXCLUDE (ingested_at, paths) FROM documents")
        out["documents"] = sorted(rows, key=repr)
    return out


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("store") / "seeds.duckdb")
    summary = ingest(db, [[str(p)] for p in SEEDS], jobs=1, progress=False)
    assert summary.new == len(SEEDS) and not summary.failed
    return db


def test_every_seed_is_one_document_with_its_rows(seeds_db: str) -> None:
    assert _count(seeds_db, "SELECT count(*) FROM documents") == 5
    # n_facts counts what facts holds for the document: the rows were written whole
    assert _count(seeds_db, "SELECT count(*) FROM documents d WHERE n_facts <> "
                            "(SELECT count(*) FROM facts f WHERE f.doc_id = d.doc_id)") == 0
    assert _count(seeds_db, "SELECT count(*) FROM facts") > 1000


def test_ingesting_again_parses_nothing_and_changes_nothing(seeds_db: str) -> None:
    before = _snapshot(seeds_db)
    summary = ingest(seeds_db, [[str(p)] for p in SEEDS], jobs=1, progress=False)
    assert (summary.new, summary.replaced, summary.unchanged) == (0, 0, 5)
    assert _snapshot(seeds_db) == before


def test_same_content_at_two_paths_is_one_document(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    a = tmp_path / "a.txt"
    b = tmp_path / "sub" / "b.txt"
    b.parent.mkdir()
    shutil.copy(SEEDS[1], a)
    shutil.copy(SEEDS[1], b)
    summary = ingest(db, [[str(a)], [str(b)]], jobs=1, progress=False)
    assert (summary.new, summary.unchanged) == (1, 1)
    assert _count(db, "SELECT count(*) FROM documents") == 1
    assert _count(db, "SELECT count(*) FROM document_paths") == 2


def test_a_changed_file_replaces_its_old_version(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    f = tmp_path / "doc.txt"
    shutil.copy(SEEDS[1], f)
    ingest(db, [[str(f)]], jobs=1, progress=False)
    with Store(db, read_only=True) as s:
        (old_id,), = s.query("SELECT doc_id FROM documents")[1]
    f.write_text(f.read_text(encoding="utf-8") + "\n附注：本文件于公开后更正。\n", encoding="utf-8")
    summary = ingest(db, [[str(f)]], jobs=1, progress=False)
    assert (summary.new, summary.replaced) == (0, 1)
    with Store(db, read_only=True) as s:
        ids = [r[0] for r in s.query("SELECT doc_id FROM documents")[1]]
        orphans = s.query("SELECT count(*) FROM facts WHERE doc_id = ?", [old_id])[1][0][0]
    assert len(ids) == 1 and ids[0] != old_id
    assert orphans == 0


def test_a_bad_file_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a pdf")
    result = CliRunner().invoke(main, ["ingest", str(bad), str(SEEDS[0]), "--db", db, "-j", "1"])
    assert result.exit_code == 2, result.output
    assert "broken.pdf" in result.output and "失败 1 份" in result.output
    assert "Traceback" not in result.output
    with Store(db, read_only=True) as s:
        rows = s.query("SELECT paths, reason FROM failures")[1]
    assert len(rows) == 1 and "broken.pdf" in rows[0][0] and "PDF" in rows[0][1]
    assert _count(db, "SELECT count(*) FROM documents") == 1


def test_parallel_ingest_stores_exactly_what_a_serial_one_does(tmp_path: Path, seeds_db: str) -> None:
    db = str(tmp_path / "par.duckdb")
    summary = ingest(db, [[str(p)] for p in SEEDS], jobs=2, progress=False)
    assert summary.new == 5
    assert _snapshot(db) == _snapshot(seeds_db)


def test_a_failure_while_writing_leaves_no_half_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "s.duckdb")
    real_insert = _Store.insert

    def failing_insert(self: _Store, table: str, rows: object) -> None:
        if table == "claims":  # after documents, tables and facts were inserted
            raise RuntimeError("disk full")
        real_insert(self, table, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(_Store, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        ingest(db, [[str(SEEDS[0])]], jobs=1, progress=False)
    monkeypatch.setattr(_Store, "insert", real_insert)
    for table in ("documents", "tables", "facts"):
        assert _count(db, f"SELECT count(*) FROM {table}") == 0, table
    assert ingest(db, [[str(SEEDS[0])]], jobs=1, progress=False).new == 1  # and the next run resumes


def test_killed_mid_ingest_every_stored_document_is_whole_and_the_rerun_completes(tmp_path: Path) -> None:
    db = str(tmp_path / "k.duckdb")
    files = [str(p) for p in SEEDS] + sorted(str(p) for p in (FIXTURES / "corpus").glob("*.pdf"))[3:9]  # no split pair
    cmd = [sys.executable, "-c", "from yusuan.cli import main; main()", "ingest", *files, "--db", db, "-j", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(6.0)  # about half way: the seeds take ~2 s, each PDF ~1 s
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _count(db, "SELECT count(*) FROM documents")
    assert _count(db, "SELECT count(*) FROM documents d WHERE n_facts <> "
                      "(SELECT count(*) FROM facts f WHERE f.doc_id = d.doc_id)") == 0
    assert _count(db, "SELECT count(*) FROM facts WHERE doc_id NOT IN (SELECT doc_id FROM documents)") == 0
    summary = ingest(db, [[f] for f in files], jobs=1, progress=False)
    assert summary.unchanged == stored
    assert _count(db, "SELECT count(*) FROM documents") == len(files)


def test_the_two_halves_of_a_split_disclosure_are_one_document(tmp_path: Path) -> None:
    db = str(tmp_path / "bj.duckdb")
    narrative = FIXTURES / "corpus" / "02_beijing_audit_bureau_narrative_2026.pdf"
    tables = FIXTURES / "corpus" / "03_beijing_audit_bureau_tables_2026.pdf"
    groups = [[str(narrative)], [str(tables)], [str(SEEDS[0])]]
    assert ingest(db, groups, jobs=1, progress=False).new == 2
    with Store(db, read_only=True) as s:
        (paths, n_claims, n_tables), = s.query("SELECT paths, n_claims, n_tables FROM documents "
                                               "WHERE department = '北京市审计局'")[1]
        assert s.query("SELECT count(*) FROM document_paths")[1][0][0] == 3
    assert "narrative" in paths.split(",")[0] and "tables" in paths
    assert n_claims > 0 and n_tables > 5  # the narrative's claims and the tables' tables together
    again = ingest(db, groups, jobs=1, progress=False)
    assert (again.new, again.replaced, again.unchanged) == (0, 0, 3)
