"""Findings of two ``yusuan check --format json`` runs compared: ``python tools/findings_diff.py OLD.jsonl NEW.jsonl``.

Prints the errors and warnings reported by one run and not the other (the reading finding Y020
left out: it changes with every reading figure), keyed by file, rule and location, grouped by
rule; ``--jsonl OUT`` writes the new ones in the labelling sample format (tools/sample_findings.py:
{"path", "finding"}) so they can be checked on the rendered page and labelled.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any


def _key(path: str, f: dict[str, Any]) -> tuple[str, str, str]:
    loc = {k: v for k, v in (f.get("location") or {}).items() if k not in ("file", "table_title")}
    return path, f["rule"], json.dumps(loc, sort_keys=True, ensure_ascii=False)


def load(files: list[str]) -> dict[tuple[str, str, str], tuple[str, dict[str, Any]]]:
    out: dict[tuple[str, str, str], tuple[str, dict[str, Any]]] = {}
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            path = rec.get("path") or "+".join(rec.get("paths", []))
            path = path.replace("/work/shared/", "")
            for f in rec.get("findings", []):
                if f["severity"] in ("error", "warning") and f["rule"] != "Y020":
                    out[_key(path, f)] = (path, f)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old", nargs="+")
    ap.add_argument("--new", nargs="+", required=True)
    ap.add_argument("--jsonl", help="write the new findings here (sample format)")
    args = ap.parse_args()
    old, new = load(args.old), load(args.new)
    added = [new[k] for k in new if k not in old]
    gone = [old[k] for k in old if k not in new]
    print(f"old {len(old)}  new {len(new)}  added {len(added)}  gone {len(gone)}")
    for title, items in (("ADDED", added), ("GONE", gone)):
        print(f"\n{title} by rule: " + ", ".join(f"{r} {n}" for r, n in Counter(f["rule"] for _, f in items).most_common()))
        for path, f in sorted(items, key=lambda x: (x[1]["rule"], x[0])):
            page = (f.get("location") or {}).get("page")
            print(f"  {f['rule']} {f['severity'][:4]} {path} p{page}: {f['message'][:160]}")
    if args.jsonl:
        with open(args.jsonl, "w", encoding="utf-8") as out:
            for path, f in added:
                out.write(json.dumps({"path": path, "finding": f}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
