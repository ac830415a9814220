"""The canonical table catalog: printed titles → table ids, printed headers → column ids.

The mapping itself is data (``yusuan/data/tables.toml``) so that a new regional template is a few
rows there, not code. This module loads it once and answers three questions:

* ``match_title(text)`` — which canonical table a printed title names (or None);
* ``match_column(table_id, header_path)`` — which canonical column a printed header path names;
* ``match_row(table_id, label)`` — which fixed item a row label names (三公 items);

and, from its sibling ``yusuan/data/table_structure.toml``, what each table is made of:

* ``TableSpec.order`` — the columns in printed order with the words that name them in converter
  text (read by ``yusuan.parse.scattered_columns``);
* ``column_relations(table_id, present)`` / ``row_relations(table_id, present)`` — the sums between
  columns and between fixed-item rows as the scattered reader and the placement solver use them
  (first layout, a column not printed passes its parts up);
* ``column_checks(table_id, present)`` / ``row_checks(table_id, present)`` — the same sums as the
  arithmetic rules check them (every layout the table prints, parts replaced by their own parts);
* ``TableSpec.by_code`` — rows are classification codes (类 = Σ款 = Σ项, 合计 = Σ类).

``CANONICAL_TABLES`` maps every id to its Chinese meaning (see docs/tables.md).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import product
from pathlib import Path
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
class Part:
    """One part of a sum: a column (or row item) id, ``?`` where a template may not print it,
    ``-`` where it is subtracted (决算 flows), ``econ*`` for every column with that prefix."""

    id: str
    optional: bool = False
    sign: int = 1

    @property
    def prefix(self) -> str | None:
        return self.id[:-1] if self.id.endswith("*") else None


@dataclass(frozen=True)
class Sum:
    """``parent = a + b + c? | d + e``: the parent is the sum of any one of its layouts."""

    parent: str
    layouts: tuple[tuple[Part, ...], ...]
    text: str

    @property
    def flow(self) -> bool:
        """A relation with a subtracted part (决算: 年末 = 年初 + 收入 − 支出)."""
        return any(p.sign < 0 for lay in self.layouts for p in lay)

    def ids(self) -> set[str]:
        return {self.parent} | {p.id for lay in self.layouts for p in lay if p.prefix is None}


@dataclass(frozen=True)
class OrderedColumn:
    id: str
    words: tuple[str, ...]  # header words that name it in converter text


_SUM_RE = re.compile(r"^\s*([\w.]+)\s*=\s*(.+)$")
_PART_RE = re.compile(r"([+-])?\s*([\w.]+\*?)(\?)?")


def parse_sum(text: str) -> Sum:
    """``"total = basic + project | personnel + public + project"`` → a Sum (see table_structure.toml)."""
    m = _SUM_RE.match(text)
    if not m:
        raise ValueError(f"not a sum: {text!r}")
    layouts = []
    for alt in m.group(2).split("|"):
        parts = []
        for sign, pid, opt in _PART_RE.findall(alt.strip()):
            parts.append(Part(pid, optional=bool(opt) or pid.endswith("*"), sign=-1 if sign == "-" else 1))
        if not parts:
            raise ValueError(f"empty layout in {text!r}")
        layouts.append(tuple(parts))
    return Sum(m.group(1), tuple(layouts), text.strip())


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
    # from table_structure.toml (or the same keys in a [[table]] entry)
    order: tuple[OrderedColumn, ...] = ()  # columns in printed order, with their converter-text words
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # group header → the columns printed under it
    sums: tuple[Sum, ...] = ()  # within a row, between columns
    row_sums: tuple[Sum, ...] = ()  # between rows of fixed items
    by_code: bool = False  # rows are classification codes: 类 = Σ款 = Σ项, 合计 = Σ类
    names: tuple[tuple[str, str], ...] = ()  # short Chinese names of row items and columns

    def name_of(self, item: str) -> str:
        return dict(self.names).get(item, item)


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
    # table_structure.toml [headers]: Column field → header patterns that set it (parse/column_marks.py)
    header_marks: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = ()
    links: Links = field(default_factory=lambda: Links())


@dataclass(frozen=True)
class Links:
    """table_structure.toml [links]: which income-table columns restate a summary-table item or a
    情况说明 subject."""

    # fund → (own column, transfer column, summary item of the own money, of the transfer)
    fiscal_funds: tuple[tuple[str, tuple[str, str, str, str]], ...] = ()
    # summary item → (its income-table column, the parts a template may print instead)
    item_columns: tuple[tuple[str, tuple[str, tuple[str, ...]]], ...] = ()
    # 情况说明 income subject → the income-table columns that restate it
    subject_columns: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _links(data: dict[str, Any]) -> Links:
    return Links(
        fiscal_funds=tuple((k, (v[0], v[1], v[2], v[3])) for k, v in data.get("fiscal_funds", {}).items()),
        item_columns=tuple((k, (v[0], tuple(v[1:]))) for k, v in data.get("item_columns", {}).items()),
        subject_columns=tuple((k, tuple(v)) for k, v in data.get("subject_columns", {}).items()),
    )


def _pairs(items: list[list[str]] | None) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), v) for p, v in (items or []))


_STRUCTURE_KEYS = ("order", "groups", "sums", "row_sums", "by_code", "like", "names")
_NOT_TABLES = ("headers", "links")  # table_structure.toml sections that are no table


def _merge_variant(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A template variant of a table already in the catalog: its patterns are tried first, its
    sums are added, its other keys (printed order, flags) replace the old ones."""
    out = dict(base)
    for key, value in extra.items():
        if key in ("titles", "not_titles", "columns", "rows"):
            out[key] = [*value, *base.get(key, [])]
        elif key in ("sums", "row_sums"):
            out[key] = [*base.get(key, []), *value]
        elif key != "id":
            out[key] = value
    return out


