"""The 绩效目标表 of the five seeds against goldens typed by reading the seeds (tests/golden/performance).

Text fields are compared without whitespace (converters put spaces between Chinese characters
anywhere); amounts as exact Decimals; weights as Decimals.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from yusuan.amounts import parse_number
from yusuan.audit import AuditResult, audit
from yusuan.model import Document, PerformanceTable
from yusuan.parse import parse_document
from yusuan.parse.performance import parse_performance
from yusuan.parse.segment import segment
from yusuan.readers.text import read_text

HERE = Path(__file__).resolve().parent
GOLDEN_DIR = HERE / "golden" / "performance"
SEEDS = HERE / "fixtures" / "seeds"
FILES = sorted(GOLDEN_DIR.glob("*.json"), key=lambda p: p.name)
IDS = [p.stem[:3] for p in FILES]


def sq(text: Any) -> str | None:
    return None if text is None else re.sub(r"\s+", "", str(text))


def num(text: str) -> Decimal:
    v = parse_number(text)
    assert v is not None, text
    return v


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def performance_of(seed: str) -> tuple[PerformanceTable, ...]:
    """Only the performance stage: the goldens judge this reader, not the other stages."""
    raw = read_text(str(SEEDS / seed))
    doc = Document(paths=[seed], format=raw.format)
    parse_performance(raw, segment(raw), doc)
    return tuple(doc.performance)


@cache
def audited(seed: str) -> AuditResult:
    return audit(parse_document(read_text(str(SEEDS / seed))), select=["Y6"])


def test_there_is_a_golden_for_every_seed() -> None:
    assert [p.name[:3] for p in FILES] == sorted(p.name[:3] for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_golden_adds_up(path: Path) -> None:
    """The goldens themselves are consistent: sources add up to totals, weights to their total."""
    g = load(path)
    for t in g["tables"]:
        a = t["amounts"]
        if {"total", "fiscal", "other"} <= a.keys():
            assert num(a["fiscal"]) + num(a["other"]) == num(a["total"]), t["project"]
        if "indicators" in t:
            assert len(t["indicators"]) == t["indicator_count"], t["project"]
            weights = [row[6] for row in t["indicators"]]
            if t["weight_total"] is None:
                assert all(w is None for w in weights)
            else:
                assert sum(num(w) for w in weights) == num(t["weight_total"])


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_tables_match_golden(path: Path) -> None:
    g = load(path)
    got = performance_of(g["seed"])
    assert len(got) == len(g["tables"])
    for want, t in zip(g["tables"], got, strict=True):
        label = want["project"] or want["kind"]
        assert t.kind == want["kind"], label
        assert t.year == want["year"], label
        assert sq(t.project) == sq(want["project"]), label
        assert (sq(want["unit"]) or "") in (sq(t.unit) or ""), label
        assert {k: a.value for k, a in t.amounts.items()} == {k: num(v) for k, v in want["amounts"].items()}, label
        assert len(t.indicators) == want["indicator_count"], label
        weights = [i.weight for i in t.indicators]
        total = sum((w for w in weights if w is not None), Decimal(0)) if all(w is not None for w in weights) else None
        assert total == (num(want["weight_total"]) if want["weight_total"] is not None else None), label


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_indicators_match_golden(path: Path) -> None:
    g = load(path)
    fields = g["indicator_fields"]
    got = performance_of(g["seed"])
    for want, t in zip(g["tables"], got, strict=True):
        for row, ind in zip(want.get("indicators", []), t.indicators, strict=False):
            w = dict(zip(fields, row, strict=True))
            label = f"{want['project']} / {w['level3']}"
            for f in ("level1", "level2", "level3", "value_text", "basis", "last_year", "scoring", "evidence"):
                assert sq(getattr(ind, f)) == sq(w[f]), f"{label}: {f}"
            assert ind.weight == (num(w["weight"]) if w["weight"] is not None else None), label
            # operator, value and unit are the printed cell split without loss
            rebuilt = sq(f"{ind.operator or ''}{ind.value or ''}{ind.unit or ''}")
            assert rebuilt == sq(w["value_text"]), label


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_rules_find_the_seed_problems(path: Path) -> None:
    """The problems a reader finds in the seed's target tables are reported. Rules that need
    another stage's output (projects, sections) are skipped when that stage did not deliver."""
    g = load(path)
    res = audited(g["seed"])
    ran = {c.rule for c in res.coverage if c.status == "ran"}
    missing = []
    for want in g["findings"]:
        if want["rule"] not in ran:
            continue
        hits = [f for f in res.findings if f.rule == want["rule"]
                and all((sq(s) or "") in (sq(f.message) or "") for s in want["contains"])]
        if not hits:
            missing.append(want)
    assert missing == []
    assert not [f for f in res.findings if f.rule == "Y000"], "a Y6xx rule crashed"
