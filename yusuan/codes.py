"""The 政府收支分类科目 catalog: functional (类/款/项) and economic (类/款) classification codes.

The catalog is package data (``yusuan/data/codes/catalog.json``, rebuilt by ``tools/build_codes.py``;
its provenance is in ``yusuan/data/codes/README.md``). It was built from the codes and names printed
across real disclosures, not from the official list, so every entry says how sure it is:

* ``confirmed`` — printed by at least 3 documents from at least 2 regions;
* ``probable``  — printed by 2 documents, or by 3+ from one region;
* ``uncertain`` — printed by a single document;
* ``listed``    — in the hand-written list of the classification (``data/codes/curated.json``: both
  economic classifications in full, the functional 类), whether or not a document printed it.

Rules err only on what the catalog is sure of, and warn otherwise.

    >>> cat = load_catalog()
    >>> cat.get("2080505").name
    '机关事业单位基本养老保险缴费支出'
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

Kind = Literal["func", "econ", "gov_econ"]
Certainty = Literal["official", "listed", "confirmed", "probable", "uncertain"]

KIND_NAMES: dict[str, str] = {
    "func": "支出功能分类科目",
    "econ": "部门预算支出经济分类科目",
    "gov_econ": "政府预算支出经济分类科目",
}
LEVEL_NAMES: dict[str, tuple[str, ...]] = {
    "func": ("类", "款", "项"),
    "econ": ("类", "款"),
    "gov_econ": ("类", "款"),
}

# First-level code ranges of each classification: a 3-digit head outside them is no class at all.
_FUNC_HEADS = range(201, 235)
_ECON_HEADS = (*range(301, 314), 399)
_GOV_ECON_HEADS = (*range(501, 515), 599)


def kind_of(code: str) -> Kind | None:
    """Which classification a digit code belongs to, by its first three digits and its length."""
    if not code.isdigit() or len(code) not in (3, 5, 7):
        return None
    head = int(code[:3])
    if head in _FUNC_HEADS:
        return "func"
    if len(code) <= 5 and head in _ECON_HEADS:
        return "econ"
    if len(code) <= 5 and head in _GOV_ECON_HEADS:
        return "gov_econ"
    return None


def level_of(code: str) -> int:
    """1 for a 类 (3 digits), 2 for a 款 (5), 3 for a 项 (7)."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0)


def parent_code(code: str) -> str | None:
    return code[:-2] if len(code) in (5, 7) else None


_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "〔": "(", "〕": ")", "【": "(", "】": ")"})


def normalize_name(name: str) -> str:
    """A name as compared: NFKC (full-width brackets and letters → ASCII), no whitespace or quotes.

    ``维修（护）费`` and ``维修(护)费`` and ``维修 (护) 费`` are the same name.
    """
    n = unicodedata.normalize("NFKC", name).translate(_DASHES)
    n = re.sub(r"[\s\"'“”‘’]+", "", n)
    return n.strip("-:：、.")


@dataclass(frozen=True)
class NameSeen:
    docs: int
    years: tuple[int, ...]


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    since: int


@dataclass(frozen=True)
class CodeEntry:
    code: str
    kind: Kind
    level: int
    name: str  # the name most documents print
    names: dict[str, NameSeen] = field(default_factory=dict)
    docs: int = 0  # documents that printed the code
    regions: int = 0  # distinct regions (templates) among them
    years: tuple[int, ...] = ()
    source: str = "documents"  # "official", "documents", "listed" (hand-written list only), "implied"
    listed: bool = False  # also in the hand-written list (data/codes/curated.json)
    renamed: tuple[Rename, ...] = ()

    @property
    def certainty(self) -> Certainty:
        if self.source == "official":
            return "official"
        if self.source == "listed" or self.listed:
            return "listed"
        if self.docs >= 3 and self.regions >= 2:
            return "confirmed"
        if self.docs >= 2:
            return "probable"
        return "uncertain"

    @property
    def sure(self) -> bool:
        return self.certainty in ("official", "listed", "confirmed")

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.kind][self.level - 1]

    def seen_in(self, year: int | None) -> bool:
        return year is None or year in self.years


