"""``yusuan check``: the findings of one document in the terminal, grouped by table / section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from yusuan.audit import AuditResult, Finding, Location
from yusuan.model import Document

SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
SEVERITY_MARK = {"error": "✖", "warning": "▲", "info": "·"}


def column_title(loc: Location, doc: Document | None) -> str:
    """The column as the document prints it (its header), else yusuan's Chinese name for it."""
    from yusuan.audit.helpers import COLUMN_NAMES

    col = loc.column or ""
    for t in doc.tables if doc is not None else []:
        if t.id == loc.table and (loc.table_title is None or t.title == loc.table_title):
            for c in t.columns:
                if c.id == col and c.header and c.header.strip():
                    return "".join(c.header.split())
    return COLUMN_NAMES.get(col, col)


def where(loc: Location, doc: Document | None = None) -> str:
    """第 3 页 第 12 行 · 列「合计」 — the place a reviewer turns to."""
    parts = []
    if loc.file:
        parts.append(loc.file)
    if loc.page is not None:
        parts.append(f"第 {loc.page} 页")
    if loc.line is not None:
        parts.append(f"第 {loc.line} 行")
    if loc.column:
        parts.append(f"列「{column_title(loc, doc)}」")
    return " ".join(parts)


def group_key(f: Finding) -> str:
    """The table or section a finding belongs to (a finding about the TOC goes under 目录)."""
    loc = f.location
    if loc.section and not (loc.row_code or loc.column):
        return loc.section
    if loc.table_title or loc.table:
        return loc.table_title or loc.table or ""
    if loc.section:
        return loc.section
    return "文件整体"


def _order(f: Finding) -> tuple[int, int, int]:
    loc = f.location
    return (loc.page if loc.page is not None else 1 << 30, loc.line if loc.line is not None else 1 << 30,
            {"error": 0, "warning": 1, "info": 2}[f.severity])


