"""A performance table's grid continued on the next page with other column splits.

A template that prints the 三级指标 cell over two ruled columns on the first page (its header row
splits it) prints the rows continued on the next page with one column there: the continuation
grid is one column narrower, and its cells sit one index to the left of the header's columns.
Such a grid is the same table when every column it fills starts where a column of the grids above
starts (the page's ruling is the same); its rows are then re-indexed to the columns above, so the
indicator rows on the next page are read by the same header. The columns above are those of all
the table's grids in the first grid's columns: a page that prints only 二级/三级 cells (its 一级
cell merged over the page) is as narrow as its own columns, and the page after it prints the
一级 column again.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def _table_starts(grids: Sequence[Grid]) -> dict[int, float]:
    """The left edge of each column of a table's grids that are in the first grid's columns."""
    out: dict[int, float] = {}
    for above in grids:
        if above.ncols != grids[0].ncols:
            continue
        for j, x in _column_starts(above).items():
            if j not in out or x < out[j]:
                out[j] = x
    return out


def realigned(g: Grid, above: Grid | Sequence[Grid]) -> Grid | None:
    """``g`` re-indexed to the columns of ``above`` (the grids on earlier pages whose table it
    continues, the first in the table's columns), or None when its columns do not line up with
    those above, or it begins a table of its own (a title or 项目名称 row)."""
    grids = [above] if isinstance(above, Grid) else list(above)
    if not grids or g.ncols == grids[0].ncols or not g.rows or (g.page or 0) <= (grids[-1].page or 0):
        return None
    first = [c.text for c in g.rows[0] if c.text.strip()]
    if any(title_kind(t) or label_of(t) in ("project", "unit", "total") for t in first):
        return None
    starts, target = _column_starts(g), _table_starts(grids)
    if not starts or not target:
        return None
    filled = {j for row in g.rows for j, c in enumerate(row) if c.text.strip()}
    index: dict[int, int] = {}
    for j, x in starts.items():
        near = [jj for jj, xx in target.items() if abs(xx - x) <= _X_TOLERANCE]
        if len(near) != 1:
            if j in filled:
                return None
            continue  # a column left blank on this page (a merged cell's rest): nothing to place
        index[j] = near[0]
    if len(set(index.values())) != len(index):
        return None
    rows: list[list[Cell]] = []
    for row in g.rows:
        out = [Cell("", page=g.page) for _ in range(grids[0].ncols)]
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
