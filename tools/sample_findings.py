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


def identity(item: dict) -> tuple[str, str, str]:
    """(path, rule, location key) of a drawn finding ({"path", "finding"}) or of a label line
    ({"path", "rule", "key"}): the identity the labels are matched by (bench/labels.py)."""
    if "finding" in item:
        f = item["finding"]
        key = {k: v for k, v in (f.get("location") or {}).items() if k not in ("file", "table_title")}
        rule = f["rule"]
    else:
        key, rule = item.get("key") or {}, item["rule"]
    return (item["path"], rule, json.dumps(key, sort_keys=True, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("--root", type=Path, required=True, help="folder the paths are relative to")
    ap.add_argument("-n", type=int, default=130)
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="jsonl of findings already drawn or labelled (repeatable); a finding is excluded when "
                         "its path, rule and location key match, whatever its message or other fields")
    args = ap.parse_args()
    pool = load(args.inputs, args.root)
    # By identity, not by the whole line: messages and new fields (columns, related) change between
    # versions, and a whole-line comparison let already-labelled findings back into a "fresh" draw.
    seen: set[tuple[str, str, str]] = set()
    for ex in args.exclude:
        for line in ex.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.add(identity(json.loads(line)))
    pool = [x for x in pool if identity(x) not in seen]
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
