"""DOCX output (python-docx): headings as Word headings, tables with merged header cells."""

from __future__ import annotations

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from yusuan.generate.layout import Book, Cell, Grid

FONT = "SimSun"


def _font(run, size: float | None = None, bold: bool = False) -> None:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def render_docx(book: Book, path: str, preparer_label: str = "编制部门") -> None:
    d = new_docx()
    for b in book.blocks:
        if b.kind == "title":
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(b.text), 22, True)
        elif b.kind in ("h1", "h2"):
            h = d.add_heading(level=1 if b.kind == "h1" else 2)
            _font(h.add_run(b.text))
        elif b.kind == "p":
            _font(d.add_paragraph().add_run(b.text), 11)
        elif b.grid is not None:
            _table(d, b.grid, preparer_label)
    d.save(path)


def _table(d, g: Grid, preparer_label: str) -> None:
    if g.number:
        _font(d.add_paragraph().add_run(g.number), 10)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(g.title), 14, True)
    if g.kind == "table":
        left = f"{preparer_label}：{g.preparer}" if g.preparer else ""
        _font(d.add_paragraph().add_run(f"{left}\t\t\t单位：{g.unit}"), 10)
    rows = [*g.header, *g.body]
    t = d.add_table(rows=len(rows), cols=g.ncols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate(rows):
        _fill_row(t, rows, i, row, header=i < len(g.header))
    if g.note:
        _font(d.add_paragraph().add_run(f"注：{g.note}"), 10)


def place(rows: list[list[Cell]]) -> list[list[tuple[int, Cell]]]:
    """Each row's cells with their grid column, skipping places covered by a merge from above/left."""
    covered: set[tuple[int, int]] = set()
    out = []
    for i, row in enumerate(rows):
        j = 0
        placed = []
        for c in row:
            while (i, j) in covered:
                j += 1
            placed.append((j, c))
            for di in range(c.rowspan):
                for dj in range(c.colspan):
                    covered.add((i + di, j + dj))
            j += c.colspan
        out.append(placed)
    return out


def _fill_row(t, rows: list[list[Cell]], i: int, row: list[Cell], header: bool) -> None:
    for j, c in place(rows)[i]:
        cell = t.cell(i, j)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(t.cell(i + c.rowspan - 1, j + c.colspan - 1))
        para = cell.paragraphs[0]
        para.alignment = (WD_ALIGN_PARAGRAPH.RIGHT if c.number else
                          WD_ALIGN_PARAGRAPH.CENTER if header else WD_ALIGN_PARAGRAPH.LEFT)
        _font(para.add_run(c.text), 9, c.bold or header)
