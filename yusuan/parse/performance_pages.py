"""A performance table's grid continued on the next page with other column splits.

A template that prints the 三级指标 cell over two ruled columns on the first page (its header row
splits it) prints the rows continued on the next page with one column there: the continuation
grid is one column narrower, and its cells sit one index to the left of the header's columns.
Such a grid is the same table when every column it fills starts where a column of the grid above
starts (the page's ruling is the same); its rows are then re-indexed to the columns above, so the
indicator rows on the next page are read by the same header.
"""

from __future__ import annotations

from yusuan.blocks import Cell, Grid
from yusuan.parse.performance_text import label_of, title_kind

_X_TOLERANCE = 3.0  # points: the same ruled column printed on two pages


def _column_starts(g: Grid) -> dict[int, float]:
    """The left edge of each column index, from the cells that carry a box."""
    out: dict[int, float] = {}
    for row in g.rows:
        for j, c in enumerate(row):
            if c.bbox is not None and (j not in out or c.bbox[0] < out[j]):
                out[j] = c.bbox[0]
    return out


def realigned(g: Grid, above: Grid) -> Grid | None:
    """``g`` re-indexed to the columns of ``above`` (a grid on an earlier page whose table it
    continues), or None when its columns do not line up with those above, or it begins a table
    of its own (a title or 项目名称 row)."""
    if g.ncols == above.ncols or not g.rows or (g.page or 0) <= (above.page or 0):
        return None
    first = [c.text for c in g.rows[0] if c.text.strip()]
    if any(title_kind(t) or label_of(t) in ("project", "unit", "total") for t in first):
        return None
    starts, target = _column_starts(g), _column_starts(above)
    if not starts or not target:
        return None
    index: dict[int, int] = {}
    for j, x in starts.items():
        near = [jj for jj, xx in target.items() if abs(xx - x) <= _X_TOLERANCE]
        if len(near) != 1:
            return None
        index[j] = near[0]
    if len(set(index.values())) != len(index):
        return None
    rows: list[list[Cell]] = []
    for row in g.rows:
        out = [Cell("", page=g.page) for _ in range(above.ncols)]
        for j, c in enumerate(row):
            jj = index.get(j)
            if jj is None:
                if c.text.strip():
                    return None  # a filled cell with no column above: not the same ruling
                continue
            out[jj] = c
        rows.append(out)
    return Grid(rows=rows, page=g.page, line=g.line, bbox=g.bbox, source=g.source)


# the note of the indicator rows printed at the top of a page under blank project cells (read by
# performance_grid, joined to the page before's project by performance)
CONTINUED_NOTE = "续上页项目的指标（本页项目单元格为空）"


def row_page(row: list[Cell]) -> int | None:
    return next((c.page for c in row if c.text.strip() and c.page is not None), None)


def row_line(row: list[Cell]) -> int | None:
    return next((c.line for c in row if c.text.strip() and c.line is not None), None)
