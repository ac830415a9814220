"""Draw a reproducible sample of what yusuan READ (table cells and narrative claims) to check by hand.

The findings of ../shared are all labelled, so the held-out measure of a session is the accuracy of
the reading itself: table cells (table, row, column, value, page) and narrative claims (subject,
amount / share / change, sentence, page) drawn at random and compared with the rendered page.

The draw is stratified by region (the file name's region word) so every region appears: each region
gets a floor of cells and claims, the rest is shared in proportion to its number of documents. To keep
the hand check to a page at a time, a drawn item brings up to ``--cluster - 1`` neighbours from the
same page (cells of the same table, claims of the same page): the first item of a cluster is uniform
within the document, its neighbours are not independent (say so when quoting intervals).

Documents already checked by hand (tests/golden/) are excluded. Documents are the units of
``yusuan check`` output (two files of one disclosure joined by " + " are parsed ``--together``).

    python tools/sample_values.py /work/cache/s7/base/{bulk,more}.jsonl --root ../shared \\
        --cache /tmp/values/parse --yusuan /work/main/.venv/bin/yusuan > sample.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

SEED = 20261203 + 7


def region_of(path: str) -> str:
    name = Path(path.split("+")[0].strip()).name
    parts = name.split("_")
    return parts[1] if len(parts) > 1 else name


def golden_stems(repo: Path) -> set[str]:
    return {p.stem for p in (repo / "tests" / "golden").rglob("*.json")}


def units(checks: list[Path], root: Path, exclude: set[str]) -> list[str]:
    out = []
    for p in checks:
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            if "reading" not in rec:  # the folders' own notes (MANIFEST.tsv, README.md) are no disclosures
                continue
            rel = [str(Path(x.strip()).resolve().relative_to(root.resolve())) for x in rec["path"].split("+")]
            if any(Path(r).stem in exclude for r in rel):
                continue
            out.append("+".join(rel))
    return sorted(out)


def parse(unit: str, root: Path, cache: Path, yusuan: str) -> dict[str, Any] | None:
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / (unit.replace("/", "_").replace("+", "__") + ".json")
    if not target.exists():
        files = [str(root / u) for u in unit.split("+")]
        cmd = ["nice", "-n", "10", yusuan, "parse", "--indent", "0", *files]
        if len(files) > 1:
            cmd.insert(5, "--together")
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            print(f"parse failed: {unit}: {res.stderr[-300:]}", file=sys.stderr)
            return None
        target.write_text(res.stdout, encoding="utf-8")
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data


def cells_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for t in doc.get("tables") or []:
        headers = {c["id"]: c.get("header") for c in t.get("columns") or []}
        for n, r in enumerate(t.get("rows") or []):
            for col, v in (r.get("values") or {}).items():
                if v is None or v.get("value") is None:
                    continue
                src = v.get("source") or {}
                out.append({
                    "kind": "cell",
                    "key": {"table": t["id"], "table_page": (t.get("source") or {}).get("page"),
                            "row_code": r.get("code"), "row_name": r.get("name"), "side": r.get("side"),
                            "project": r.get("project"), "column": col, "row_index": n},
                    "header": headers.get(col), "table_title": t.get("title"),
                    "value": v["value"], "text": v.get("text"), "unit": v.get("unit"),
                    "page": src.get("page") or (r.get("source") or {}).get("page"),
                    "file": src.get("file") or (t.get("source") or {}).get("file"),
                    "bbox": src.get("bbox"),
                })
    return out


def claim_value(c: dict[str, Any]) -> dict[str, Any]:
    amt = c.get("amount") or {}
    return {k: v for k, v in {
        "amount": amt.get("value"), "amount_text": amt.get("text"), "share": c.get("share"),
        "direction": c.get("direction"), "change": (c.get("change") or {}).get("value"),
        "change_percent": c.get("change_percent"), "prior": (c.get("prior") or {}).get("value"),
        "compared_to": c.get("compared_to"), "scope": c.get("scope"), "fund_scope": c.get("fund_scope") or None,
    }.items() if v not in (None, "")}


def claims_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for c in doc.get("claims") or []:
        val = claim_value(c)
        if not any(k in val for k in ("amount", "share", "change", "change_percent")):
            continue
        src = c.get("source") or {}
        out.append({
            "kind": "claim",
            "key": {"subject": c.get("subject"), "sentence": c.get("sentence"), "page": src.get("page")},
            "subject_text": c.get("subject_text"), "value": val, "page": src.get("page"),
            "file": src.get("file"),
        })
    return out


def quotas(regions: dict[str, list[str]], total: int, floor: int) -> dict[str, int]:
    names = sorted(regions)
    q = {r: floor for r in names}
    rest = total - floor * len(names)
    n_docs = sum(len(v) for v in regions.values())
    shares = {r: rest * len(regions[r]) / n_docs for r in names}
    for r in names:
        q[r] += int(shares[r])
    left = total - sum(q.values())
    for r in sorted(names, key=lambda r: shares[r] - int(shares[r]), reverse=True)[:left]:
        q[r] += 1
    return q


def draw_items(pool: list[dict[str, Any]], rng: random.Random, cluster: int, want: int,
               taken: set[str]) -> list[dict[str, Any]]:
    """A uniform first item, then up to cluster-1 neighbours drawn from its page (same table for cells)."""
    free = [x for x in pool if json.dumps(x["key"], sort_keys=True, ensure_ascii=False) not in taken]
    if not free or want <= 0:
        return []
    first = rng.choice(free)
    same = [x for x in free if x is not first and x["page"] == first["page"]
            and (x["kind"] == "claim" or x["key"]["table"] == first["key"]["table"])]
    rng.shuffle(same)
    got = [first] + same[: min(cluster, want) - 1]
    for x in got:
        taken.add(json.dumps(x["key"], sort_keys=True, ensure_ascii=False))
    return got


def silence_draw(checks: list[Path], root: Path, exclude: set[str], done: Path, n: int, seed: int) -> list[str]:
    """n documents the reading account calls complete and not yet audited (paths in ``done``), seeded."""
    audited = {json.loads(line)["path"] for line in done.read_text(encoding="utf-8").splitlines() if line.strip()}
    complete = []
    for p in checks:
        for line in p.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line) if line.strip() else {}
            if (rec.get("reading") or {}).get("complete"):
                rel = "+".join(str(Path(x.strip()).resolve().relative_to(root.resolve())) for x in rec["path"].split("+"))
                if rel not in audited and not any(Path(r).stem in exclude for r in rel.split("+")):
                    complete.append(rel)
    return random.Random(seed).sample(sorted(complete), n)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("checks", nargs="+", type=Path, help="yusuan check --format json outputs (the document units)")
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--cache", type=Path, required=True, help="folder for the parse outputs")
    ap.add_argument("--yusuan", default="yusuan")
    ap.add_argument("--repo", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--cells", type=int, default=120)
    ap.add_argument("--claims", type=int, default=80)
    ap.add_argument("--cluster", type=int, default=4)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--silence", type=int, default=0,
                    help="instead: draw this many complete documents for the silence audit")
    ap.add_argument("--audited", type=Path, default=Path("tests/labels/silence/s6.jsonl"))
    args = ap.parse_args()
    if args.silence:
        for unit in silence_draw(args.checks, args.root, golden_stems(args.repo), args.audited, args.silence, args.seed):
            print(unit)
        return
    rng = random.Random(args.seed)
    by_region: dict[str, list[str]] = defaultdict(list)
    for u in units(args.checks, args.root, golden_stems(args.repo)):
        by_region[region_of(u)].append(u)
    for r in by_region:
        rng.shuffle(by_region[r])
    out: list[dict[str, Any]] = []
    for kind, total, floor, pool_of in (("cell", args.cells, 4, cells_of), ("claim", args.claims, 3, claims_of)):
        q = quotas(by_region, total, floor)
        for region in sorted(by_region):
            docs = by_region[region]
            want, taken, i, idle = q[region], set(), 0, 0
            got: list[dict[str, Any]] = []
            while len(got) < want and idle < 2 * len(docs):
                unit = docs[i % len(docs)]
                i += 1
                doc = parse(unit, args.root, args.cache, args.yusuan)
                items = draw_items(pool_of(doc), rng, args.cluster, want - len(got), taken) if doc else []
                idle = 0 if items else idle + 1
                for x in items:
                    x.update({"path": unit, "region": region, "folder": unit.split("/")[0]})
                got += items
            if len(got) < want:
                print(f"{kind}: region {region} gave {len(got)} of {want}", file=sys.stderr)
            out += got
    for x in out:
        print(json.dumps(x, ensure_ascii=False))
    print(f"drew {sum(x['kind'] == 'cell' for x in out)} cells, {sum(x['kind'] == 'claim' for x in out)} claims "
          f"from {len({x['path'] for x in out})} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