def _entries(data: dict[str, Any], structure: dict[str, Any]) -> list[dict[str, Any]]:
    """The [[table]] entries with their structure keys (table_structure.toml's section of the same id,
    overridden by the same keys written in the entry itself)."""
    out = []
    for t in data.get("table", []):
        own = structure.get(t["id"], {})
        out.append({**{k: v for k, v in own.items() if k in _STRUCTURE_KEYS}, **t})
    return out


def _resolved_sums(entries: dict[str, dict[str, Any]], tid: str, key: str, seen: frozenset[str] = frozenset()) -> list[Sum]:
    e = entries.get(tid, {})
    like = e.get("like")
    inherited = _resolved_sums(entries, like, key, seen | {tid}) if like and like not in seen else []
    own = [parse_sum(s) for s in e.get(key, [])]
    return [*inherited, *own]


def _load(data: dict[str, Any], structure: dict[str, Any] | None = None,
          extras: list[dict[str, Any]] | None = None) -> Catalog:
    structure = structure or {}
    entries = _entries(data, structure)
    for extra in extras or []:  # added templates: tried before the packaged ones
        extra_structure = {k: v for k, v in extra.items() if k not in ("table", "summary", "common", *_NOT_TABLES)}
        added = _entries(extra, extra_structure)
        for tid, keys in extra_structure.items():  # structure alone, for a table already catalogued
            if isinstance(keys, dict) and not any(e["id"] == tid for e in added):
                added.append({"id": tid, **{k: v for k, v in keys.items() if k in _STRUCTURE_KEYS}})
        for e in reversed(added):
            same = next((i for i, b in enumerate(entries) if b["id"] == e["id"]), None)
            if same is None:
                entries.insert(0, e)
            else:
                entries[same] = _merge_variant(entries[same], e)
    by_entry = {e["id"]: e for e in entries}
    specs = []
    for t in entries:
        specs.append(
            TableSpec(
                id=t["id"],
                name=t.get("name", t["id"]),
                titles=tuple(re.compile(p) for p in t.get("titles", [])),
                not_titles=tuple(re.compile(p) for p in t.get("not_titles", [])),
                columns=_pairs(t.get("columns")),
                rows=_pairs(t.get("rows")),
                two_sided=bool(t.get("two_sided", False)),
                transpose=bool(t.get("transpose", False)),
                skip=bool(t.get("skip", False)),
                beside=t.get("beside"),
                order=tuple(OrderedColumn(c[0], tuple(c[1:])) for c in t.get("order", [])),
                groups=tuple((g, tuple(cols)) for g, cols in t.get("groups", {}).items()),
                sums=tuple(_resolved_sums(by_entry, t["id"], "sums")),
                row_sums=tuple(_resolved_sums(by_entry, t["id"], "row_sums")),
                by_code=bool(t.get("by_code", False)),
                names=tuple(t.get("names", {}).items()),
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
    common = [*(c for extra in extras or [] for c in extra.get("common", {}).get("columns", [])),
              *data.get("common", {}).get("columns", [])]
    return Catalog(
        tables=tuple(specs),
        summary=summary,
        by_id={t.id: t for t in specs},
        common=_pairs(common),
        header_marks=tuple((k, tuple(re.compile(p) for p in v)) for k, v in structure.get("headers", {}).items()),
        links=_links(structure.get("links", {})),
    )


def _data_text(name: str) -> str:
    return resources.files("yusuan").joinpath(f"data/{name}").read_text(encoding="utf-8")


EXTRA_TABLES_ENV = "YUSUAN_TABLES"


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The packaged catalog, plus the template files named in $YUSUAN_TABLES (paths separated by
    ``os.pathsep``): a regional template can be added as a TOML file of the same keys, without code."""
    extras = []
    for path in filter(None, os.environ.get(EXTRA_TABLES_ENV, "").split(os.pathsep)):
        extras.append(tomllib.loads(Path(path).read_text(encoding="utf-8")))
    return _load(tomllib.loads(_data_text("tables.toml")), tomllib.loads(_data_text("table_structure.toml")), extras)


def load_catalog(text: str, structure: str | None = None) -> Catalog:
    """A catalog from TOML text (for tests and for trying a template mapping before adding it).

    ``structure`` is table_structure.toml's text; by default the packaged one."""
    return _load(tomllib.loads(text), tomllib.loads(structure if structure is not None else _data_text("table_structure.toml")))


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
    # 部门综合预算: the 政府性基金收支表 (income | expense) is the template's 政府性基金 table
    "gov_fund": ("gov_fund_summary",),
}


def match_title(text: str, cat: Catalog | None = None) -> TableSpec | None:
    """The table spec a printed title names, or None. Performance tables come back with skip=True."""
    t = norm(text)
    for spec in (cat or catalog()).tables:
        if any(p.search(t) for p in spec.titles) and not any(p.search(t) for p in spec.not_titles):
            return spec
    return None


# ---------------------------------------------------------------------------------------------
# The sums of a table, as the readers use them and as the rules check them

Layout = list[tuple[str, int]]  # (column or row item id, +1 / -1)
_MAX_LAYOUTS = 64  # alternatives of one sum beyond which no more are made (kept fast)


def _spec(table_id: str, cat: Catalog | None) -> TableSpec | None:
    return (cat or catalog()).by_id.get(table_id)


def _tree(sums: Sequence[Sum], present: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Parent = Σ children over the present ids, by each sum's first layout; a child not present
    passes its own children up (基本支出 not printed: 合计 = 人员经费 + 公用经费 + 项目支出)."""
    first: dict[str, tuple[Part, ...]] = {}
    for s in sums:
        if not s.flow:
            first.setdefault(s.parent, s.layouts[0])

    def leaves(col: str, seen: frozenset[str]) -> list[str]:
        out: list[str] = []
        for p in first.get(col, ()):
            if p.prefix is not None:
                out.extend(c for c in present if c.startswith(p.prefix))
            elif p.id in present:
                out.append(p.id)
            elif p.id not in seen:
                out.extend(leaves(p.id, seen | {p.id}))
        return out

    rels = []
    for parent in first:
        if parent in present:
            kids = leaves(parent, frozenset({parent}))
            if kids:
                rels.append((parent, kids))
    return rels


def column_relations(table_id: str, present: Sequence[str], cat: Catalog | None = None) -> list[tuple[str, list[str]]]:
    """Within-row sums over the present columns, as the scattered reader and the placement solver
    use them: each sum's first layout, a missing middle column passing its children up."""
    spec = _spec(table_id, cat)
    return _tree(spec.sums, present) if spec else []


def row_relations(table_id: str, present: Sequence[str], cat: Catalog | None = None) -> list[tuple[str, list[str]]]:
    """Sums between the fixed-item rows present (三公: 合计 = 出国 + 接待 + 公务用车 …), as
    ``column_relations``."""
    spec = _spec(table_id, cat)
    return _tree(spec.row_sums, present) if spec else []


def _flatten(by_parent: dict[str, Sum], layout: tuple[Part, ...], present: set[str] | Sequence[str],
             seen: frozenset[str]) -> list[Layout]:
    """Every way of reading one layout over the present ids: a part printed is itself, or (where
    it has a sum of its own) a reading of its first layout; a ``?`` part not printed is dropped; a
    required part that cannot be had makes the layout unreadable."""
    options: list[list[Layout]] = []
    for p in layout:
        opts: list[Layout] = []
        if p.prefix is not None:
            opts.append([(c, p.sign) for c in present if c.startswith(p.prefix)])
        else:
            if p.id in present:
                opts.append([(p.id, p.sign)])
            sub = by_parent.get(p.id)
            if sub is not None and p.id not in seen:
                # read through its first layout only: its other layouts are readings of the
                # part itself (财政拨款小计 incl. its carry-over), not of what contains it
                for lay in sub.layouts[:1]:
                    for flat in _flatten(by_parent, lay, present, seen | {p.id}):
                        opts.append([(c, s * p.sign) for c, s in flat])
            if not opts and p.optional:
                opts.append([])
        if not opts:
            return []
        options.append(opts)
    out: list[Layout] = []
    for combo in product(*options):
        flat = [x for o in combo for x in o]
        if flat and flat not in out:
            out.append(flat)
            if len(out) >= _MAX_LAYOUTS:
                break
    return out


def _checks(sums: Sequence[Sum], present: Sequence[str], flows: bool) -> list[tuple[str, list[Layout]]]:
    by_parent: dict[str, Sum] = {}
    for s in sums:
        if flows or not s.flow:
            by_parent.setdefault(s.parent, s)
    have = list(present)
    out = []
    for parent, s in by_parent.items():
        if parent not in have:
            continue
        layouts: list[Layout] = []
        for lay in s.layouts:
            for flat in _flatten(by_parent, lay, have, frozenset({parent})):
                if flat not in layouts:
                    layouts.append(flat)
        if layouts:
            out.append((parent, layouts))
    return out


def relation_label(table_id: str, parent: str, kids: Sequence[str], cat: Catalog | None = None) -> str:
    """``合计 = 出国 + 接待 + 公务用车`` for notes (the ids where the catalog names none)."""
    spec = _spec(table_id, cat)
    name = spec.name_of if spec else str
    return f"{name(parent)} = {' + '.join(name(k) for k in kids)}"


def column_checks(table_id: str, present: Sequence[str], cat: Catalog | None = None,
                  flows: bool = False) -> list[tuple[str, list[Layout]]]:
    """Within-row sums as the arithmetic rules check them: for each parent column printed, every
    layout the table prints (each required part printed, ``?`` parts where printed; a part may be
    read through its own parts). Flows (with a subtracted part) only with ``flows``."""
    spec = _spec(table_id, cat)
    return _checks(spec.sums, present, flows) if spec else []


def row_checks(table_id: str, present: Sequence[str], cat: Catalog | None = None) -> list[tuple[str, list[Layout]]]:
    """Sums between fixed-item rows as the rules check them (see ``column_checks``)."""
    spec = _spec(table_id, cat)
    return _checks(spec.row_sums, present, False) if spec else []


def sum_columns(table_id: str, cat: Catalog | None = None, flows: bool = False) -> set[str]:
    """Every column id the table's sums name (a row with a column outside them cannot be checked:
    yusuan does not know what its total is made of)."""
    spec = _spec(table_id, cat)
    return {c for s in (spec.sums if spec else ()) if flows or not s.flow for c in s.ids()}


def row_parts(table_id: str, parent: str, cat: Catalog | None = None) -> list[str]:
    """The items a fixed-item row is the sum of, by its first layout (``income.fiscal`` of
    fiscal_summary → income.gpb, income.gov_fund, income.soe); [] where the catalog has none."""
    spec = _spec(table_id, cat)
    s = next((s for s in (spec.row_sums if spec else ()) if s.parent == parent), None)
    return [p.id for p in s.layouts[0]] if s else []


def fiscal_funds(cat: Catalog | None = None) -> dict[str, tuple[str, str, str, str]]:
    """Income-table fund → (own column, transfer column, summary item of the own money, of the transfer)."""
    return dict((cat or catalog()).links.fiscal_funds)


def item_columns(cat: Catalog | None = None) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Summary item → (the income-table column it is, the parts a template may print instead)."""
    return dict((cat or catalog()).links.item_columns)


def subject_columns(cat: Catalog | None = None) -> dict[str, tuple[str, ...]]:
    """情况说明 income subject → the income-table columns (its 合计 row) that restate it."""
    return dict((cat or catalog()).links.subject_columns)


def flow_sums(table_id: str, cat: Catalog | None = None) -> list[Sum]:
    """The table's flows (决算: 年末 = 年初 + 收入 − 支出), the sums with a subtracted part."""
    spec = _spec(table_id, cat)
    return [s for s in (spec.sums if spec else ()) if s.flow]


def coded_tables(cat: Catalog | None = None) -> tuple[str, ...]:
    """Tables whose rows are classification codes (类 = Σ款 = Σ项, 合计 = Σ类)."""
    return tuple(dict.fromkeys(t.id for t in (cat or catalog()).tables if t.by_code))


def tables_with_sums(cat: Catalog | None = None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.id for t in (cat or catalog()).tables if t.sums))


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
