"""Speed and memory of reading PDFs: ``python bench/run.py [FOLDER] [--repeat N] [--profile]``.

Prints, for the PDFs of the folder (default: the corpus in tests/fixtures/corpus):

* pages/s for raw text extraction with pypdfium2 alone (``get_text_range`` of every page) — the floor;
* pages/s for the PDF reader alone (``yusuan.readers.pdf.read_pdf``: characters, rulings, grids);
* pages/s for the full parse (``yusuan.load``);
* pages/s for parse + audit (``yusuan.audit.audit``);
* the full parse's cost as a multiple of raw extraction (goal: ≤ 5×) and its pages/s (goal: > 20
  on one core);
* peak memory: the process's peak resident set, and the Python heap peak (tracemalloc) while
  parsing the largest file.

Everything runs in this one process, on one core. Speed goals live here, not in the tests.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT / "tests" / "fixtures" / "corpus"


def raw_text(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    n = len(pdf)
    for i in range(n):
        page = pdf[i]
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    pdf.close()
    return n


def reader_only(path: str) -> int:
    from yusuan.readers.pdf import read_pdf

    return read_pdf(path).pages or 0


def full_parse(path: str) -> int:
    import yusuan
    from yusuan.errors import ReadError

    try:
        return yusuan.load(path).pages or 0
    except ReadError:
        return _pages(path)


def parse_audit(path: str) -> int:
    import yusuan
    from yusuan.audit import audit
    from yusuan.errors import ReadError

    try:
        doc = yusuan.load(path)
    except ReadError:
        return _pages(path)
    audit(doc)
    return doc.pages or 0


def _pages(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    n = len(pdf)
    pdf.close()
    return n


def timed(fn: Callable[[str], int], files: list[str], repeat: int) -> tuple[int, float, float]:
    """Pages, best CPU seconds of this process, best wall seconds, over ``repeat`` runs.

    CPU time is the figure to read on a shared machine: wall time also counts waiting for a core.
    """
    best_cpu = best_wall = float("inf")
    pages = 0
    for _ in range(repeat):
        gc.collect()
        c0, w0 = time.process_time(), time.perf_counter()
        pages = sum(fn(f) for f in files)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return pages, best_cpu, best_wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument(
        "--profile", action="store_true", help="profile the full parse (pyinstrument or cProfile)"
    )
    args = ap.parse_args()

    files = sorted(str(p) for p in Path(args.folder).glob("*.pdf"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no PDF in {args.folder}")
    # import everything once so that the first timing does not pay for imports
    full_parse(files[0])
    parse_audit(files[0])

    if args.profile:
        _profile(files)
        return

    print(
        f"{len(files)} PDF files in {args.folder} — 1 core, best of {args.repeat} (CPU time; wall in brackets)"
    )
    rows = []
    for name, fn in (
        ("raw text (pypdfium2 get_text_range)", raw_text),
        ("PDF reader (read_pdf)", reader_only),
        ("full parse (yusuan.load)", full_parse),
        ("parse + audit", parse_audit),
    ):
        pages, cpu, wall = timed(fn, files, args.repeat)
        rows.append((name, pages, cpu))
        print(
            f"  {name:<38} {pages:5d} pages  {cpu:7.2f} s  {pages / cpu:8.1f} pages/s   [{wall:6.2f} s wall]"
        )
    base = rows[0][2]
    print(f"  reader / raw text        {rows[1][2] / base:5.1f}×")
    print(f"  full parse / raw text    {rows[2][2] / base:5.1f}×   (goal ≤ 5×)")
    print(f"  full parse pages/s       {rows[2][1] / rows[2][2]:5.1f}    (goal > 20 per core)")

    largest = max(files, key=os.path.getsize)
    gc.collect()
    tracemalloc.start()
    full_parse(largest)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        f"  Python heap peak parsing {Path(largest).name} ({os.path.getsize(largest) / 1e6:.1f} MB): {peak / 1e6:.1f} MB"
    )
    print(f"  process peak RSS over the whole run: {rss / 1024:.0f} MB")


def _profile(files: list[str]) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for f in files:
            full_parse(f)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return
    profiler = Profiler()
    profiler.start()
    for f in files:
        full_parse(f)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
