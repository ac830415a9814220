"""Documents of other years, templates and kinds (../shared/more) against hand-checked goldens.

Each golden (tests/golden/more/*.json) was written from the rendered pages (``yusuan debug FILE
--page N -o p.png``), never from yusuan's output. It states the document's kind and year and, for
some tables, the canonical id, title, page, unit and rows (side, code, optional name) with the
figures as printed by canonical column; ``sums`` and ``row_sums`` state how the golden's own
figures add up (checked first, so a golden that does not add up fails by itself).

The PDFs are not copied into the repository; the tests skip, saying so, when ../shared/more is absent.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import yusuan
from yusuan.model import Document, Row, Table

HERE = Path(__file__).parent
GOLDENS = sorted((HERE / "golden" / "more").glob("*.json"))


def _more_dir() -> Path:
    env = os.environ.get("YUSUAN_MORE")
    for p in [Path(env)] if env else [HERE.parent.parent / "shared" / "more", Path("/work/shared/more")]:
        if p.is_dir():
            return p
    return Path(env or "/work/shared/more")


MORE = _more_dir()


def _golden(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _doc(name: str) -> Document:
    pdf = MORE / name
    if not pdf.is_file():
        pytest.skip(f"../shared/more 不在（{pdf}）：跳过 more goldens / shared set absent")
    return yusuan.load(str(pdf))


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _grow(gt: dict[str, Any], key: str | None, side: str | None = None) -> dict[str, Any]:
    """A golden row by its code or by its printed name."""
    return next(r for r in gt["rows"] if r.get("side") == side
                and (r.get("code") == key or r.get("name") == key))


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_adds_up(path: Path) -> None:
    for gt in _golden(path)["tables"]:
        n = 0
        for s in gt.get("sums", []):
            total = _num(_grow(gt, s["total"], s.get("side"))["values"][s["column"]])
            parts = [_grow(gt, c, s.get("side"))["values"].get(s["column"]) for c in s["parts"]]
            got = sum((_num(p) for p in parts if p), Decimal(0))
            n += 1
            assert abs(total - got) <= Decimal("0.005") * len(parts), (gt["id"], s)
        for s in gt.get("row_sums", []):
            vals = _grow(gt, s["code"], s.get("side"))["values"]
            got = sum((_num(vals[c]) for c in s["parts"] if c in vals), Decimal(0))
            n += 1
            assert _num(vals[s["total"]]) == got, (gt["id"], s)
        assert n or gt.get("empty"), f"{gt['id']}: a golden table states how it adds up"


def _table(doc: Document, gt: dict[str, Any]) -> Table:
    found = [t for t in doc.tables if t.id == gt["id"] and t.title.replace(" ", "") == gt["title"]]
    assert found, f"{gt['id']} 「{gt['title']}」 not read: {[(t.id, t.title) for t in doc.tables]}"
    return found[0]


def _row(t: Table, r: dict[str, Any]) -> Row:
    found = [x for x in t.rows if x.code == r.get("code") and x.side == r.get("side")
             and ("name" not in r or x.name.replace(" ", "") == r["name"])]
    assert found, f"{t.id}: row {r} not read"
    return next((x for x in found if x.values), found[0])


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_matches_parse(path: Path) -> None:
    g = _golden(path)
    doc = _doc(g["file"])
    assert (doc.kind, doc.year) == (g["kind"], g["year"])
    for gt in g["tables"]:
        t = _table(doc, gt)
        assert t.source.page == gt["page"], gt["id"]
        assert t.empty == gt.get("empty", False), gt["id"]
        if "unit" in gt:
            assert t.unit == gt["unit"], gt["id"]
        per = Decimal(10000) if gt.get("unit") == "元" else Decimal(1)
        for r in gt["rows"]:
            row = _row(t, r)
            got = {k: a.text.replace(",", "") for k, a in row.values.items()}
            want = {k: v.replace(",", "") for k, v in r["values"].items()}
            assert got == want, f"{gt['id']} {r.get('code')} {r.get('name', '')}"
            for k, v in r["values"].items():
                assert row.values[k].value == _num(v) / per, (gt["id"], r.get("code"), k)


def test_no_generic_tables_in_the_standard_final_sets() -> None:
    """Every table of the two standard 9-table 决算 sets has its canonical id and named columns."""
    for name in ("018_shanghai_putuo-social-work-dept_2024_final.pdf", "019_shanghai_putuo-planning-resources_2024_final.pdf"):
        doc = _doc(name)
        assert doc.kind == "决算"
        assert [t.id for t in doc.tables] == ["summary", "income", "expense", "fiscal_summary", "gpb_expense",
                                              "gpb_basic", "three_public", "gov_fund", "soe_capital"]
        assert [c.id for t in doc.tables for c in t.columns if c.id.startswith("col")] == []


_CLAIM_FIELDS = ("budget_initial", "budget_adjusted", "completion", "completion_base", "versus_budget")


@pytest.mark.parametrize("path", [p for p in GOLDENS if "claims" in _golden(p)],
                         ids=[p.stem for p in GOLDENS if "claims" in _golden(p)])
def test_golden_claims(path: Path) -> None:
    """The 决算 说明's main figures: the 决算数 against its budgets, the rate, the word."""
    g = _golden(path)
    doc = _doc(g["file"])
    for want in g["claims"]:
        found = [c for c in doc.claims if c.subject == want["subject"] and c.amount is not None
                 and c.amount.text.replace(",", "") == want["amount"] and c.source.page == want["page"]]
        assert found, f"claim {want} not read"

        def fields(c: Any) -> dict[str, str | None]:
            out: dict[str, str | None] = {}
            for k in _CLAIM_FIELDS:
                v = getattr(c, k)
                out[k] = v.text.replace(",", "") if hasattr(v, "text") else (str(v) if v is not None else None)
            return out

        expected = {k: want.get(k) for k in _CLAIM_FIELDS}
        assert expected in [fields(c) for c in found], (want, [fields(c) for c in found])
