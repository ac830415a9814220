"""A table printed in column halves: the first columns on one page, the rest on the next.

A wide table with few rows (the 收入总表 of one row: 合计 | 本年收入 … on one page, 其他收入 |
上年结转结余 … on the next) is printed as two grids of the same rows, each with its own header.
Read one after the other, the second grid's rows would be new rows without labels and their
figures lost to the sums; they are the same rows, continued to the right. A group heading of the
second half printed just above its grid, in a frame row the reader took out as a line of its own
(上年结转结余 over its 小计 and fund columns, the line's box that row's), is part of its header:
without it 上年结转结余/一般公共预算资金 would read as this year's 一般公共预算资金.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from yusuan.blocks import Cell, TextLine
from yusuan.model import Column, Row, Table

if TYPE_CHECKING:
    from yusuan.parse.tables_layout import _Layout

# A group heading sits this close above its grid (points).
_HEADING_GAP = 30.0


def is_column_half(prev_roles: Sequence[str], roles: Sequence[str], prev_rows: int, rows: int) -> bool:
    """The grid continues the previous one to the right: neither has a label column (a table
    of figures only, one row or a few) and both have the same number of rows."""
    return bool(prev_rows) and prev_rows == rows and set(prev_roles) == {"amount"} and set(roles) == {"amount"}


def group_heading_row(header_cells: list[Cell], lines_above: Sequence[TextLine]) -> list[str] | None:
    """A header row made of the text lines printed just above the grid, each over the header
    cells whose centre is under its box; None when there are none."""
    tops = [c.bbox[1] for c in header_cells if c.bbox]
    if not tops or not lines_above:
        return None
    grid_top = min(tops)
    near = [
        ln for ln in lines_above
        if ln.bbox and 0 <= grid_top - ln.bbox[3] <= _HEADING_GAP and ln.text.strip()
    ]
    if not near:
        return None
    row = [""] * len(header_cells)
    for j, c in enumerate(header_cells):
        if not c.bbox:
            continue
        centre = (c.bbox[0] + c.bbox[2]) / 2
        for ln in near:
            assert ln.bbox is not None
            if ln.bbox[0] - 1 <= centre <= ln.bbox[2] + 1:
                row[j] = ln.text.strip()
    return row if any(row) else None


def join_rows(prev: list[Row], half: list[Row], columns: list[Column], headers: dict[str, str]) -> None:
    """Figures of the second half's rows go to the same rows of the first half."""
    have = {c.id for c in columns}
    for a, b in zip(prev, half, strict=True):
        for cid, amount in b.values.items():
            if cid not in a.values:
                a.values[cid] = amount
                if cid not in have:
                    columns.append(Column(id=cid, header=headers.get(cid, cid)))
                    have.add(cid)
        for cid, text in b.texts.items():
            a.texts.setdefault(cid, text)


def join_column_half(
    spec_id: str,
    header: list[list[Cell]],
    data: list[list[Cell]],
    lines_above: Sequence[TextLine],
    prev: _Layout,
    prev_rows: list[Row],
    ctx: Any,
    table: Table,
) -> bool:
    """Read the grid as the right half of the previous one when it is (see ``is_column_half``):
    its figures join the previous grid's rows, its columns the table's. False otherwise."""
    from yusuan.parse.tables_layout import _Codes, _layout
    from yusuan.parse.tables_rows import _clean_name, _one_sided_rows

    texts = [[c.text for c in r] for r in header + data]
    ncols = max((len(r) for r in texts), default=0)
    heading = group_heading_row(header[0], lines_above) if header else None
    head_texts = ([heading] if heading else []) + texts[: len(header)]
    lay = _layout(spec_id, head_texts, texts[len(header):], ncols)
    if not is_column_half(prev.roles, lay.roles, len(prev_rows), len(data)):
        return False
    half: list[Row] = []
    _one_sided_rows(data, lay, ctx, _Codes(), False, half)
    if len(half) != len(prev_rows):
        return False
    headers = {cid: _clean_name("/".join(lay.paths[j])) for j, cid in enumerate(lay.ids) if cid}
    join_rows(prev_rows, half, table.columns, headers)
    return True
