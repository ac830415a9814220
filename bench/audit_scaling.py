"""Does the audit stay near linear in the document's size? (issue 13)

    python bench/audit_scaling.py [SEED.txt] [--times 1,4,16,64,280] [--profile N]

Repeats one seed disclosure N times in one text file (as a 汇总 of many units repeats the same
tables and prose), then times ``load`` (read + parse) and ``audit`` apart, in this process, and
prints seconds and seconds per copy: a linear stage keeps the per-copy figure flat. ``--profile N``
prints the 25 costliest functions of the audit at N copies (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seeds" / "002_ecac1c9bef546caa.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", nargs="?", type=Path, default=SEED)
    ap.add_argument("--times", default="1,4,16,64,280")
    ap.add_argument("--profile", type=int, default=0)
    args = ap.parse_args()
    from yusuan.audit import audit
    from yusuan.pipeline import load

    text = args.seed.read_text(encoding="utf-8")
    times = [args.profile] if args.profile else [int(t) for t in args.times.split(",")]
    print(f"seed {args.seed.name}: {len(text):,} characters")
    print(f"{'copies':>7} {'chars':>12} {'load s':>8} {'audit s':>8} {'audit ms/copy':>14} {'findings':>9}")
    for n in times:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"x{n}.txt"
            path.write_text("\n".join([text] * n), encoding="utf-8")
            t0 = time.perf_counter()
            doc = load(str(path))
            t1 = time.perf_counter()
            if args.profile:
                prof = cProfile.Profile()
                prof.enable()
            result = audit(doc)
            t2 = time.perf_counter()
            if args.profile:
                prof.disable()
                pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
        print(f"{n:>7} {len(text) * n:>12,} {t1 - t0:8.2f} {t2 - t1:8.2f} {(t2 - t1) / n * 1000:14.1f} "
              f"{len(result.findings):>9}", flush=True)


if __name__ == "__main__":
    main()
