"""Tables whose cells a PDF converter scattered one per line (raw converter text).

Such text has lost the table's columns: empty cells are dropped, headers are printed vertically one
character per line, and numbers are split across lines (``47.`` / ``23``). The table is rebuilt from
its own constraints (children sum to parents, columns sum to totals, total = sum of the other
columns); a placement that was deduced is marked ``Provenance(inferred=True, note=…)``, and a value
the constraints cannot place is kept in ``Row.unplaced`` and reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.blocks import TextLine
from yusuan.model import Table


@dataclass
class TableHeading:
    """What the table parser knows about a table before reading its body."""

    id: str  # canonical id ("expense") or "generic"
    title: str  # as printed
    number: str | None = None  # "表 3"
    unit: str | None = None  # "万元"
    preparer: str | None = None  # 编制部门/编制单位 as printed
    line: int | None = None  # line of the title
    page: int | None = None


def parse_scattered_table(heading: TableHeading, lines: list[TextLine]) -> Table | None:
    """Rebuild one table from the text lines of its body (everything after its title/unit lines
    up to the next table title or part heading). None when nothing could be read."""
    return None
