"""Text made by PDF converters: raw text, markdown (``<b>``, ``#`` headings) and tab-separated tables.

Consecutive lines that contain tabs become one Grid; every other non-empty line is a TextLine.
Raw converter text that scattered table cells one per line stays as TextLines: the table parser
rebuilds those tables from the table's own constraints (see ``yusuan.parse.scattered``).
"""

from __future__ import annotations

import re

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.errors import ReadError

_BOLD_RE = re.compile(r"</?b>|\*\*")
_HEADING_RE = re.compile(r"^(#{1,6})\s+")
_TAGS_RE = re.compile(r"</?(?:p|br|span|strong|em|u|i)\s*/?>")


def decode(path: str, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ReadError(path, "这是二进制文件，不是文本", "binary file, not text")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ReadError(path, "无法识别的文本编码（既不是 UTF-8 也不是 GB18030）", "unknown text encoding")


def clean_cell(text: str) -> tuple[str, bool]:
    bold = bool(_BOLD_RE.search(text))
    text = _BOLD_RE.sub("", text)
    text = _TAGS_RE.sub(" ", text)
    return text.strip(), bold


def read_text(path: str) -> RawDocument:
    with open(path, "rb") as f:
        data = f.read()
    text = decode(path, data)
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

    for lineno, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            if not grid_rows:
                grid_line = lineno
            cells = []
            for part in line.rstrip("\n").split("\t"):
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
