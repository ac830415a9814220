"""Tables printed as two lists side by side, read as one list.

决算 and budget templates print a long list in two halves on one page to save paper: the
一般公共预算财政拨款基本支出决算表 prints 人员经费 (301, 303 …) on the left and 公用经费 (302, 310 …)
on the right, each half with the same header (经济分类科目编码 | 科目名称 | 决算数). Read column by
column, the two halves would become one row whose name is both names and whose code is the left
one (``301 工资福利支出商品和服务支出``). The halves are the same columns: stacked, left then right,
they are one ordinary list.

Two-sided summary tables (收入 | 支出) also repeat 项目 | 金额, but their halves are different
things; they are read by the two-sided reader and never come here.
"""

from __future__ import annotations

import re

from yusuan.blocks import Cell
from yusuan.tables import norm

# a half must say what its rows are (a code or name header) and hold an amount column
_KEY_HEADER_RE = re.compile(r"编码|代码|科目|项目|名称")
_CODE_RE = re.compile(r"^\d{3,7}$")


def _half_texts(row: list[Cell], start: int, width: int) -> list[str]:
    return [norm(c.text) for c in row[start : start + width]]


def unfold_side_by_side(rows: list[list[Cell]], n_head: int) -> list[list[Cell]] | None:
    """The grid's rows with the right half stacked under the left, or None when it is not two halves.

    Two halves means: an even number of columns, every header row's left half printed again as
    its right half, that header naming the rows (编码/科目/名称), and classification codes in the
    first column of both halves' data (so that a table of two different lists is left alone).
    """
    if not n_head or len(rows) <= n_head:
        return None
    ncols = max(len(r) for r in rows)
    if ncols < 4 or ncols % 2:
        return None
    half = ncols // 2
    padded = [r + [Cell("")] * (ncols - len(r)) for r in rows]
    header = padded[:n_head]
    for r in header:
        left, right = _half_texts(r, 0, half), _half_texts(r, half, half)
        if left != right:
            return None
    if not any(_KEY_HEADER_RE.search(t) for r in header for t in _half_texts(r, 0, half)):
        return None
    data = padded[n_head:]
    left_codes = sum(1 for r in data if _CODE_RE.match(norm(r[0].text)))
    right_codes = sum(1 for r in data if _CODE_RE.match(norm(r[half].text)))
    if left_codes < 2 or right_codes < 2:
        return None
    out = [r[:half] for r in header]
    lefts = [r[:half] for r in data if any(c.text.strip() for c in r[:half])]
    rights = [r[half:] for r in data if any(c.text.strip() for c in r[half:])]
    return out + lefts + rights


# A header cell split into 类 | 款 | 项 prints those words in the first data row (the 合计 row);
# the columns under them stay empty when each code is printed whole in the first one.
_SPLIT_CODE_WORDS = {"类", "款", "项"}


def unfilled_columns(data: list[list[Cell]], ncols: int) -> list[int]:
    """Columns of a headed grid that no data row fills with anything but 类/款/项."""
    return [
        j
        for j in range(ncols)
        if not any(j < len(r) and r[j].text.strip() and norm(r[j].text) not in _SPLIT_CODE_WORDS for r in data)
    ]


def widen_continuation(data: list[list[Cell]], width: int, empty: list[int]) -> list[list[Cell]]:
    """A continuation page printed without the header's empty sub-columns, brought to the header's width.

    A code header split into 类 | 款 | 项 over three narrow columns, whose codes are printed whole
    in the first, is drawn as one column on the next page; its rows are one cell per unfilled
    column short. Cells are put back in their columns by inserting empty ones where the headed
    grid had its unfilled columns; a continuation of any other width is left as it is.
    """
    ncols = max((len(r) for r in data), default=0)
    if not data or ncols >= width or len(empty) != width - ncols:
        return data
    out = []
    for r in data:
        cells = list(r) + [Cell("")] * (ncols - len(r))
        for j in sorted(empty):
            cells.insert(j, Cell("", page=cells[0].page if cells else None))
        out.append(cells)
    return out
