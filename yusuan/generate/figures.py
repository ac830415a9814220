"""Leaf figures of a spec, in the printed unit, rounded once (yusuan.generate.rounding).

Everything printed is computed from these by summing, so every printed sum agrees with its parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.codes import load_catalog
from yusuan.generate.rounding import round_half_up, round_parts
from yusuan.generate.spec import SOURCES, Spec, SpecError

ZERO = Decimal(0)
# 万元 per unit, for spec input and printed output
TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001")}
PERSONNEL_HEADS = ("301", "303")  # 人员经费: 工资福利支出, 对个人和家庭的补助; the rest is 公用经费


@dataclass
class Item:
    code: str
    name: str
    basic: dict[str, Decimal]
    project: dict[str, Decimal]
    last_gpb: Decimal | None = None
    reason: str | None = None
    use: str | None = None

    def total(self, source: str | None = None) -> Decimal:
        return self.part("basic", source) + self.part("project", source)

    def part(self, kind: str, source: str | None = None) -> Decimal:
        d = self.basic if kind == "basic" else self.project
        return d[source] if source else sum(d.values(), ZERO)


@dataclass
class Project:
    name: str
    code: str
    amount: Decimal
    basis: str | None
    goal: str
    indicators: list[tuple[str, str, str, str]]


@dataclass
class Figures:
    spec: Spec
    unit: str
    items: list[Item]
    econ: list[tuple[str, str, Decimal]]
    three_public: dict[str, Decimal]
    three_public_last: dict[str, Decimal] | None
    admin_operation: Decimal | None
    admin_operation_last: Decimal | None
    procurement: dict[str, Decimal] | None
    sme: Decimal | None
    projects: list[Project]
    last: dict[str, Decimal | None] = field(default_factory=dict)
    last_sources: dict[str, Decimal] | None = None

    def total(self, source: str | None = None, kind: str | None = None) -> Decimal:
        return sum(((it.part(kind, source) if kind else it.total(source)) for it in self.items), ZERO)

    def name_of(self, code: str) -> str:
        for it in self.items:
            if it.code == code:
                return it.name
        return code_name(code)


def code_name(code: str) -> str:
    e = load_catalog().get(code)
    if e is None or not e.name:
        raise SpecError("spec", f"科目 {code} 不在政府收支分类科目中，无法确定名称；请核对编码")
    return e.name


def _conv(v: Decimal, src_unit: str, dst_unit: str) -> Decimal:
    return v * TO_WAN[src_unit] / TO_WAN[dst_unit]


def figures(spec: Spec, unit: str) -> Figures:
    def c(v: Decimal | None) -> Decimal | None:
        return None if v is None else _conv(Decimal(v), spec.unit, unit)

    # the expense leaf matrix: 项 × 基本/项目 × source, rounded as one group
    leaves: list[Decimal] = []
    for it in spec.expense:
        for part in (it.basic, it.project):
            leaves.extend(_conv(part.get(s), spec.unit, unit) for s in SOURCES)
    rounded = iter(round_parts(leaves))
    items: list[Item] = []
    for it in spec.expense:
        basic = {s: next(rounded) for s in SOURCES}
        project = {s: next(rounded) for s in SOURCES}
        last = c(it.last_year_gpb)
        items.append(Item(it.code, it.name or code_name(it.code), basic, project,
                          None if last is None else round_half_up(last), it.reason, it.use))
    items.sort(key=lambda x: x.code)
    if any(x.total() == 0 for x in items):
        zero = [x.code for x in items if x.total() == 0]
        raise SpecError("spec", f"expense 中科目 {', '.join(zero)} 金额为零（舍入后），不应列出")
    gpb_basic = sum((x.basic["gpb"] for x in items), ZERO)
    econ_vals = round_parts([_conv(e.amount, spec.unit, unit) for e in spec.econ_basic], gpb_basic) \
        if spec.econ_basic else []
    econ = sorted(((e.code, e.name or code_name(e.code), v) for e, v in zip(spec.econ_basic, econ_vals, strict=True)
                   if v), key=lambda x: x[0])
    tp_keys = ("overseas_travel", "vehicle_purchase", "vehicle_operation", "reception")
    tp = dict(zip(tp_keys, round_parts([_conv(getattr(spec.three_public, k), spec.unit, unit) for k in tp_keys]),
                  strict=True))
    ly = spec.last_year
    tp_last = None
    if ly.three_public is not None:
        tp_last = dict(zip(tp_keys, round_parts([_conv(getattr(ly.three_public, k), spec.unit, unit)
                                                 for k in tp_keys]), strict=True))
    proc = None
    sme = None
    if spec.procurement is not None:
        keys = ("goods", "works", "services")
        proc = dict(zip(keys, round_parts([_conv(getattr(spec.procurement, k), spec.unit, unit) for k in keys]),
                        strict=True))
        sme = None if spec.procurement.sme is None else round_half_up(_conv(spec.procurement.sme, spec.unit, unit))
    projects: list[Project] = []
    by_code = {x.code: x for x in items}
    for code in sorted({p.code for p in spec.projects}):
        group = [p for p in spec.projects if p.code == code]
        vals = round_parts([_conv(p.amount, spec.unit, unit) for p in group], by_code[code].project["gpb"])
        for p, v in zip(group, vals, strict=True):
            projects.append(Project(p.name, p.code, v, p.basis, p.goal,
                                    [(i.level1, i.level2, i.name, i.value) for i in p.indicators]))
    ao = spec.admin_operation
    last_figs: dict[str, Decimal | None] = {}
    for key in ("total", "basic", "project", "gpb_basic", "gpb_project"):
        given = c(getattr(ly, key))
        last_figs[key] = None if given is None else round_half_up(given)
    last_sources = None
    if ly.sources is not None:
        last_sources = dict(zip(SOURCES, round_parts([_conv(ly.sources.get(s), spec.unit, unit) for s in SOURCES]),
                                strict=True))
        if last_figs["total"] is None:
            last_figs["total"] = sum(last_sources.values(), ZERO)
    lb, lp = last_figs["basic"], last_figs["project"]
    if last_figs["total"] is None and lb is not None and lp is not None:
        last_figs["total"] = lb + lp
    return Figures(
        spec=spec, unit=unit, items=items, econ=econ, three_public=tp, three_public_last=tp_last,
        admin_operation=None if ao is None else round_half_up(_conv(ao.amount, spec.unit, unit)),
        admin_operation_last=None if ao is None or ao.last_year is None
        else round_half_up(_conv(ao.last_year, spec.unit, unit)),
        procurement=proc, sme=sme, projects=projects, last=last_figs, last_sources=last_sources,
    )
