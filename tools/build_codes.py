"""Build the 政府收支分类科目 catalog (yusuan/data/codes/catalog.json) from real documents.

    python tools/build_codes.py [--bulk /work/shared/bulk] [--seeds tests/fixtures/seeds]
                                [--cache DIR] [--out yusuan/data/codes/catalog.json]

No public machine-readable copy of the official list (财政部《政府收支分类科目》) could be found
from this environment, so the catalog is built from the codes and names printed across many real
disclosures: every 收支总表 lists the functional 类, the 支出/收入 tables give 款 and 项 with their
codes and names, and the 基本支出 tables give the economic 类 and 款. For each code the catalog
records every name printed with it, the number of documents printing each name, the years seen,
and where it came from. Certainty follows from how many documents printed a code; a small curated
table adds the class renames of the 2019 reform that the (2021+) documents cannot show.

PDF text comes from pypdfium2 (``get_text_range``); ``--cache`` keeps it between runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = "2026.2"

# Functional 类 codes (支出功能分类) and economic 类 codes: 部门预算支出经济分类 (3xx) and
# 政府预算支出经济分类 (5xx). A 3-digit number outside these is not a class.
FUNC_CLASSES = {str(c) for c in range(201, 235)}
ECON_CLASSES = {str(c) for c in [*range(301, 314), 399]}
GOV_ECON_CLASSES = {str(c) for c in [*range(501, 515), 599]}

# Renames the documents cannot show (the 2019 reform of 政府收支分类科目 and later renames) and the
# 款 that have no 项 are curated by hand in data/codes/curated.json ("renames", "terminal"), each
# with its evidence.

# Words of the 基本支出 split printed beside a functional code in procurement or basic-expense rows
# (``2060401 … 日常公用经费``): a functional code's name they are not, whatever the count.
_BASIC_SPLIT_WORDS = {"人员经费", "公用经费", "日常公用经费", "基本支出", "项目支出"}

_WS = r"[ \t\u3000\u00a0]"
_NAME = r"([\u4e00-\u9fff][\u4e00-\u9fff（）()、“”\"·—\-A-Za-z]{1,40})"
# 2080505 名称 / 2080505-名称 / [2080505]名称 / 208 05 05 名称
_CODE_LINE_RE = re.compile(
    r"(?:^|(?<=[\s(（\[【]))\[?【?"
    r"(?P<code>(?:[235]\d\d)(?:\d\d){0,2}|[235]\d\d(?:" + _WS + r"+\d\d){1,2})"
    r"(?!\d)\]?】?" + _WS + r"*[-—:：]?" + _WS + r"*" + _NAME
)
# a number followed by a unit, not a code followed by a name ("225 万元", "120 人次")
_PROJECT_ID_RE = re.compile(r"[0-9]{4,}[A-Z][0-9A-Z]{4,}\s*$")
_NOT_NAMES = re.compile(r"(?:余|多)?(?:万元|元|千元|亿元|人|人次|个|名|年|月|日|天|次|项|辆|台|家|所|户|平方米|万|公里|件|份)")
# every class name of both classifications ends so; a 3-digit number before anything else (a unit's
# name, a sentence) is not a class
_CLASS_NAME_RE = re.compile(r"(?:支出|补助|预备费|预留|费用)(?:（[^）]*）|\([^)]*\))?$")
_YEAR_RE = re.compile(r"(20\d\d)" + _WS + r"*年(?:度)?" + _WS + r"*(?:部门|单位)?" + _WS + r"*预算")


def kind_of(code: str) -> str | None:
    head = code[:3]
    if head in FUNC_CLASSES:
        return "func"
    if head in ECON_CLASSES and len(code) <= 5:
        return "econ"
    if head in GOV_ECON_CLASSES and len(code) <= 5:
        return "gov_econ"
    return None


def clean_name(name: str) -> str:
    name = name.strip().strip("-—")
    # a trailing bracket left open by a wrapped line is not part of the name
    if name.count("（") > name.count("）"):
        name = name[: name.rfind("（")]
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")]
    return name.strip()


def codes_in_line(line: str) -> list[tuple[str, str]]:
    out = []
    for m in _CODE_LINE_RE.finditer(line):
        if _PROJECT_ID_RE.search(line, 0, m.start()):
            continue  # the serial after a project id (11000026T0000037 21319-…), not a code
        code = re.sub(r"\D", "", m.group("code"))
        if len(code) not in (3, 5, 7):
            continue
        name = clean_name(m.group(2))
        if len(name) < 2 or _NOT_NAMES.fullmatch(name):
            continue
        out.append((code, name))
    return out


def codes_in_tsv_line(line: str, last_class: str | None) -> tuple[list[tuple[str, str]], str | None]:
    """类\t款\t项\t名称 rows of tab-separated converter text; a 款 row may leave 类 blank."""
    cells = [c.strip() for c in re.sub(r"</?b>|\*\*", "", line).split("\t")]
    if len(cells) < 3:
        return [], last_class
    parts: list[str] = []
    i = 0
    while i < min(3, len(cells)) and re.fullmatch(r"\d{2,3}|", cells[i]):
        parts.append(cells[i])
        i += 1
    name = next((c for c in cells[i:] if c), "")
    if not parts or not re.match(_NAME, name):
        return [], last_class
    cls, rest = parts[0], [p for p in parts[1:] if p]
    if len(cls) == 3:
        last_class = cls
    elif not cls and last_class and rest:
        cls = last_class
    else:
        return [], last_class
    code = cls + "".join(rest)
    name = clean_name(re.match(_NAME, name).group(1))  # type: ignore[union-attr]
    return ([(code, name)] if len(code) in (3, 5, 7) and len(name) >= 2 else []), last_class


def document_codes(text: str) -> dict[str, Counter[str]]:
    """code -> Counter of names printed with it in one document."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    last_class: str | None = None
    for line in text.splitlines():
        if "\t" in line:
            pairs, last_class = codes_in_tsv_line(line, last_class)
            # a cell may hold code and name together (the expense side of a 收支总表)
            pairs += [p for cell in line.split("\t") for p in codes_in_line(re.sub(r"</?b>|\*\*", "", cell))]
        else:
            pairs = codes_in_line(line)
        for code, name in pairs:
            if len(code) == 3 and not _CLASS_NAME_RE.search(name):
                continue
            if kind_of(code):
                found[code][name] += 1
    # a 款/项 whose class the document never printed is more likely a stray number than a code
    return {c: n for c, n in found.items() if len(c) == 3 or c[:3] in found or _has_parent(c, found)}


