"""How much of each document yusuan reads: ``python bench/reading.py [FOLDER ...] [--no-cache]``.

For every document of ../shared/bulk, ../shared/corpus, ../shared/more and ../shared/seeds (or the
folders given), loaded as ``yusuan check`` loads a folder (two files of one disclosure are paired),
prints from its reading account (``Document.reading``, 读取情况):

* documents complete (``reading.complete``) and why the others are not;
* table numbers placed (in a row and a column with a meaning) out of all numbers in table regions;
* narrative amounts in claims out of all amounts printed in the prose sections, and how many of the
  others are accounted as no claim about the tables (a reason's detail, a 概况's figures: ``not_claims``);
* listed tables read out of listed;

overall, per folder, per region (the word after the number in the file name, e.g.
``001_shanghai_…`` → shanghai) and per year. One process; results are cached per file and source
tree in .bench_cache/ so that printing again costs nothing until the code changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yusuan.errors import ReadError  # noqa: E402
from yusuan.inputs import expand, group, load_all  # noqa: E402


def shared_dir() -> Path | None:
    """../shared beside the clone (as CI has it), else $YUSUAN_SHARED, else /work/shared."""
    for p in (os.environ.get("YUSUAN_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if p and Path(p).is_dir():
            return Path(p)
    return None


SHARED_FOLDERS = ("bulk", "corpus", "more", "seeds")


def shared_folders(given: list[str]) -> list[Path]:
    """The folders given, else ../shared's bulk, corpus, more and seeds (exits when ../shared is absent)."""
    if given:
        return [Path(f) for f in given]
    shared = shared_dir()
    if shared is None:
        sys.exit("../shared not found (set YUSUAN_SHARED)")
    return [shared / n for n in SHARED_FOLDERS]


def source_hash() -> str:
    h = hashlib.sha1()
    for p in sorted((ROOT / "yusuan").rglob("*")):
        if p.is_file() and p.suffix in (".py", ".toml", ".tsv", ".json", ".txt", ".csv"):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def region_of(path: str, folder: str) -> str:
    if folder == "seeds":
        return "xinjiang(seeds)"
    m = re.match(r"\d+_([a-z]+)", Path(path).name)
    return m.group(1) if m else "?"


def year_of(path: str, year: int | None) -> str:
    if year:
        return str(year)
    m = re.search(r"(20\d\d)", Path(path).name)
    return m.group(1) if m else "?"


def measure(folder: Path, cache: dict[str, Any]) -> Iterable[dict[str, Any]]:
    # the folders' own notes (README.md, SOURCES.md, MANIFEST.tsv) are not disclosures
    files = [f for f in expand([str(folder)]) if not re.match(r"^[A-Z]+\.", Path(f).name)]
    todo = []
    for g in group(files):
        key = "|".join(g)
        if key in cache:
            yield cache[key]
        else:
            todo.append(g)
    if not todo:
        return
    for item in load_all(todo, progress=sys.stderr.isatty()):
        key = "|".join(item.paths)
        if item.document is None:
            err: ReadError | None = item.error
            rec: dict[str, Any] = {"paths": item.paths, "error": err.reason if err else "?"}
        else:
            d = item.document
            rec = {"paths": item.paths, "year": d.year, "kind": d.kind, "level": d.level,
                   "reading": d.reading.model_dump(mode="json")}
        cache[key] = rec
        yield rec


