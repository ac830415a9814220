"""PDF output (ReportLab, BSD): a real text layer in an embedded CJK TrueType font, ruled tables.

ReportLab embeds TrueType outlines only, so the font is a TrueType CJK face from the distribution
(Debian ``fonts-wqy-microhei``; .ci/run installs it), or the file named by ``YUSUAN_CJK_FONT``.
Text pages are A4 portrait, table pages A4 landscape, as disclosures print them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from yusuan.generate.layout import Book, Grid
from yusuan.generate.out_docx import place

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
FONT = "YusuanCJK"


class FontMissing(Exception):
    pass


def _register_font() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    candidates = [os.environ.get("YUSUAN_CJK_FONT", ""), *FONT_CANDIDATES]
    for c in candidates:
        if c and Path(c).is_file():
            pdfmetrics.registerFont(TTFont(FONT, c, subfontIndex=0))
            return
    raise FontMissing("未找到可嵌入的中文 TrueType 字体：请安装 fonts-wqy-microhei（apt-get install "
                      "fonts-wqy-microhei），或用环境变量 YUSUAN_CJK_FONT 指定字体文件")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("p", fontName=FONT, fontSize=11, leading=18, firstLineIndent=22, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=24, leading=32, alignment=TA_CENTER,
                                firstLineIndent=0, spaceBefore=180, spaceAfter=60),
        "h1": ParagraphStyle("h1", parent=base, fontSize=16, leading=24, firstLineIndent=0, spaceBefore=12,
                             spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontSize=13, leading=20, firstLineIndent=0, spaceBefore=8,
                             spaceAfter=4),
        "p": base,
        "caption": ParagraphStyle("caption", parent=base, fontSize=14, leading=20, alignment=TA_CENTER,
                                  firstLineIndent=0, spaceAfter=4),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9, leading=12, firstLineIndent=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, firstLineIndent=0),
        "hcell": ParagraphStyle("hcell", parent=base, fontSize=8, leading=10, firstLineIndent=0,
                                alignment=TA_CENTER),
    }


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 9)
    w, _ = canvas._pagesize
    canvas.drawCentredString(w / 2, 10 * mm, f"- {doc.page} -")
    canvas.restoreState()


def render_pdf(book: Book, path: str, preparer_label: str = "编制部门") -> None:
    _register_font()
    st = _styles()
    portrait, land = A4, landscape(A4)
    margin = 18 * mm
    doc = BaseDocTemplate(path, pagesize=portrait, title=book.title, author="yusuan generate",
                          leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([
        PageTemplate("portrait", [Frame(margin, margin, portrait[0] - 2 * margin, portrait[1] - 2 * margin)],
                     onPage=_footer, pagesize=portrait),
        PageTemplate("landscape", [Frame(margin, margin, land[0] - 2 * margin, land[1] - 2 * margin)],
                     onPage=_footer, pagesize=land),
    ])
    story: list[Flowable] = []
    in_tables = False
    width_land = land[0] - 2 * margin
    width_port = portrait[0] - 2 * margin
    for b in book.blocks:
        if b.kind == "title":
            story.append(Paragraph(b.text, st["title"]))
            continue
        if b.grid is not None:
            if not in_tables:
                story += [NextPageTemplate("landscape"), PageBreak()]
                in_tables = True
            elif b.grid.kind == "table":
                story.append(PageBreak())
            story += _grid(b.grid, st, width_land if b.grid.kind == "table" else width_port * 1.2,
                           preparer_label)
            continue
        if in_tables:
            story += [NextPageTemplate("portrait"), PageBreak()]
            in_tables = False
        if b.kind == "h1" and story:
            story += [PageBreak()]
        story.append(Paragraph(_esc(b.text), st[b.kind] if b.kind in st else st["p"]))
    doc.build(story)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _grid(g: Grid, st: dict[str, ParagraphStyle], width: float, preparer_label: str) -> list[Flowable]:
    out: list[Flowable] = []
    if g.number:
        out.append(Paragraph(g.number, st["meta"]))
    out.append(Paragraph(_esc(g.title), st["caption"]))
    rows = [*g.header, *g.body]
    n = g.ncols
    data: list[list[object]] = [["" for _ in range(n)] for _ in rows]
    style: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    numeric_cols: set[int] = set()
    for i, placed in enumerate(place(rows)):
        header = i < len(g.header)
        for j, c in placed:
            if c.number:
                data[i][j] = c.text
                numeric_cols.add(j)
                style.append(("ALIGN", (j, i), (j, i), "RIGHT"))
            else:  # a line break inside a cell (a name wrapped over two lines) stays one
                data[i][j] = Paragraph(_esc(c.text).replace("\n", "<br/>"), st["hcell" if header else "cell"])
            if c.rowspan > 1 or c.colspan > 1:
                style.append(("SPAN", (j, i), (j + c.colspan - 1, i + c.rowspan - 1)))
    if g.header:
        style.append(("BACKGROUND", (0, 0), (-1, len(g.header) - 1), colors.Color(0.93, 0.93, 0.93)))
    widths = _widths(g, numeric_cols, width)
    if g.kind == "table":
        left = f"{preparer_label}：{g.preparer}" if g.preparer else ""
        meta = Table([[Paragraph(_esc(left), st["meta"]), Paragraph(f"单位：{g.unit}", st["meta"])]],
                     colWidths=[sum(widths) * 0.75, sum(widths) * 0.25])
        meta.setStyle(TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(meta)
    out += _tables(data, style, widths, len(g.header), g.break_at, g.repeat_header)
    if g.note:
        out += [Spacer(1, 4), Paragraph(_esc(f"注：{g.note}"), st["meta"])]
    out.append(Spacer(1, 10))
    return out


def _tables(data: list[list[object]], style: list[tuple[object, ...]], widths: list[float], nhead: int,
            break_at: int | None, repeat: bool) -> list[Flowable]:
    """The grid as one table, or as two with a page break before body row ``break_at`` (the second
    part with the header printed again, or without it)."""
    if break_at is None or not 0 < break_at < len(data) - nhead:
        t = Table(data, colWidths=widths, repeatRows=nhead, hAlign="CENTER")
        t.setStyle(TableStyle(style))
        return [t]
    cut = nhead + break_at
    first = Table(data[:cut], colWidths=widths, repeatRows=nhead, hAlign="CENTER")
    first.setStyle(TableStyle(_style_rows(style, 0, cut)))
    rest_rows = (data[:nhead] if repeat else []) + data[cut:]
    shift = cut - (nhead if repeat else 0)
    second = Table(rest_rows, colWidths=widths, repeatRows=nhead if repeat else 0, hAlign="CENTER")
    second.setStyle(TableStyle(_style_rows(style, shift, len(data), keep_head=nhead if repeat else 0)))
    return [first, PageBreak(), second]


def _style_rows(style: list[tuple[object, ...]], lo: int, hi: int, keep_head: int = 0) -> list[tuple[object, ...]]:
    """The style commands of rows lo..hi-1 (and the first ``keep_head`` rows), renumbered."""
    out: list[tuple[object, ...]] = []
    for cmd in style:
        name, start, end, *rest = cmd
        c0, r0 = cast(tuple[int, int], start)
        c1, r1 = cast(tuple[int, int], end)
        if r0 == 0 and r1 == -1:
            out.append(cmd)
            continue
        if keep_head and r1 < keep_head and r1 >= 0:
            out.append(cmd)
            continue
        if r0 >= lo and r1 < hi:
            d = lo - keep_head
            out.append((name, (c0, r0 - d), (c1, r1 - d), *rest))
    return out


def _widths(g: Grid, numeric: set[int], width: float) -> list[float]:
    if g.kind == "performance":
        return [width * f for f in (0.16, 0.2, 0.3, 0.2)]
    num_w = 62.0
    label = [j for j in range(g.ncols) if j not in numeric]
    rest = width - num_w * len(numeric)
    short = [j for j in label if _is_code_col(g, j)]
    long_ = [j for j in label if j not in short]
    short_w = 48.0
    long_w = max((rest - short_w * len(short)) / max(len(long_), 1), 60.0)
    long_w = min(long_w, 220.0)
    return [num_w if j in numeric else short_w if j in short else long_w for j in range(g.ncols)]


def _is_code_col(g: Grid, j: int) -> bool:
    texts = [r[j].text for r in g.body if j < len(r)]
    return bool(texts) and all(t.isdigit() or not t for t in texts) and any(texts)
