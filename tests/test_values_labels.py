"""Every value of the hand-checked values sample (tests/labels/values/*.jsonl) judged RIGHT on the
rendered page must still be read the same: same table cell (table, row, column) with the same value,
the same claim (subject, sentence, page) with the same amount / share / change.

Re-parses only the few smallest sampled documents (the reading of the others is measured by
``python bench/values.py`` after re-drawing). Needs ../shared (or YUSUAN_SHARED); skipped loudly without it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from yusuan.pipeline import load

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("YUSUAN_SHARED", str(HERE.parent.parent / "shared")))
LABELS = sorted((HERE / "labels" / "values").glob("*.jsonl"))
MAX_DOCS = 6

pytestmark = pytest.mark.skipif(not SHARED.is_dir(),
                                reason=f"SKIPPED LOUDLY: ../shared not present ({SHARED}); "
                                       "the values labels cannot be re-read")


def labels() -> list[dict[str, Any]]:
    return [json.loads(line) for f in LABELS for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def small_documents() -> list[str]:
    paths = sorted({r["path"] for r in labels() if r.get("verdict") == "RIGHT"})
    if not SHARED.is_dir():
        return paths[:MAX_DOCS]

    def size(p: str) -> int:
        return sum((SHARED / part).stat().st_size for part in p.split("+"))
    return sorted(paths, key=size)[:MAX_DOCS]


def test_labels_are_well_formed() -> None:
    recs = labels()
    assert recs, "no values labels"
    for r in recs:
        assert r["kind"] in ("cell", "claim")
        assert r["verdict"] in ("RIGHT", "WRONG", None)
        if r["verdict"] == "WRONG":
            assert r["cause"] and r["note"], r


def claim_value(c: Any) -> dict[str, str]:
    out = {"amount": c.amount.value if c.amount else None, "share": c.share, "change": c.change.value if c.change
           else None, "change_percent": c.change_percent}
    return {k: str(v) for k, v in out.items() if v is not None}


@pytest.mark.parametrize("path", small_documents())
def test_right_values_still_read(path: str) -> None:
    doc = load([str(SHARED / p) for p in path.split("+")])
    lost = []
    for r in (x for x in labels() if x["path"] == path and x["verdict"] == "RIGHT"):
        k = r["key"]
        if r["kind"] == "cell":
            tables = [t for t in doc.tables if t.id == k["table"] and t.source.page == k["table_page"]]
            row = tables[0].rows[k["row_index"]] if tables and k["row_index"] < len(tables[0].rows) else None
            cell = row.values.get(k["column"]) if row else None
            if row is None or (row.code, row.name) != (k["row_code"], k["row_name"]) or cell is None \
                    or str(cell.value) != r["value"]:
                lost.append((r["kind"], k, r["value"], cell and str(cell.value)))
        else:
            found = [c for c in doc.claims if c.subject == k["subject"] and c.sentence == k["sentence"]
                     and c.source.page == k["page"]]
            want = {f: r["value"][f] for f in ("amount", "share", "change", "change_percent") if f in r["value"]}
            if not any(claim_value(c) == want for c in found):
                lost.append((r["kind"], k["subject"], want, [claim_value(c) for c in found]))
    assert not lost, f"{path}: values judged RIGHT on the page are read differently now: {lost}"
