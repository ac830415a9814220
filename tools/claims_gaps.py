"""Which narrative amounts are not in claims: ``python tools/claims_gaps.py [FOLDER|FILE ...] [--region R]``.

A diagnostic for the claim parser (issue 7): for every document it lists each sentence of the prose
sections whose printed amounts are not carried by a claim, and groups the missing amounts by the
pattern of the words just before them (digits and names folded), most frequent first, per region.

The readers' output (RawDocument) is cached per file in $TMPDIR/yusuan_raw/ so that re-running after
a change to the parser costs only the parse. Files are read one by one (no pairing of halves).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yusuan.inputs import expand  # noqa: E402
from yusuan.parse import parse_document  # noqa: E402
from yusuan.parse.narrative_accounting import about_work, in_project_detail, in_reason  # noqa: E402
from yusuan.parse.reading import narrative_amounts  # noqa: E402
from yusuan.readers import read  # noqa: E402

CACHE = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "yusuan_raw"


def raw_of(path: str):  # type: ignore[no-untyped-def]
    st = os.stat(path)
    key = hashlib.sha1(f"{path}|{st.st_size}|{st.st_mtime}".encode()).hexdigest()[:16]
    f = CACHE / f"{key}.pkl"
    if f.exists():
        return pickle.loads(f.read_bytes())
    raw = read(path)
    CACHE.mkdir(parents=True, exist_ok=True)
    f.write_bytes(pickle.dumps(raw))
    return raw


def region_of(path: str) -> str:
    m = re.match(r"\d+_([a-z]+)", Path(path).name)
    return m.group(1) if m else Path(path).parent.name


def pattern(text: str, start: int) -> str:
    """The words before an amount, folded: digits → N, at most 8 characters back to a clause mark."""
    head = text[max(0, start - 12) : start]
    head = re.split(r"[，,。；;：:]", head)[-1]
    return re.sub(r"\d+(?:[.,]\d+)*", "N", head)[-8:] or "^"


def gaps(path: str) -> tuple[int, int, list[tuple[str, str, str]]]:
    """(total, in_claims, [(section title, sentence, pattern)]) of one file; the amounts accounted as no
    claim about the tables (yusuan.parse.narrative_accounting: a reason's detail, a 概况's figures) are
    listed under the pattern «not a claim»."""
    doc = parse_document(raw_of(path))
    total = found = 0
    missing: list[tuple[str, str, str]] = []
    claimed = {re.sub(r"\s+", "", c.sentence) for c in doc.claims if c.subject and c.sentence}
    for sec, text, m, carried in narrative_amounts(doc):
        total += 1
        if carried:
            found += 1
            continue
        not_claim = in_reason(text, m.start()) or in_project_detail(text, m.start()) \
            or about_work(sec, any(x and x in text for x in claimed))
        s = text.rfind("。", 0, m.start()) + 1
        e = text.find("。", m.end())
        missing.append((f"{sec.part or ''} | {sec.title}", text[s : e + 1 if e >= 0 else None],
                        "not a claim" if not_claim else pattern(text, m.start())))
    return total, found, missing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    shared = Path(os.environ.get("YUSUAN_SHARED", str(Path(__file__).resolve().parents[2] / "shared")))
    ap.add_argument("paths", nargs="*", default=[str(shared / d) for d in ("bulk", "corpus", "more", "seeds")],
                    help="folders or files (default: every folder of ../shared, or $YUSUAN_SHARED)")
    ap.add_argument("--region", help="only files of this region")
    ap.add_argument("--sentences", type=int, default=3, help="example sentences per pattern")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    files = [f for f in expand(args.paths) if not re.match(r"^[A-Z]+\.", Path(f).name)]
    if args.region:
        files = [f for f in files if region_of(f) == args.region]
    tot: Counter[str] = Counter()
    got: Counter[str] = Counter()
    pats: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i, f in enumerate(files):
        print(f"[{i + 1}/{len(files)}] {f}", file=sys.stderr)
        try:
            t, g, miss = gaps(f)
        except Exception as exc:  # a diagnostic: report and go on
            print(f"  failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        r = region_of(f)
        tot[r] += t
        got[r] += g
        for title, sentence, pat in miss:
            pats[r][pat] += 1
            if len(examples[(r, pat)]) < args.sentences:
                examples[(r, pat)].append(f"{Path(f).name} [{title}] {sentence[:220]}")
    for r in sorted(tot, key=lambda k: tot[k] - got[k], reverse=True):
        print(f"\n=== {r}: in claims {got[r]}/{tot[r]} ({100 * got[r] / max(tot[r], 1):.1f}%), missing {tot[r] - got[r]}")
        for pat, n in pats[r].most_common(args.top):
            print(f"  {n:5d}  «{pat}»")
            for ex in examples[(r, pat)]:
                print(f"           {ex}")
    print(f"\nALL: in claims {sum(got.values())}/{sum(tot.values())} "
          f"({100 * sum(got.values()) / max(sum(tot.values()), 1):.1f}%)")


if __name__ == "__main__":
    main()
