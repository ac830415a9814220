"""The canonical table catalog: printed titles → table ids, printed headers → column ids.

The mapping itself is data (``yusuan/data/tables.toml``) so that a new regional template is a few
rows there, not code. This module loads it once and answers three questions:

* ``match_title(text)`` — which canonical table a printed title names (or None);
* ``match_column(table_id, header_path)`` — which canonical column a printed header path names;
* ``match_row(table_id, label)`` — which fixed item a row label names (三公 items).

``CANONICAL_TABLES`` maps every id to its Chinese meaning (see docs/tables.md).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

_WS_RE = re.compile(r"\s+")
_TRANS = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "〔": "[",
        "〕": "]",
        "【": "[",
        "】": "]",
        "，": ",",
    }
)


def norm(text: str) -> str:
    """Text as the catalog patterns see it: no whitespace, ASCII brackets, colons and quotes.

    Converters insert spaces inside words (``政府 性基 金预 算``) and documents mix full- and
    half-width brackets; neither carries meaning for recognising a title or a header.
    """
    return _WS_RE.sub("", text.replace("\u3000", " ")).translate(_TRANS)


@dataclass(frozen=True)
class TableSpec:
    id: str
    name: str
    titles: tuple[re.Pattern[str], ...]
    not_titles: tuple[re.Pattern[str], ...] = ()
    columns: tuple[tuple[re.Pattern[str], str], ...] = ()
    rows: tuple[tuple[re.Pattern[str], str], ...] = ()
    two_sided: bool = False
    transpose: bool = False
    skip: bool = False
    beside: str | None = None  # a list printed beside this table's expense side: made by its reader, no title


@dataclass(frozen=True)
class SummarySpec:
    total: re.Pattern[str]
    carryover_start: re.Pattern[str]
    income_rows: tuple[tuple[re.Pattern[str], str], ...]
    carryover_rows: tuple[tuple[re.Pattern[str], str], ...]
    expense_rows: tuple[tuple[re.Pattern[str], str], ...]


@dataclass(frozen=True)
class Catalog:
    tables: tuple[TableSpec, ...]
    summary: SummarySpec
    by_id: dict[str, TableSpec] = field(default_factory=dict)
    common: tuple[tuple[re.Pattern[str], str], ...] = ()  # funding-source columns of any table


def _pairs(items: list[list[str]] | None) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), v) for p, v in (items or []))


def _load(data: dict[str, Any]) -> Catalog:
    specs = []
    for t in data.get("table", []):
        specs.append(
            TableSpec(
                id=t["id"],
                name=t["name"],
                titles=tuple(re.compile(p) for p in t.get("titles", [])),
                not_titles=tuple(re.compile(p) for p in t.get("not_titles", [])),
                columns=_pairs(t.get("columns")),
                rows=_pairs(t.get("rows")),
                two_sided=bool(t.get("two_sided", False)),
                transpose=bool(t.get("transpose", False)),
                skip=bool(t.get("skip", False)),
                beside=t.get("beside"),
            )
        )
    s = data["summary"]
    summary = SummarySpec(
        total=re.compile(s["total"]),
        carryover_start=re.compile(s["carryover_start"]),
        income_rows=_pairs(s.get("income_rows")),
        carryover_rows=_pairs(s.get("carryover_rows")),
        expense_rows=_pairs(s.get("expense_rows")),
    )
    return Catalog(
        tables=tuple(specs),
        summary=summary,
        by_id={t.id: t for t in specs},
        common=_pairs(data.get("common", {}).get("columns")),
    )


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    text = resources.files("yusuan").joinpath("data/tables.toml").read_text(encoding="utf-8")
    return _load(tomllib.loads(text))


def load_catalog(text: str) -> Catalog:
    """A catalog from TOML text (for tests and for trying a template mapping before adding it)."""
    return _load(tomllib.loads(text))


def _canonical() -> dict[str, str]:
    out = {t.id: t.name for t in catalog().tables if not t.skip}
    out["generic"] = "未识别的表（按原样保留）"
    return out


CANONICAL_TABLES: dict[str, str] = _canonical()

# The tables 财预〔2016〕143号 requires of every 部门预算公开 from 2017 (a table without data is
# published empty); read by the completeness rule Y401 and by the reading account alike.
REQUIRED_TABLES: tuple[str, ...] = ("summary", "income", "expense", "fiscal_summary", "gpb_expense", "gpb_basic",
                                    "three_public", "gov_fund")
# Template variants that publish the same content under another table (e.g. Shenzhen prints
# 基本支出总表 and 一般公共预算支出表（按经济分类） instead of 一般公共预算基本支出表).
EQUIVALENT_TABLES: dict[str, tuple[str, ...]] = {
    "gpb_basic": ("gpb_econ", "basic_total"),
}


def match_title(text: str, cat: Catalog | None = None) -> TableSpec | None:
    """The table spec a printed title names, or None. Performance tables come back with skip=True."""
    t = norm(text)
    for spec in (cat or catalog()).tables:
        if any(p.search(t) for p in spec.titles) and not any(p.search(t) for p in spec.not_titles):
            return spec
    return None


_ECON_CODE_RE = re.compile(r"(?:^|/)(3\d{2})(?!\d)")


def match_column(
    table_id: str, header_path: str, cat: Catalog | None = None, taken: frozenset[str] | set[str] = frozenset()
) -> str | None:
    """The canonical column id of a header path (cells above the column joined with "/").

    The table's own patterns are tried first, then (for one-sided tables) the common
    funding-source patterns; ids in ``taken`` (given to an earlier column) are passed over.
    """
    cat = cat or catalog()
    spec = cat.by_id.get(table_id)
    path = norm(header_path)
    if table_id == "gpb_project":
        m = _ECON_CODE_RE.search(path)
        if m and f"econ{m.group(1)}" not in taken:
            return f"econ{m.group(1)}"
    if spec is None:
        return None
    for pat, col in spec.columns:
        if col not in taken and pat.search(path):
            return col
    if not spec.two_sided and not spec.transpose:
        for pat, col in cat.common:
            if col not in taken and pat.search(path):
                return col
    return None


def match_row(table_id: str, label: str, cat: Catalog | None = None) -> str | None:
    """The fixed item code a row label names, for tables whose rows are fixed items (三公)."""
    cat = cat or catalog()
    spec = cat.by_id.get(table_id)
    if spec is None:
        return None
    t = strip_item_prefix(norm(label))
    for pat, code in spec.rows:
        if pat.search(t):
            return code
    return None


_ITEM_PREFIX_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[0-9]{1,2}[、.．]|\([0-9]{1,2}\)|\([一二三四五六七八九十]+\)|其中[:：]?)+"
)


def strip_item_prefix(label: str) -> str:
    """``一、本年收入`` → ``本年收入``; ``1.一般公共预算拨款`` → ``一般公共预算拨款``; ``其中:事业收入`` → ``事业收入``."""
    prev = None
    t = label
    while prev != t:
        prev = t
        t = _ITEM_PREFIX_RE.sub("", t)
    return t
