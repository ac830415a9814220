"""Columns headed by a year (「2025年预算数」, 「2026年预算」): the prior year's figures or this
year's, by the document's year.

The catalog's header patterns cannot say which a year-labelled column is: 「2025年预算数」 is last
year's budget in a 2026 document and this year's in a 2025 one. A ``colN`` column (a header the
catalog did not know) whose header is such a year is named here, before the columns are inferred
from their sums: the year before the document's → ``last_year``, the document's own → ``total``
(where the table has no total column yet). Other years, and a table that already has the id, are
left as they are.
"""

from __future__ import annotations

import re

from yusuan.model import Table
from yusuan.tables import norm

_GENERIC_RE = re.compile(r"^col\d+$")
# the whole header (or its last level) is a year and a budget word: 2025年预算数, 2025年度预算, 2025年预算安排
_YEAR_HEADER_RE = re.compile(r"(?:^|/)((?:19|20)\d{2})年度?(?:部门)?预算(?:数|安排|金额)?(?:/(?:合计|小计))?$")


def name_year_columns(table: Table, year: int | None) -> list[str]:
    """Name the table's year-headed ``colN`` columns; returns what was named."""
    if year is None:
        return []
    taken = {c.id for c in table.columns}
    out: list[str] = []
    for column in table.columns:
        if not _GENERIC_RE.match(column.id):
            continue
        m = _YEAR_HEADER_RE.search(norm(column.header))
        if not m:
            continue
        printed = int(m.group(1))
        new = "last_year" if printed == year - 1 else "total" if printed == year else None
        if new is None or new in taken:
            continue
        old = column.id
        column.id = new
        taken.add(new)
        for r in table.rows:
            if old in r.values:
                r.values = {(new if k == old else k): v for k, v in r.values.items()}
            if old in r.texts:
                r.texts = {(new if k == old else k): v for k, v in r.texts.items()}
        out.append(f"{table.title}：「{column.header}」→ {new}")
    return out
