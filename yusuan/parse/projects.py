"""Stage: projects described in the 情况说明 (项目名称 / 设立的政策依据 / 预算安排规模 / …).

A description is a run of labelled fields; converter text cuts a field's value across lines (and
pages), so every line up to the next label belongs to the field before it. Each project also gives
a ``project:<name>`` claim for its 预算安排规模, for the rules that compare it with the project table.
"""

from __future__ import annotations

import re

from yusuan.amounts import parse_number, to_wan
from yusuan.blocks import RawDocument
from yusuan.model import Amount, Claim, Document, Project, Provenance
from yusuan.parse.narrative import H1_RE, H2_RE, Line, text_lines
from yusuan.parse.segment import Segments, clean_heading

FIELDS: dict[str, str] = {
    "项目名称": "name",
    "设立的政策依据": "basis",
    "政策依据": "basis",
    "预算安排规模": "scale",
    "项目承担单位": "units",
    "项目实施单位": "units",
    "资金分配情况": "allocation",
    "资金执行时间": "period",
    "项目执行时间": "period",
}
_LABEL_RE = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d{1,2}\s*[、.．])?\s*("
    + "|".join(sorted(FIELDS, key=len, reverse=True))
    + r")\s*[:：]\s*"
)
_SCALE_RE = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|千元|元)?")


def _scale(text: str, prov: Provenance) -> Amount | None:
    m = _SCALE_RE.search(text)
    if not m:
        return None
    value = parse_number(m.group(1))
    if value is None:
        return None
    unit = m.group(2) or "万元"
    return Amount(value=to_wan(value, unit), text=m.group(1), unit=unit, source=prov)


def _is_section_end(ln: Line) -> bool:
    t = clean_heading(ln.text)
    if _LABEL_RE.match(t):
        return False
    m = H1_RE.match(t) or H2_RE.match(t)
    return bool(m) and "项目名称" not in t


def parse_projects_lines(lines: list[Line]) -> list[Project]:
    projects: list[Project] = []
    current: dict[str, str] = {}
    prov: dict[str, Provenance] = {}
    field: str | None = None

    def flush() -> None:
        if current.get("name"):
            p = Project(name=current["name"], source=prov.get("name", Provenance()))
            for key in ("basis", "units", "allocation", "period"):
                if current.get(key):
                    setattr(p, key, current[key])
            if current.get("scale"):
                p.scale = _scale(current["scale"], prov.get("scale", Provenance()))
            projects.append(p)

    for ln in lines:
        m = _LABEL_RE.match(ln.text)
        if m:
            key = FIELDS[m.group(1)]
            if key == "name" or key in current:
                flush()
                current, prov = {}, {}
            field = key
            current[key] = ln.text[m.end() :].strip()
            prov[key] = Provenance(line=ln.line, page=ln.page)
            continue
        if field is None:
            continue
        period_done = (
            field == "period"
            and current.get("period")
            and not re.fullmatch(r"[\d\s年月日至\-—－~～]+", ln.text)
        )
        if _is_section_end(ln) or period_done:
            # a heading, or text after the last field of a description: the description is over
            flush()
            current, prov, field = {}, {}, None
            continue
        current[field] = (current.get(field, "") + ln.text.strip()).strip()
    flush()
    return projects


def parse_projects(raw: RawDocument, segs: Segments, doc: Document) -> None:
    from yusuan.parse.projects_grid import parse_key_project_tables, parse_project_grids

    doc.projects.extend(parse_project_grids(raw, segs, doc))  # a 重点项目 list printed as a grid
    doc.tables.extend(parse_key_project_tables(raw, segs))  # one printed with its units, of every fund
    for start, end in segs.ranges("narrative"):
        lines = text_lines(raw, start + 1, end)
        if not any(_LABEL_RE.match(ln.text) and "项目名称" in ln.text for ln in lines):
            continue
        found = parse_projects_lines(lines)
        doc.projects.extend(found)
        for p in found:
            if p.scale is not None:
                doc.claims.append(
                    Claim(
                        subject=f"project:{p.name}",
                        subject_text=p.name,
                        amount=p.scale,
                        section="项目支出情况说明",
                        sentence=f"预算安排规模：{p.scale.text}{p.scale.unit}",
                        source=p.scale.source,
                    )
                )
