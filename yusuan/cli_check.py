"""``yusuan check`` (audit documents and report) and ``yusuan rules`` (the rule catalog)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich.markup import escape
from rich.table import Table as RichTable

from yusuan.render.console import console, err_console, print_error

if TYPE_CHECKING:
    from yusuan.audit.config import AuditConfig
    from yusuan.cli_check_run import Run

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
FORMATS = ["terminal", "json", "xlsx", "html"]


def _codes(values: Sequence[str]) -> list[str] | None:
    """``--select Y1,Y201 --select Y4`` → ["Y1", "Y201", "Y4"]."""
    out = [c.strip().upper() for v in values for c in v.split(",") if c.strip()]
    return out or None


SUFFIX_FORMATS = {".xlsx": "xlsx", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "json"}
DEFAULT_FILES = {"xlsx": "审核意见.xlsx", "html": "审核报告.html", "json": "审核结果.jsonl"}


def plan_outputs(formats: Sequence[str], outputs: Sequence[str]) -> dict[str, str | None]:
    """Each requested format and where it goes (None = the terminal report on standard output).

    One format with one ``-o`` goes there whatever its suffix; with several, each ``-o`` is matched to
    its format by suffix (``-o a.xlsx -o b.html``). A format without a destination goes to its default
    file, or to standard output when it is the only output.
    """
    plan: dict[str, str | None] = {f: None for f in formats}
    files = [f for f in formats if f != "terminal"]
    if len(files) == 1 and len(outputs) == 1:
        plan[files[0]] = outputs[0]
    elif outputs:
        for out in outputs:
            fmt = SUFFIX_FORMATS.get(os.path.splitext(out)[1].lower())
            if fmt is None or fmt not in plan:
                raise click.UsageError(f"-o {out}：无法判断对应哪种 --format（按扩展名 .xlsx/.html/.json 匹配）"
                                       f" (cannot match -o {out} to a requested format by its suffix)")
            plan[fmt] = out
    for fmt in files:
        if plan[fmt] is None:
            to_stdout = len(formats) == 1 and fmt != "xlsx"
            plan[fmt] = "-" if to_stdout else DEFAULT_FILES[fmt]
    if sum(1 for f, p in plan.items() if p == "-" or (f == "terminal")) > 1:
        raise click.UsageError("只能有一种输出写到屏幕（-o -）(only one output may go to standard output)")
    return plan


def _formats(values: Sequence[str]) -> list[str]:
    out = [v.strip().lower() for value in values for v in value.split(",") if v.strip()] or ["terminal"]
    for f in out:
        if f not in FORMATS:
            raise click.BadParameter(f"{f}（可选：{'、'.join(FORMATS)}）", param_hint="--format")
    return list(dict.fromkeys(out))


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--db", help="审核语料库中各文件之间的关系（Y960–Y989），如 corpus.duckdb；见 yusuan ingest。")
@click.option("--format", "format_values", multiple=True, metavar="FORMAT[,FORMAT]",
              help="报告格式，可重复或用逗号分隔（一次运行输出多种）：terminal 终端（默认）；json 每份文件一行；"
                   "xlsx 审核意见表；html 单页报告。")
@click.option("-o", "--output", "outputs", multiple=True,
              help="输出文件；多种格式时按扩展名对应（-o 审核意见.xlsx -o 报告.html）；- 表示屏幕。"
                   "xlsx 默认 审核意见.xlsx；只有一种格式时 json/html 默认输出到屏幕。")
@click.option("--select", multiple=True, help="只运行这些规则（代码或前缀，逗号分隔），如 Y1,Y201。")
@click.option("--ignore", multiple=True, help="不运行这些规则（代码或前缀，逗号分隔）。")
@click.option("--exit-zero", is_flag=True, help="有错误也以 0 退出（文件无法读取时仍为 2）。")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="配置文件（默认从当前目录向上查找 yusuan.toml 或 pyproject.toml 的 [tool.yusuan]）。")
@click.option("--together", is_flag=True, help="所有文件合为一份公开文件（如北京的附件1说明 + 附件2报表）；"
                                                "同一部门的预算与决算一起给出时，分别审核并相互核对（Y964）。")
@click.option("--strict", is_flag=True, help="有文件未能完整读取（读取情况不完整，Y020）时以 1 退出，即使没有错误级问题。")
@click.option("--show-info", is_flag=True,
              help="终端、xlsx 与 html 报告也逐条列出“提示”级问题（如四舍五入差异）；默认只计数。")
@click.option("--summary", "summary_only", is_flag=True,
              help="终端只显示汇总：每份文件一行（按错误数排序）及合计。")
def check(paths: tuple[str, ...], db: str | None, format_values: tuple[str, ...], outputs: tuple[str, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], exit_zero: bool, config_path: str | None, together: bool,
          strict: bool,
          show_info: bool, summary_only: bool) -> None:
    """审核预算公开文件，报告问题。Audit disclosures and report the findings.

    退出码：0 无错误；1 有错误级问题（加 --strict 时，有文件未能完整读取也为 1）；2 有文件无法读取（其余文件照常审核）；130 被中断。
    """
    if db:
        from yusuan.store.check_cli import check_store

        fmt = _formats(format_values)[0]
        sys.exit(check_store(db, fmt, outputs[0] if outputs else None, _codes(select), _codes(ignore), exit_zero))
    if not paths:
        print_error("请给出要审核的文件，或用 --db 审核语料库 (no input files)")
        sys.exit(EXIT_UNREADABLE)
    from yusuan.inputs import EMPTY_FOLDER, expand_reporting, group
    from yusuan.render.outputs import OutputError, check_destination

    formats = _formats(format_values)
    plan = plan_outputs(formats, outputs)
    try:
        for dest in plan.values():
            if dest is not None:
                check_destination(dest)
    except OutputError as exc:
        print_error(exc.message())
        sys.exit(EXIT_UNREADABLE)
    cfg = _config(config_path, select, ignore)
    files, empty = expand_reporting(paths)
    for folder in empty:
        print_error(f"{folder}: {EMPTY_FOLDER}")
    if not files:
        if not empty:
            print_error(f"{'、'.join(paths)}：没有找到可读取的文件 (no input files)")
        sys.exit(EXIT_UNREADABLE)
    from yusuan.cli_check_run import Run

    run = Run(plan, cfg, show_info=show_info, summary_only=summary_only)
    run.unreadable.extend((folder, EMPTY_FOLDER) for folder in empty)
    run.named = {p for p in paths if not os.path.isdir(p)}
    groups = group(files, together)
    if together and len(files) > 1:  # a 预算 and a 决算 given together are checked against each other
        from yusuan.cli_check_pair import budget_and_final

        paired = budget_and_final(files)
        if paired is not None:
            groups, run.extra = paired
    try:
        run.all(groups)
        run.finish()
    except KeyboardInterrupt:
        run.abort()
        err_console.print("[yellow]已中断[/yellow]，未写出不完整的报告 (interrupted; no partial report left)")
        sys.exit(130)
    except OutputError as exc:
        run.abort()
        print_error(exc.message())
        sys.exit(EXIT_UNREADABLE)

    sys.exit(_exit_code(run, strict, exit_zero))


def _config(config_path: str | None, select: tuple[str, ...], ignore: tuple[str, ...]) -> AuditConfig:
    """The configuration (file, then --select/--ignore); exits 2 when it is bad or selects no rule."""
    from yusuan.audit.config import ConfigError, find_config, load_config_file

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
    return cfg


def _exit_code(run: Run, strict: bool, exit_zero: bool) -> int:
    """2 when a file could not be read; 1 for errors (and, under --strict, an incomplete reading)."""
    incomplete = [c.path for c in run.checked if not c.document.reading.complete]
    if strict and incomplete:
        err_console.print(f"[yellow]--strict[/yellow]：{len(incomplete)} 份文件未能完整读取（见各报告的“读取情况”）："
                          + escape("、".join(incomplete[:5])) + ("等" if len(incomplete) > 5 else ""))
    if run.unreadable:
        return EXIT_UNREADABLE
    if strict and incomplete and not exit_zero:
        return EXIT_FINDINGS
    if run.counts["error"] and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


@click.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="输出 docs/rules.md 的内容（由规则注册表生成）。")
def rules(code: str | None, markdown: bool) -> None:
    """规则目录；`yusuan rules Y201` 解释一条规则。The rule catalog, or one rule explained."""
    from yusuan.audit import all_rules
    from yusuan.audit.docs import FAMILY_NAMES, SEVERITY_NAMES
    from yusuan.render.report_terminal import SEVERITY_LABEL

    if markdown:
        from yusuan.audit.docs import rules_markdown

        sys.stdout.write(rules_markdown())
        return
    from yusuan.store.checks import catalog_entries

    catalog = {**all_rules(), **catalog_entries()}  # document rules, then those across documents
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
            console.print(f"级别 severity：{SEVERITY_NAMES.get(r.severity, r.severity)}    "
                          f"类别 family：{FAMILY_NAMES.get(r.family, r.family)}")
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
        sev = SEVERITY_LABEL.get(r.severity, r.severity)
        family = FAMILY_NAMES.get(r.family, r.family).split(" ")[1] if " " in FAMILY_NAMES.get(r.family, "") \
            else r.family
        table.add_row(k, escape(r.title), f"[{style}]{sev}[/{style}]" if style else sev, family, escape(r.basis))
    console.print(table)


COMMANDS = [check, rules]
