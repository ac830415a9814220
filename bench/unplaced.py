"""Where the table numbers not placed are: ``python bench/unplaced.py [FOLDER|FILE ...] [--out FILE.jsonl]``.

For every document (as ``bench/reading.py`` loads them), lists each table number the reading
account counts as not placed (see yusuan.parse.reading) with its cause:

* ``generic-table`` — a table whose title the catalog did not recognise (id ``generic``);
* ``colN`` — a value in a column whose header the catalog did not name;
* ``no-row`` — a value in a row with no code, no name and no project;
* ``unplaced`` — a value the table assembly could not put in a column (``Row.unplaced``);
* ``outside`` — a decimal printed in a table region that no table holds.

Then prints the counts grouped by (cause, table id) and by (region, cause). One process; use ``nice``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yusuan.parse.reading as reading_mod  # noqa: E402
from bench.reading import region_of, shared_dir  # noqa: E402
from yusuan.blocks import Grid, TextLine  # noqa: E402
from yusuan.inputs import expand, group, load_all  # noqa: E402

_GENERIC = re.compile(r"^col\d+$")
# by id of the Document: load_all reads the halves of a paired disclosure before the pair, and
# their accounts must not be taken for the next document's
_OUTSIDE: dict[int, list[dict[str, Any]]] = {}


def _recording_outside(raw: Any, segs: Any, doc: Any, taken: Any) -> int:
    """reading._outside_tables, recording the numbers it counts."""
    before = Counter(taken)
    n = _original_outside(raw, segs, doc, taken)
    if not n:
        return n
    # replay to find which tokens were counted (same walk as the original)
    prose = reading_mod._prose_ranges(segs)
    perf_pages, perf_spans = reading_mod._performance_zone(doc)
    left = before
    for i, b in enumerate(raw.blocks):
        if isinstance(b, Grid):
            cells = [(c.text.strip(), c.page, c.line, "grid") for row in b.rows for c in row]
        elif isinstance(b, TextLine):
            if any(s <= i < e for s, e in prose) or reading_mod._is_fragment(raw, i):
                continue
            cells = [(tok, b.page, b.line, b.text.strip()[:80]) for tok in reading_mod._TOKEN_SPLIT_RE.split(b.text.strip())]
        else:
            continue
        for text, page, line, ctx in cells:
            if not text or not reading_mod._DECIMAL_TOKEN_RE.match(text):
                continue
            if (page is not None and page in perf_pages and raw.format.startswith(("pdf", "docx", "xlsx", "html"))) or (
                    line is not None and any(a <= line < b2 for a, b2 in perf_spans)):
                continue
            k = reading_mod._key(page, line, text)
            if left[k] > 0:
                left[k] -= 1
            else:
                _OUTSIDE.setdefault(id(doc), []).append({"cause": "outside", "table": "-", "page": page, "line": line, "text": text, "ctx": ctx})
    return n


_original_outside = reading_mod._outside_tables
reading_mod._outside_tables = _recording_outside  # type: ignore[assignment]


def unplaced_of(doc: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for t in doc.tables:
        headers = {c.id: c.header for c in t.columns}
        for r in t.rows:
            meaningful = bool(r.code or r.name.strip() or r.project or r.unit
                              or any(v.strip() for v in r.texts.values()))
            for col, a in r.values.items():
                cause = ("generic-table" if t.id == "generic" else "colN" if _GENERIC.match(col)
                         else None if meaningful else "no-row")
                if cause:
                    out.append({"cause": cause, "table": t.id, "title": t.title[:40], "page": a.source.page,
                                "col": headers.get(col, col)[:30], "row": (r.code or "") + " " + r.name[:20],
                                "text": a.text})
            for a in r.unplaced:
                out.append({"cause": "unplaced", "table": t.id, "title": t.title[:40], "page": a.source.page,
                            "row": (r.code or "") + " " + r.name[:20], "text": a.text})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--out", help="write one JSON line per document")
    args = ap.parse_args()
    if args.inputs:
        inputs = [Path(f) for f in args.inputs]
    else:
        shared = shared_dir()
        if shared is None:
            sys.exit("../shared not found")
        inputs = [shared / n for n in ("bulk", "corpus", "more", "seeds")]
    lines: list[str] = []
    by_table: Counter[tuple[str, str]] = Counter()
    by_region: Counter[tuple[str, str]] = Counter()
    for inp in inputs:
        files = [f for f in expand([str(inp)]) if not re.match(r"^[A-Z]+\.", Path(f).name)]
        for item in load_all(group(files), progress=sys.stderr.isatty()):
            if item.document is None:
                continue
            d = item.document
            items = unplaced_of(d) + _OUTSIDE.get(id(d), [])
            _OUTSIDE.clear()
            region = region_of(item.paths[0], inp.name if inp.is_dir() else inp.parent.name)
            for it in items:
                by_table[(it["cause"], it["table"])] += 1
                by_region[(region, it["cause"])] += 1
            tn = d.reading.table_numbers
            lines.append(json.dumps({"paths": item.paths, "total": tn.total, "placed": tn.placed,
                                     "not_read": d.reading.tables_not_read, "items": items}, ensure_ascii=False))
    if args.out:
        Path(args.out).write_text("".join(ln + "\n" for ln in lines), encoding="utf-8")
    print("-- by (cause, table)")
    for (c, t), n in by_table.most_common(40):
        print(f"{n:>6}  {c:<14} {t}")
    print("-- by (region, cause)")
    for (r, c), n in by_region.most_common(40):
        print(f"{n:>6}  {r:<14} {c}")


if __name__ == "__main__":
    main()
