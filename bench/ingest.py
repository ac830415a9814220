"""Ingest speed: ``python bench/ingest.py [FOLDER] [--sample N] [--jobs 1,2] [--executor process|dask]``.

Ingests an evenly spaced sample of the PDFs of FOLDER (default ../shared/bulk) into a fresh
DuckDB store in a temporary folder, once per ``--jobs`` value, and prints for each run documents/s,
pages/s, wall seconds, the CPU seconds the workers spent per document, the peak resident memory
of the largest worker, and how many documents failed. With several ``--jobs`` values it also
prints the speed-up over the first. Then it times the two researcher questions of the README on
the store.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = {
    "三公 share by department": "three_public_total/expense_total --by department",
    "人员经费 share of 基本支出 by city": "personnel/expense_basic --by region",
}


def default_folder() -> Path:
    for cand in (ROOT.parent / "shared" / "bulk", ROOT.parent.parent / "shared" / "bulk", Path("/work/shared/bulk")):
        if cand.is_dir():
            return cand
    return ROOT / "tests" / "fixtures" / "corpus"


def sample(folder: Path, n: int) -> list[str]:
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    if n and n < len(files):
        step = len(files) / n
        files = [files[int(i * step)] for i in range(n)]
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=None)
    ap.add_argument("--sample", type=int, default=30, help="number of files (0: all)")
    ap.add_argument("--jobs", default="2", help="comma-separated worker counts, e.g. 1,2")
    ap.add_argument("--executor", default="process", choices=["process", "dask"])
    args = ap.parse_args()

    from yusuan.store import Store, ingest
    from yusuan.store.compare import compare_rows

    folder = args.folder or default_folder()
    files = sample(folder, args.sample)
    print(f"{len(files)} files from {folder}")
    first_rate = None
    with tempfile.TemporaryDirectory() as tmp:
        db = ""
        for jobs in [int(j) for j in args.jobs.split(",")]:
            db = os.path.join(tmp, f"j{jobs}.duckdb")
            start = time.perf_counter()
            s = ingest(db, [[f] for f in files], jobs=jobs, executor=args.executor, progress=False)
            wall = time.perf_counter() - start
            rate = s.parsed / wall
            first_rate = first_rate or rate
            who = resource.RUSAGE_SELF if jobs == 1 and args.executor == "process" else resource.RUSAGE_CHILDREN
            child_rss = resource.getrusage(who).ru_maxrss / 1024
            print(f"-j {jobs}: {s.parsed} documents, {s.pages} pages in {wall:.1f} s: {rate:.2f} docs/s, "
                  f"{s.pages / wall:.1f} pages/s; worker time {s.parse_seconds / max(s.parsed, 1):.2f} s/doc; "
                  f"peak worker RSS {child_rss:.0f} MB; failed {len(s.failed)}"
                  + (f"; speed-up ×{rate / first_rate:.2f}" if rate != first_rate else ""))
        with Store(db, read_only=True) as store:
            for question, spec in QUESTIONS.items():
                indicator, _, by = spec.partition(" --by ")
                t0 = time.perf_counter()
                _, rows = compare_rows(store, indicator, by.split(","))
                print(f"query '{question}': {len(rows)} rows in {1000 * (time.perf_counter() - t0):.1f} ms")


if __name__ == "__main__":
    main()
