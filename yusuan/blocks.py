"""The intermediate result of every reader: a flat sequence of text lines and grids.

Readers know about their format (PDF geometry, DOCX paragraphs, XLSX sheets, converter text) and
nothing about budgets; the parser (``yusuan.parse``) knows about budgets and nothing about formats.
This is the seam between the two, and it can be printed (``yusuan debug --blocks``) to see what a
reader found before any budget logic ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cell:
    text: str
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    bold: bool = False
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class TextLine:
    """One line (or paragraph) of running text."""

    text: str
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    heading: int = 0  # markdown heading level, or a level a reader deduced from layout; 0 = body
    bold: bool = False


@dataclass(slots=True)
class Grid:
    """A table region as rows of cells, as the reader found it (header rows included).

    ``rows[i][j]`` is the cell in row i, column j; a merged cell appears once with its span, the
    positions it covers hold empty cells, so every row has ``ncols`` cells.
    """

    rows: list[list[Cell]]
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    source: str = ""  # "ruled", "stream", "tsv", "markdown", "scattered", "xlsx:Sheet1" …

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in r] for r in self.rows]


Block = TextLine | Grid


@dataclass(slots=True)
class RawDocument:
    """What a reader returns: the blocks of one file in reading order."""

    path: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
