"""Trust on unseen templates: ``python bench/variants.py [--formats pdf,html,xlsx] [--axis A] [--list]``.

Prints, per variation axis (yusuan/generate/variants.py), how many printed variants of two correct
documents (a 万元 national set, a 元 municipal set with 类/款/项 cells) were read back

* RIGHT — as the truth, no error or warning;
* FLAGGED — differently, with the reading account saying it is incomplete (honest);
* SILENT — differently, with the account saying complete (the failure that matters);
* FALSE ALARM — as the truth, but an error or warning is reported on the correct document.

Deterministic (no random draw: every axis value × base × format). ``--list`` prints every case
that is not RIGHT with what was misread and the account's reasons; ``--json FILE`` writes the
outcomes (tests/fixtures/variants/outcomes.json is such a file: the ratchet of tests/test_variants.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.progress import Progress  # noqa: E402
from rich.table import Table  # noqa: E402

from yusuan.generate.variants import BASES, axes  # noqa: E402
from yusuan.generate.variants_check import OUTCOMES, Case, run_case  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--formats", default="pdf,html,xlsx", help="comma-separated: pdf,html,xlsx,docx")
    ap.add_argument("--axis", action="append", help="only this axis (repeatable)")
    ap.add_argument("--list", action="store_true", help="print every case that is not RIGHT")
    ap.add_argument("--json", help="write every case's outcome to this file")
    ap.add_argument("--keep", help="keep the printed files in this folder")
    args = ap.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    variants = [v for v in axes() if not args.axis or v.axis in args.axis]
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    console = Console(stderr=True)
    cases: list[Case] = []
    t0 = time.perf_counter()
    jobs = [(v, b, f) for v in variants for b, _, _ in BASES for f in formats]
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("variants", total=len(jobs))
        for v, b, f in jobs:
            c = run_case(v, b, f, keep)
            if c is not None:
                cases.append(c)
            progress.advance(task)
    out = Console()
    by_axis: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cases:
        by_axis[c.variant.axis][c.outcome] += 1
    t = Table(title=f"yusuan variants: {len(cases)} cases ({', '.join(formats)}; {time.perf_counter() - t0:.0f} s)")
    t.add_column("axis")
    for o in OUTCOMES:
        t.add_column(o, justify="right")
    total: Counter[str] = Counter()
    for axis, counts in by_axis.items():
        t.add_row(axis, *(str(counts[o]) for o in OUTCOMES))
        total.update(counts)
    t.add_row("[b]all[/b]", *(f"[b]{total[o]}[/b]" for o in OUTCOMES))
    out.print(t)
    if args.list:
        for c in cases:
            if c.outcome == "RIGHT":
                continue
            out.print(f"[b]{c.outcome}[/b] {c.id}", soft_wrap=True)
            for d in c.diffs[:6]:
                out.print(f"    {d}", soft_wrap=True, markup=False)
            if len(c.diffs) > 6:
                out.print(f"    … {len(c.diffs) - 6} more cells")
            for a in c.alarms[:4]:
                out.print(f"    ! {a}", soft_wrap=True, markup=False)
            for r in c.reasons[:3]:
                out.print(f"    reading: {r}", soft_wrap=True, markup=False)
    if args.json:
        data = {c.id: {"outcome": c.outcome, "diffs": len(c.diffs), "alarms": [a.split()[0] for a in c.alarms]}
                for c in cases}
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")


if __name__ == "__main__":
    main()