class Tally:
    def __init__(self) -> None:
        self.docs = self.complete = self.unreadable = 0
        self.numbers = self.placed = self.amounts = self.in_claims = self.not_claims = self.listed = self.read = 0
        self.why: dict[str, int] = defaultdict(int)

    def add(self, rec: dict[str, Any]) -> None:
        if "error" in rec:
            self.unreadable += 1
            return
        r = rec["reading"]
        self.docs += 1
        self.complete += bool(r["complete"])
        self.numbers += r["table_numbers"]["total"]
        self.placed += r["table_numbers"]["placed"]
        self.amounts += r["narrative_amounts"]["total"]
        self.in_claims += r["narrative_amounts"]["in_claims"]
        self.not_claims += r["narrative_amounts"].get("not_claims", 0)
        self.listed += r["tables_listed"]
        self.read += r["tables_read"]
        for reason in r["reasons"]:
            kind = ("tables not read" if "未读到" in reason else "tables absent from the file" if "文件中没有" in reason
                    else "numbers not placed" if "表格数字" in reason
                    else "amounts not in claims" if "说明中的金额" in reason else "stage problems")
            self.why[kind] += 1

    def row(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:5.1f}%" if b else "    —"

        return (f"{name:<24} {self.docs:>4} {self.complete:>4} {pct(self.complete, self.docs)}  "
                f"{pct(self.placed, self.numbers)} ({self.placed}/{self.numbers})  "
                f"{pct(self.in_claims, self.amounts)} ({self.in_claims}/{self.amounts}, +{self.not_claims} not claims)  "
                f"{pct(self.read, self.listed)} ({self.read}/{self.listed})"
                + (f"  unreadable {self.unreadable}" if self.unreadable else ""))


HEADER = (f"{'':<24} {'docs':>4} {'cmpl':>4} {'share':>6}  {'table numbers placed':<24}  "
          f"{'narrative amounts in claims':<36}  listed tables read")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", help="folders (default: ../shared bulk, corpus, more, seeds)")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--from-check", nargs="+", metavar="JSONL",
                    help="read the figures from `yusuan check --format json` output instead of parsing again")
    args = ap.parse_args()
    if args.from_check:
        report([(_folder_of(r["paths"][0]), r) for r in from_check(args.from_check)])
        return
    folders = shared_folders(args.folders)
    cache_file = ROOT / ".bench_cache" / f"reading_{source_hash()}.json"
    cache: dict[str, Any] = {}
    if cache_file.exists() and not args.no_cache:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    recs: list[tuple[str, dict[str, Any]]] = []
    try:
        for folder in folders:
            recs.extend((folder.name, rec) for rec in measure(folder, cache))
    finally:
        cache_file.parent.mkdir(exist_ok=True)
        cache_file.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    report(recs)


def _folder_of(path: str) -> str:
    return Path(path).parent.name


def from_check(files: list[str]) -> Iterable[dict[str, Any]]:
    """The records of `yusuan check --format json` output (one document a line, its reading beside)."""
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            paths = r.get("paths") or r["path"].split("+")
            if re.match(r"^[A-Z]+\.", Path(paths[0]).name):
                continue  # the folders' own notes (README.md …) are not disclosures
            if r.get("reading") is None:
                yield {"paths": paths, "error": "unreadable"}
                continue
            d = r.get("document") or {}
            yield {"paths": paths, "year": d.get("year"), "kind": d.get("kind"), "level": d.get("level"),
                   "reading": r["reading"]}


def report(recs: list[tuple[str, dict[str, Any]]]) -> None:
    overall, by_folder = Tally(), defaultdict(Tally)
    by_region: dict[str, Tally] = defaultdict(Tally)
    by_year: dict[str, Tally] = defaultdict(Tally)
    by_level: dict[str, Tally] = defaultdict(Tally)
    for folder, rec in recs:
        overall.add(rec)
        by_folder[folder].add(rec)
        by_region[region_of(rec["paths"][0], folder)].add(rec)
        by_year[f"{year_of(rec['paths'][0], rec.get('year'))} {rec.get('kind', '')}"].add(rec)
        by_level[f"{rec.get('level') or '?'} {rec.get('kind', '')}"].add(rec)
    print(HEADER)
    print(overall.row("ALL"))
    for title, tallies in (("by folder", by_folder), ("by region", by_region), ("by year", by_year),
                           ("by level and kind", by_level)):
        print(f"-- {title}")
        for name in sorted(tallies):
            print(tallies[name].row(name))
    print("-- why incomplete (documents)")
    for kind, n in sorted(overall.why.items(), key=lambda kv: -kv[1]):
        print(f"   {kind:<24} {n}")


if __name__ == "__main__":
    main()
