"""Findings on the seeds, reviewed by hand (tests/golden/findings/<seed>.json).

Format of a golden:

    {"fixture": "seeds/<file>",            # under tests/fixtures/
     "families": ["Y1", "Y2", "Y4"],       # code prefixes the golden covers exactly
     "review": "what was checked by hand",
     "expected": [{"rule", "severity", "line", "table"?, "why"}],
                                           # every error/warning of those families, nothing more
     "also_expected": [{"rule", "line", "why"}]}
                                           # findings of other families verified true by hand:
                                           # they must be found (other findings there are allowed)

A finding is identified by rule, severity and line (and table when given): a new false alarm or a
lost true finding fails.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import yusuan.pipeline
from yusuan.audit import AuditResult, audit

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
    )
    want = sorted((e["rule"], e["severity"], e["line"]) for e in g["expected"])
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
