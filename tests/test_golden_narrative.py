"""The narrative of every seed against its hand-written golden (tests/golden/narrative/*.json).

Each golden lists, read by hand from the seed: the claims of the covered 情况说明 sections, the
profile, the projects, the TOC size, the number of 情况说明 sections and the 名词解释 terms. Every
golden claim must be extracted identically; in a covered section no other claim may be extracted.

A func subject is written ``func:<code>=<类/款/项 path>``: the code as read in the document's own
tables. The parser may only ever give that code, or — when the tables it was given do not decide
the code — ``func?:<path>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import yusuan
from yusuan.model import Claim, Document
from yusuan.parse.claims import CodeIndex

GOLDEN = Path(__file__).parent / "golden" / "narrative"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
FILES = sorted(GOLDEN.glob("*.json"))

_DOCS: dict[str, Document] = {}


def _doc(seed: str) -> Document:
    if seed not in _DOCS:
        _DOCS[seed] = yusuan.load(str(SEEDS / seed))
    return _DOCS[seed]


def _nows(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", text)


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _expected_subject(subject: str, codes: CodeIndex) -> str:
    if not subject.startswith("func:"):
        return subject
    code, _, path = subject[5:].partition("=")
    resolved = codes.resolve_func(path.split("/"))
    return f"func:{code}" if resolved == code else f"func?:{path}"


def _key(c: Claim) -> tuple[Any, ...]:
    return (
        c.subject,
        c.amount.value if c.amount else None,
        c.share,
        c.direction,
        c.change.value if c.change else None,
        c.change_percent,
        c.compared_to,
    )


def _section_number(c: Claim) -> str | None:
    m = re.match(r"^([一二三四五六七八九十]+)、", c.section or "")
    return m.group(1) if m else None


def _golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _params() -> Iterator[Any]:
    for f in FILES:
        yield pytest.param(f, id=f.stem[:3])


def test_goldens_present() -> None:
    assert len(FILES) == 5, "one golden per seed"


@pytest.mark.parametrize("path", list(_params()))
def test_claims(path: Path) -> None:
    g = _golden(path)
    doc = _doc(g["seed"])
    codes = CodeIndex.from_doc(doc)
    fields = g["claim_fields"]
    assert fields[0] == "subject"
    expected = []
    for row in g["claims"]:
        rec = dict(zip(fields, row, strict=True))
        expected.append(
            (
                _expected_subject(rec["subject"], codes),
                _dec(rec["amount"]),
                _dec(rec["share"]),
                rec["direction"],
                _dec(rec["change"]),
                _dec(rec["change_percent"]),
                rec["compared_to"],
            )
        )
    covered = set(g["covered_sections"])
    actual = [_key(c) for c in doc.claims if _section_number(c) in covered]
    missing = list(expected)
    extra = []
    for a in actual:
        if a in missing:
            missing.remove(a)
        else:
            extra.append(a)
    assert not missing, f"golden claims not extracted: {missing}"
    assert not extra, f"claims extracted that the golden does not list: {extra}"


@pytest.mark.parametrize("path", list(_params()))
def test_profile(path: Path) -> None:
    g = _golden(path)["profile"]
    p = _doc(_golden(path)["seed"]).profile
    assert len(p.functions) == g["functions"]
    for got, start in zip(p.functions, g["functions_start"], strict=True):
        assert got.startswith(start), (got[:30], start)
    assert p.declared_internal_units == g["declared_internal_units"]
    assert [_nows(u) for u in p.internal_units] == [_nows(u) for u in g["internal_units"]]
    assert p.declared_budget_units == g["declared_budget_units"]
    assert {k: [v.count, v.change] for k, v in p.staff.items()} == g["staff"]


@pytest.mark.parametrize("path", list(_params()))
def test_projects(path: Path) -> None:
    g = _golden(path)
    projects = _doc(g["seed"]).projects
    assert len(projects) == len(g["projects"])
    for got, want in zip(projects, g["projects"], strict=True):
        assert _nows(got.name) == _nows(want["name"])
        assert got.scale is not None and got.scale.value == Decimal(want["scale"])
        for key in ("basis", "units", "allocation", "period"):
            if key in want:
                assert _nows(getattr(got, key)) == _nows(want[key]), key
    # each project states its scale as a claim, for the rules that compare it with the tables
    names = {c.subject for c in _doc(g["seed"]).claims if c.subject.startswith("project:")}
    assert names == {f"project:{p.name}" for p in projects}


@pytest.mark.parametrize("path", list(_params()))
def test_toc_sections_glossary(path: Path) -> None:
    g = _golden(path)
    doc = _doc(g["seed"])
    assert len(doc.toc) == g["toc"]
    narrative = [s for s in doc.sections if s.part and "情况说明" in s.part]
    assert len(narrative) == g["narrative_sections"]
    assert [s.number for s in narrative][:3] == ["一", "二", "三"]
    assert list(doc.glossary) == g["glossary"]
    assert all(v.endswith("。") for v in doc.glossary.values())
