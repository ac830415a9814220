"""How many columns yusuan left unnamed: ``python bench/generic_columns.py [FOLDER ...] [--json OUT]``.

A ``colN`` column in a canonical table is a header the catalog (yusuan/data/tables.toml) did not
recognise — a reading gap (issue 9). For every document of ../shared/bulk, ../shared/corpus,
../shared/more and ../shared/seeds (or the folders given), loaded as ``yusuan check`` loads a folder,
prints per folder: documents, canonical tables, ``colN`` columns left in canonical tables, and the
columns named from the table's sums (``Column.inferred``, see yusuan.tables.infer_columns); then the
most frequent table ids with ``colN`` columns. One process, run it with ``nice``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reading import shared_folders  # noqa: E402
from yusuan.inputs import expand, group, load_all  # noqa: E402

_GENERIC_RE = re.compile(r"^col\d+$")


def count(folder: Path) -> dict[str, object]:
    files = [f for f in expand([str(folder)]) if not re.match(r"^[A-Z]+\.", Path(f).name)]
    docs = tables = generic = inferred = 0
    by_table: Counter[str] = Counter()
    per_doc: dict[str, int] = defaultdict(int)
    for item in load_all(group(files), progress=sys.stderr.isatty()):
        if item.document is None:
            continue
        docs += 1
        for t in item.document.tables:
            if t.id == "generic":
                continue
            tables += 1
            n = sum(1 for c in t.columns if _GENERIC_RE.match(c.id))
            generic += n
            inferred += sum(1 for c in t.columns if getattr(c, "inferred", False))
            if n:
                by_table[t.id] += n
                per_doc[Path(item.paths[0]).name] += n
    return {"docs": docs, "tables": tables, "colN": generic, "inferred": inferred,
            "by_table": dict(by_table.most_common()), "per_doc": dict(per_doc)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", help="folders (default: ../shared bulk, corpus, more, seeds)")
    ap.add_argument("--json", help="also write the figures (with per-document counts) to this file")
    args = ap.parse_args()
    folders = shared_folders(args.folders)
    out: dict[str, dict[str, object]] = {}
    print(f"{'folder':<10} {'docs':>5} {'tables':>7} {'colN':>6} {'inferred':>9}")
    for folder in folders:
        r = out[folder.name] = count(folder)
        print(f"{folder.name:<10} {r['docs']:>5} {r['tables']:>7} {r['colN']:>6} {r['inferred']:>9}")
    total = Counter[str]()
    for r in out.values():
        total.update(r["by_table"])  # type: ignore[arg-type]
    print("-- colN columns by table id:", ", ".join(f"{k} {v}" for k, v in total.most_common(12)))
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