@dataclass(frozen=True)
class NameCheck:
    """How a printed name compares with the catalog's names for a code."""

    ok: bool
    expected: str  # the catalog's name
    renamed: Rename | None = None  # the printed name is a known former name
    partial: bool = False  # one name is a prefix of the other (a cell cut at a line wrap)


class Catalog:
    def __init__(self, data: dict[str, Any]) -> None:
        self.version = str(data.get("version", ""))
        self.source = str(data.get("source", "documents"))
        self.documents = int(data.get("documents", 0))
        by_year: dict[str, int] = data.get("documents_by_year", {})
        self.documents_by_year: dict[int, int] = {int(y): int(n) for y, n in by_year.items() if y.isdigit()}
        renames: dict[str, list[Rename]] = {}
        for r in data.get("renames", []):
            renames.setdefault(r["code"], []).append(Rename(r["from"], r["to"], int(r["since"])))
        self.renames = renames
        # 款 the classification does not divide into 项 (219 援助其他地区支出's): data/codes/curated.json
        self.terminal: frozenset[str] = frozenset(str(c) for c in data.get("terminal", []))
        self._codes: dict[str, CodeEntry] = {}
        self._pattern_cache: set[tuple[str, str]] | None = None
        codes = data.get("codes", {})
        assert isinstance(codes, dict)
        for code, e in codes.items():
            self._codes[code] = CodeEntry(
                code=code,
                kind=e["kind"],
                level=int(e["level"]),
                name=e["name"],
                names={n: NameSeen(int(v["docs"]), tuple(v.get("years", ()))) for n, v in e["names"].items()},
                docs=int(e.get("docs", 0)),
                regions=int(e.get("regions", 0)),
                years=tuple(e.get("years", ())),
                source=e.get("source", "documents"),
                listed=bool(e.get("listed", False)),
                renamed=tuple(renames.get(code, ())),
            )

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> CodeEntry | None:
        return self._codes.get(code)

    def lookup(self, code: str, year: int | None = None) -> CodeEntry | None:
        """The entry for ``code`` as of ``year``.

        The catalog holds what documents printed, and few documents of most years were read, so
        a code seen in any year counts for every year; ``CodeEntry.seen_in(year)`` tells whether a
        document of that very year printed it.
        """
        return self._codes.get(code)

    def codes(self, kind: Kind | None = None, level: int | None = None) -> list[CodeEntry]:
        return [
            e for e in self._codes.values()
            if (kind is None or e.kind == kind) and (level is None or e.level == level)
        ]

    def class_names(self, kind: Kind) -> dict[str, str]:
        """The names of a classification's 类 → code: the name documents print most, the other
        names at least two documents print, and former names (医疗卫生与计划生育支出 → 210)."""
        out: dict[str, str] = {}
        for e in self.codes(kind, 1):
            if not e.sure:
                continue
            out.setdefault(e.name, e.code)
            for n, seen in e.names.items():
                if seen.docs >= 2:
                    out.setdefault(n, e.code)
            for r in e.renamed:
                out.setdefault(r.old, e.code)
        return out

    def systematic(self, code: str, name: str) -> bool:
        """True when an unseen 项 follows a pattern the classification repeats under many 款.

        Under most 款 the 项 ``01`` is 行政运行, ``02`` 一般行政管理事务, ``50`` 事业运行, and
        ``99`` is 其他…支出; such a 项 under a known 款 is taken as existing even when no document
        of the catalog printed it. The patterns are learnt from the catalog itself (a suffix and
        name seen under at least 5 different 款), never listed by hand.
        """
        if len(code) != 7 or code[:5] not in self._codes:
            return False
        n = normalize_name(name)
        suffix = code[5:]
        if suffix == "99" and n.startswith("其他") and n.endswith("支出"):
            return True
        return (suffix, n) in self._patterns()

    def _patterns(self) -> set[tuple[str, str]]:
        if self._pattern_cache is None:
            seen: dict[tuple[str, str], set[str]] = {}
            for c, e in self._codes.items():
                if e.kind == "func" and e.level == 3:
                    seen.setdefault((c[5:], normalize_name(e.name)), set()).add(c[:5])
            self._pattern_cache = {k for k, parents in seen.items() if len(parents) >= 5}
        return self._pattern_cache

    def is_terminal(self, code: str) -> bool:
        """True for a 款 that has no 项 in the classification (21908 住房保障 under 219)."""
        return code in self.terminal

    def name_in(self, code: str, year: int | None) -> str | None:
        """The code's name in the 科目 of ``year``: a former name before its rename's first year."""
        e = self._codes.get(code)
        if e is None:
            return None
        if year is not None:
            for r in sorted(e.renamed, key=lambda r: r.since):
                if year < r.since:
                    return r.old
        return e.name

    def children(self, code: str) -> list[CodeEntry]:
        return [e for c, e in self._codes.items() if parent_code(c) == code]

    def check_name(self, code: str, printed: str, year: int | None = None) -> NameCheck | None:
        """Compare a printed name with the catalog's; None when the code is not in the catalog."""
        e = self._codes.get(code)
        if e is None:
            return None
        if not e.names:
            return NameCheck(True, e.name)  # known only through its children: no name to compare
        p = normalize_name(printed)
        # a former name is right before the year it was replaced, wrong from it (documents of the
        # years before printed it, so it is among the known names too)
        for r in e.renamed:
            if p == normalize_name(r.old):
                if year is None or year >= r.since:
                    return NameCheck(False, r.new, renamed=r)
                return NameCheck(True, e.name)
        known = [normalize_name(n) for n in e.names]
        if p in known:
            return NameCheck(True, e.name)
        # a name cut by a line wrap (in the document or in the documents the catalog was built
        # from) is not a different name
        if len(p) >= 4 and any(k.startswith(p) or p.startswith(k) for k in known if len(k) >= 4):
            return NameCheck(True, e.name, partial=True)
        return NameCheck(False, self.name_in(code, year) or e.name)


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The catalog shipped with the package (read once)."""
    text = resources.files("yusuan").joinpath("data", "codes", "catalog.json").read_text(encoding="utf-8")
    return Catalog(json.loads(text))


# Functional class names the 政府收支分类科目 no longer uses: (old name, current name, code, year the
# current name took effect, old name only counts when marked as a class — "（类）" — because the
# words are also common prose). Read by the parser (yusuan.parse.wording_marks) and rule Y806.
SUPERSEDED_NAMES: list[tuple[str, str, str, int, bool]] = [
    ("医疗卫生与计划生育支出", "卫生健康支出", "210", 2019, False),
    ("医疗卫生与计划生育管理事务", "卫生健康管理事务", "21001", 2019, False),
    ("文化体育与传媒支出", "文化旅游体育与传媒支出", "207", 2019, False),
    ("国土海洋气象等支出", "自然资源海洋气象等支出", "220", 2019, False),
    ("国土资源气象等支出", "自然资源海洋气象等支出", "220", 2019, False),
    # dated by the documents (data/codes/curated.json renames): every 2019 document prints the old
    # name, documents from 2021 the new one
    ("资源勘探信息等支出", "资源勘探工业信息等支出", "215", 2021, False),
    # 20805 kept its old name in the 2019 科目; 行政事业单位养老支出 is the 2020 科目's
    ("行政事业单位离退休", "行政事业单位养老支出", "20805", 2020, True),
    ("医疗卫生支出", "卫生健康支出", "210", 2014, True),
]
