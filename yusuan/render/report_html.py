"""``yusuan check --format html``: one self-contained page (inline CSS and a few lines of script to
sort the summary; no external assets), made to be read in any browser and sent on.

The page opens with the date, yusuan's version and a summary of every document, most errors
first, sortable by any column and linked to each document's section. Each finding has its own
anchor and stands beside what it cites: the quoted source text and, for a table finding, the
table row it is about with the cell in question highlighted. Everything from the document is
escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from yusuan.audit import Finding, all_rules
from yusuan.audit.helpers import column_name, row_label
from yusuan.model import Document, Row, Table
from yusuan.render.report_terminal import SEVERITY_LABEL, by_errors, coverage_lines, grouped, where
from yusuan.render.report_xlsx import Checked

CSS = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em;color:#222;
max-width:1400px}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.05em;color:#135;margin:1.2em 0 .4em}
.meta,.cov{color:#666;font-size:.9em}.cov .notrun{color:#a60}
.f{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1em;border:1px solid #ddd;
border-left:6px solid #999;padding:.6em .8em;margin:.5em 0;border-radius:4px}
.f.error{border-left-color:#c00}.f.warning{border-left-color:#e90}.f.info{border-left-color:#bbb;opacity:.85}
.sev{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff;background:#999;margin-right:.3em}
.error .sev{background:#c00}.warning .sev{background:#e90}
.code{font-family:monospace;font-weight:bold;margin-right:.4em}
.ea{font-size:.9em;color:#444;margin-top:.3em}.loc{font-size:.85em;color:#777}
blockquote{margin:0;padding:.4em .6em;background:#f7f7f2;border-left:3px solid #cc9;white-space:pre-wrap;
font-size:.9em}
table.row{border-collapse:collapse;font-size:.85em;margin-top:.4em}
table.row td,table.row th{border:1px solid #ccc;padding:.15em .4em;text-align:right}
table.row th{background:#f0f0f0;font-weight:normal}table.row td.hit{background:#ffd7d7;font-weight:bold}
.reading{border:1px solid #9c9;background:#f3fbf3;padding:.4em .8em;border-radius:4px;margin:.5em 0}
.reading.incomplete{border-color:#e90;background:#fff8e6}.reading ul{margin:.2em 0 .2em 1.2em;padding:0}
.summary td,.summary th{padding:.2em .8em;border-bottom:1px solid #eee;text-align:left}
details summary{cursor:pointer;color:#666;font-size:.9em;margin:.3em 0}
.summary th{cursor:pointer;background:#f4f4f4}.summary td.n{text-align:right}
a.anchor{color:#aaa;text-decoration:none;font-size:.8em;margin-left:.4em}
"""

