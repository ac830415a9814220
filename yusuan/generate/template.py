"""Templates are data: yusuan/data/templates/*.toml, one file per template (see national_2016.toml).

A template names its tables (ids and column ids of yusuan/data/tables.toml, the catalogue the parser
reads), their order, numbers, titles and headers, and the phrasing of the 情况说明. This module
loads them; it holds no facts of its own.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
              "十五", "十六", "十七", "十八", "十九", "二十"]


@dataclass(frozen=True)
class TableTemplate:
    id: str
    title: str
    columns: tuple[tuple[str, str], ...] = ()  # (column id, header path "group/header")
    income_columns: tuple[tuple[str, str], ...] = ()
    expense_columns: tuple[tuple[str, str], ...] = ()
    empty_note: str | None = None


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    unit: str
    code_style: str
    cover: str
    preparer_label: str
    number_style: str
    parts: dict[str, str]
    tables: tuple[TableTemplate, ...]
    narrative: dict[str, Any]
    sections: tuple[dict[str, str], ...]
    phrases: dict[str, str]
    glossary: tuple[tuple[str, str], ...]
    performance: dict[str, Any] = field(default_factory=dict)

    def table(self, table_id: str) -> TableTemplate | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def number(self, i: int) -> str:
        return self.number_style.format(n=CN_NUMBERS[i], i=i + 1)


def _pairs(v: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in (v or []))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: tables merge key by key, lists and values are replaced."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _read(name: str) -> dict[str, Any]:
    fname = name.replace("-", "_") + ".toml"
    f = resources.files("yusuan").joinpath("data/templates", fname)
    if not f.is_file():
        raise KeyError(name)
    return tomllib.loads(f.read_text(encoding="utf-8"))


def load_template_text(text: str) -> Template:
    return _from_dict(tomllib.loads(text))


def _from_dict(d: dict[str, Any]) -> Template:
    if "extends" in d:  # a template may state only what differs from another
        d = _merge(_read(d.pop("extends")), d)
    tables = tuple(
        TableTemplate(
            id=t["id"], title=t["title"], columns=_pairs(t.get("columns")),
            income_columns=_pairs(t.get("income_columns")), expense_columns=_pairs(t.get("expense_columns")),
            empty_note=t.get("empty_note"),
        )
        for t in d.get("table", [])
    )
    narrative = dict(d.get("narrative", {}))
    sections = tuple(narrative.pop("section", []))
    return Template(
        name=d["name"], description=d.get("description", ""), unit=d.get("unit", "万元"),
        code_style=d.get("code_style", "joined"), cover=d.get("cover", "{department}{year}年部门预算"),
        preparer_label=d.get("preparer_label", "编制部门"), number_style=d.get("number_style", "表{n}"),
        parts=dict(d.get("parts", {})), tables=tables, narrative=narrative, sections=sections,
        phrases=dict(d.get("phrases", {})),
        glossary=tuple((a, b) for a, b in d.get("glossary", {}).get("terms", [])),
        performance=dict(d.get("performance", {})),
    )


def template_names() -> list[str]:
    root = resources.files("yusuan").joinpath("data/templates")
    out = []
    for f in root.iterdir():
        if f.name.endswith(".toml"):
            out.append(load_template(f.name[:-5].replace("_", "-")).name)
    return sorted(out)


@lru_cache(maxsize=16)
def load_template(name: str) -> Template:
    """A template by name (``national-2016``); KeyError when there is none of that name."""
    return _from_dict(_read(name))


DEFAULT_TEMPLATE = "national-2016"