def grouped(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Groups in document order (by their first finding's page/line), findings in order within."""
    groups: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=_order):
        groups.setdefault(group_key(f), []).append(f)
    return sorted(groups.items(), key=lambda kv: _order(kv[1][0])[:2])


def coverage_lines(result: AuditResult) -> list[Text]:
    """The rules that did not run, said plainly: a clean report must not hide them."""
    not_run = [c for c in result.coverage if c.status == "not_run"]
    failed = [c for c in result.coverage if c.status == "failed"]
    n_na = sum(1 for c in result.coverage if c.status == "not_applicable")
    lines: list[Text] = []
    if not_run:
        reasons = "；".join(f"{c.rule}（{c.reason or '缺少数据'}）" for c in not_run)
        lines.append(Text(f"{len(not_run)} 条规则因缺少数据未运行：{reasons}", style="yellow"))
    if failed:
        lines.append(Text(f"{len(failed)} 条规则运行出错：" + "、".join(c.rule for c in failed), style="red"))
    ran = sum(1 for c in result.coverage if c.status == "ran")
    lines.append(Text(f"已运行 {ran} 条规则；{n_na} 条不适用于本文件。", style="dim"))
    return lines


def reading_line(doc: Document) -> Text:
    """读取情况 — first line of every report: what was read, what was not (never out of sight)."""
    r = doc.reading
    t = Text("  " + r.summary(), style="green" if r.complete else "bold yellow")
    for p in r.problems[:5]:
        t.append(f"\n    读取问题［{p.stage}］{p.message}", style="yellow")
    if len(r.problems) > 5:
        t.append(f"\n    …另有 {len(r.problems) - 5} 个读取问题", style="yellow")
    return t


def render_finding(f: Finding, doc: Document | None = None) -> Text:
    t = Text()
    t.append(f"  {SEVERITY_MARK[f.severity]} ", style=SEVERITY_STYLE[f.severity])
    t.append(f"{f.rule} ", style="bold")
    if f.related:  # its id, so that the findings it names can name it
        t.append(f"[{f.id}] ", style="dim")
    t.append(f"{SEVERITY_LABEL[f.severity]} ", style=SEVERITY_STYLE[f.severity])
    t.append(f.message)
    details = []
    if f.expected is not None or f.actual is not None:
        details.append(f"应为 {f.expected if f.expected is not None else '—'}  实为 "
                       f"{f.actual if f.actual is not None else '—'}")
    w = where(f.location, doc)
    if w:
        details.append(f"位置：{w}")
    if f.related:
        details.append(f"相关：{'、'.join(f.related)}")
    if f.severity == "info":  # rounding notes and the like: one line, no quotation
        if w:
            t.append(f"  （{w}）", style="dim")
        return t
    if details:
        t.append("\n      " + "    ".join(details), style="dim")
    if f.source:
        src = f.source if len(f.source) <= 300 else f.source[:300] + "…"
        t.append("\n      原文：", style="dim")
        t.append(f"「{src}」", style="italic")
    return t


def render_report(path: str, doc: Document, result: AuditResult, console: Console,
                  show_info: bool = False) -> None:
    head = Text()
    head.append(doc.department or "（未识别部门）", style="bold")
    head.append(f"  {doc.year or '?'}年{doc.level or ''}{doc.kind}  ")
    head.append(path, style="dim")
    console.print(Panel(head, expand=True))
    console.print(reading_line(doc))
    if not result.findings:
        console.print(Text("  未发现问题。", style="green"))
    for title, items in grouped(result.findings):
        counts = {s: sum(1 for f in items if f.severity == s) for s in SEVERITY_LABEL}
        summary = "，".join(f"{SEVERITY_LABEL[s]} {n}" for s, n in counts.items() if n)
        console.print(Text.assemble((f"■ {title}", "bold cyan"), (f"  （{summary}）", "dim")))
        for f in items:
            # unplaced figures are info (not a fault of the document) but must never be out of sight
            if f.severity != "info" or show_info or f.category == "unplaced":
                console.print(render_finding(f, doc), soft_wrap=False)
        infos = [f for f in items if f.severity == "info" and f.category != "unplaced"]
        if infos and not show_info:
            rounding = sum(1 for f in infos if f.category == "rounding")
            unverified = sum(1 for f in infos if f.category == "inferred")
            what = "、".join(x for x in (f"{rounding} 条为四舍五入差异" if rounding else "",
                                         f"{unverified} 条为只在推定列位下成立、未作为核实的勾稽关系"
                                         if unverified else "") if x)
            what = f"其中 {what}" if what else ""
            console.print(Text(f"  · 提示 {len(infos)} 条{('（' + what + '）') if what else ''}，"
                               "加 --show-info 显示", style="dim"))
    for line in coverage_lines(result):
        console.print(line)
    console.print()


def severity_counts_of(findings: Sequence[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_LABEL}


def by_errors(checked: Sequence[Any]) -> list[Any]:
    """Documents with the most errors first (then warnings), for a reviewer's worklist."""
    def key(c: Any) -> tuple[int, int, str]:
        n = severity_counts_of(c.result.findings)
        return (-n["error"], -n["warning"], c.path)
    return sorted(checked, key=key)


def render_summary_table(checked: Sequence[Any], console: Console) -> None:
    """``check --summary``: one row per document, most errors first."""
    from rich.table import Table as RichTable

    table = RichTable(title=f"审核汇总（{len(checked)} 份文件，按错误数排序）", title_justify="left",
                      header_style="bold")
    for col in ("部门", "年度", "错误", "警告", "提示", "未运行规则", "文件"):
        table.add_column(col, overflow="fold", justify="right" if col in ("错误", "警告", "提示", "未运行规则")
                         else "left")
    for c in by_errors(checked):
        n = severity_counts_of(c.result.findings)
        not_run = sum(1 for x in c.result.coverage if x.status in ("not_run", "failed"))
        table.add_row(escape(c.document.department or "（未识别部门）"), str(c.document.year or "?"),
                      f"[red]{n['error']}[/red]" if n["error"] else "0",
                      f"[yellow]{n['warning']}[/yellow]" if n["warning"] else "0", str(n["info"]),
                      str(not_run), escape(c.path))
    console.print(table)


def render_summary(n_docs: int, counts: dict[str, int], unreadable: Sequence[tuple[str, str]],
                   console: Console, skipped: Sequence[tuple[str, str]] = ()) -> None:
    """The closing lines of a batch: documents, findings by severity, files that could not be read,
    files of the folders that are not disclosures (skipped)."""
    t = Text()
    t.append(f"共审核 {n_docs} 份文件：", style="bold")
    t.append(f"错误 {counts.get('error', 0)} 条", style="bold red" if counts.get("error") else "")
    t.append(f"，警告 {counts.get('warning', 0)} 条", style="yellow" if counts.get("warning") else "")
    t.append(f"，提示 {counts.get('info', 0)} 条")
    if unreadable:
        t.append(f"；{len(unreadable)} 份文件无法读取", style="bold red")
    if skipped:
        t.append(f"；跳过 {len(skipped)} 份非预算公开文件")
    console.print(t)
    for path, reason in unreadable:
        console.print(f"  [red]无法读取[/red] {escape(path)}：{escape(reason)}")
    for path, reason in skipped:
        console.print(f"  [dim]跳过 skipped[/dim] {escape(path)}：{escape(reason)}")
