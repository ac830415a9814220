"""Text made by PDF converters: raw text, markdown (``<b>``, ``#`` headings) and tab-separated tables.

Consecutive lines that contain tabs become one Grid; every other non-empty line is a TextLine.
Raw converter text that scattered table cells one per line stays as TextLines: the table parser
rebuilds those tables from the table's own constraints (see ``yusuan.parse.scattered``).
"""

from __future__ import annotations

import os
import re

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.errors import ReadError
from yusuan.limits import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TEXT_CHARS
from yusuan.readers.encoding import decode_bytes

_BOLD_RE = re.compile(r"</?b>|\*\*")
_HEADING_RE = re.compile(r"^(#{1,6})\s+")
_TAGS_RE = re.compile(r"</?(?:p|br|span|strong|em|u|i)\s*/?>")


def decode(path: str, data: bytes) -> str:
    return decode_bytes(path, data, kind="文本")


def read_chars(path: str, kind: str = "文本") -> bytes:
    """The file's bytes, refused before reading when they cannot fit in MAX_TEXT_CHARS characters
    (no encoding needs more than 4 bytes a character, so more bytes than 4× the limit is over it)."""
    size = os.path.getsize(path)
    MAX_TEXT_CHARS.check(path, size // 4, at_least=True)
    with open(path, "rb") as f:
        return f.read()


def clean_cell(text: str) -> tuple[str, bool]:
    bold = bool(_BOLD_RE.search(text))
    text = _BOLD_RE.sub("", text)
    text = _TAGS_RE.sub(" ", text)
    return text.strip(), bold


def read_text(path: str) -> RawDocument:
    text = decode(path, read_chars(path))
    MAX_TEXT_CHARS.check(path, len(text))
    if not text.strip():
        raise ReadError(path, "文件只有空白，没有内容", "blank file")
    fmt = "markdown" if re.search(r"^#{1,6} |<b>", text, re.M) else ("tsv" if "\t" in text else "text")
    raw = RawDocument(path=path, format=fmt)
    grid_rows: list[list[Cell]] = []
    grid_line = 0

    def flush() -> None:
        nonlocal grid_rows
        if grid_rows:
            width = max(len(r) for r in grid_rows)
            for r in grid_rows:
                r.extend(Cell("", line=r[0].line) for _ in range(width - len(r)))
            raw.blocks.append(Grid(rows=grid_rows, line=grid_line, source="tsv"))
            grid_rows = []

    max_cols, max_cells, max_rows = MAX_TABLE_COLUMNS.value, MAX_TABLE_CELLS.value, MAX_TABLE_ROWS.value
    grid_cells = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            if not grid_rows:
                grid_line = lineno
                grid_cells = 0
            parts = line.rstrip("\n").split("\t")
            # counted before cells are made: a line of a million tabs is not a table row
            where = f"第 {grid_line} 行起的表格"
            if len(parts) > max_cols:
                MAX_TABLE_COLUMNS.check(path, len(parts), where)
            grid_cells += len(parts)
            if grid_cells > max_cells or len(grid_rows) >= max_rows:
                MAX_TABLE_CELLS.check(path, grid_cells, where)
                MAX_TABLE_ROWS.check(path, len(grid_rows) + 1, where)
            cells = []
            for part in parts:
                t, bold = clean_cell(part)
                cells.append(Cell(t, line=lineno, bold=bold))
            grid_rows.append(cells)
            continue
        if not line.strip():
            continue  # blank lines do not end a grid: converters put them between table rows
        flush()
        heading = 0
        m = _HEADING_RE.match(line)
        if m:
            heading = len(m.group(1))
            line = line[m.end():]
        t, bold = clean_cell(line)
        if t:
            raw.blocks.append(TextLine(t, line=lineno, heading=heading, bold=bold))
    flush()
    return raw
