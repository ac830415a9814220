"""A Document laid out for print: headings, paragraphs and table grids with merged header cells.

One layout feeds every output (HTML, DOCX, XLSX, PDF), so that all formats carry the same text and
the same figures. It works on any Document: one computed from a spec, or one parsed from a file
(``yusuan generate MODEL.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.generate.rounding import RULE
from yusuan.generate.template import Template
from yusuan.model import Document, PerformanceTable, Row, Section, Table


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    number: bool = False


@dataclass
class Grid:
    """A table: ``header`` and ``body`` rows of cells; a merged cell's covered places are absent."""

    number: str | None
    title: str
    preparer: str | None
    unit: str | None
    header: list[list[Cell]]
    body: list[list[Cell]]
    ncols: int
    note: str | None = None
    kind: str = "table"  # "table" or "performance" (a form: no 编制单位/单位 line)
    # print variations (yusuan/generate/variants*): a page break before body row ``break_at`` (PDF),
    # and whether the header is printed again after it
    break_at: int | None = None
    repeat_header: bool = True


@dataclass
class Block:
    kind: str  # "title", "h1", "h2", "p", "table"
    text: str = ""
    grid: Grid | None = None


@dataclass
class Book:
    title: str
    blocks: list[Block] = field(default_factory=list)


_PROFILE_RE = re.compile(r"概况|主要职能|机构设置|人员情况")


def layout(doc: Document, template: Template) -> Book:
    dept = doc.department or ""
    year = doc.year or ""
    fmt = {"department": dept, "year": year, "level": doc.level or "部门"}
    book = Book(title=template.cover.format(**fmt))
    b = book.blocks
    b.append(Block("title", book.title))
    profile = [s for s in doc.sections if _PROFILE_RE.search(f"{s.part or ''}{s.title}")]
    # a part that holds the 概况 stays whole (a part heading printed twice reads as a 目录)
    parts = {s.part for s in profile if s.part}
    profile = [s for s in doc.sections if s in profile or (s.part and s.part in parts)]
    rest = [s for s in doc.sections if s not in profile]
    _sections(b, profile, template.parts.get("profile", "").format(**fmt))
    b.append(Block("h1", template.parts.get("tables", "{year}年部门预算公开表").format(**fmt)))
    for t in doc.tables:
        b.append(Block("table", grid=table_grid(t, template)))
    if doc.tables and template.narrative.get("rounding_note", True):
        b.append(Block("p", f"注：{RULE}"))
    _sections(b, rest, template.parts.get("narrative", "").format(**fmt))
    if doc.performance:
        b.append(Block("h1", template.parts.get("performance", "项目支出绩效目标表").format(**fmt)))
        for pt in doc.performance:
            b.append(Block("table", grid=performance_grid(pt, doc.unit or "万元")))
    if doc.glossary:
        b.append(Block("h1", template.parts.get("glossary", "名词解释").format(**fmt)))
        for i, (term, text) in enumerate(doc.glossary.items()):
            b.append(Block("p", f"{i + 1}. {term}：{text}"))
    return book


def _sections(b: list[Block], sections: list[Section], default_part: str) -> None:
    part = None
    for s in sections:
        p = s.part or default_part
        if p and p != part:
            b.append(Block("h1", p))
            part = p
        b.append(Block("h2", f"{s.number}、{s.title}" if s.number else s.title))
        for para in s.text.split("\n"):
            if para.strip():
                b.append(Block("p", para.strip()))


# --- table grids ------------------------------------------------------------------------------


def header_grid(paths: list[list[str]]) -> list[list[Cell]]:
    """Header rows for columns given as header paths (top to bottom): equal leading segments of
    neighbouring columns merge across; a path shorter than the deepest spans down to the bottom."""
    depth = max((len(p) for p in paths), default=1)
    rows: list[list[Cell]] = [[] for _ in range(depth)]
    for level in range(depth):
        j = 0
        while j < len(paths):
            p = paths[j]
            if len(p) <= level:
                j += 1
                continue
            if level < len(p) - 1:
                k = j + 1
                while k < len(paths) and len(paths[k]) > level + 1 and paths[k][: level + 1] == p[: level + 1]:
                    k += 1
                rows[level].append(Cell(p[level], colspan=k - j, bold=True))
                j = k
            else:
                rows[level].append(Cell(p[level], rowspan=depth - level, bold=True))
                j += 1
    return rows


def _num(row: Row, col: str) -> Cell:
    a = row.values.get(col)
    return Cell(a.text if a else "", number=True, bold=row.code == "TOTAL" or len(row.code or "") < 7)


def _label_paths(t: Table, template: Template) -> tuple[list[list[str]], list[str]]:
    """Label columns of a one-sided table: (header paths, keys)."""
    rows = t.rows
    has_code = any(r.code and r.code != "TOTAL" and r.code.isdigit() for r in rows)
    paths: list[list[str]] = []
    keys: list[str] = []
    func = has_code and any(len(r.code or "") in (5, 7) and (r.code or "").startswith("2") for r in rows)
    if has_code:
        if template.code_style == "split" and func:
            paths += [["科目编码", "类"], ["科目编码", "款"], ["科目编码", "项"]]
            keys += ["cls", "kuan", "xiang"]
        else:
            paths.append(["科目编码"])
            keys.append("code")
    paths.append(["科目名称"] if has_code else ["项目"])
    keys.append("name")
    if any(r.project for r in rows):
        paths.append(["项目名称"])
        keys.append("project")
    return paths, keys


