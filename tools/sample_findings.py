"""Draw a reproducible sample of errors and warnings from `yusuan check --format json` output.

Used to build the labelled findings set (tests/labels/): each drawn finding is checked by hand
against the rendered page. The draw is stratified by severity so both are represented, and it is
seeded so anyone can draw the same sample again.

    python tools/sample_findings.py check.jsonl --root ../shared -n 130 --seed 20261203 > sample.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def load(paths: list[Path], root: Path) -> list[dict]:
    out = []
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            rel = [str(Path(x.strip()).resolve().relative_to(root.resolve())) for x in doc["path"].split("+")]
            rel = [r.strip() for r in rel]
            for f in doc["findings"]:
                if f["severity"] in ("error", "warning"):
                    out.append({"path": "+".join(rel), "finding": f})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("--root", type=Path, required=True, help="folder the paths are relative to")
    ap.add_argument("-n", type=int, default=130)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--exclude", type=Path, help="jsonl of findings already drawn")
    args = ap.parse_args()
    pool = load(args.inputs, args.root)
    if args.exclude:
        seen = {line for line in args.exclude.read_text(encoding="utf-8").splitlines() if line}
        pool = [x for x in pool if json.dumps(x, ensure_ascii=False, sort_keys=True) not in seen]
    rng = random.Random(args.seed)
    by_sev: dict[str, list[dict]] = {"error": [], "warning": []}
    for x in pool:
        by_sev[x["finding"]["severity"]].append(x)
    # Half errors, half warnings where there are enough: precision is judged per severity.
    want_err = min(len(by_sev["error"]), args.n // 2)
    want_warn = min(len(by_sev["warning"]), args.n - want_err)
    drawn = rng.sample(by_sev["error"], want_err) + rng.sample(by_sev["warning"], want_warn)
    drawn.sort(key=lambda x: (x["path"], x["finding"]["location"].get("page") or 0))
    for x in drawn:
        sys.stdout.write(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
