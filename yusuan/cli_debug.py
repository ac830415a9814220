"""``yusuan debug``: see what a reader found, before any budget logic runs.

yusuan debug FILE.pdf --page 7 -o page7.png   # the page rendered, found cells and lines drawn
yusuan debug FILE --blocks                    # the RawDocument blocks as text (any format)
"""

from __future__ import annotations

import sys

import click

from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.errors import ReadError

EXIT_UNREADABLE = 2


def format_blocks(raw: RawDocument, page: int | None = None) -> str:
    """The blocks of a RawDocument as plain text: one line per text line, grids as ``|`` rows."""
    out: list[str] = [
        f"# {raw.path} ({raw.format}, {raw.pages or '?'} 页 pages, {len(raw.blocks)} 块 blocks)"
    ]
    for i, b in enumerate(raw.blocks):
        if page is not None and b.page != page:
            continue
        where = f"p{b.page}" if b.page is not None else (f"L{b.line}" if b.line is not None else "")
        if isinstance(b, TextLine):
            mark = f" h{b.heading}" if b.heading else ""
            out.append(f"[{i}] {where} 文本{mark}: {b.text}")
        elif isinstance(b, Grid):
            out.append(f"[{i}] {where} 表格 grid {len(b.rows)}×{b.ncols} ({b.source})")
            for row in b.rows:
                cells = []
                for c in row:
                    span = f"⟨{c.colspan}×{c.rowspan}⟩" if c.colspan > 1 or c.rowspan > 1 else ""
                    cells.append(c.text + span)
                out.append("    | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def render_page(path: str, page: int, out: str, scale: float = 2.0) -> None:
    """Render one PDF page with the grids (cells in red, grid frame in blue) and text lines (green)."""
    from PIL import ImageDraw

    from yusuan.readers.pdf import open_pdf
    from yusuan.readers.pdf_extract import page_content
    from yusuan.readers.pdf_layout import layout_page

    pdf = open_pdf(path)
    try:
        n = len(pdf)  # type: ignore[arg-type]
        if not 1 <= page <= n:
            raise ReadError(path, f"页码超出范围（共 {n} 页）", f"page out of range (1..{n})")
        p = pdf[page - 1]  # type: ignore[index]
        content = page_content(p)
        blocks = layout_page(content.chars, content.segments, page=page, tables=content.tables)
        image = p.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()  # type: ignore[attr-defined]
    draw = ImageDraw.Draw(image)

    def box(b: tuple[float, float, float, float], color: str, width: int = 1) -> None:
        draw.rectangle([b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale], outline=color, width=width)

    for b in blocks:
        if isinstance(b, Grid):
            for row in b.rows:
                for c in row:
                    if c.bbox is not None:
                        box(c.bbox, "red", 1)
            if b.bbox is not None:
                box(b.bbox, "blue", 3)
        elif b.bbox is not None:
            box(b.bbox, "green", 1)
    image.save(out)


@click.command()
@click.argument("path")
@click.option("--page", type=int, default=None, help="页码（从 1 开始）。Page number, 1-based.")
@click.option(
    "-o", "--output", default=None, help="PNG 输出文件（需要 --page）。PNG file to write (needs --page)."
)
@click.option(
    "--blocks", "show_blocks", is_flag=True, help="以文本打印读取到的块。Print the reader's blocks as text."
)
@click.option("--scale", type=float, default=2.0, show_default=True, help="渲染倍数。Render scale.")
def debug(path: str, page: int | None, output: str | None, show_blocks: bool, scale: float) -> None:
    """查看读取结果：页面渲染图上画出表格单元格与文本行，或打印读取到的块。

    Show what the reader found: a rendered page with the found cells and lines drawn on it, or the
    blocks as text.
    """
    from yusuan.readers import check_file, read

    try:
        check_file(path)
        if output:
            if page is None:
                raise click.UsageError("-o/--output 需要 --page 指定页码 (--output needs --page)")
            if not path.lower().endswith(".pdf"):
                raise click.UsageError("页面渲染只支持 PDF (page rendering needs a PDF)")
            render_page(path, page, output, scale)
            click.echo(f"已写入 written: {output}")
            if not show_blocks:
                return
        raw = read(path)
    except ReadError as err:
        click.echo(f"错误 {err.message()}", err=True)
        sys.exit(EXIT_UNREADABLE)
    sys.stdout.write(format_blocks(raw, page))


COMMANDS = [debug]
