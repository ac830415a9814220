"""Planted changes: change one printed number of a seed at random; the audit must report it.

Each change replaces one digit of one printed decimal number (tables and narrative alike) of one of
the five seed disclosures in ../shared/seeds. A change is *reported* when the audit of the changed
document has an error or warning about the document (the reading account Y020 does not count)
that the audit of the original does not have. Seeded, so the same 100 changes every run.

``python tests/test_planted_changes.py`` prints the share and the classes of changes that escape.
"""

from __future__ import annotations

import os
import random
import re
import sys
import warnings
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import yusuan
from yusuan.audit import AuditResult, audit
from yusuan.model import Document

HERE = Path(__file__).resolve().parent
SEED = 20261203
N_CHANGES = 100
# the share reached (main: 0.87, then 0.95; with Y330, numbered lists against their whole: 0.96;
# with Y613, a target the goal text states for this year against the indicator's value: 0.97, the
# goal of issue 7); raise it as rules improve. Of the 3 that escape, 2 are 国有资产 values printed
# nowhere else (no total, no table: nothing to check them against), 1 a change absorbed by a
# percentage printed without decimals (增加 4.70 万元，增长 20%: 4.70 / 23.92 is 19.6 %, which the
# document would print as 20 % too; no prior-year figure is printed anywhere).
FLOOR = 0.97

_NUMBER_RE = re.compile(r"(?<![\d.,])\d[\d,]*\.\d+(?![\d.])")


def shared_dir() -> Path | None:
    """../shared beside the clone (as CI has it), else $YUSUAN_SHARED, else /work/shared."""
    for p in (os.environ.get("YUSUAN_SHARED"), HERE.parent.parent / "shared", "/work/shared"):
        if p and Path(p).is_dir():
            return Path(p)
    return None


def seeds() -> list[Path]:
    shared = shared_dir()
    return sorted((shared / "seeds").glob("*.txt")) if shared else []


@dataclass(frozen=True)
class Change:
    seed: Path
    line: int  # 1-based
    start: int
    old: str
    new: str


def plant(rng: random.Random, files: list[Path]) -> list[Change]:
    """``N_CHANGES`` changes spread over the files: a random decimal number, one digit changed."""
    changes: list[Change] = []
    texts = {f: f.read_text(encoding="utf-8").splitlines() for f in files}
    spots = {f: [(i, m) for i, ln in enumerate(texts[f]) for m in _NUMBER_RE.finditer(ln)] for f in files}
    while len(changes) < N_CHANGES:
        f = files[len(changes) % len(files)]
        i, m = rng.choice(spots[f])
        old = m.group(0)
        digits = [k for k, ch in enumerate(old) if ch.isdigit()]
        k = rng.choice(digits)
        choices = [d for d in "0123456789" if d != old[k] and not (d == "0" and k == 0 and len(digits) > 1)]
        new = old[:k] + rng.choice(choices) + old[k + 1:]
        changes.append(Change(f, i + 1, m.start(), old, new))
    return changes


def _findings(result: AuditResult) -> Counter[tuple[str, str, str]]:
    return Counter((f.rule, f.severity, f.message) for f in result.findings
                   if f.severity in ("error", "warning") and f.category != "reading")


@cache
def _original(path: Path) -> tuple[Document, Counter[tuple[str, str, str]]]:
    doc = yusuan.pipeline.load(str(path))
    return doc, _findings(audit(doc))


def where_in(doc: Document, line: int) -> str:
    """The class of a change: the table (and whether its row had unplaced figures) or the text."""
    for t in doc.tables:
        for r in t.rows:
            if any(a.source.line == line for a in r.values.values()):
                inferred = any(a.source.line == line and a.source.inferred for a in r.values.values())
                return f"table:{t.id}" + (":inferred" if inferred else "")
            if any(a.source.line == line for a in r.unplaced):
                return f"table:{t.id}:unplaced"
    for s in doc.sections:
        lines = [sp.source.line for sp in s.spans if sp.source.line is not None]
        if lines and min(lines) <= line <= max(lines) + 2:
            return "narrative"
    for p in doc.performance:
        if p.source.line is not None and p.source.line <= line:
            return "performance?"
    return "other"


def run(tmp: Path) -> tuple[int, list[tuple[Change, str]]]:
    files = seeds()
    changes = plant(random.Random(SEED), files)
    escaped: list[tuple[Change, str]] = []
    reported = 0
    for n, c in enumerate(changes):
        lines = c.seed.read_text(encoding="utf-8").splitlines(keepends=True)
        ln = lines[c.line - 1]
        lines[c.line - 1] = ln[:c.start] + c.new + ln[c.start + len(c.old):]
        path = tmp / f"{n:03d}_{c.seed.name}"
        path.write_text("".join(lines), encoding="utf-8")
        doc0, before = _original(c.seed)
        after = _findings(audit(yusuan.pipeline.load(str(path))))
        if after - before:
            reported += 1
        else:
            escaped.append((c, where_in(doc0, c.line)))
        path.unlink()
    return reported, escaped


def test_planted_changes_are_reported(tmp_path: Path) -> None:
    if not seeds():
        msg = "../shared/seeds not found: planted-change test NOT RUN (set YUSUAN_SHARED)"
        warnings.warn(msg, stacklevel=1)
        pytest.skip(msg)
    reported, escaped = run(tmp_path)
    share = reported / N_CHANGES
    classes = Counter(cls for _, cls in escaped)
    print(f"planted changes reported: {reported}/{N_CHANGES}; escaped by class: {dict(classes)}")
    assert share >= FLOOR, f"only {reported}/{N_CHANGES} planted changes reported; escaped: {dict(classes)}"


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        got, esc = run(Path(d))
    print(f"reported {got}/{N_CHANGES} ({got / N_CHANGES:.0%})")
    for cls, n in Counter(cls for _, cls in esc).most_common():
        print(f"  escaped {n:>3}  {cls}")
    for c, cls in esc:
        print(f"    {c.seed.name}:{c.line} {c.old} → {c.new}  [{cls}]")
    sys.exit(0)
