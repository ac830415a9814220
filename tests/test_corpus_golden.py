"""The 16 corpus PDFs against goldens written by reading each document (tests/golden/corpus/).

A golden states, for one PDF: department, year, unit, and for each table its canonical id, title
as printed, pages, unit, and several rows with the amounts as printed (``amounts``: the non-blank
amount cells of the row, left to right; ``values``: some of them by canonical column). The goldens
themselves must add up (a test checks that), and so must the parsed canonical tables.

Documents that really do not add up say so in their golden (``document_errors``), with the
figures; the add-up test expects exactly those and no others.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import yusuan
from yusuan.amounts import parse_number
from yusuan.audit.tolerance import sum_tolerance
from yusuan.model import Amount, Document, Row, Table
from yusuan.tables import norm

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"
GOLDEN = HERE / "golden" / "corpus"
GOLDENS = sorted(GOLDEN.glob("*.json"))

# What the parse does not yet get right, by test and golden: the golden is right (read by hand),
# the stage named is where the fix belongs. xfail(strict=True): a fix that lands fails the test
# until its entry is removed here.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def cases(test: str) -> list[Any]:
    out = []
    for g in GOLDENS:
        reason = KNOWN_GAPS.get((test, g.stem))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        out.append(pytest.param(g, id=g.stem, marks=marks))
    return out


# Tables whose rows are classification codes, with their TOTAL row
CODED = {"expense", "gpb_expense", "gov_fund", "soe_capital", "gpb_basic", "basic_total", "gpb_econ"}
# Row-internal sums by canonical column: parent = Σ parts
ROW_SUMS = [("total", ("basic", "project")), ("basic", ("personnel", "public"))]


def load_golden(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def parsed(name: str) -> Document:
    return yusuan.load(str(CORPUS / name))


def _amount(text: str, unit: str) -> Amount:
    from yusuan.testing import make_amount

    return make_amount(text, unit)


def _close(parent: str, parts: list[str], unit: str) -> bool:
    p = _amount(parent, unit)
    kids = [_amount(t, unit) for t in parts]
    return abs(p.value - sum((k.value for k in kids), Decimal(0))) <= sum_tolerance(p, kids)


# --------------------------------------------------------------------------- the goldens themselves


def test_there_is_a_golden_for_every_corpus_pdf() -> None:
    pdfs = {p.name for p in CORPUS.glob("*.pdf")}
    assert {load_golden(g)["file"] for g in GOLDENS} == pdfs


@pytest.mark.parametrize("path", GOLDENS, ids=[g.stem for g in GOLDENS])
def test_golden_adds_up(path: Path) -> None:
    g = load_golden(path)
    for t in g["tables"]:
        unit = t.get("unit", g["unit"])
        rows = t.get("rows", [])
        for r in rows:
            vals = r.get("values", {})
            for parent, parts in ROW_SUMS:
                if parent in vals and all(p in vals for p in parts):
                    assert _close(vals[parent], [vals[p] for p in parts], unit), (t["title"], r)
            for v in vals.values():
                assert v in r["amounts"], (t["title"], r, v)
        totals = {r.get("side"): r for r in rows if r.get("code") == "TOTAL"}
        if "income" in totals and "expense" in totals and totals["income"]["amounts"]:
            assert totals["income"]["amounts"][0] == totals["expense"]["amounts"][0], t["title"]
        parts_of = t.get("parts_of_total")
        if parts_of:
            col = parts_of["column"]
            (total,) = [r for r in rows if r.get("code") == "TOTAL"]
            kids = [r["values"][col] for r in rows if r.get("code") in parts_of["codes"]]
            assert len(kids) == len(parts_of["codes"]), t["title"]
            assert _close(total["values"][col], kids, unit), t["title"]


# --------------------------------------------------------------------------- the parse against them


def _row_amounts(table: Table, row: Row) -> list[str]:
    order = [c.id for c in table.columns]
    ids = sorted(row.values, key=lambda k: order.index(k) if k in order else len(order))
    return [row.values[k].text for k in ids]


def _find_row(tables: list[Table], spec: dict[str, Any]) -> tuple[Table, Row] | None:
    for t in tables:
        for r in t.rows:
            if "side" in spec and r.side != spec["side"]:
                continue
            if "unit" in spec:
                # a 预算单位 row (templates that list each unit's total with its name)
                if r.unit != spec["unit"] or (r.code or "").isdigit():
                    continue
            elif "code" in spec:
                if r.code != spec["code"]:
                    continue
            elif norm(r.name) != norm(spec["name"]):
                continue
            return t, r
    return None


@pytest.mark.parametrize("path", cases("meta"))
def test_document_meta(path: Path) -> None:
    g = load_golden(path)
    doc = parsed(g["file"])
    assert (doc.department, doc.year, doc.unit) == (g["department"], g["year"], g["unit"])
    assert doc.pages == g["pages"]


@pytest.mark.parametrize("path", cases("tables"))
def test_tables_match_golden(path: Path) -> None:
    g = load_golden(path)
    doc = parsed(g["file"])
    problems: list[str] = []
    for spec in g["tables"]:
        first, last = spec["pages"]
        found = [t for t in doc.tables if t.source.page is not None and first <= t.source.page <= last]
        if not found:
            problems.append(f"{spec['title']} (p{first}): 未找到 not found")
            continue
        head = found[0]
        if head.id != spec["id"]:
            problems.append(f"{spec['title']}: id {head.id} ≠ {spec['id']}")
            continue
        # the parser may keep the number (预算01表, 表一) apart from the title
        if not head.title or norm(head.title) not in norm(spec["title"]):
            problems.append(f"{spec['title']}: title {head.title!r}")
        if head.unit != spec.get("unit", g["unit"]):
            problems.append(f"{spec['title']}: unit {head.unit} ≠ {spec.get('unit', g['unit'])}")
        same = [t for t in found if t.id == spec["id"]]
        for rs in spec.get("rows", []):
            hit = _find_row(same, rs)
            if hit is None:
                problems.append(
                    f"{spec['title']}: row {rs.get('code') or rs.get('name') or rs.get('unit')} 未找到 missing"
                )
                continue
            t, r = hit
            got = _row_amounts(t, r)
            if got != rs["amounts"]:
                problems.append(
                    f"{spec['title']}: row {rs.get('code') or rs.get('name') or rs.get('unit')}: {got} ≠ {rs['amounts']}"
                )
            for col, text in rs.get("values", {}).items():
                if col not in r.values or r.values[col].text != text:
                    problems.append(
                        f"{spec['title']}: {rs.get('code') or rs.get('name') or rs.get('unit')}.{col} ≠ {text}"
                    )
    for c in g.get("claims", []):
        if not any(
            x.subject == c["subject"] and x.amount is not None and x.amount.text == c["amount"]
            for x in doc.claims
        ):
            problems.append(f"claim {c['subject']} = {c['amount']} 未读到 not read")
    assert not problems, "\n".join(problems)


def _merged(doc: Document) -> list[Table]:
    """Consecutive tables with the same id and title as one (a table printed over several pages,
    its title repeated on each)."""
    out: list[Table] = []
    for t in doc.tables:
        if out and out[-1].id == t.id and norm(out[-1].title) == norm(t.title) and t.id != "generic":
            out[-1] = out[-1].model_copy(update={"rows": out[-1].rows + t.rows})
        else:
            out.append(t)
    return out


def _sum_failures(doc: Document) -> list[str]:
    """Canonical tables that do not add up within rounding, as short stable keys."""
    out: list[str] = []
    for t in _merged(doc):
        if t.id in ("summary", "fiscal_summary"):
            tot = {r.side: r for r in t.rows if r.code == "TOTAL"}
            a, b = tot.get("income"), tot.get("expense")
            if a and b and a.values and b.values:
                x, y = next(iter(a.values.values())), next(iter(b.values.values()))
                if x.value != y.value:
                    out.append(f"{t.id}@p{t.source.page}:income≠expense")
        for r in t.rows:
            for parent, parts in ROW_SUMS:
                if parent in r.values and all(p in r.values for p in parts):
                    kids = [r.values[p] for p in parts]
                    if abs(r.values[parent].value - sum(k.value for k in kids)) > sum_tolerance(
                        r.values[parent], kids
                    ):
                        out.append(f"{t.id}@p{t.source.page}:{r.code or r.name}.{parent}")
        totals = [r for r in t.rows if r.code == "TOTAL"]
        if t.id in CODED and len(totals) == 1:  # several: one block per 预算单位, 类 rows repeat
            total = totals[0]
            kid_rows = [r for r in t.rows if r.code and r.code.isdigit() and len(r.code) == 3]
            if kid_rows and "total" in total.values:
                amounts = [k.values["total"] for k in kid_rows if "total" in k.values]
                if abs(total.values["total"].value - sum(a.value for a in amounts)) > sum_tolerance(
                    total.values["total"], amounts
                ):
                    out.append(f"{t.id}@p{t.source.page}:TOTAL≠Σ类")
    return out


@pytest.mark.parametrize("path", cases("sums"))
def test_parsed_canonical_tables_add_up(path: Path) -> None:
    g = load_golden(path)
    doc = parsed(g["file"])
    expected = sorted(e["key"] for e in g.get("document_errors", []))
    assert sorted(_sum_failures(doc)) == expected


def test_amounts_in_元_are_normalised_exactly() -> None:
    doc = parsed("01_shanghai_audit_bureau_2026.pdf")
    summary = doc.table("summary")
    assert summary is not None and summary.unit == "元"
    (total,) = [r for r in summary.rows if r.code == "TOTAL" and r.side == "expense"]
    values = [a for a in total.values.values() if a.text == "195,774,300"]
    assert values and values[0].value == Decimal("19577.43") and values[0].unit == "元"
    three = doc.table("three_public")
    assert three is not None and three.unit == "万元"


def test_six_decimal_万元_are_kept() -> None:
    doc = parsed("03_beijing_audit_bureau_tables_2026.pdf")
    summary = doc.table("summary")
    assert summary is not None
    (total,) = [r for r in summary.rows if r.code == "TOTAL" and r.side == "income"]
    (a,) = total.values.values()
    assert a.text == "32,852.053832" and a.value == parse_number("32852.053832")


def test_beijing_narrative_and_tables_together() -> None:
    doc = yusuan.load(
        [
            str(CORPUS / "02_beijing_audit_bureau_narrative_2026.pdf"),
            str(CORPUS / "03_beijing_audit_bureau_tables_2026.pdf"),
        ]
    )
    assert doc.department == "北京市审计局" and doc.year == 2026
    assert doc.table("summary") is not None and doc.table("expense") is not None
    assert doc.claims, "the narrative's figures are read"
    assert doc.pages == 31 and len(doc.paths) == 2