def _label(row: Row, key: str) -> Cell:
    code = row.code if row.code and row.code.isdigit() else ""
    bold = row.code == "TOTAL" or (bool(code) and len(code) < 7)
    if key == "code":
        return Cell(code, bold=bold)
    if key in ("cls", "kuan", "xiang"):
        lo, hi = {"cls": (0, 3), "kuan": (3, 5), "xiang": (5, 7)}[key]
        return Cell(code[lo:hi], bold=bold)
    if key == "project":
        return Cell(row.project or "", bold=bold)
    return Cell(row.name, bold=bold)


def table_grid(t: Table, template: Template) -> Grid:
    number = t.number
    title = t.title
    if t.id in ("summary", "fiscal_summary") and any(r.side for r in t.rows):
        header, body, n = _two_sided_grid(t)
    elif (t.id == "three_public" and t.rows and all(not (r.code or "").isdigit() for r in t.rows)
          and len({k for r in t.rows for k in r.values}) == 1):
        # one figure per item: the items as columns, as 143号 prints it (several figures per item,
        # e.g. 合计 and 一般公共预算, are printed with the items as rows below)
        header, body, n = _items_as_columns(t)
    else:
        lpaths, keys = _label_paths(t, template)
        cols = [c for c in t.columns if any(c.id in r.values for r in t.rows) or not t.rows]
        paths = lpaths + [c.header.split("/") for c in cols]
        header = header_grid(paths)
        body = [[_label(r, k) for k in keys] + [_num(r, c.id) for c in cols] for r in t.rows]
        n = len(paths)
    if t.empty and not body:
        body = [[Cell("")] * n]
    return Grid(number, title, t.preparer, t.unit, header, body, n, note=t.empty_note if t.empty else None)


def _items_as_columns(t: Table) -> tuple[list[list[Cell]], list[list[Cell]], int]:
    headers = {c.id: c.header for c in t.columns}
    rows = [r for r in t.rows if r.values]
    paths = [headers.get(r.code or "", r.name).split("/") for r in rows]
    col = next(iter(rows[0].values)) if rows else "total"
    body = [[Cell(r.values[col].text if col in r.values else "", number=True) for r in rows]]
    return header_grid(paths), body, len(paths)


def _two_sided_grid(t: Table) -> tuple[list[list[Cell]], list[list[Cell]], int]:
    inc = [r for r in t.rows if r.side == "income"]
    exp = [r for r in t.rows if r.side == "expense"]

    def side_cols(rows: list[Row], label: str) -> list[tuple[str, list[str]]]:
        used = {k for r in rows for k in r.values}
        out: list[tuple[str, list[str]]] = []
        for c in t.columns:
            if c.id in used and c.id not in {x for x, _ in out}:
                parts = c.header.split("/")
                if parts[0] in ("收入", "支出"):
                    parts = parts[1:]
                out.append((c.id, [label, *(parts or ["预算数"])]))
        return out or [("amount", [label, "预算数"])]

    inc_cols = side_cols(inc, "收入")
    exp_cols = side_cols(exp, "支出")
    paths = [["收入", "项目"], *[p for _, p in inc_cols], ["支出", "项目"], *[p for _, p in exp_cols]]
    inc_tot = [r for r in inc if r.code == "TOTAL"]
    exp_tot = [r for r in exp if r.code == "TOTAL"]
    inc = [r for r in inc if r.code != "TOTAL"]
    exp = [r for r in exp if r.code != "TOTAL"]
    ic = [c for c, _ in inc_cols]
    ec = [c for c, _ in exp_cols]
    body = []
    for i in range(max(len(inc), len(exp))):
        body.append(_side(inc[i] if i < len(inc) else None, ic) + _side(exp[i] if i < len(exp) else None, ec))
    if inc_tot or exp_tot:
        body.append(_side(inc_tot[0] if inc_tot else None, ic, True)
                    + _side(exp_tot[0] if exp_tot else None, ec, True))
    return header_grid(paths), body, len(paths)


def _side(row: Row | None, cols: list[str], bold: bool = False) -> list[Cell]:
    if row is None:
        return [Cell("")] + [Cell("", number=True) for _ in cols]
    return [Cell(row.name, bold=bold)] + [
        Cell(row.values[c].text if c in row.values else "", number=True, bold=bold) for c in cols]


def performance_grid(pt: PerformanceTable, unit: str) -> Grid:
    """项目支出绩效目标表 as a form of 4 columns."""
    a = pt.amounts
    def tx(key: str) -> str:
        return a[key].text if key in a else ""
    body = [
        [Cell("项目名称", bold=True), Cell(pt.project or "", colspan=3)],
        [Cell("预算单位", bold=True), Cell(pt.unit or "", colspan=3)],
        [Cell(f"项目资金（{unit}）", bold=True, rowspan=3), Cell("年度资金总额"),
         Cell(tx("total"), number=True, colspan=2)],
        [Cell("其中：财政拨款"), Cell(tx("fiscal"), number=True, colspan=2)],
        [Cell("其他资金"), Cell(tx("other"), number=True, colspan=2)],
        [Cell("年度绩效目标", bold=True), Cell(pt.goal or "", colspan=3)],
        [Cell("一级指标", bold=True), Cell("二级指标", bold=True), Cell("三级指标", bold=True),
         Cell("指标值", bold=True)],
    ]
    for ind in pt.indicators:
        body.append([Cell(ind.level1 or ""), Cell(ind.level2 or ""), Cell(ind.level3 or ""),
                     Cell(ind.value_text or ind.value or "")])
    title = f"{pt.title}（{pt.year}年）" if pt.year and str(pt.year) not in pt.title else pt.title
    return Grid(None, title, None, None, [], body, 4, kind="performance")
