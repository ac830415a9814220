"""Time and peak memory of large legitimate inputs, and how fast each bomb is refused (issue 13).

    python bench/limits.py [--dir DIR] [--timeout 120] [--mem-mb 3072]

Large inputs that must read: a 1,000-page real PDF (a corpus PDF's pages repeated), a
100,000-row XLSX, a 50 MB HTML page. Bombs that must be refused quickly, in little memory: the
cases of ``bench/hostile.py``. Each runs ``yusuan facts`` in a child process under an address-space
cap (``resource.setrlimit``) and a wall-clock timeout; prints exit code, seconds, peak RSS.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import hostile  # noqa: E402
import hostile_inputs as hi  # noqa: E402

BOMBS = ["docx_gridspan_bomb", "docx_span_rows_400", "docx_paragraph_zip_bomb", "docx_whitespace_zip_bomb",
         "docx_many_members", "text_100mb", "text_many_tabs", "xlsx_million_rows", "xlsx_claims_million",
         "xlsx_huge_merge", "html_span_bomb"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "yusuan_hostile")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--mem-mb", type=int, default=3072)
    args = ap.parse_args()
    big = args.dir / "limits"
    big.mkdir(parents=True, exist_ok=True)
    large = [
        ("pdf_1000_pages", lambda: hi.pdf_pages(big, hostile.PDF, 1000)),
        ("xlsx_100k_rows", lambda: hi.xlsx_rows(big, 1.0, rows=100_000, name="rows_100k.xlsx")),
        ("html_50mb", lambda: hi.html_big(big, 1.0)),
    ]
    by_name = {c.name: c for c in hostile.cases(1.0)}
    print(f"{'input':26} {'exit':>7} {'s':>7} {'MB':>6}  message")
    runs: list[tuple[str, list[str]]] = [(name, [str(make())]) for name, make in large]
    for name in BOMBS:
        d = args.dir / name
        d.mkdir(exist_ok=True)
        runs.append((name, by_name[name].make(d)))
    for name, paths in runs:
        with tempfile.TemporaryDirectory() as wd:
            r = hostile.run_one([sys.executable, "-m", "yusuan.cli", "facts", *paths], args.timeout, args.mem_mb,
                                Path(wd))
        print(f"{name:26} {r['code']!s:>7} {r['seconds']:7.2f} {r['peak_mb']!s:>6}  {str(r['reason'])[:110]}",
              flush=True)


if __name__ == "__main__":
    main()
