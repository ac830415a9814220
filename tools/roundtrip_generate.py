"""Round trip of real documents: parse → yusuan generate (re-render) → parse, per output format.

    python tools/roundtrip_generate.py FILE_OR_DIR... [--formats html,docx,xlsx,pdf]

For each input prints how many of its table facts (table, side, code, project, column, value) come
back identical from each generated format, and the facts lost or gained; a summary at the end.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from yusuan.generate.cli import write  # noqa: E402
from yusuan.generate.layout import layout  # noqa: E402
from yusuan.generate.template import DEFAULT_TEMPLATE, load_template  # noqa: E402
from yusuan.inputs import expand  # noqa: E402
from yusuan.pipeline import load  # noqa: E402


def facts(doc):  # type: ignore[no-untyped-def]
    """Table facts; a project name without its spaces (the PDF reader keeps no space between a
    digit and a Chinese character: "2024 年" reads back "2024年"); a column the catalogue does not
    name is ``col*`` (its positional id ``col6`` moves when the re-rendered table drops empty columns)."""
    return {(t.id, r.side, r.code, "".join((r.project or "").split()), re.sub(r"^col\d+$", "col*", c), a.value)
            for t in doc.tables if t.id != "generic" for r in t.rows for c, a in r.values.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--formats", default="html,docx,xlsx,pdf")
    ap.add_argument("--diff", action="store_true", help="print the first facts lost and gained")
    args = ap.parse_args()
    fmts = args.formats.split(",")
    tpl = load_template(DEFAULT_TEMPLATE)
    totals = {f: [0, 0] for f in fmts}
    with tempfile.TemporaryDirectory() as tmp:
        for path in expand(args.paths):
            try:
                doc = load(path)
            except Exception as exc:  # noqa: BLE001 - a measurement script reports and goes on
                print(f"{path}: 无法读取 {exc}")
                continue
            want = facts(doc)
            book = layout(doc, tpl)
            line = [Path(path).name[:40], str(len(want))]
            for f in fmts:
                out = str(Path(tmp) / f"out.{f}")
                write(book, out, tpl.preparer_label)
                try:
                    got = facts(load(out))
                except Exception as exc:  # noqa: BLE001
                    got = set()
                    if want:
                        print(f"  {f}: 读回失败 {exc}")
                if args.diff and (want - got or got - want):
                    print(f"  {f} lost {sorted(want - got, key=str)[:6]}\n  {f} new  {sorted(got - want, key=str)[:6]}")
                same = len(want & got)
                totals[f][0] += same
                totals[f][1] += len(want)
                line.append(f"{f} {same}/{len(want)} (-{len(want - got)} +{len(got - want)})")
            print("  ".join(line), flush=True)
    print("合计 total: " + "  ".join(f"{f} {a}/{b} = {a / b:.1%}" if b else f"{f} -" for f, (a, b) in totals.items()))


if __name__ == "__main__":
    main()
