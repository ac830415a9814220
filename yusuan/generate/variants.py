"""Template variations with known truth: the same correct document printed the ways regional
templates print it, to measure what the parser does on layouts it was never tuned on.

A ``Variant`` is one value of one axis (header words, the total row's label, units and decimals,
codes, names shared by a 款 and its 项, wrapped rows, page breaks, column order, extra columns);
``build_variant`` gives the document to print (its canonical tables are the truth) and the Book laid
out with the variation. yusuan/generate/variants_check.py reads the printed file back and compares.
``bench/variants.py`` runs every axis; tests/test_variants.py keeps the outcomes from going back.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml

from yusuan.codes import load_catalog
from yusuan.generate.document import build_document
from yusuan.generate.layout import Block, Book, layout
from yusuan.generate.spec import parse_spec
from yusuan.generate.template import Template, load_template
from yusuan.generate.variants_grid import ONE_SIDED, Printing, variant_grid
from yusuan.model import Amount, Document

# the documents varied: (name, example spec, template) — one 万元 national set with joined codes,
# one 元 municipal set with 类/款/项 cells
BASES = (
    ("national", "culture_bureau_2025.yaml", "national-2016"),
    ("municipal", "health_center_2026_yuan.json", "municipal-yuan"),
)
TO_YUAN = Decimal(10000)


@dataclass(frozen=True)
class Variant:
    axis: str
    name: str
    printing: Printing = field(default_factory=Printing)
    unit: str | None = None  # the tables' printed unit ("元", "万元"); None: the template's
    decimals: int = 2
    shared_name: bool = False  # a 项 named as its 款 (其他…支出 under 其他…支出) added to the spec
    pdf_only: bool = False  # a variation only a paged format shows (page breaks)

    @property
    def id(self) -> str:
        return f"{self.axis}/{self.name}"


_SYNONYMS = (("total", "总计"), ("basic", "基本支出预算"), ("project", "项目支出预算"), ("personnel", "人员支出"),
             ("public", "日常公用经费"), ("gpb", "一般公共预算拨款"), ("business", "事业收入预算"))
# words no template of the development set prints for these columns
_UNSEEN = (("total", "全年预算数"), ("basic", "保障运转经费"), ("project", "发展建设经费"), ("personnel", "人头经费"),
           ("public", "运转经费"), ("gpb", "公共财政拨款"), ("business", "事业单位收入"))


def _axes(department: str) -> list[Variant]:
    v = Variant
    return [
        v("baseline", "as-template"),
        v("header_words", "synonyms", Printing(headers=_SYNONYMS)),
        v("header_words", "unseen", Printing(headers=_UNSEEN)),
        v("header_words", "label-words", Printing(code_header="功能分类科目编码", name_header="功能分类科目名称")),
        v("header_words", "grouped", Printing(group="本年预算")),
        v("header_words", "label-unseen", Printing(code_header="预算科目代码", name_header="预算科目")),
        v("total_label", "总计", Printing(total_label="总计")),
        v("total_label", "unit-name", Printing(total_label=department)),
        v("total_label", "blank", Printing(total_label="")),
        v("total_label", "at-bottom", Printing(total_last=True)),
        v("total_label", "总计-at-bottom", Printing(total_label="总计", total_last=True)),
        v("units", "元-2", unit="元", decimals=2),
        v("units", "万元-2", unit="万元", decimals=2),
        v("units", "万元-4", unit="万元", decimals=4),
        v("units", "万元-6", unit="万元", decimals=6),
        v("units", "no-digit-groups", Printing(grouping=False)),
        v("zeros", "0.00", Printing(zero="0.00")),
        v("zeros", "dash", Printing(zero="-")),
        v("codes", "joined", Printing(codes="joined")),
        v("codes", "split", Printing(codes="split")),
        v("codes", "sparse", Printing(codes="sparse")),
        v("codes", "in-name", Printing(codes="in-name")),
        v("codes", "names-only", Printing(codes="none")),
        v("shared_name", "coded", Printing(codes="joined"), shared_name=True),
        v("shared_name", "names-only", Printing(codes="none"), shared_name=True),
        v("wrapped", "in-cell", Printing(wrap="cell")),
        v("wrapped", "own-row", Printing(wrap="row")),
        v("page_break", "header-repeated", Printing(break_at=0.5), pdf_only=True),
        v("page_break", "no-header", Printing(break_at=0.5, repeat_header=False), pdf_only=True),
        v("column_order", "reversed", Printing(order=("project", "basic", "public", "personnel", "total"))),
        v("column_order", "total-last", Printing(order=("basic", "project", "personnel", "public", "gpb",
                                                         "gov_fund", "soe", "fiscal_special", "business",
                                                         "operating", "other", "total"))),
        v("extra_column", "备注", Printing(remark="备注")),
        v("econ_beside", "政府经济分类", Printing(econ_beside=True)),
    ]


def axes() -> list[Variant]:
    """Every variant, for a document of a placeholder department (the labels that name the unit
    are filled in per document by ``build_variant``)."""
    return _axes("{department}")


def _spec_data(file: str) -> dict[str, Any]:
    text = resources.files("yusuan").joinpath("examples/specs", file).read_text(encoding="utf-8")
    data = json.loads(text) if file.endswith(".json") else yaml.safe_load(text)
    return dict(data)


def _add_shared_name(data: dict[str, Any]) -> None:
    """Add a 项 whose catalogue name is its 款's (…99 / …9999 其他…支出) in a class the spec uses."""
    cat = load_catalog()
    items = data["expense"]
    for it in items:
        cls = str(it["code"])[:3]
        kuan, xiang = cat.get(cls + "99"), cat.get(cls + "9999")
        if kuan and xiang and kuan.name and kuan.name == xiang.name and all(
                str(i["code"]) != cls + "9999" for i in items):
            # as large as the spec's smallest project figure: a figure of the document's own scale
            amount = min(Decimal(str(v)) for i in items for v in i.get("project", {}).values())
            items.append({"code": cls + "9999", "project": {"gpb": str(amount)},
                          "last_year_gpb": str(amount), "reason": "专项工作经费调整"})
            return
    raise ValueError("no class of the spec has a 款 and 项 of one name")


