"""Stage: the 报表目录 that says, beside each table, whether it is empty and why.

Some templates (Xi'an's 部门综合预算) print the list of tables as a grid

    报表 | 报表名称                         | 是否空表 | 表格为空的理由
    表9  | 部门综合预算政府性基金收支表       | 是       | 不涉及

and leave the table itself with its header only. The reason given there is the empty table's
note: it is attached to the table of that number (or, failing a number, of that name), so that
a reader of the model — and rule Y402 — sees the table explained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.blocks import Grid, RawDocument
from yusuan.model import Document, Table
from yusuan.parse.segment import Segments
from yusuan.tables import norm

_EMPTY_HEADER = re.compile(r"是否(?:为)?空表")
_REASON_HEADER = re.compile(r"理由|原因|说明")
_NAME_HEADER = re.compile(r"名称")
_NUMBER_RE = re.compile(r"^表\s*([0-9一二三四五六七八九十]+)$")
_YES = {"是", "√", "✓", "空表", "是（空表）"}


@dataclass
class IndexEntry:
    number: str | None  # "表9"
    name: str
    reason: str
    page: int | None


def _header(rows: list[list[str]]) -> tuple[int, int, int, int | None] | None:
    """(header row, 是否空表 column, reason column, name column) of a 报表目录 grid."""
    for i, row in enumerate(rows[:3]):
        cells = [norm(t) for t in row]
        flag = next((j for j, t in enumerate(cells) if _EMPTY_HEADER.search(t)), None)
        if flag is None:
            continue
        reason = next((j for j, t in enumerate(cells) if j != flag and _REASON_HEADER.search(t)), None)
        if reason is None:
            continue
        name = next((j for j, t in enumerate(cells) if j not in (flag, reason) and _NAME_HEADER.search(t)), None)
        return i, flag, reason, name
    return None


def index_entries(raw: RawDocument) -> list[IndexEntry]:
    """The tables a 报表目录 marks empty, with the reason it gives."""
    out: list[IndexEntry] = []
    for b in raw.blocks:
        if not isinstance(b, Grid):
            continue
        rows = b.texts()
        head = _header(rows)
        if head is None:
            continue
        hi, flag, reason, name_col = head
        for row in rows[hi + 1 :]:
            cells = [norm(t) for t in row]
            if max(flag, reason) >= len(cells) or cells[flag] not in _YES or not cells[reason]:
                continue
            number = next((f"表{m.group(1)}" for t in cells if (m := _NUMBER_RE.match(t))), None)
            if name_col is not None and name_col < len(cells):
                name = cells[name_col]
            else:
                others = [t for j, t in enumerate(cells) if j not in (flag, reason) and not _NUMBER_RE.match(t)]
                name = max(others, key=len, default="")
            out.append(IndexEntry(number, name, row[reason].strip(), b.page))
    return out


def _key(title: str) -> str:
    return re.sub(r"\d{4}年?|[\s（）()“”\"、:：]", "", norm(title))


def _table_for(entry: IndexEntry, tables: list[Table]) -> Table | None:
    if entry.number is not None:
        numbered = [t for t in tables if t.number and norm(t.number) == entry.number]
        if len(numbered) == 1:
            return numbered[0]
    key = _key(entry.name)
    named = [t for t in tables if key and (_key(t.title) == key or (len(key) >= 6 and key in _key(t.title)))]
    return named[0] if len(named) == 1 else None


def attach_index_reasons(raw: RawDocument, segs: Segments, doc: Document) -> None:
    for entry in index_entries(raw):
        t = _table_for(entry, doc.tables)
        if t is None or not t.empty or (t.empty_note and t.empty_note.strip()):
            continue
        page = f"第 {entry.page} 页" if entry.page else ""
        t.empty_note = f"{entry.reason}（报表目录{page}：是否空表「是」）"
