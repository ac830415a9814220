"""A spec and a template → the canonical Document (yusuan.model) of the disclosure to print."""

from __future__ import annotations

from yusuan.generate.figures import TO_WAN, ZERO, figures
from yusuan.generate.narrative import Writer, num
from yusuan.generate.spec import Spec
from yusuan.generate.tables import build_table
from yusuan.generate.template import Template
from yusuan.model import Amount, Document, Indicator, PerformanceTable, Profile, Section, StaffCount


def build_document(spec: Spec, template: Template) -> Document:
    fig = figures(spec, template.unit)
    tables = [build_table(tt, fig, template, template.number(i)) for i, tt in enumerate(template.tables)]
    w = Writer(fig, template)
    doc = Document(paths=[], format="generated", department=spec.department, year=spec.year, kind="预算",
                   level=spec.level, unit=template.unit, published=spec.published,
                   budget_units=list(spec.profile.budget_units))
    doc.profile = _profile(spec)
    doc.sections = [*_profile_sections(spec, template), *w.sections()]
    doc.tables = tables
    doc.glossary = dict(template.glossary)
    for p in fig.projects:
        doc.performance.append(PerformanceTable(
            kind="project", title=str(template.performance.get("title", "项目支出绩效目标表")), year=spec.year,
            project=p.name, unit=spec.department,
            amounts={"total": _amt(p.amount, template.unit), "fiscal": _amt(p.amount, template.unit),
                     "other": _amt(ZERO, template.unit)},
            goal=p.goal,
            indicators=[Indicator(level1=a, level2=b, level3=c, value_text=d) for a, b, c, d in p.indicators],
        ))
    return doc


def _amt(v, unit: str) -> Amount:
    return Amount(value=v * TO_WAN[unit], text=num(v), unit=unit)


def _profile(spec: Spec) -> Profile:
    pr = spec.profile
    st = pr.staff
    staff = {}
    if st.authorized is not None:
        staff["编制数"] = StaffCount(count=st.authorized)
    staff["实有人数"] = StaffCount(count=st.in_service + st.retired + st.retired_early)
    staff["在职"] = StaffCount(count=st.in_service)
    staff["退休"] = StaffCount(count=st.retired)
    staff["离休"] = StaffCount(count=st.retired_early)
    return Profile(functions=list(pr.functions), declared_internal_units=len(pr.internal_units) or None,
                   internal_units=list(pr.internal_units),
                   declared_budget_units=len(pr.budget_units) or None, staff=staff)


def _profile_sections(spec: Spec, template: Template) -> list[Section]:
    part = template.parts["profile"].format(department=spec.department, year=spec.year, level=spec.level)
    pr = spec.profile
    functions = "\n".join(f"（{_cn(i)}）{f}" for i, f in enumerate(pr.functions)) or "（职能见部门“三定”方案。）"
    org = []
    if pr.budget_units:
        org.append(f"纳入{spec.department}{spec.year}年{spec.level}预算编制范围的预算单位共{len(pr.budget_units)}个，"
                   f"包括：{'、'.join(pr.budget_units)}。")
    if pr.internal_units:
        org.append(f"{spec.department}内设机构{len(pr.internal_units)}个，分别是：{'、'.join(pr.internal_units)}。")
    st = pr.staff
    people = st.in_service + st.retired + st.retired_early
    head = f"{spec.department}编制数{st.authorized}人，" if st.authorized is not None else f"{spec.department}"
    org.append(f"{head}实有人数{people}人，其中：在职{st.in_service}人，退休{st.retired}人，离休{st.retired_early}人。")
    return [Section(part=part, number="一", title="主要职能", text=functions),
            Section(part=part, number="二", title="机构设置及人员情况", text="\n".join(org))]


def _cn(i: int) -> str:
    from yusuan.generate.template import CN_NUMBERS

    return CN_NUMBERS[i]
