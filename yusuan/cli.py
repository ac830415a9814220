"""The ``yusuan`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click

from yusuan.inputs import EMPTY_FOLDER, Loaded, expand_reporting, group, load_all
from yusuan.render.console import console, print_error

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="yusuan")
def main() -> None:
    """yusuan (预算)：读取、审核、导出部门预算公开文件。

    Read, audit and export Chinese government budget disclosures.
    """


def report_error(item: Loaded) -> None:
    assert item.error is not None
    print_error(item.error.message())


def _inputs(paths: tuple[str, ...], together: bool) -> tuple[list[list[str]], int]:
    """The documents to read, and the exit code so far (2 when a folder given held nothing)."""
    files, empty = expand_reporting(paths)
    for folder in empty:
        print_error(f"{folder}: {EMPTY_FOLDER}")
    if not files:
        if not empty:
            print_error("没有找到可读取的文件 (no input files)")
        sys.exit(EXIT_UNREADABLE)
    return group(files, together), EXIT_UNREADABLE if empty else EXIT_OK


def _each(paths: tuple[str, ...], together: bool, emit: Callable[[Loaded], None]) -> int:
    """Run ``emit`` on every readable document; report the others. One failure never stops the rest."""
    groups, code = _inputs(paths, together)
    for item in load_all(groups):
        if item.document is None:
            report_error(item)
            code = EXIT_UNREADABLE
            continue
        try:
            emit(item)
        except Exception:
            print_error(f"{item.label}: 输出时出现内部错误（请把此文件报告给 yusuan 开发者） (internal error)")
            code = EXIT_UNREADABLE
    return code


together_option = click.option(
    "--together", is_flag=True, help="所有文件合为一份公开文件（如北京的附件1说明 + 附件2报表）。"
)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--indent", type=int, default=2, show_default=True)
@together_option
def parse(paths: tuple[str, ...], fmt: str, indent: int, together: bool) -> None:
    """整份文件解析为 JSON（模型见 `yusuan schema`）；多份文件时每份一行（JSON Lines）。

    Parse a document into the canonical model; several documents are written one per line."""
    import os

    several = not together and (len(paths) > 1 or any(os.path.isdir(p) for p in paths))

    def emit(item: Loaded) -> None:
        assert item.document is not None
        click.echo(item.document.model_dump_json(indent=None if several else (indent or None)))

    sys.exit(_each(paths, together, emit))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@together_option
def facts(paths: tuple[str, ...], fmt: str, together: bool) -> None:
    """每个表格数字一行（jsonl 或 csv）。One record per number in every table."""
    from yusuan.render.facts import facts_csv, facts_jsonl

    first = [True]

    def emit(item: Loaded) -> None:
        assert item.document is not None
        # the whole document's records are made before any is written: no half a document
        text = facts_jsonl(item.document) if fmt == "jsonl" else facts_csv([item.document], header=first[0])
        sys.stdout.write(text)
        first[0] = False

    sys.exit(_each(paths, together, emit))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@together_option
def show(paths: tuple[str, ...], together: bool) -> None:
    """在终端显示解析出的表格。Show the parsed tables in the terminal."""
    from yusuan.render.terminal import render_document

    def emit(item: Loaded) -> None:
        assert item.document is not None
        render_document(item.document, console)

    sys.exit(_each(paths, together, emit))


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

    for module in ("yusuan.cli_check", "yusuan.cli_debug", "yusuan.store.cli", "yusuan.web.cli", "yusuan.generate.cli", "yusuan.cli_tables"):
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
