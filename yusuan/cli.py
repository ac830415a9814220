"""The ``yusuan`` command line."""

from __future__ import annotations

import json
import sys

import click

from yusuan.inputs import Loaded, expand, group, load_all
from yusuan.render.console import console, err_console

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="yusuan")
def main() -> None:
    """yusuan (预算)：读取、审核、导出部门预算公开文件。

    Read, audit and export Chinese government budget disclosures.
    """


def report_error(item: Loaded) -> None:
    assert item.error is not None
    err_console.print(f"[red]错误[/red] {item.error.message()}", soft_wrap=True)


def _inputs(paths: tuple[str, ...], together: bool) -> list[list[str]]:
    files = expand(paths)
    if not files:
        err_console.print("[red]错误[/red] 没有找到可读取的文件 (no input files)")
        sys.exit(EXIT_UNREADABLE)
    return group(files, together)


together_option = click.option(
    "--together", is_flag=True, help="所有文件合为一份公开文件（如北京的附件1说明 + 附件2报表）。"
)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--indent", type=int, default=2, show_default=True)
@together_option
def parse(paths: tuple[str, ...], fmt: str, indent: int, together: bool) -> None:
    """整份文件解析为 JSON（模型见 `yusuan schema`）。Parse a document into the canonical model."""
    code = EXIT_OK
    for item in load_all(_inputs(paths, together)):
        if item.document is None:
            report_error(item)
            code = EXIT_UNREADABLE
            continue
        click.echo(item.document.model_dump_json(indent=indent or None))
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@together_option
def facts(paths: tuple[str, ...], fmt: str, together: bool) -> None:
    """每个表格数字一行（jsonl 或 csv）。One record per number in every table."""
    from yusuan.render.facts import facts_csv, facts_jsonl

    code = EXIT_OK
    first = True
    for item in load_all(_inputs(paths, together)):
        if item.document is None:
            report_error(item)
            code = EXIT_UNREADABLE
            continue
        if fmt == "jsonl":
            sys.stdout.write(facts_jsonl(item.document))
        else:
            sys.stdout.write(facts_csv([item.document], header=first))
        first = False
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@together_option
def show(paths: tuple[str, ...], together: bool) -> None:
    """在终端显示解析出的表格。Show the parsed tables in the terminal."""
    from yusuan.render.terminal import render_document

    code = EXIT_OK
    for item in load_all(_inputs(paths, together)):
        if item.document is None:
            report_error(item)
            code = EXIT_UNREADABLE
            continue
        render_document(item.document, console)
    sys.exit(code)


@main.command()
@click.option("--spec", "spec", is_flag=True, help="打印 yusuan generate 所用 SPEC 的 JSON Schema。")
def schema(spec: bool) -> None:
    """打印文档模型的 JSON Schema。Print the JSON Schema of the document model."""
    from yusuan.model import Document

    if spec:
        from yusuan.generate.cli import print_spec_schema

        print_spec_schema()
        return

    click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


def _register_optional_commands() -> None:
    """Commands that live in their own modules (audit, debug) register themselves here."""
    import importlib

    for module in ("yusuan.cli_check", "yusuan.cli_debug", "yusuan.generate.cli"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        for cmd in getattr(mod, "COMMANDS", []):
            main.add_command(cmd)


_register_optional_commands()

if __name__ == "__main__":
    main()
