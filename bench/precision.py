"""Precision of the findings on the labelled set: ``python bench/precision.py [-j N] [--json OUT] [--fresh]``.

``--fresh`` measures the held-out set tests/labels/fresh/*.jsonl instead: findings drawn at random
from the whole of ../shared after the tuning, labelled on the rendered pages, and never used to tune
a rule or the parser. That figure is the one that counts; the tuning set's figure flatters.

Re-reads every document of tests/labels/*.jsonl from ../shared (``YUSUAN_SHARED`` to point
elsewhere), audits it, and matches today's errors and warnings to the labels (bench/labels.py).

Prints, over the labelled findings still reported: TRUE / all = precision, by severity, by rule
family, by region and by label batch; the labelled TRUE findings no longer reported (each one a
lost real problem); the labelled false ones no longer reported (fixed); and how many findings
are new since the labels were drawn (not labelled: draw a fresh sample to judge them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from labels import LABELS, SHARED, iter_groups, load_labels, match, region_of, run_all  # noqa: E402


def _line(name: str, true: int, total: int) -> str:
    pct = f"{100 * true / total:5.1f}%" if total else "   — "
    return f"  {name:<28} {true:>4} / {total:<4} {pct}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--json", help="write the figures as JSON to this file")
    ap.add_argument("--fresh", action="store_true", help="the held-out set tests/labels/fresh/ (never tuned on)")
    args = ap.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"../shared not found ({SHARED}); set YUSUAN_SHARED")
    from yusuan.audit import all_rules

    labels = load_labels(LABELS / "fresh") if args.fresh else load_labels()
    overlap = 0
    if args.fresh:
        # Held out means never seen while tuning: a fresh label whose finding is also in the tuning
        # set does not count, nor does a second label of one finding.
        seen = {lab.ident for lab in load_labels()}
        kept = []
        for lab in labels:
            if lab.ident not in seen:
                kept.append(lab)
            seen.add(lab.ident)
        overlap, labels = len(labels) - len(kept), kept
    if not labels:
        sys.exit("no labels found")
    t0 = time.perf_counter()
    found = run_all((lab.path for lab in labels), jobs=args.jobs)
    m = match(labels, found)
    rules = all_rules()
    still = m.matched
    print(("留出集 held-out fresh set" if args.fresh else "标注集 labelled set") + ":"
          f" {len(labels)} 条，{len({lab.path for lab in labels})} 份文件；"
          f"重新审核用时 {time.perf_counter() - t0:.0f} s"
          + (f"（另有 {overlap} 条与标注集重复，不计 {overlap} overlapping the tuning set not counted）" if overlap else ""))
    print(f"仍报告 still reported: {len(still)}；已不再报告 gone: {len(m.gone)}"
          f"（其中真问题 TRUE {len(m.lost_true())}）；新出现未标注 new unlabelled: {len(m.unlabelled)}")
    print("\n精确率 precision = TRUE / 仍报告的已标注问题")
    for title, key in (("按级别 by severity", lambda lab: lab.severity),
                       ("按规则类别 by family", lambda lab: rules[lab.rule].family if lab.rule in rules else "?"),
                       ("按地区 by region", lambda lab: region_of(lab.path)),
                       ("按标注批次 by batch", lambda lab: lab.batch)):
        print(title)
        for g, t, n in iter_groups((key(lab), lab.verdict == "TRUE") for lab, _ in still):
            print(_line(g, t, n))
    fixed = [lab for lab in m.gone if lab.verdict != "TRUE"]
    print(f"\n已修正的误报 false findings gone: {len(fixed)} / {sum(1 for lab in labels if lab.verdict != 'TRUE')}")
    if m.lost_true():
        print("不再报告的真问题 TRUE findings lost:")
        for lab in m.lost_true():
            print(f"  {lab.path} {lab.rule} {lab.message[:80]}")
    causes: dict[str, int] = {}
    for lab in m.still_false():
        causes[lab.cause] = causes.get(lab.cause, 0) + 1
    print("\n仍在的误报原因 remaining false findings by cause:")
    for cause, n in sorted(causes.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {n:>4}  {cause}")
    if m.unreadable:
        print(f"\n无法读取 unreadable: {m.unreadable}")
    if args.json:
        out = {
            "labels": len(labels), "still_reported": len(still), "gone": len(m.gone),
            "lost_true": [lab.ident for lab in m.lost_true()], "unlabelled": len(m.unlabelled),
            "precision": {sev: {"true": t, "total": n} for sev, t, n in
                          iter_groups((lab.severity, lab.verdict == "TRUE") for lab, _ in still)},
            "still_false_by_batch": {b: n - t for b, t, n in
                                     iter_groups((lab.batch, lab.verdict == "TRUE") for lab, _ in still)},
        }
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
