"""The other seeds' tables, scattered the way converters scatter them, must come back unharmed.

Seeds 002-004 print their tables as tab-separated cells; their hand-written goldens (by the
table engineer) say which value is in which column. Here each golden table is printed again as
raw converter text would print it: empty cells dropped, codes split (``208 05 05`` or over lines),
names wrapped, numbers split across lines (``47.`` / ``23`` and ``47.2`` / ``3``), under a header
listing every column of the template. Rebuilding it must never put a value in a wrong column; a
value it cannot place must be left unplaced.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.blocks import TextLine
from yusuan.parse.scattered import parse_scattered_table
from yusuan.parse.scattered_tokens import TableHeading
from yusuan.tables import catalog

GOLDEN = Path(__file__).parent / "golden" / "tables"
SOURCES = ["002_ecac1c9bef546caa.json", "003_31d62b466531c757.json", "004_3924b56fa0fc812d.json"]
TABLES = {"income", "expense", "gpb_expense", "gpb_basic", "gpb_project"}


def _order(table_id: str) -> list[tuple[str, tuple[str, ...]]]:
    """The catalog's printed order of the table's columns, with their converter-text words."""
    return [(c.id, c.words) for c in catalog().by_id[table_id].order]
# The columns a 2023-2025 template prints (单位资金 not broken down into its parts).
_UNIT_PARTS = {"business", "superior_grant", "subsidiary", "operating", "other"}


def _scatter(table_id: str, rows: list[dict]) -> list[str]:
    used = {c for r in rows for c in r["values"]}
    # income and project headers list every column of the template; the others what the table uses
    spec = [
        (c, pats)
        for c, pats in _order(table_id)
        if (c in used or table_id in ("income", "gpb_project")) and c not in _UNIT_PARTS
    ]
    cols = [c for c, _ in spec]
    # the header printed vertically, two characters a line
    header = "".join(pats[0] for _, pats in spec)
    out = ["科目编码", "科目名称"] + [header[i : i + 2] for i in range(0, len(header), 2)] + ["类 款 项"]
    for n, r in enumerate(rows):
        code = r["code"]
        if code == "TOTAL":
            out.append("合计")
        elif code is None:
            out.append(r["name"])  # a budget unit's subtotal row
        else:
            parts = [code[:3]] + [code[i : i + 2] for i in range(3, len(code), 2)]
            out += [" ".join(parts)] if n % 3 else parts  # a code on one line, or one part a line
            name = r["name"] or ""
            out += [name[i : i + 5] for i in range(0, len(name), 5)]  # wrapped at 5 characters
            project = (r.get("project") or "").replace(" ", "")
            out += [project[i : i + 7] for i in range(0, len(project), 7)]
        vals = [r["values"][c] for c in cols if c in r["values"]]
        for k, v in enumerate(vals):
            whole, _, frac = v.partition(".")
            if k == 0 or len(frac) != 2:
                out.append(v)
            elif n % 2:
                out += [whole + ".", frac]  # 47. / 23
            else:
                out += [whole + "." + frac[0], frac[1]]  # 47.2 / 3
    return out


def _cases():
    for name in SOURCES:
        golden = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
        for gt in golden["tables"]:
            if gt["id"] not in TABLES or gt["empty"]:
                continue
            known = {c for c, _ in _order(gt["id"])}
            if all(set(r["values"]) <= known for r in gt["rows"]):
                yield pytest.param(gt, id=f"{name[:3]}-{gt['id']}")


CASES = list(_cases())


def test_there_are_tables_to_scatter():
    assert len(CASES) >= 10


@pytest.mark.parametrize("gt", CASES)
def test_scattered_table_comes_back_without_misplaced_values(gt: dict) -> None:
    text = _scatter(gt["id"], gt["rows"])
    body = [TextLine(t, line=i) for i, t in enumerate(text, start=1)]
    t = parse_scattered_table(TableHeading(id=gt["id"], title=gt["title"], unit="万元"), body)
    assert t is not None
    assert [(r.code, r.unit) for r in t.rows] == [(r["code"], r.get("unit")) for r in gt["rows"]]
    placed = 0
    for r, g in zip(t.rows, gt["rows"], strict=True):
        want = {k: Decimal(v) for k, v in g["values"].items()}
        if r.code == "TOTAL":
            assert r.name == "合计"
        else:
            assert r.name + (r.project or "") == g["name"] + (g.get("project") or "").replace(" ", "")
        for col, a in r.values.items():
            assert want.get(col) == a.value, f"{r.code} {col}: {a.text} placed wrongly"
            placed += 1
        for u in r.unplaced:
            assert u.value in want.values(), f"{r.code}: unplaced {u.text} is not in the row"
        assert len(r.values) + len(r.unplaced) == len(want), f"{r.code}: values lost"
    if gt["id"] not in ("income", "gpb_project"):
        # 合计 = 基本 + 项目 and the class sums decide every column of these tables
        assert placed == sum(len(g["values"]) for g in gt["rows"])


def _two_sided(gt: dict) -> list[str]:
    inc = [r for r in gt["rows"] if r["side"] == "income" and r["code"] != "TOTAL"]
    exp = [r for r in gt["rows"] if r["side"] == "expense" and r["code"] != "TOTAL"]
    exp_cols = ["total", "gpb", "gov_fund", "soe"] if gt["id"] == "fiscal_summary" else ["amount"]
    out = ["收 入 支 出"]
    out += ["项 目 预算数 功能分类 合 计", "一般公", "共预算", "政府性", "基金预算", "国有资本", "经营预算"]
    for k in range(max(len(inc), len(exp))):
        left = f"{inc[k]['name']} {inc[k]['values'].get('amount', '')}" if k < len(inc) else ""
        right = ""
        if k < len(exp):
            e = exp[k]
            right = f"{e['code']} {e['name']} " + " ".join(
                e["values"][c] for c in exp_cols if c in e["values"]
            )
        out.append(f"{left} {right}".strip())
    totals = {r["side"]: r["values"] for r in gt["rows"] if r["code"] == "TOTAL"}
    out.append(
        f"收入总计 {totals['income']['amount']} 支出总计 "
        + " ".join(totals["expense"][c] for c in exp_cols if c in totals["expense"])
    )
    return out


def _two_sided_cases():
    for name in SOURCES:
        golden = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
        for gt in golden["tables"]:
            if gt["id"] in ("summary", "fiscal_summary") and not gt["empty"]:
                yield pytest.param(gt, id=f"{name[:3]}-{gt['id']}")


@pytest.mark.parametrize("gt", list(_two_sided_cases()))
def test_scattered_two_sided_table_comes_back_whole(gt: dict) -> None:
    body = [TextLine(t, line=i) for i, t in enumerate(_two_sided(gt), start=1)]
    t = parse_scattered_table(TableHeading(id=gt["id"], title=gt["title"], unit="万元"), body)
    assert t is not None
    got = [(r.side, r.code, {k: str(a.value) for k, a in r.values.items()}) for r in t.rows]
    want = [(r["side"], r["code"], r["values"]) for r in gt["rows"]]
    assert got == want
    assert not any(r.unplaced for r in t.rows)
