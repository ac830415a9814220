"""Findings on the seeds, reviewed by hand (tests/golden/findings/<seed>.json).

Format of a golden:

    {"fixture": "seeds/<file>",            # under tests/fixtures/
     "families": ["Y1", "Y2", "Y4"],       # code prefixes the golden covers exactly
     "review": "what was checked by hand",
     "expected": [{"rule", "severity", "line", "table"?, "why"}],
                                           # every error/warning of those families, nothing more
     "also_expected": [{"rule", "line", "why"}],
                                           # findings of other families verified true by hand:
                                           # they must be found (other findings there are allowed)
     "expected_on_tables": [{"rule", "severity", "table", "row_code", "column"}],
                                           # Y1/Y2 errors/warnings on the hand-read tables golden
                                           # (tests/golden/tables/<seed>.json): independent of parsing
     "pending": "why", "pending_rules": ["Y108"]}
                                           # optional: findings of these rules are ignored while the
                                           # parser is incomplete (the rest is still compared)

A finding is identified by rule, severity and line (and table when given): a new false alarm or a
lost true finding fails.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

import yusuan.pipeline
from yusuan.audit import AuditResult, audit
from yusuan.model import Amount, Column, Document, Row, Table

HERE = Path(__file__).resolve().parent
GOLDENS = sorted((HERE / "golden" / "findings").glob("*.json"))


@cache
def checked(fixture: str) -> AuditResult:
    return audit(yusuan.pipeline.load(str(HERE / "fixtures" / fixture)))


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.stem for g in GOLDENS])
def test_findings_of_covered_families_are_exactly_the_reviewed_ones(golden: Path) -> None:
    g = json.loads(golden.read_text(encoding="utf-8"))
    res = checked(g["fixture"])
    got = sorted(
        (f.rule, f.severity, f.location.line)
        for f in res.findings
        if f.severity != "info" and any(f.rule.startswith(p) for p in g["families"])
        and f.rule not in g.get("pending_rules", [])
        # Y020 is about yusuan's reading, not the document: tests/test_reading.py checks it
        and f.category != "reading"
    )
    want = sorted((e["rule"], e["severity"], e["line"]) for e in g["expected"])
    if got != want and g.get("pending"):
        pytest.xfail(f"{g['pending']}: got {got}")
    assert got == want
    for e in g["expected"]:
        if "table" in e:
            assert any(f.rule == e["rule"] and f.location.line == e["line"] and f.location.table == e["table"]
                       for f in res.findings)


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.stem for g in GOLDENS])
def test_reviewed_findings_of_other_families_are_found(golden: Path) -> None:
    g = json.loads(golden.read_text(encoding="utf-8"))
    res = checked(g["fixture"])
    found = {(f.rule, f.location.line) for f in res.findings}
    missing = [e for e in g["also_expected"] if (e["rule"], e["line"]) not in found]
    assert missing == []


def test_every_seed_has_a_reviewed_golden_or_is_pending() -> None:
    seeds = {p.stem for p in (HERE / "fixtures" / "seeds").glob("*.txt")}
    assert {g.stem for g in GOLDENS} <= seeds


def document_from_table_golden(path: Path) -> Document:
    """A Document holding exactly the tables a person read from the seed (no parser involved)."""
    g = json.loads(path.read_text(encoding="utf-8"))
    tables = []
    for t in g["tables"]:
        rows = [
            Row(code=r.get("code"), name=r.get("name", ""), side=r.get("side"), project=r.get("project"),
                unit=r.get("unit"), values={k: Amount(value=Decimal(v), text=v) for k, v in r["values"].items()})
            for r in t["rows"]
        ]
        cols: list[str] = []
        for r in rows:
            cols += [k for k in r.values if k not in cols]
        tables.append(Table(id=t["id"], title=t.get("title") or t["id"], rows=rows, empty=t.get("empty", False),
                            empty_note=t.get("empty_note"), columns=[Column(id=c, header=c) for c in cols]))
    return Document(paths=[path.name], format="text", tables=tables, year=g.get("year"))


@pytest.mark.parametrize("golden", GOLDENS, ids=[g.stem for g in GOLDENS])
def test_arithmetic_on_the_hand_read_tables(golden: Path) -> None:
    """Y1/Y2 on the tables as a person read them: the document's own mistakes, and nothing else."""
    g = json.loads(golden.read_text(encoding="utf-8"))
    tables = HERE / "golden" / "tables" / golden.name
    if not tables.exists():
        pytest.skip("no tables golden for this seed")
    res = audit(document_from_table_golden(tables), select=["Y1", "Y2"])
    got = sorted((f.rule, f.severity, f.location.table or "", f.location.row_code or "", f.location.column or "")
                 for f in res.findings if f.severity != "info")
    want = sorted((e["rule"], e["severity"], e["table"], e["row_code"], e["column"])
                  for e in g["expected_on_tables"])
    assert got == want
