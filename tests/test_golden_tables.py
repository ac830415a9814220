"""Golden tables: every number of every table of a document, written by hand from the document.

Format (one JSON file per document in tests/golden/tables/, named after the fixture)::

    {
      "fixture": "seeds/002_ecac1c9bef546caa.txt",       # path under tests/fixtures/
      "department": "乌鲁木齐市医疗保障局",                  # optional: checked when present
      "year": 2024,                                       # optional
      "unit": "万元",                                      # optional: the document's unit
      "tables": [                                          # in document order
        {"id": "expense", "title": "部门支出总体情况表", "number": "表3", "empty": false,
         "rows": [                                         # in printed order
           {"code": "TOTAL", "name": "总计", "values": {"total": "3166.28", "basic": "1804.60"}},
           {"code": "2101501", "name": "行政运行", "values": {"total": "1089.27", "basic": "1089.27"}},
           {"code": null, "name": "2023年综合业务费", "project": "2023年综合业务费",
            "unit": "某某局", "values": {"total": "20.43"}},
           {"side": "income", "code": "income.gpb", "name": "一般公共预算", "values": {"amount": "1.00"}}
         ]}
      ],
      "known_imbalances": [                                # optional, see below
        {"table": "expense", "check": "expense/210/children/total", "comment": "what is wrong"},
        {"table": "income", "row": "21015", "column": "gpb", "note": "what is wrong"}
      ]
    }

* ``id``, ``code`` and column ids are the canonical ones of docs/tables.md; ``code`` is digits
  for classification codes, ``TOTAL`` for the grand total, an item id in the summary tables, or
  null. ``side`` only for the two-sided summary tables; ``project`` / ``unit`` only where the row
  has them (absent means none).
* ``values`` are decimal strings in 万元 (converted exactly, no thousands separators), only the
  cells that print a number: an empty cell is absent, not "0".
* ``number`` may be omitted or null; ``title`` is compared without whitespace.
* Rows that print no number at all may be left out of a golden. A row listed without values must
  still be found (same code, name, side) and be empty.

Comparison (``test_golden_matches_parse``): same tables in the same order (id, title, empty),
and, per table, the rows carrying at least one value are the same list — code, name (whitespace
ignored), side, project, unit and every value equal — so a misplaced, missing or extra value
fails.

Add-up (``test_golden_adds_up``): each golden table is checked against its own arithmetic —
类 = Σ款 = Σ项, TOTAL = Σ类 (per unit where the table lists units), total = basic + project,
total = personnel + public, the income columns, the 三公 items, the carryover columns, summary
收入总计 = 支出总计 — within rounding (n × 0.005 for n addends). A place where the DOCUMENT
itself does not add up is kept as printed and listed in ``known_imbalances``, either by the check
key the test prints or by table + row (code, TOTAL, unit or project) + column (a column id, or
the left side of a row-wise sum such as ``total`` for total=basic+project), with a comment/note
saying what is wrong; the test skips exactly those (a listed entry that does add up fails too).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from yusuan.parse import parse_document
from yusuan.readers import read

HERE = Path(__file__).parent
GOLDEN_DIR = HERE / "golden" / "tables"
GOLDENS = sorted(GOLDEN_DIR.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _ws(text: str | None) -> str | None:
    return re.sub(r"\s+", "", text) if text is not None else None


def _golden_row(r: dict[str, Any]) -> tuple[Any, ...]:
    return (
        r.get("side"),
        r.get("code"),
        _ws(r.get("name", "")),
        _ws(r.get("project")),
        _ws(r.get("unit")),
        tuple(sorted((k, Decimal(v)) for k, v in r.get("values", {}).items())),
    )


def _parsed_row(r: Any) -> tuple[Any, ...]:
    return (
        r.side,
        r.code,
        _ws(r.name),
        _ws(r.project),
        _ws(r.unit),
        tuple(sorted((k, a.value) for k, a in r.values.items())),
    )


@pytest.fixture(scope="module")
def parsed() -> dict[str, Any]:
    return {}


def _doc(golden: dict[str, Any], cache: dict[str, Any]) -> Any:
    fixture = golden["fixture"]
    if fixture not in cache:
        cache[fixture] = parse_document(read(str(HERE / "fixtures" / fixture)))
    return cache[fixture]


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_matches_parse(path: Path, parsed: dict[str, Any]) -> None:
    golden = _load(path)
    doc = _doc(golden, parsed)
    for key in ("department", "year", "unit"):
        if key in golden:
            assert getattr(doc, key) == golden[key], key
    got_tables = [(t.id, _ws(t.title), t.empty) for t in doc.tables]
    want_tables = [(t["id"], _ws(t["title"]), t.get("empty", False)) for t in golden["tables"]]
    assert got_tables == want_tables
    for gt, pt in zip(golden["tables"], doc.tables, strict=True):
        if gt.get("number"):
            assert _ws(pt.number) == _ws(gt["number"]), gt["id"]
        want = [_golden_row(r) for r in gt["rows"] if r.get("values")]
        got = [_parsed_row(r) for r in pt.rows if r.values]
        assert got == want, f"{gt['id']} ({gt['title']})"
        present = {_parsed_row(r)[:3] for r in pt.rows if not r.values}
        for r in gt["rows"]:
            if not r.get("values"):
                assert _golden_row(r)[:3] in present, f"{gt['id']}: row {r} missing or not empty"


# --- add-up checks -----------------------------------------------------------------------------

_ZERO = Decimal(0)
_HALF_CENT = Decimal("0.005")


def _v(row: dict[str, Any] | None, col: str) -> Decimal | None:
    if row is None:
        return None
    s = row.get("values", {}).get(col)
    return Decimal(s) if s is not None else None


class _Checker:
    """Collects failed sums under a key ``table/row/what/column`` (the row is a code, TOTAL, a unit
    or a project name; the column is a column id, or ``parent=a+b`` for a row-wise sum)."""

    def __init__(self, table_id: str) -> None:
        self.table_id = table_id
        self.failures: dict[str, tuple[str, str, str]] = {}  # key -> (row, column, message)

    def eq(self, key: str, parent: Decimal | None, parts: Iterable[Decimal | None]) -> None:
        """parent = Σ parts, blanks counted as zero, skipped when every term is blank."""
        parts = list(parts)
        if not parts or (parent is None and all(p is None for p in parts)):
            return
        total = sum((p or _ZERO for p in parts), _ZERO)
        tol = _HALF_CENT * max(len(parts), 1)
        if abs((parent or _ZERO) - total) > tol:
            segs = key.split("/")
            row, column = (segs[-2], segs[-1]) if "=" in segs[-1] and len(segs) >= 2 else (segs[-3] if len(segs) >= 3 else segs[0], segs[-1])
            if "=" in column:
                column = column.split("=")[0]
            self.failures[f"{self.table_id}/{key}"] = (row, column, f"{parent} ≠ Σ {total}")


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    cols: list[str] = []
    for r in rows:
        for k in r.get("values", {}):
            if k not in cols:
                cols.append(k)
    return cols


def _hierarchy(c: _Checker, rows: list[dict[str, Any]], scope: str) -> None:
    """类 = Σ款, 款 = Σ项 (same-code rows summed, as in project tables), top = Σ类."""
    coded = [r for r in rows if r.get("code") and r["code"].isdigit()]
    cols = _columns(rows)
    sums: dict[str, dict[str, list[Decimal | None]]] = {}
    first: dict[str, dict[str, Any]] = {}
    for r in coded:
        first.setdefault(r["code"], r)
    for r in coded:
        code = r["code"]
        if len(code) in (5, 7):
            parent = code[:-2]
            for col in cols:
                sums.setdefault(parent, {}).setdefault(col, []).append(_v(r, col))
    for parent, by_col in sums.items():
        if parent not in first:
            continue
        for col, parts in by_col.items():
            c.eq(f"{scope}{parent}/children/{col}", _v(first[parent], col), parts)
    top = next((r for r in rows if r.get("code") == "TOTAL" or (r.get("code") is None and r.get("unit") and
                                                                  r.get("name") == r.get("unit"))), None)
    classes = [r for r in coded if len(r["code"]) == 3]
    if top is not None and classes:
        for col in cols:
            c.eq(f"{scope}{top['code'] or top['name']}/classes/{col}", _v(top, col), [_v(r, col) for r in classes])


def _by_units(rows: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, list[tuple[dict[str, Any], list[dict[str, Any]]]]]:
    total = next((r for r in rows if r.get("code") == "TOTAL"), None)
    groups: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for r in rows:
        if r.get("code") is None and r.get("unit") and _ws(r["name"]) == _ws(r["unit"]):
            groups.append((r, []))
        elif groups and r.get("unit") == groups[-1][0]["unit"] and r.get("code") != "TOTAL":
            groups[-1][1].append(r)
    return total, groups


def _rowwise(c: _Checker, rows: list[dict[str, Any]], parent: str, parts: list[str]) -> None:
    for r in rows:
        vals = r.get("values", {})
        if parent in vals or any(p in vals for p in parts):
            label = r.get("code") or r.get("project") or r.get("name")
            c.eq(f"{label}/{parent}={'+'.join(parts)}", _v(r, parent), [_v(r, p) for p in parts])


def _item(rows: list[dict[str, Any]], code: str, side: str | None = None) -> dict[str, Any] | None:
    return next((r for r in rows if r.get("code") == code and (side is None or r.get("side") == side)), None)


def _check_table(t: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    tid, rows = t["id"], t["rows"]
    c = _Checker(tid)
    cols = _columns(rows)
    if tid in ("income", "expense", "gpb_expense", "gpb_basic", "gov_fund", "soe_capital", "gpb_econ", "generic",
               "basic_total", "project_total"):
        total, groups = _by_units(rows)
        if groups and any(members for _, members in groups):  # the table lists each unit's classes
            for unit_row, members in groups:
                _hierarchy(c, [unit_row, *members], f"{unit_row['unit']}/")
            if total is not None:
                for col in cols:
                    c.eq(f"TOTAL/units/{col}", _v(total, col), [_v(g, col) for g, _ in groups])
        else:
            _hierarchy(c, rows, "")
    if tid in ("expense", "gpb_expense", "gov_fund", "soe_capital", "gpb_econ"):
        basic = ["basic"] if "basic" in cols else [x for x in ("personnel", "public") if x in cols]
        others = [x for x in ("project", "operating", "to_superior", "to_subsidiary") if x in cols]
        if basic or others:
            _rowwise(c, rows, "total", [*basic, *others])
        if "basic" in cols and ("personnel" in cols or "public" in cols):
            _rowwise(c, rows, "basic", [x for x in ("personnel", "public") if x in cols])
    if tid == "gpb_basic" and ("personnel" in cols or "public" in cols):
        _rowwise(c, rows, "total", [x for x in ("personnel", "public") if x in cols])
    if tid == "income" and not any(re.fullmatch(r"col\d+", x) for x in cols):  # every column named
        fiscal = [x for x in ("gpb", "gpb_transfer", "gov_fund", "gov_fund_transfer", "soe", "soe_transfer") if x in cols]
        if "fiscal_subtotal" in cols and fiscal:
            _rowwise(c, rows, "fiscal_subtotal", fiscal)
        carry_parts = [x for x in cols if x.startswith("carryover_") and x != "carryover_next"]
        if "carryover" in cols and carry_parts:
            _rowwise(c, rows, "carryover", carry_parts)
        carry = ["carryover"] if "carryover" in cols else [
            *carry_parts, *[x for x in ("fiscal_carryover", "nonfiscal_carryover") if x in cols]]
        own = ["unit_funds"] if "unit_funds" in cols else [
            x for x in ("business", "operating", "superior_grant", "subsidiary", "other") if x in cols]
        this_year = ["current"] if "current" in cols else [
            *(["fiscal_subtotal"] if "fiscal_subtotal" in cols else fiscal),
            *[x for x in ("fiscal_special",) if x in cols], *own]
        _rowwise(c, rows, "total", [*this_year, *carry])
    if tid in ("gpb_project", "carryover"):
        total, groups = _by_units(rows)
        if tid == "gpb_project":
            _rowwise(c, rows, "total", [x for x in cols if x.startswith("econ")])
            if groups:
                for unit_row, members in groups:
                    _hierarchy(c, [unit_row, *members], f"{unit_row['unit']}/")
            else:
                _hierarchy(c, rows, "")
        else:
            for side in ("fiscal", "nonfiscal"):
                parts = [f"{side}_{x}" for x in ("personnel", "public", "project") if f"{side}_{x}" in cols]
                if side in cols and parts:
                    _rowwise(c, rows, side, parts)
            _rowwise(c, rows, "total", [x for x in ("fiscal", "nonfiscal") if x in cols])
            for unit_row, members in groups:
                for col in cols:
                    c.eq(f"{unit_row['unit']}/projects/{col}", _v(unit_row, col), [_v(r, col) for r in members])
        if total is not None and groups:
            for col in cols:
                c.eq(f"TOTAL/units/{col}", _v(total, col), [_v(g, col) for g, _ in groups])
    if tid == "three_public":
        for col in cols:
            c.eq(f"TOTAL/items/{col}", _v(_item(rows, "TOTAL"), col),
                 [_v(_item(rows, k), col) for k in ("overseas_travel", "reception", "vehicles")])
            c.eq(f"vehicles/items/{col}", _v(_item(rows, "vehicles"), col),
                 [_v(_item(rows, k), col) for k in ("vehicle_purchase", "vehicle_operation")])
        sources = [x for x in cols if x in ("gpb", "gov_fund", "soe", "fiscal_special", "unit_funds")]
        if sources and "total" in cols:
            _rowwise(c, rows, "total", sources)
    if tid in ("summary", "fiscal_summary"):
        inc = [r for r in rows if r.get("side") == "income"]
        exp = [r for r in rows if r.get("side") == "expense"]
        inc_total, exp_total = _item(inc, "TOTAL"), _item(exp, "TOTAL")

        def iv(code: str) -> Decimal | None:
            return _v(_item(inc, code), "amount")

        def items_eq(key: str, parent: str, kids: list[str]) -> None:
            """parent item = Σ kid items, when the table prints the parent and some of the kids."""
            if _item(inc, parent) is not None and any(_item(inc, k) is not None for k in kids):
                c.eq(key, iv(parent), [iv(k) for k in kids])

        fiscal = ["income.fiscal"] if _item(inc, "income.fiscal") else ["income.gpb", "income.gov_fund", "income.soe"]
        own = ["income.unit_funds"] if _item(inc, "income.unit_funds") else [
            "income.business", "income.superior_grant", "income.subsidiary", "income.operating", "income.other"]
        current = [*fiscal, "income.fiscal_special", *own]
        top = [r for r in inc if r.get("code") != "TOTAL" and re.match(r"^[一二三四五六七八九十]+、", r.get("name", ""))]
        if _item(inc, "income.current") is not None or _item(inc, "income.carryover") is not None:
            c.eq("income/TOTAL", iv("TOTAL"), [iv("income.current"), iv("income.carryover")])
        elif top:  # numbered items (一、二、…) are the top level of the income side
            c.eq("income/TOTAL", iv("TOTAL"), [_v(r, "amount") for r in top])
        else:
            c.eq("income/TOTAL", iv("TOTAL"), [iv(x) for x in current])
        if _item(inc, "income.current") is not None:
            c.eq("income/current", iv("income.current"), [iv(x) for x in current])
        items_eq("income/fiscal", "income.fiscal", ["income.gpb", "income.gov_fund", "income.soe"])
        items_eq("income/gpb", "income.gpb", ["income.gpb_general", "income.gpb_transfer"])
        items_eq("income/unit_funds", "income.unit_funds",
                 ["income.business", "income.superior_grant", "income.subsidiary", "income.operating", "income.other"])
        if _item(inc, "income.fiscal_carryover") or _item(inc, "income.nonfiscal_carryover"):
            items_eq("income/carryover", "income.carryover", ["income.fiscal_carryover", "income.nonfiscal_carryover"])
            items_eq("income/fiscal_carryover", "income.fiscal_carryover",
                     ["income.carryover_gpb", "income.carryover_gov_fund", "income.carryover_soe"])
        else:  # the carried-over money listed by source directly under 上年结转
            items_eq("income/carryover", "income.carryover",
                     [r["code"] for r in inc if (r.get("code") or "").startswith("income.carryover_")])
        exp_cols = _columns(exp)
        codes = [r for r in exp if r.get("code") and r["code"].isdigit()]
        for col in exp_cols:
            c.eq(f"expense/TOTAL/{col}", _v(exp_total, col), [_v(r, col) for r in codes])
        if tid == "fiscal_summary":
            _rowwise(c, exp, "total", [x for x in ("gpb", "gov_fund", "soe") if x in exp_cols])
        exp_main = "amount" if "amount" in exp_cols else "total"
        c.eq("TOTAL/income=expense", _v(inc_total, "amount"), [_v(exp_total, exp_main)])
    return c.failures


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_adds_up(path: Path) -> None:
    golden = _load(path)
    failures: dict[str, tuple[str, str, str]] = {}
    for t in golden["tables"]:
        failures.update(_check_table(t))
    known = golden.get("known_imbalances", [])
    used: set[int] = set()
    unexpected: dict[str, str] = {}
    for key, (row, column, message) in failures.items():
        table = key.split("/")[0]
        hit = [i for i, k in enumerate(known) if _known_matches(k, key, table, row, column)]
        if hit:
            used.update(hit)
        else:
            unexpected[key] = message
    for k in known:
        assert k.get("comment") or k.get("note"), f"known imbalance {k} needs a comment saying what is wrong"
    assert not unexpected, f"golden does not add up (fix it, or list as known_imbalances): {unexpected}"
    stale = [k for i, k in enumerate(known) if i not in used]
    assert not stale, f"listed as known imbalances but they add up: {stale}"


def _known_matches(k: dict[str, Any], key: str, table: str, row: str, column: str) -> bool:
    """A known imbalance names its check key exactly, or its table, row and column."""
    if "check" in k:
        return bool(k["check"] == key)
    return bool(k.get("table") == table and str(k.get("row")) == row and k.get("column") == column)


def test_goldens_exist() -> None:
    assert len(GOLDENS) >= 3


def test_add_up_check_catches_a_wrong_value() -> None:
    golden = _load(GOLDEN_DIR / "002_ecac1c9bef546caa.json")
    expense = next(t for t in golden["tables"] if t["id"] == "expense")
    assert not _check_table(expense)
    row = next(r for r in expense["rows"] if r["code"] == "2101501")
    row["values"]["total"] = "1090.27"  # one digit off
    failures = _check_table(expense)
    assert "expense/21015/children/total" in failures
    assert "expense/2101501/total=basic+project" in failures