def _has_parent(code: str, found: dict[str, Counter[str]]) -> bool:
    return any(k.startswith(code[:3]) and k != code for k in found)


def document_year(text: str) -> int | None:
    years = Counter(int(y) for y in _YEAR_RE.findall(text))
    return years.most_common(1)[0][0] if years else None


def pdf_text(path: Path, cache: Path | None) -> str:
    if cache:
        cached = cache / (path.stem + ".txt")
        if cached.exists():
            return cached.read_text(encoding="utf-8")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    text = "\n\f\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / (path.stem + ".txt")).write_text(text, encoding="utf-8")
    return text


def collect(folders: list[Path], seeds: Path | None, cache: Path | None) -> list[dict[str, object]]:
    docs: list[dict[str, object]] = []
    for folder in folders:
        if not folder.exists():
            continue
        manifest = {}
        mf = folder / "MANIFEST.tsv"
        if mf.exists():
            with open(mf, encoding="utf-8") as f:
                manifest = {r["file"]: r for r in csv.DictReader(f, delimiter="\t")}
        for p in sorted(folder.glob("*.pdf")):
            text = pdf_text(p, cache)
            row = manifest.get(p.name, {})
            year = int(row["year"]) if row.get("year", "").isdigit() else document_year(text)
            if year is None:  # a tool's fallback: the year in the file's name (…_2026.pdf)
                m = re.search(r"(20[1-3]\d)", p.stem)
                year = int(m.group(1)) if m else None
            # the region only counts how widely a code is printed; without a manifest the file
            # name's region word (NN_region_...) stands in for it
            region = row.get("city") or row.get("region") or (p.stem.split("_") + ["?"])[1]
            docs.append({"id": p.name, "region": region, "year": year, "codes": document_codes(text)})
    if seeds and seeds.exists():
        for p in sorted(seeds.glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            docs.append({"id": p.name, "region": "seed", "year": document_year(text), "codes": document_codes(text)})
    return docs


def build(docs: list[dict[str, object]], curated: dict[str, list[str]] | None = None,
          aliases: dict[str, dict[str, str]] | None = None, renames: list[dict[str, object]] | None = None,
          terminal: dict[str, str] | None = None) -> dict[str, object]:
    entries: dict[str, dict[str, object]] = {}
    name_docs: dict[str, Counter[str]] = defaultdict(Counter)
    name_years: dict[tuple[str, str], set[int]] = defaultdict(set)
    code_docs: Counter[str] = Counter()
    code_years: dict[str, set[int]] = defaultdict(set)
    code_regions: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        year = d["year"]
        codes: dict[str, Counter[str]] = d["codes"]  # type: ignore[assignment]
        for code, names in codes.items():
            code_docs[code] += 1
            code_regions[code].add(str(d["region"]))
            if isinstance(year, int):
                code_years[code].add(year)
            for name in names:
                name_docs[code][name] += 1
                if isinstance(year, int):
                    name_years[(code, name)].add(year)
    # economic 款 names printed under a functional code are a misread column, not a new 项
    econ_names = {n for c, ns in name_docs.items() if kind_of(c) != "func" for n, k in ns.items() if k >= 3}
    for code in sorted(code_docs):
        kind = kind_of(code)
        assert kind
        names = name_docs[code]
        if kind == "func" and code_docs[code] == 1 and all(n in econ_names for n in names):
            continue
        if kind == "func":
            # a functional code printed once with its own name and once beside an economic name
            # (a row of two classifications) keeps its own
            own = Counter({n: k for n, k in names.items() if n not in econ_names and n not in _BASIC_SPLIT_WORDS})
            top_own = max(own.values(), default=0)
            names = Counter({n: k for n, k in names.items() if n in own or k > top_own})
        top = names.most_common(1)[0][1]
        # a name counts when enough documents print it; the rest are wrapped or mis-read cells
        kept = {n: c for n, c in names.items() if c >= 2 or c == top}
        entries[code] = {
            "kind": kind,
            "level": {3: 1, 5: 2, 7: 3}[len(code)],
            "name": canonical_name(kept),
            "names": {
                n: {"docs": c, "years": sorted(name_years[(code, n)])}
                for n, c in sorted(kept.items(), key=lambda kv: -kv[1])
            },
            "docs": code_docs[code],
            "regions": len(code_regions[code]),
            "years": sorted(code_years[code]),
            "source": "documents",
        }
    # A 款 no document printed with its name still exists when its 项 were printed (some templates
    # print only 7-digit codes): it is recorded without a name, as "implied".
    implied: dict[str, list[dict[str, object]]] = defaultdict(list)
    for d in docs:
        codes_d: dict[str, Counter[str]] = d["codes"]  # type: ignore[assignment]
        parents = {c[:5] for c in codes_d if len(c) == 7 and c in entries and c[:5] not in entries}
        for parent in parents:
            implied[parent].append(d)
    for code in sorted(implied):
        ds = implied[code]
        entries[code] = {
            "kind": kind_of(code),
            "level": 2,
            "name": "",
            "names": {},
            "docs": len(ds),
            "regions": len({str(d["region"]) for d in ds}),
            "years": sorted({d["year"] for d in ds if isinstance(d["year"], int)}),  # type: ignore[type-var]
            "source": "implied",
        }
    merge_curated(entries, curated or {})
    merge_aliases(entries, aliases or {})
    drop_cut_names(entries)
    entries = dict(sorted(entries.items()))
    renamed = [{"code": r["code"], "from": r["from"], "to": r["to"], "since": r["since"]} for r in renames or []]
    for r in renamed:
        e = entries.get(str(r["code"]))
        if e is not None:
            e.setdefault("renamed", []).append({k: v for k, v in r.items() if k != "code"})  # type: ignore[union-attr]
    years = Counter(d["year"] for d in docs)
    return {
        "version": VERSION,
        "generated_by": "tools/build_codes.py",
        "source": "documents",
        "documents": len(docs),
        "documents_by_year": {str(y): n for y, n in sorted(years.items(), key=lambda kv: str(kv[0]))},
        "renames": renamed,
        "terminal": sorted(terminal or {}),
        "codes": entries,
    }


def merge_aliases(entries: dict[str, dict[str, object]], aliases: dict[str, dict[str, str]]) -> None:
    """Add the names a code had in other years of the 科目 (data/codes/curated.json ``aliases``):
    a name printed by too few documents to be kept by count, but known to be the code's own."""
    for code, names_of in aliases.items():
        e = entries.get(code)
        if e is None:
            continue
        names = e["names"]
        assert isinstance(names, dict)
        for name in names_of:
            if not any(normalize(n) == normalize(name) for n in names):
                names[name] = {"docs": 0, "years": []}


def merge_curated(entries: dict[str, dict[str, object]], curated: dict[str, list[str]]) -> None:
    """Add the hand-written list (data/codes/curated.json) and drop what it shows to be noise.

    The two economic classifications are listed in full, so an economic 款 outside the list that
    fewer than 3 documents printed is a stray number (a project serial, a cut cell such as
    ``30125 齐白石的艺``), not a code. A listed code no document printed is kept as ``listed``; a
    listed code that documents printed keeps their names and gains the listed one.
    """
    for code in [c for c, e in entries.items() if e["kind"] != "func" and c not in curated]:
        if int(entries[code]["docs"]) < 3:  # type: ignore[call-overload]
            del entries[code]
    for code in [c for c, e in entries.items() if e["kind"] == "func" and _mined_noise(e)]:
        del entries[code]
    for code, (kind, name, *_source) in curated.items():
        e = entries.get(code)
        if e is None:
            entries[code] = {
                "kind": kind, "level": {3: 1, 5: 2, 7: 3}[len(code)], "name": name,
                "names": {name: {"docs": 0, "years": []}}, "docs": 0, "regions": 0, "years": [],
                "source": "listed",
            }
            continue
        names = e["names"]
        assert isinstance(names, dict)
        if not any(normalize(n) == normalize(name) for n in names):
            names[name] = {"docs": 0, "years": []}
        if e["source"] == "implied":
            e["name"], e["source"] = name, "documents"
        e["listed"] = True


# How the names of the functional classification end; a 5-character name without such an ending
# is a cell cut short (``北京画院画``), and a name with a project's marks (项目, Latin letters) is a
# project printed beside a serial that looks like a code.
_FUNC_ENDINGS = re.compile(
    r"(?:支出|事务|运行|服务|管理|补助|补贴|教育|研究|研发|开发|建设|储备|保障|救助|发展|机构|医院|业|费|金|险|"
    r"改造|保护|治理|安置|台|监管|监督|审判|执行|检察|预防|调查|资助|放映|交通|运输|卫生|设施|会议|立法)$"
)
_PROJECT_MARKS = re.compile(r"[A-Za-z]|项目|月报")


def _mined_noise(e: dict[str, object]) -> bool:
    if e["source"] != "documents" or int(e["docs"]) > 1:  # type: ignore[call-overload]
        return False
    name = str(e["name"])
    return bool(_PROJECT_MARKS.search(name)) or (len(name) == 5 and not _FUNC_ENDINGS.search(name))


def drop_cut_names(entries: dict[str, dict[str, object]]) -> None:
    """A name variant that is the canonical name cut short (``资本性支出`` for 309
    资本性支出（基本建设）, a cell wrapped in two documents) and is another code's own name is that
    other code's name: keeping it would make the name ambiguous to readers that code rows by name."""
    canonical = {normalize(str(e["name"])) for e in entries.values() if e["name"]}
    for e in entries.values():
        names = e["names"]
        assert isinstance(names, dict)
        full = normalize(str(e["name"]))
        for n in [n for n in names if normalize(n) != full]:
            if full.startswith(normalize(n)) and normalize(n) in canonical:
                del names[n]


def normalize(name: str) -> str:
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def canonical_name(names: dict[str, int]) -> str:
    """The name most documents print; but a name that extends it (and is printed by at least a
    third as many documents) wins, since the shorter one is a cell cut at a line wrap."""
    top = max(names, key=lambda n: (names[n], len(n)))
    longer = [n for n in names if n.startswith(top) and names[n] * 3 >= names[top]]
    return max(longer, key=len)


def write(catalog: dict[str, object], out: Path) -> None:
    """JSON with one code per line, so that a rebuild reads as a diff of the codes that changed."""
    codes = catalog["codes"]
    assert isinstance(codes, dict)
    head = {k: v for k, v in catalog.items() if k != "codes"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "codes": {']
    items = [f"{json.dumps(c)}: {json.dumps(e, ensure_ascii=False)}" for c, e in codes.items()]
    lines.append(",\n".join(items))
    lines.append("}}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="folder holding bulk/, corpus/ and more/ (real PDFs of 2019-2026)")
    ap.add_argument("--seeds", type=Path, default=ROOT / "tests" / "fixtures" / "seeds")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "yusuan" / "data" / "codes" / "catalog.json")
    args = ap.parse_args(argv)
    docs = collect([args.shared / d for d in ("bulk", "corpus", "more")], args.seeds, args.cache)
    if not docs:
        print("no documents found", file=sys.stderr)
        return 1
    curated = json.loads((ROOT / "yusuan" / "data" / "codes" / "curated.json").read_text(encoding="utf-8"))
    catalog = build(docs, curated["codes"], curated.get("aliases", {}), curated.get("renames", []),
                    curated.get("terminal", {}))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write(catalog, args.out)
    codes = catalog["codes"]
    assert isinstance(codes, dict)
    by_kind = Counter((e["kind"], e["level"]) for e in codes.values())
    print(f"{len(docs)} documents, {len(codes)} codes -> {os.path.relpath(args.out)}")
    for (kind, level), n in sorted(by_kind.items()):
        print(f"  {kind} level {level}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
