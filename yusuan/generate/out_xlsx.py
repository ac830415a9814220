"""XLSX output (openpyxl): one sheet per table, as budget systems export them — 表号 and title
above the grid, 编制单位 and 单位 on one row, merged header cells, amounts as numbers with a
two-decimal number format; the text parts (概况, 情况说明, 名词解释) on a first sheet."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from yusuan.amounts import decimals, parse_number
from yusuan.generate.layout import Book, Grid
from yusuan.generate.out_docx import place

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def render_xlsx(book: Book, path: str, preparer_label: str = "编制部门") -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.column_dimensions["A"].width = 120
    n = 0
    names: set[str] = {"说明"}
    for b in book.blocks:
        if b.grid is not None:
            n += 1
            _sheet(wb, b.grid, n, names, preparer_label)
            continue
        ws.append([b.text])
        cell = ws.cell(row=ws.max_row, column=1)
        cell.alignment = Alignment(wrap_text=True)
        if b.kind != "p":
            cell.font = Font(bold=True)
    wb.save(path)


def _sheet(wb: Workbook, g: Grid, n: int, names: set[str], preparer_label: str) -> None:
    base = (g.number or f"表{n}")[:12]
    name = base
    k = 2
    while name in names:
        name = f"{base}-{k}"
        k += 1
    names.add(name)
    ws = wb.create_sheet(name)
    r = 1
    if g.number:
        ws.cell(row=r, column=1, value=g.number)
        r += 1
    ws.cell(row=r, column=1, value=g.title).font = Font(bold=True, size=14)
    ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
    if g.ncols > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=g.ncols)
    r += 1
    if g.kind == "table":
        ws.cell(row=r, column=1, value=f"{preparer_label}：{g.preparer}" if g.preparer else "")
        ws.cell(row=r, column=g.ncols, value=f"单位：{g.unit}")
        r += 1
    rows = [*g.header, *g.body]
    for i, placed in enumerate(place(rows)):
        for j, c in placed:
            cell = ws.cell(row=r + i, column=j + 1)
            v = parse_number(c.text) if c.number and c.text else None
            if v is not None:
                places = decimals(c.text)
                cell.value = float(v) if places else int(v)
                # the printed number of decimals, and digit grouping where the text has it
                grouping = "#,##0" if "," in c.text else "0"
                cell.number_format = grouping + ("." + "0" * places if places else "")
                cell.alignment = Alignment(horizontal="right")
            else:
                cell.value = c.text
                cell.alignment = Alignment(horizontal="center" if i < len(g.header) else "left",
                                           vertical="center", wrap_text=True)
            if c.bold:
                cell.font = Font(bold=True)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(start_row=r + i, start_column=j + 1,
                               end_row=r + i + c.rowspan - 1, end_column=j + c.colspan)
    for i in range(len(rows)):
        for j in range(g.ncols):
            ws.cell(row=r + i, column=j + 1).border = BORDER
    for j in range(g.ncols):
        ws.column_dimensions[get_column_letter(j + 1)].width = 16
    if g.note:
        ws.cell(row=r + len(rows) + 1, column=1, value=f"注：{g.note}")

