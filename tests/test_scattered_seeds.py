"""Seeds 000 and 001 (raw text, cells scattered one per line) against their hand-written goldens.

Each table body is cut from the seed here (title line to the next title) and given straight to
``parse_scattered_table``, so these tests do not depend on the table finder. What is asserted:

* the rows (codes, names) are the printed ones, in order;
* a value the parser placed is in the golden's column (a wrong placement always fails);
* tables whose sums decide every column (支出, 基本支出, the two-sided tables) are placed completely;
* a value left unplaced is one the golden has in that row.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.blocks import TextLine
from yusuan.model import Table
from yusuan.parse.scattered import parse_scattered_table
from yusuan.parse.scattered_tokens import TableHeading

ROOT = Path(__file__).parent
GOLDENS = ["000_8e762299dd7fdb05.json", "001_59a47e706175cb74.json"]
DECIDABLE = {"summary", "fiscal_summary", "expense", "gpb_expense", "gpb_basic"}
_NUMBER_LINE = re.compile(r"^\s*表\s*\d+\s*$")


def _bodies(golden: dict) -> dict[str, tuple[int, list[TextLine]]]:
    text = (ROOT / "fixtures" / golden["fixture"]).read_text(encoding="utf-8").splitlines()
    titles = [t["title"] for t in golden["tables"]]
    where: list[tuple[int, str]] = []
    start = next(i for i, ln in enumerate(text) if "第二部分" in ln)
    for title in titles:
        i = next(i for i in range(start, len(text)) if text[i].strip() == title)
        where.append((i, title))
    end = next(i for i, ln in enumerate(text) if "第三部分" in ln)
    out: dict[str, tuple[int, list[TextLine]]] = {}
    carry: list[TextLine] = []
    for n, (i, title) in enumerate(where):
        stop = where[n + 1][0] if n + 1 < len(where) else end
        body = carry + [TextLine(text[k].strip(), line=k + 1) for k in range(i + 1, stop) if text[k].strip()]
        # A table whose first page comes before its title (the converter put the title after it)
        # starts at its number line "表 N": those lines belong to the next table.
        cut = next((k for k, ln in enumerate(body) if _NUMBER_LINE.match(ln.text) and k > 0), None)
        carry = body[cut + 1 :] if cut is not None and n + 1 < len(where) and where[n + 1][0] > i else []
        out[title] = (i + 1, body[:cut] if cut is not None else body)
    return out


def _cases():
    for name in GOLDENS:
        golden = json.loads((ROOT / "golden" / "tables" / name).read_text(encoding="utf-8"))
        for gt in golden["tables"]:
            yield pytest.param(golden, gt, id=f"{name[:3]}-{gt['id']}")


_PARSED: dict[tuple[str, str], Table] = {}


def _parse(golden: dict, gt: dict) -> Table:
    key = (golden["fixture"], gt["title"])
    if key not in _PARSED:
        line, body = _bodies(golden)[gt["title"]]
        heading = TableHeading(id=gt["id"], title=gt["title"], unit=golden["unit"], line=line)
        t = parse_scattered_table(heading, body)
        assert t is not None
        _PARSED[key] = t
    return _PARSED[key]


@pytest.mark.parametrize(("golden", "gt"), list(_cases()))
def test_seed_table_against_golden(golden: dict, gt: dict) -> None:
    t = _parse(golden, gt)
    assert t.empty == gt["empty"]
    if gt["empty"]:
        return
    assert [(r.side, r.code) for r in t.rows] == [(g.get("side"), g["code"]) for g in gt["rows"]]
    for r, g in zip(t.rows, gt["rows"], strict=True):
        assert (r.name, r.project) == (g["name"], g.get("project"))
        golden_values = {k: Decimal(v) for k, v in g["values"].items()}
        for col, a in r.values.items():
            assert golden_values.get(col) == a.value, f"{r.code} {col}: {a.text} placed wrongly"
        in_row = sorted(golden_values.values()) + sorted(Decimal(v) for v in g.get("unplaced", []))
        for u in r.unplaced:
            assert u.value in in_row, f"{r.code}: unplaced {u.text} is not in the golden row"
        if gt["id"] in DECIDABLE:
            assert not r.unplaced, f"{r.code}: {[u.text for u in r.unplaced]} left unplaced"
            assert {k: a.value for k, a in r.values.items()} == golden_values


def test_seed_000_income_reports_the_missing_value_instead_of_misplacing():
    golden = json.loads((ROOT / "golden" / "tables" / GOLDENS[0]).read_text(encoding="utf-8"))
    gt = next(g for g in golden["tables"] if g["id"] == "income")
    t = _parse(golden, gt)
    assert any("不平" in n and "21015" in n for n in t.notes)
    r = next(r for r in t.rows if r.code == "2101506")
    assert [u.text for u in r.unplaced] == ["11.96"]