def base_document(base: str, shared_name: bool = False) -> tuple[Document, Template]:
    _, file, tname = next(b for b in BASES if b[0] == base)
    data = _spec_data(file)
    if shared_name:
        _add_shared_name(data)
        if "last_year" in data:  # the added 项's prior figure is part of last year's project money
            added = Decimal(data["expense"][-1]["last_year_gpb"])
            ly = data["last_year"]
            for k in ("project", "gpb_project"):
                if ly.get(k) is not None:
                    ly[k] = str(Decimal(str(ly[k])) + added)
            src = ly.get("sources")
            if isinstance(src, dict) and src.get("gpb") is not None:
                src["gpb"] = str(Decimal(str(src["gpb"])) + added)
    tpl = load_template(tname)
    return build_document(parse_spec(data), tpl), tpl


def _exact(v: Decimal, decimals: int) -> bool:
    return v == v.quantize(Decimal(1).scaleb(-decimals))


def _reprint_units(doc: Document, unit: str, decimals: int) -> bool:
    """Print every table amount in ``unit`` with ``decimals`` places; False when a figure would need
    rounding (the variant then does not apply to this document: the truth would change)."""
    for t in doc.tables:
        for r in t.rows:
            for a in r.values.values():
                shown = a.value * TO_YUAN if unit == "元" else a.value
                if not _exact(shown, decimals):
                    return False
    for t in doc.tables:
        t.unit = unit
        for r in t.rows:
            for k, a in list(r.values.items()):
                shown = a.value * TO_YUAN if unit == "元" else a.value
                r.values[k] = Amount(value=a.value, text=f"{shown:,.{decimals}f}", unit=unit)
    return True


def build_variant(base: str, variant: Variant) -> tuple[Document, Book, Template] | None:
    """The truth (a Document), the Book printing it with the variation, and its template; None when
    the variation does not apply to this base (a unit its figures cannot be printed in exactly)."""
    doc, tpl = base_document(base, variant.shared_name)
    if variant.unit is not None:
        doc = copy.deepcopy(doc)
        if not _reprint_units(doc, variant.unit, variant.decimals):
            return None
    printing = variant.printing
    if printing.total_label is not None:
        printing = replace(printing, total_label=printing.total_label.format(department=doc.department or ""))
    book = layout(doc, tpl)
    grids = iter(doc.tables)
    blocks: list[Block] = []
    for b in book.blocks:
        if b.grid is not None and b.grid.kind == "table":
            t = next(grids)
            if t.id in ONE_SIDED and t.rows:
                b = Block("table", grid=variant_grid(t, b.grid.number, tpl.code_style, printing))
        blocks.append(b)
    return doc, Book(book.title, blocks), tpl
