"""Projects listed as a grid in the prose: 项目名称 | 预算数（万元） | 绩效目标 (a 重点项目 list).

Some templates print, in a part of their 说明 (Shenzhen's 第七部分 重点项目预算绩效情况说明), a
ruled list of key projects outside the numbered tables: 二级预算单位名称 | 一级项目名称 |
预算数（万元） | 绩效目标, continued over pages without its header (Guangzhou's: 项目 |
预算数（单位：万元） | 绩效目标). Each row is a project with its
budget, the same thing a 项目情况说明 describes in labelled fields, so it is read as a ``Project``
(name, scale, units) and compared by the rules with the project table like any described project.

A list is taken only when its header names the project and the amount column, and the amount's
unit is printed in that header (never guessed); a row without a name (the goal text of the row
above run over the page break) is no project.
"""

from __future__ import annotations

import re

from yusuan.amounts import parse_number, to_wan
from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.model import Amount, Document, Project, Provenance
from yusuan.parse.segment import Segments

_NAME_RE = re.compile(r"^(?:一级|二级)?项目名称$")
_UNIT_NAME_RE = re.compile(r"(?:预算)?单位名称$")
_AMOUNT_RE = re.compile(r"^(?:预算数|预算金额|预算安排|金额|资金)[^（(]{0,4}[（(](亿元|万元|千元|元)[）)]$")
_NUMBER_RE = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
# what may stand between the pieces of one list: a page number, a blank line
_BETWEEN_RE = re.compile(r"^[-—－\s\d第页/]*$")


def _header(grid: Grid) -> tuple[int, int, int | None, str] | None:
    """(name column, amount column, budget-unit column, unit) of a grid whose first row is such a header."""
    if not grid.rows:
        return None
    texts = [re.sub(r"\s+", "", c.text) for c in grid.rows[0]]
    name = next((j for j, t in enumerate(texts) if _NAME_RE.match(t)), None)
    amount = next((j for j, t in enumerate(texts) if _AMOUNT_RE.match(t)), None)
    if name is None or amount is None:
        return None
    m = _AMOUNT_RE.match(texts[amount])
    assert m is not None
    unit = next((j for j, t in enumerate(texts) if _UNIT_NAME_RE.search(t) and j != name), None)
    return name, amount, unit, m.group(1)


def _projects(grid: Grid, rows: list[list], cols: tuple[int, int, int | None, str]) -> list[Project]:
    name_col, amount_col, unit_col, unit = cols
    out: list[Project] = []
    for row in rows:
        if len(row) != grid.ncols:
            continue
        name = re.sub(r"\s+", "", row[name_col].text)
        text = row[amount_col].text.strip()
        if not name or not _NUMBER_RE.match(text.replace(" ", "")):
            continue
        value = parse_number(text)
        if value is None:
            continue
        cell = row[amount_col]
        prov = Provenance(page=cell.page, line=cell.line, bbox=cell.bbox)
        units = row[unit_col].text.strip() if unit_col is not None else None
        out.append(Project(name=name, scale=Amount(value=to_wan(value, unit), text=text, unit=unit, source=prov),
                           units=units or None, source=prov))
    return out


_HEADING_RE = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                         r"\d{1,2}[、.．]|(?:备注|注)\s*[:：])")


def _overflow(line: TextLine, after: list[TextLine | Grid], ncols: int) -> bool:
    """A cell's text that overflowed the page, printed as a line between two pieces of the list:
    no heading, and a grid as wide as the list comes next (after at most a page number)."""
    if _HEADING_RE.match(line.text):
        return False
    for b in after:
        if isinstance(b, Grid):
            return b.ncols == ncols
        if not _BETWEEN_RE.match(b.text):
            return False
    return False


def parse_project_grids(raw: RawDocument, segs: Segments, doc: Document) -> list[Project]:
    """The projects of every such list printed in the prose parts, in order."""
    found: list[Project] = []
    for start, end in [(s, e) for k, s, e, _ in segs.parts if k != "tables"]:
        cols: tuple[int, int, int | None, str] | None = None
        ncols = 0
        blocks = raw.blocks[start:end]
        for k, b in enumerate(blocks):
            if isinstance(b, TextLine):
                if cols is not None and not _BETWEEN_RE.match(b.text) and not _overflow(b, blocks[k + 1:k + 3], ncols):
                    cols = None  # the list ends at the next line of prose or heading
                continue
            if not isinstance(b, Grid):
                continue
            head = _header(b)
            if head is not None:
                cols, ncols = head, b.ncols
                found.extend(_projects(b, b.rows[1:], cols))
            elif cols is not None and b.ncols == ncols:
                found.extend(_projects(b, b.rows, cols))
            else:
                cols = None
    return found
