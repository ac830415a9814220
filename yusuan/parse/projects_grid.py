"""Projects listed as a grid in the prose: 项目名称 | 预算数（万元） | 绩效目标 (a 重点项目 list).

Some templates print, in a part of their 说明 (Shenzhen's 第七部分 重点项目预算绩效情况说明), a
ruled list of key projects outside the numbered tables: 二级预算单位名称 | 一级项目名称 |
预算数（万元） | 绩效目标, continued over pages without its header. Each row is a project with its
budget, the same thing a 项目情况说明 describes in labelled fields, so it is read as a ``Project``
(name, scale, units) and compared by the rules with the project table like any described project.

Other templates (Guangzhou's 七、重点项目预算绩效目标情况: 项目 | 预算数（单位：万元） | 绩效目标,
its header repeated on every page) list under that header the budget units too, each unit's row
without a goal and holding its projects' sum, and the amounts of every fund: that list is no
described project but a table of its own (``key_projects`` of tables.toml), read with its outline
(a unit's row over its projects) and compared by no rule with one fund's table.

A list is taken only when its header names the project and the amount column, and the amount's
unit is printed in that header (never guessed); a row without a name (the goal text of the row
above run over the page break) is no project.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from yusuan.amounts import parse_number, to_wan
from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.model import Amount, Column, Document, Project, Provenance, Row, Table
from yusuan.parse.segment import Segments
from yusuan.tables import CANONICAL_TABLES, match_column

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


KEY_PROJECTS = "key_projects"
_ITEM_RE = re.compile(r"^项目(?:名称)?$")
_UNIT_RE = re.compile(r"亿元|万元|千元|元")

# (name column, amount column, goal column, unit, amount header, goal header)
_ListCols = tuple[int, int, int, str, str, str]


def _list_header(grid: Grid) -> _ListCols | None:
    """The columns of a key_projects list whose header is the grid's first row: 项目 | 预算数（单位：万元）
    | 绩效目标 (names as tables.toml gives them; the amount's unit printed in its header)."""
    if not grid.rows:
        return None
    texts = [re.sub(r"\s+", "", c.text) for c in grid.rows[0]]
    name = next((j for j, t in enumerate(texts) if _ITEM_RE.match(t)), None)
    ids = {match_column(KEY_PROJECTS, t): j for j, t in enumerate(texts) if t}
    amount, goal = ids.get("total"), ids.get("performance_goal")
    if name is None or amount is None or goal is None:
        return None
    m = _UNIT_RE.search(texts[amount])
    if m is None:
        return None
    return name, amount, goal, m.group(0), texts[amount], texts[goal]


def _list_rows(grid: Grid, rows: list[list], cols: _ListCols) -> list[tuple[str, Amount, str]]:
    """(name, amount, goal) of every row with a name and an amount."""
    name_col, amount_col, goal_col, unit = cols[:4]
    out: list[tuple[str, Amount, str]] = []
    for row in rows:
        if len(row) != grid.ncols:
            continue
        name = re.sub(r"\s+", "", row[name_col].text)
        text = row[amount_col].text.strip()
        value = parse_number(text) if _NUMBER_RE.match(text.replace(" ", "")) else None
        if not name or value is None:
            continue
        cell = row[amount_col]
        prov = Provenance(page=cell.page, line=cell.line, bbox=cell.bbox)
        out.append((name, Amount(value=to_wan(value, unit), text=text, unit=unit, source=prov),
                    re.sub(r"\s+", "", row[goal_col].text)))
    return out


def _heads_projects(items: list[tuple[str, Amount, str]], k: int) -> bool:
    """Row k, printed without a goal, is a budget unit's: the rows with a goal under it (up to the
    next row without one) are its projects, and its amount is their sum."""
    under = list(itertools.takewhile(lambda it: bool(it[2]), items[k + 1:]))
    return bool(under) and sum((it[1].value for it in under), Decimal(0)) == items[k][1].value


def _key_table(items: list[tuple[str, Amount, str]], cols: _ListCols, title: str, page: int | None) -> Table:
    rows: list[Row] = []
    unit_name: str | None = None
    for k, (name, amount, goal) in enumerate(items):
        if not goal and _heads_projects(items, k):
            unit_name = name
            rows.append(Row(name=name, unit=name, values={"total": amount}, source=amount.source))
            continue
        rows.append(Row(name=name, project=name, unit=unit_name, values={"total": amount},
                        texts={"performance_goal": goal} if goal else {}, source=amount.source))
    return Table(id=KEY_PROJECTS, title=title, unit=cols[3], rows=rows, source=Provenance(page=page),
                 columns=[Column(id="total", header=cols[4]), Column(id="performance_goal", header=cols[5])])


def _title_before(blocks: list[TextLine | Grid], k: int) -> str:
    """The heading the list is printed under (the nearest of the few lines before it), else the
    catalog's name of the table."""
    for b in reversed(blocks[max(0, k - 4):k]):
        if isinstance(b, TextLine) and _HEADING_RE.match(b.text) and len(b.text.strip()) <= 40:
            return b.text.strip()
    return CANONICAL_TABLES[KEY_PROJECTS]


def parse_key_project_tables(raw: RawDocument, segs: Segments) -> list[Table]:
    """Every key_projects list printed in the prose parts, one table each (its pieces over pages,
    with or without the header repeated, are one list)."""
    found: list[Table] = []
    for start, end in [(s, e) for k, s, e, _ in segs.parts if k != "tables"]:
        cols: _ListCols | None = None
        items: list[tuple[str, Amount, str]] = []
        title, page, ncols = "", None, 0
        blocks = raw.blocks[start:end]
        for k, b in enumerate(blocks):
            if isinstance(b, TextLine):
                if cols is not None and not _BETWEEN_RE.match(b.text) and not _overflow(b, blocks[k + 1:k + 3], ncols):
                    found.append(_key_table(items, cols, title, page))
                    cols, items = None, []
                continue
            if not isinstance(b, Grid):
                continue
            head = _list_header(b)
            if head is not None and (cols is None or b.ncols != ncols):
                if cols is not None:
                    found.append(_key_table(items, cols, title, page))
                cols, ncols, items = head, b.ncols, []
                title, page = _title_before(blocks, k), b.page
            elif cols is None or b.ncols != ncols:
                if cols is not None:
                    found.append(_key_table(items, cols, title, page))
                cols, items = None, []
                continue
            items.extend(_list_rows(b, b.rows[1:] if head is not None else b.rows, cols))
        if cols is not None:
            found.append(_key_table(items, cols, title, page))
    return [t for t in found if t.rows]


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
