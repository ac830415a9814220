"""``yusuan generate`` and ``yusuan templates``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from yusuan.render.console import console, err_console

FORMATS = {".html": "html", ".htm": "html", ".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf"}


def _fail(message: str) -> None:
    err_console.print(f"[red]错误[/red] {message}", soft_wrap=True)
    sys.exit(2)


def _is_model(path: str) -> bool:
    if not path.lower().endswith(".json"):
        return False
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "schema_version" in data and "tables" in data


def write(book, out: str, preparer_label: str) -> None:
    fmt = FORMATS[Path(out).suffix.lower()]
    if fmt == "html":
        from yusuan.generate.out_html import render_html

        Path(out).write_text(render_html(book, preparer_label), encoding="utf-8")
    elif fmt == "docx":
        from yusuan.generate.out_docx import render_docx

        render_docx(book, out, preparer_label)
    elif fmt == "xlsx":
        from yusuan.generate.out_xlsx import render_xlsx

        render_xlsx(book, out, preparer_label)
    else:
        from yusuan.generate.out_pdf import render_pdf

        render_pdf(book, out, preparer_label)


@click.command()
@click.argument("source")
@click.option("-o", "--output", "outputs", multiple=True, required=True,
              help="输出文件：.docx .pdf .html .xlsx（可重复）。")
@click.option("--template", "template_name", default=None, help="模板名称（见 yusuan templates）。")
@click.option("--recompute", is_flag=True, help="MODEL.json：由表格末级数字重新计算全部合计、占比、增减与说明文字。")
def generate(source: str, outputs: tuple[str, ...], template_name: str | None, recompute: bool) -> None:
    """由 SPEC（YAML/JSON）或解析出的模型（yusuan parse 的 JSON）生成公开文件。

    Generate a disclosure from a spec, or re-render a parsed model.
    """
    from yusuan.generate.document import build_document
    from yusuan.generate.layout import layout
    from yusuan.generate.out_pdf import FontMissing
    from yusuan.generate.spec import SpecError, load_spec
    from yusuan.generate.template import DEFAULT_TEMPLATE
    from yusuan.model import Document

    for out in outputs:
        if Path(out).suffix.lower() not in FORMATS:
            _fail(f"{out}: 不支持的输出格式（应为 .docx .pdf .html .xlsx）")
    try:
        if _is_model(source):
            doc = Document.model_validate_json(Path(source).read_text(encoding="utf-8"))
            name = template_name or DEFAULT_TEMPLATE
            template = _template(name)
            if recompute:
                from yusuan.generate.from_model import spec_from_document

                notes: list[str] = []
                doc = build_document(spec_from_document(doc, notes), template)
                for n in notes:
                    err_console.print(f"[yellow]注意[/yellow] {source}: {n}", soft_wrap=True)
        else:
            if recompute:
                _fail(f"{source}: --recompute 只用于 yusuan parse 输出的模型 JSON；spec 总是完整计算")
            spec = load_spec(source)
            template = _template(template_name or spec.template or DEFAULT_TEMPLATE)
            doc = build_document(spec, template)
        book = layout(doc, template)
        for out in outputs:
            write(book, out, template.preparer_label)
            console.print(f"已写入 written: {out}")
    except SpecError as exc:
        _fail(str(exc))
    except FontMissing as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{source}: 无法读取或写入：{exc}")


def _template(name: str):
    from yusuan.generate.template import load_template, template_names

    try:
        return load_template(name)
    except KeyError:
        _fail(f"没有名为“{name}”的模板；可用模板：{'、'.join(template_names())}")


@click.command()
def templates() -> None:
    """列出可生成的模板及其表。List the templates yusuan can write."""
    from rich.table import Table as RichTable

    from yusuan.generate.template import load_template, template_names
    from yusuan.tables import CANONICAL_TABLES

    t = RichTable(title="yusuan generate 模板")
    t.add_column("名称")
    t.add_column("说明")
    t.add_column("单位")
    t.add_column("表")
    for name in template_names():
        tpl = load_template(name)
        tables = "；".join(f"{tpl.number(i)} {CANONICAL_TABLES.get(x.id, x.id)}" for i, x in enumerate(tpl.tables))
        t.add_row(name, tpl.description, tpl.unit, tables)
    console.print(t)


def print_spec_schema() -> None:
    from yusuan.generate.spec import spec_schema

    click.echo(json.dumps(spec_schema(), ensure_ascii=False, indent=2))


COMMANDS = [generate, templates]
