"""Repairs of where a ruled cell's characters belong, when a producer draws text past its cell.

Characters go to the cell under their centre (``pdf_layout._fill_grid``); two habits of
spreadsheet exports break that: a wrapped line drawn across the row rule below its cell and
clipped there, and a number too wide for its cell spilling left into an empty neighbour, whose
dividing rule the producer then leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from yusuan.readers.pdf_extract import Char

_NUMBER_RE = re.compile(r"[-+]?[\d,，]+(?:\.\d+)?")


def overflows_from_above(c: Char, rule: float, next_rule: float) -> bool:
    """A glyph across a row rule, its centre just below it: the last wrapped line of the cell
    above, drawn past (and clipped at) that cell's bottom. A cell's own text sits inside its row
    (centred or at the top, its centre half a line or more under the rule, and never in the top
    third of the row), so only text that spills over crosses the rule with its centre this close
    under it (「…公共设施」 over 「支出」 clipped into the next row, which would then read
    「支出2120803-城市建设支出」 and lose its code)."""
    height = c.bottom - c.top
    below = c.cy - rule
    return (
        height > 0 and c.top < rule - 0.15 * height and below < 0.4 * height and below < 0.3 * (next_rule - rule)
    )


def number_overflowing_left(text: str, chars: Sequence[Char], left: float, right: float) -> bool:
    """A merged cell's text is a number that ends in the right half of its last column
    [``left``, ``right``] and starts before it: a figure right-aligned in that column that
    overflowed leftwards (「合计」 row's 1,024,807.171785 spilling into the empty 经济分类 cell),
    not a heading centred over the merged columns."""
    if not _NUMBER_RE.fullmatch(text.strip()):
        return False
    x0 = min(c.x0 for c in chars)
    x1 = max(c.x1 for c in chars)
    return x0 < left < x1 and x1 > (left + right) / 2 and x1 <= right + 1
