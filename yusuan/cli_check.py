"""``yusuan check`` (audit documents and report) and ``yusuan rules`` (the rule catalog)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click
from rich.markup import escape
from rich.table import Table as RichTable

from yusuan.render.console import console, err_console

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
FORMATS = ["terminal", "json", "xlsx", "html"]


def _codes(values: Sequence[str]) -> list[str] | None:
    """``--select Y1,Y201 --select Y4`` → ["Y1", "Y201", "Y4"]."""
    out = [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    return out or None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True,
              help="报告格式。terminal 终端；json 每份文件一行；xlsx 审核意见表；html 单页报告。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="输出文件（xlsx 默认写入 审核意见.xlsx；json/html 默认输出到屏幕）。")
@click.option("--select", multiple=True, help="只运行这些规则（代码或前缀，逗号分隔），如 Y1,Y201。")
@click.option("--ignore", multiple=True, help="不运行这些规则（代码或前缀，逗号分隔）。")
@click.option("--exit-zero", is_flag=True, help="有错误也以 0 退出（文件无法读取时仍为 2）。")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="配置文件（默认从当前目录向上查找 yusuan.toml 或 pyproject.toml 的 [tool.yusuan]）。")
@click.option("--together", is_flag=True, help="所有文件合为一份公开文件（如北京的附件1说明 + 附件2报表）。")
@click.option("--strict", is_flag=True, help="有文件未能完整读取（读取情况不完整，Y020）时以 1 退出，即使没有错误级问题。")
@click.option("--show-info", is_flag=True, help="终端报告逐条显示“提示”级问题（如四舍五入差异）；默认只计数。")
def check(paths: tuple[str, ...], fmt: str, output: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          exit_zero: bool, config_path: str | None, together: bool, strict: bool, show_info: bool) -> None:
    """审核预算公开文件，报告问题。Audit disclosures and report the findings.

    退出码：0 无错误；1 有错误级问题（加 --strict 时，有文件未能完整读取也为 1）；2 有文件无法读取（其余文件照常审核）。
    """
    from yusuan.audit import audit
    from yusuan.audit.config import ConfigError, find_config, load_config_file
    from yusuan.inputs import expand, group, load_all
    from yusuan.render.report_json import document_record, error_record, to_line
    from yusuan.render.report_terminal import render_report, render_summary
    from yusuan.render.report_xlsx import Checked

    try:
        base = (load_config_file(config_path) if config_path else None) or find_config()
    except ConfigError as exc:
        err_console.print(f"[red]错误[/red] {escape(str(exc))}")
        sys.exit(EXIT_UNREADABLE)
    cfg = base.merged(_codes(select), _codes(ignore))
    from yusuan.audit import all_rules, selected

    if not any(selected(code, cfg.select, cfg.ignore) for code in all_rules()):
        err_console.print(f"[red]错误[/red] 没有规则匹配 --select/--ignore（{escape(str(cfg.select))}） "
                          "(no rule selected; see `yusuan rules`)")
        sys.exit(EXIT_UNREADABLE)

    files = expand(paths)
    if not files:
        err_console.print("[red]错误[/red] 没有找到可读取的文件 (no input files)")
        sys.exit(EXIT_UNREADABLE)
    groups = group(files, together)

    if fmt == "xlsx" and not output:
        output = "审核意见.xlsx"
    stream = None
    if fmt == "json":
        stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115

    checked: list[Checked] = []
    unreadable: list[tuple[str, str]] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    incomplete: list[str] = []
    try:
        for item in load_all(groups):
            if item.document is None:
                assert item.error is not None
                reason = item.error.reason + (f" ({item.error.reason_en})" if item.error.reason_en else "")
                unreadable.append((item.label, reason))
                err_console.print(f"[red]错误[/red] {escape(item.error.message())}", soft_wrap=True)
                if stream is not None:
                    stream.write(to_line(error_record(item.label, item.error)))
                continue
            doc = item.document
            if not doc.reading.complete:
                incomplete.append(item.label)
            result = audit(doc, select=cfg.select, ignore=cfg.ignore, severity_overrides=cfg.severity)
            for f in result.findings:
                counts[f.severity] += 1
            if stream is not None:
                stream.write(to_line(document_record(item.label, doc, result)))
                stream.flush()
            elif fmt == "terminal":
                render_report(item.label, doc, result, console, show_info=show_info)
            checked.append(Checked(item.label, doc, result))
    finally:
        if stream is not None and stream is not sys.stdout:
            stream.close()

    if fmt == "xlsx":
        from yusuan.render.report_xlsx import write_xlsx

        assert output is not None
        write_xlsx(checked, unreadable, output)
        err_console.print(f"已写入 {escape(os.path.abspath(output))}")
    elif fmt == "html":
        from yusuan.render.report_html import render_html

        page = render_html(checked, unreadable)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(page)
            err_console.print(f"已写入 {escape(os.path.abspath(output))}")
        else:
            sys.stdout.write(page)
    if fmt == "terminal" and (len(groups) > 1 or unreadable):
        render_summary(len(checked), counts, unreadable, console)
    elif fmt != "terminal" and (len(groups) > 1 or unreadable):
        render_summary(len(checked), counts, unreadable, err_console)

    if strict and incomplete:
        err_console.print(f"[yellow]--strict[/yellow]：{len(incomplete)} 份文件未能完整读取（见各报告的“读取情况”）："
                          + escape("、".join(incomplete[:5])) + ("等" if len(incomplete) > 5 else ""))
    if unreadable:
        sys.exit(EXIT_UNREADABLE)
    if strict and incomplete and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    if counts["error"] and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@click.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="输出 docs/rules.md 的内容（由规则注册表生成）。")
def rules(code: str | None, markdown: bool) -> None:
    """规则目录；`yusuan rules Y201` 解释一条规则。The rule catalog, or one rule explained."""
    from yusuan.audit import all_rules

    if markdown:
        from yusuan.audit.docs import rules_markdown

        sys.stdout.write(rules_markdown())
        return
    catalog = all_rules()
    if code:
        key = code.strip().upper()
        r = catalog.get(key)
        if r is None:
            matching = {k: v for k, v in catalog.items() if k.startswith(key)}
            if not matching:
                err_console.print(f"[red]错误[/red] 没有规则 {escape(code)} (no such rule)")
                sys.exit(EXIT_UNREADABLE)
            catalog = matching
        else:
            console.print(f"[bold]{r.code}[/bold]  {escape(r.title)}")
            console.print(f"级别 severity：{r.severity}    类别 family：{r.family}")
            console.print(f"依据 basis：{escape(r.basis)}")
            if r.needs:
                console.print(f"需要 needs：{escape(', '.join(r.needs))}")
            console.print()
            console.print(escape(r.doc or "（无说明）"))
            return
    table = RichTable(title=f"审核规则 {len(catalog)} 条", title_justify="left", header_style="bold")
    for col in ("代码", "名称", "级别", "类别", "依据"):
        table.add_column(col, overflow="fold")
    for k, r in catalog.items():
        style = {"error": "red", "warning": "yellow"}.get(r.severity, "")
        table.add_row(k, escape(r.title), f"[{style}]{r.severity}[/{style}]" if style else r.severity, r.family,
                      escape(r.basis))
    console.print(table)


COMMANDS = [check, rules]