# sorts the summary table by the clicked column (numbers as numbers); no external script
SORT_JS = """
document.querySelectorAll('table.summary th').forEach(function(th, i){
  th.addEventListener('click', function(){
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir === 1 ? 'asc' : 'desc';
    rows.sort(function(a, b){
      var x = a.cells[i].innerText, y = b.cells[i].innerText, nx = parseFloat(x), ny = parseFloat(y);
      return (isNaN(nx) || isNaN(ny) ? x.localeCompare(y, 'zh') : nx - ny) * dir;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""


def _find_row(doc: Document, f: Finding) -> tuple[Table, Row] | None:
    loc = f.location
    if not loc.table:
        return None
    for t in doc.tables:
        if t.id != loc.table or (loc.table_title and t.title != loc.table_title):
            continue
        for r in t.rows:
            if r.code == loc.row_code and (loc.line is None or r.source.line in (None, loc.line)
                                           or any(a.source.line == loc.line for a in r.values.values())):
                return t, r
    return None


def _row_html(t: Table, r: Row, column: str | None) -> str:
    cols = list(r.values)
    head = "".join(f"<th>{escape(column_name(t, c))}</th>" for c in cols)
    cells = "".join(
        f'<td class="{"hit" if c == column else ""}">{escape(r.values[c].text)}</td>' for c in cols)
    extra = ""
    if r.unplaced:
        extra = f"<tr><th>未定位</th><td colspan={max(1, len(cols))}>" + escape(
            " ".join(a.text for a in r.unplaced)) + "</td></tr>"
    return (f'<table class="row"><tr><th>{escape(t.title)}</th>{head}</tr>'
            f'<tr><th>{escape(row_label(r))}</th>{cells}</tr>{extra}</table>')


def _finding_html(doc: Document, f: Finding, titles: dict[str, str], anchor: str,
                  shown: dict[str, str] | None = None) -> str:
    shown = shown or {}
    left = [
        f'<div><span class="sev">{SEVERITY_LABEL[f.severity]}</span><span class="code">{escape(f.rule)}</span>'
        f'<span class="title">{escape(titles.get(f.rule, ""))}</span>'
        f'<a class="anchor" href="#{anchor}" title="本条链接">#</a></div>',
        f"<div>{escape(f.message)}</div>",
    ]
    if f.expected is not None or f.actual is not None:
        left.append(f'<div class="ea">应为 <b>{escape(f.expected or "—")}</b>　实为 '
                    f'<b>{escape(f.actual or "—")}</b></div>')
    w = where(f.location, doc)
    if w:
        left.append(f'<div class="loc">位置：{escape(w)}</div>')
    if f.related:  # findings shown in this report link to their anchor; folded ones are named
        links = "、".join(f'<a href="#{shown[i]}">{escape(i)}</a>' if i in shown else escape(i)
                         for i in f.related)
        left.append(f'<div class="loc">相关：{links}</div>')
    right = []
    if f.source:
        right.append(f"<blockquote>{escape(f.source)}</blockquote>")
    found = _find_row(doc, f)
    if found:
        right.append(_row_html(*found, f.location.column))
    return (f'<div class="f {f.severity}" id="{anchor}"><div>{"".join(left)}</div>'
            f'<div>{"".join(right) or "<span class=loc>（无原文）</span>"}</div></div>')


def _reading_html(doc: Document) -> str:
    """The 读取情况 block: what was read and what was not, above the findings."""
    r = doc.reading
    items = [*r.reasons, *(f"［{p.stage}］{p.message}" for p in r.problems)]
    lis = "".join(f"<li>{escape(x)}</li>" for x in items)
    return (f'<div class="reading {"complete" if r.complete else "incomplete"}"><b>{escape(r.summary())}</b>'
            f'{"<ul>" + lis + "</ul>" if lis else ""}</div>')


def render_html(checked: Sequence[Checked], unreadable: Sequence[tuple[str, str]], show_info: bool = False) -> str:
    import datetime

    from yusuan import __version__

    titles = {code: r.title for code, r in all_rules().items()}
    ordered = by_errors(checked)
    anchors = {id(c): f"doc{i + 1}" for i, c in enumerate(ordered)}
    today = datetime.date.today().isoformat()
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>yusuan 审核报告</title>", f"<style>{CSS}</style></head><body>",
           "<h1>预算公开文件审核报告</h1>",
           f'<div class="meta">生成日期 {today} · yusuan {escape(__version__)} · 共 {len(checked)} 份文件'
           f'{f"，{len(unreadable)} 份无法读取" if unreadable else ""} · 点击表头排序</div>']
    out.append('<table class="summary"><thead><tr><th>文件</th><th>部门</th><th>年度</th><th>错误</th>'
               "<th>警告</th><th>提示</th><th>读取</th></tr></thead><tbody>")
    for c in ordered:
        n = {s: sum(1 for f in c.result.findings if f.severity == s) for s in SEVERITY_LABEL}
        out.append(f'<tr><td><a href="#{anchors[id(c)]}">{escape(c.path)}</a></td>'
                   f"<td>{escape(c.document.department or '')}</td><td>{c.document.year or ''}</td>"
                   f'<td class="n">{n["error"]}</td><td class="n">{n["warning"]}</td><td class="n">{n["info"]}</td>'
                   f'<td>{"完整" if c.document.reading.complete else "不完整"}</td></tr>')
    for path, reason in unreadable:
        out.append(f'<tr><td>{escape(path)}</td><td colspan="6">无法读取：{escape(reason)}</td></tr>')
    out.append("</tbody></table>")
    for c in ordered:
        d = c.document
        doc_id = anchors[id(c)]
        out.append(f'<h2 id="{doc_id}">{escape(d.department or "（未识别部门）")} {d.year or ""}年{escape(d.level or "")}'
                   f"{escape(d.kind)}</h2>")
        out.append(f'<div class="meta">{escape(c.path)}</div>')
        out.append(_reading_html(d))
        if not c.result.findings:
            out.append("<p>未发现问题。</p>")
        # findings in the order shown, numbered; then each rendered, linking to its related ones
        sections: list[tuple[str, list[Finding], list[Finding]]] = []
        for title, items in grouped(c.result.findings):
            infos = [f for f in items if f.severity == "info"]
            sections.append((title, items if show_info else [f for f in items if f.severity != "info"],
                             [] if show_info else infos))
        order = [f for _, main, folded in sections for f in (*main, *folded)]
        anchor = {id(f): f"{doc_id}-{k + 1}" for k, f in enumerate(order)}
        shown = {f.id: anchor[id(f)] for f in order if f.id}
        for title, main, folded in sections:
            out.append(f"<h3>{escape(title)}</h3>")
            out.extend(_finding_html(d, f, titles, anchor[id(f)], shown) for f in main)
            if folded:  # rounding notes and the like: folded, one click away
                out.append(f"<details><summary>提示 {len(folded)} 条（如四舍五入差异）</summary>")
                out.extend(_finding_html(d, f, titles, anchor[id(f)], shown) for f in folded)
                out.append("</details>")
        out.append('<div class="cov">' + "<br>".join(
            f'<span class="{"notrun" if "未运行" in line.plain else ""}">{escape(line.plain)}</span>'
            for line in coverage_lines(c.result)) + "</div>")
    out.append(f"<script>{SORT_JS}</script></body></html>")
    return "\n".join(out)
