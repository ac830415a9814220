"""Precision over every finding yusuan reports on ../shared: ``python bench/population.py [CHECK.jsonl ...]``.

bench/precision.py measures a sample (the labelled set, or the held-out set). This measures the
population: every error and warning that today's ``yusuan check`` reports on all of ../shared
(bulk, corpus, more, seeds; the reading warning Y020 left out, it is a statement about yusuan), each
matched to the labels of tests/labels/ and tests/labels/fresh/ (bench/labels.py). Findings that no
label covers are counted apart, and the figure is given as a range: the low end counts every
unlabelled finding false, the high end counts it true. When every finding is labelled the two meet.

With no argument it runs ``yusuan check DIR --format json --exit-zero`` on each folder (minutes);
given check outputs (JSON lines, one document a line) it reads those instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from labels import LABELS, SHARED, finding_key, load_labels, match, region_of  # noqa: E402

FOLDERS = ("bulk", "corpus", "more", "seeds")


def _check_outputs(tmp: Path) -> list[Path]:
    outs = []
    for folder in FOLDERS:
        out = tmp / f"{folder}.jsonl"
        subprocess.run([sys.executable, "-m", "yusuan", "check", str(SHARED / folder), "--format", "json",
                        "--exit-zero", "-o", str(out)], check=True, stderr=subprocess.DEVNULL)
        outs.append(out)
    return outs


def _findings(outs: list[Path]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for out in outs:
        for line in out.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            rel = "+".join(str(Path(p.strip()).resolve().relative_to(SHARED.resolve())) for p in doc["path"].split("+"))
            found[rel] = [f for f in doc.get("findings", [])
                          if f["severity"] in ("error", "warning") and f["rule"] != "Y020"]
    return found


def _all_labels() -> list[Any]:
    seen, out = set(), []
    for lab in load_labels() + load_labels(LABELS / "fresh"):
        # a finding labelled twice (tuning and held-out agreed) counts once; two findings of one key
        # (two shares in one sentence's section) are told apart by their messages
        if (lab.ident, lab.message) not in seen:
            seen.add((lab.ident, lab.message))
            out.append(lab)
    return out


def _region(path: str) -> str:
    return "xinjiang(seeds)" if path.startswith("seeds/") else region_of(path)


def _row(name: str, true: int, labelled: int, reported: int) -> str:
    un = reported - labelled
    pct = f"{100 * true / labelled:5.1f}%" if labelled else "   — "
    rng = f"{100 * true / reported:5.1f}–{100 * (true + un) / reported:5.1f}%" if reported else ""
    return f"  {name:<14} 报告 {reported:>4}  已标注 {labelled:>4}  TRUE {true:>4}  {pct}   全体 {rng}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outputs", nargs="*", type=Path, help="check outputs (JSON lines); none: run check")
    ap.add_argument("--list", action="store_true", help="also list every false and every unlabelled finding")
    args = ap.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"../shared not found ({SHARED}); set YUSUAN_SHARED")
    with tempfile.TemporaryDirectory() as tmp:
        found = _findings(args.outputs or _check_outputs(Path(tmp)))
    labels = [lab for lab in _all_labels() if lab.path in found]
    m = match(labels, dict(found))
    # One reported finding, one verdict: the label of its own key, else (a finding that folded
    # others' figures into itself) TRUE if any label folded into it is.
    verdicts: dict[int, bool] = {}
    notes: dict[int, str] = {}
    for lab, f in m.matched:
        own = lab.rule == f["rule"] and finding_key(f) == lab.key
        if own or id(f) not in verdicts:
            verdicts[id(f)] = lab.verdict == "TRUE" if own else verdicts.get(id(f), False) or lab.verdict == "TRUE"
            notes[id(f)] = f"{lab.verdict} {lab.note}"
    reported: Counter[tuple[str, str]] = Counter()
    labelled: Counter[tuple[str, str]] = Counter()
    true: Counter[tuple[str, str]] = Counter()
    for path, fs in found.items():
        for f in fs:
            for group in ("all", path.split("/")[0], _region(path)):
                key = (f["severity"], group)
                reported[key] += 1
                if id(f) in verdicts:
                    labelled[key] += 1
                    true[key] += verdicts[id(f)]
    print(f"全体审核结果 population: {len(found)} 份文件，错误与警告 {sum(len(v) for v in found.values())} 条"
          "（不含读取情况 Y020）；精确率 = TRUE / 已标注；“全体”为未标注全算误报 – 全算真问题的范围")
    groups = ["all", *FOLDERS, *sorted({_region(p) for p in found})]
    for sev in ("error", "warning"):
        print(f"{sev}")
        for g in groups:
            if reported[(sev, g)]:
                print(_row(g, true[(sev, g)], labelled[(sev, g)], reported[(sev, g)]))
    if args.list:
        _list(found, verdicts, notes)


def _list(found: dict[str, list[dict[str, Any]]], verdicts: dict[int, bool], notes: dict[int, str]) -> None:
    """Every finding that is labelled false, then every unlabelled one: the work left."""
    for title, pick in (("误报 labelled false", lambda f: verdicts.get(id(f)) is False),
                        ("未标注 unlabelled", lambda f: id(f) not in verdicts)):
        print(f"\n{title}")
        for path, fs in sorted(found.items()):
            for f in fs:
                if pick(f):
                    where = f.get("location") or {}
                    print(f"  {path} p{where.get('page', '?')} {f['severity'][0]} {f['rule']} {f['message'][:110]}")
                    if id(f) in notes:
                        print(f"      ↳ {notes[id(f)][:150]}")


if __name__ == "__main__":
    main()
