"""yusuan query / compare / export: formats, exact decimals, the datapackage.json."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from store_helpers import SEEDS

from yusuan.cli import main
from yusuan.store import ingest
from yusuan.store.export import EXPORTED


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("q") / "q.duckdb")
    ingest(path, [[str(p)] for p in SEEDS], jobs=1, progress=False)
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


SQL = "SELECT department, value FROM indicators JOIN documents USING (doc_id) WHERE indicator = 'expense_total' ORDER BY department"


def test_query_json_is_one_object_per_line_with_exact_numbers(db: str) -> None:
    lines = _run("query", "--db", db, SQL, "--format", "json").splitlines()
    assert len(lines) == 5
    rows = [json.loads(line, parse_float=Decimal) for line in lines]
    assert all(set(r) == {"department", "value"} for r in rows)
    assert all(isinstance(r["value"], Decimal) for r in rows)
    assert lines == sorted(lines, key=lambda x: json.loads(x)["department"])


def test_query_csv_has_a_header_and_the_same_rows(db: str) -> None:
    rows = list(csv.reader(io.StringIO(_run("query", "--db", db, SQL, "--format", "csv"))))
    assert rows[0] == ["department", "value"] and len(rows) == 6
    as_json = [json.loads(x, parse_float=Decimal) for x in _run("query", "--db", db, SQL, "--format", "json").splitlines()]
    assert [Decimal(r[1]) for r in rows[1:]] == [r["value"] for r in as_json]


def test_query_table_and_bad_sql(db: str) -> None:
    assert "5 行" in _run("query", "--db", db, SQL)
    result = CliRunner().invoke(main, ["query", "--db", db, "SELECT nope FROM documents"])
    assert result.exit_code == 2 and "SQL 出错" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["query", "--db", "/nonexistent/x.duckdb", "SELECT 1"])
    assert result.exit_code == 2 and "数据库不存在" in result.output


def test_compare_sums_by_group_and_ratios(db: str) -> None:
    total = json.loads(_run("compare", "--db", db, "expense_total", "--by", "gov_level", "--format", "json")
                       .splitlines()[0], parse_float=Decimal)
    assert set(total) == {"gov_level", "documents", "total", "mean", "min", "max"}
    rows = [json.loads(x, parse_float=Decimal) for x in
            _run("compare", "--db", db, "three_public_total/expense_total", "--by", "department", "--format", "json")
            .splitlines()]
    for r in rows:
        assert r["percent"] == (100 * r["three_public_total"] / r["expense_total"]).quantize(Decimal("0.01"))
    assert [r["percent"] for r in rows] == sorted((r["percent"] for r in rows), reverse=True)


def test_compare_refuses_unknown_names(db: str) -> None:
    for args in (["nope"], ["expense_total", "--by", "planet"]):
        result = CliRunner().invoke(main, ["compare", "--db", db, *args])
        assert result.exit_code == 2 and "Traceback" not in result.output


def test_compare_chart(db: str, tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "c.png"
    _run("compare", "--db", db, "expense_total", "--by", "department", "--chart", str(out))
    assert Image.open(out).size[1] > 100


# The Data Package descriptor as the Frictionless spec requires it, plus the fiscal model's references.
DESCRIPTOR_SCHEMA = {
    "type": "object",
    "required": ["name", "resources", "profile", "model"],
    "properties": {
        "name": {"type": "string", "pattern": "^[a-z0-9._-]+$"},
        "profile": {"const": "fiscal-data-package"},
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "path", "schema"],
            "properties": {
                "name": {"type": "string", "pattern": "^[a-z0-9._-]+$"},
                "path": {"type": "string"},
                "schema": {"type": "object", "required": ["fields"], "properties": {"fields": {
                    "type": "array", "items": {"type": "object", "required": ["name", "type"], "properties": {
                        "type": {"enum": ["string", "number", "integer", "boolean", "date", "datetime", "year"]}}}}}},
            }}},
        "model": {"type": "object", "required": ["measures", "dimensions"]},
    },
}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_export_writes_every_table_described_by_a_valid_datapackage(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    _run("export", "--db", db, "--format", fmt, "-o", str(out))
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    jsonschema.validate(package, DESCRIPTOR_SCHEMA)
    by_name = {r["name"]: r for r in package["resources"]}
    assert set(by_name) == set(EXPORTED)
    for name, res in by_name.items():
        assert (out / res["path"]).is_file(), name
    for m in package["model"]["measures"].values():
        assert m["source"] in {f["name"] for f in by_name[m["resource"]]["schema"]["fields"]}
    if fmt == "csv":
        for name, res in by_name.items():
            with open(out / res["path"], encoding="utf-8") as fh:
                assert next(csv.reader(fh)) == [f["name"] for f in res["schema"]["fields"]], name
        facts = list(csv.DictReader(io.StringIO((out / "facts.csv").read_text(encoding="utf-8"))))
        assert facts and all(Decimal(f["value"]) == Decimal(f["value"]).quantize(Decimal("0.000001")) for f in facts)
    if fmt == "parquet":
        import duckdb

        con = duckdb.connect()
        n = con.execute(f"SELECT count(*) FROM '{out / 'indicators.parquet'}'").fetchall()
        assert n[0][0] > 50
        t = con.execute(f"DESCRIBE SELECT value FROM '{out / 'indicators.parquet'}'").fetchall()
        assert t[0][1] == "DECIMAL(20,6)"
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(out / "corpus.xlsx", read_only=True)
        assert set(wb.sheetnames) == set(EXPORTED)
