"""Accuracy of what yusuan READ, from the hand-checked values sample: ``python bench/values.py [LABELS...]``.

Each line of tests/labels/values/*.jsonl is a drawn table cell or narrative claim (tools/sample_values.py)
with a verdict from the rendered page: RIGHT, WRONG, or null (drawn, not yet checked). Prints RIGHT/checked
per kind, folder and region with a Wilson 95 % interval. The draw clusters up to four items per page, so
the interval is optimistic (items of one page are not independent).
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEFAULT = sorted((HERE / "tests" / "labels" / "values").glob("*.jsonl"))


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or DEFAULT
    recs = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    causes: dict[str, int] = defaultdict(int)
    for r in recs:
        for group in ("all", f"folder={r['folder']}", f"region={r['region']}"):
            t = tally[(r["kind"], group)]
            t[2] += 1
            if r.get("verdict") in ("RIGHT", "WRONG"):
                t[1] += 1
                t[0] += r["verdict"] == "RIGHT"
        if r.get("verdict") == "WRONG":
            causes[f"{r['kind']}: {r.get('cause') or '?'}"] += 1
    print(f"{'kind':6} {'group':22} {'right/checked':>14} {'drawn':>6}  95 % interval")
    for (kind, group), (k, n, drawn) in sorted(tally.items(), key=lambda kv: (kv[0][0], kv[0][1] != "all", kv[0][1])):
        lo, hi = wilson(k, n)
        print(f"{kind:6} {group:22} {k:>6}/{n:<7} {drawn:>6}  {100 * lo:5.1f}–{100 * hi:5.1f} %")
    print("WRONG by cause:", dict(sorted(causes.items(), key=lambda kv: -kv[1])) or "none")


if __name__ == "__main__":
    main()
