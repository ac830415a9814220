"""``yusuan show``: the parsed document, readable in the terminal."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

from yusuan.model import Document, Table


def _fmt(v: object) -> str:
    return "" if v is None else str(v)


def render_table(t: Table) -> RenderableType:
    # every text of the document is escaped: a "[" in a title or a name is not rich markup
    title = escape(f"{t.number or ''} {t.title}  [{t.id}]".strip())
    if t.empty:
        return Panel(Text(t.empty_note or "（空表）"), title=title, title_align="left")
    rt = RichTable(title=title, title_justify="left", show_lines=False, header_style="bold")
    has_side = any(r.side for r in t.rows)
    has_project = any(r.project for r in t.rows)
    has_unit = any(r.unit for r in t.rows)
    if has_side:
        rt.add_column("收/支")
    rt.add_column("编码")
    rt.add_column("名称", overflow="fold", max_width=28)
    if has_unit:
        rt.add_column("单位", overflow="fold", max_width=16)
    if has_project:
        rt.add_column("项目", overflow="fold", max_width=24)
    cols = list(t.columns) or []
    known = {c.id for c in cols}
    for r in t.rows:
        for k in r.values:
            if k not in known:
                from yusuan.model import Column

                cols.append(Column(id=k, header=k))
                known.add(k)
    for c in cols:
        rt.add_column(f"{escape(c.header)}\n[dim]{escape(c.id)}[/dim]", justify="right")
    for r in t.rows:
        cells: list[str] = []
        if has_side:
            cells.append({"income": "收", "expense": "支"}.get(r.side or "", ""))
        cells += [escape(_fmt(r.code)), escape(r.name)]
        if has_unit:
            cells.append(escape(_fmt(r.unit)))
        if has_project:
            cells.append(escape(_fmt(r.project)))
        for c in cols:
            a = r.values.get(c.id)
            if a is None:
                cells.append(escape(r.texts.get(c.id, "")))
            else:
                cells.append(f"[italic]{a.value}*[/italic]" if a.source.inferred else str(a.value))
        if r.unplaced:
            cells[-1] += " [red]? " + escape(" ".join(u.text for u in r.unplaced)) + "[/red]"
        rt.add_row(*cells, style="bold" if r.code == "TOTAL" else None)
    foot = []
    if t.unit and t.unit != "万元":
        foot.append(Text(f"原表单位：{t.unit}，已换算为万元", style="dim"))
    if any(a.source.inferred for r in t.rows for a in r.values.values()):
        foot.append(Text("* 列位置由表内勾稽关系推定", style="dim"))
    return Group(rt, *foot)


def render_document(doc: Document, console: Console) -> None:
    head = Text()
    head.append(doc.department or "（未识别部门）", style="bold")
    head.append(f"  {doc.year or '?'}年{doc.level or ''}{doc.kind}  ")
    head.append(f"单位：{doc.unit or '?'}  文件：{' + '.join(doc.paths)}", style="dim")
    console.print(Panel(head))
    for t in doc.tables:
        console.print(render_table(t))
        console.print()
    if doc.claims:
        console.print(f"[bold]情况说明[/bold]：{len(doc.sections)} 节，{len(doc.claims)} 处数字表述")
    if doc.performance:
        console.print(f"[bold]绩效目标表[/bold]：{len(doc.performance)} 张")
    for d in doc.diagnostics:
        console.print(f"[yellow]注意[/yellow] {escape(d.code)}: {escape(d.message)}")
