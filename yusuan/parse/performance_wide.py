"""Performance tables printed as grids, the table level: header rows, then one table, a wide table
that lists several projects side by side with their indicators, or a list of projects with goals only.
The rows themselves (header columns, alignment, indicators) are read by ``performance_grid``."""

from __future__ import annotations

import re

from yusuan.amounts import find_unit, is_number
from yusuan.blocks import Cell
from yusuan.parse.performance_grid import (
    _PROJECT_FIELDS,
    _amount,
    _merged_header,
    _read_header_row,
    _read_indicators,
    _Table,
    header_columns,
    project_columns,
)
from yusuan.parse.performance_pages import CONTINUED_NOTE, row_line, row_page
from yusuan.parse.performance_text import _AMOUNT_FIELDS, _YEAR_LINE_RE, label_of, squash, tidy, title_kind


def _read_grid_rows(t: _Table, rows: list[list[Cell]], unit: str = "万元") -> list[_Table]:
    """Read header and indicator rows. One table, or several when the grid is a wide table that
    lists projects side by side with their indicators. A table without an indicator header is
    returned with no indicators (the caller reports it)."""
    pending: dict[int, str] = {}  # column → amount field, from a row of labels printed above their values
    values_read = False
    for i, row in enumerate(rows):
        cells = [c.text for c in row]
        cols = header_columns(cells)
        if cols:
            texts, first, last = _merged_header(rows, i)
            merged = header_columns(texts) or cols
            pcols = project_columns(texts, merged)
            if pcols:
                return _read_wide(t, rows, last + 1, merged, pcols, unit)
            _read_indicators(t, rows[last + 1 :], merged, min(merged.values()))
            return [t]
        # a title or year row inside the grid
        nonempty = [x for x in cells if x.strip()]
        if len(nonempty) == 1:
            m = _YEAR_LINE_RE.match(squash(nonempty[0]))
            if m:
                t.year = int(m.group(1))
                continue
            if title_kind(nonempty[0]):
                continue
            u = find_unit(nonempty[0])
            if u:
                unit = u
                continue
        if pending and not values_read and not any(label_of(x) for x in cells) and any(is_number(x) for x in cells):
            for j, x in enumerate(cells):
                if j in pending and pending[j] not in t.amounts:
                    amt = _amount(x, unit, row[j].line, row[j].page)
                    if amt is not None:
                        t.amounts[pending[j]] = amt
            values_read = True  # one row of values per table
            continue
        if not pending and not any(is_number(x) for x in cells):
            # labels printed above their values; a second label row only splits the first
            for j, x in enumerate(cells):
                lab = label_of(x)
                if lab in _AMOUNT_FIELDS and lab not in pending.values():
                    pending[j] = lab
        goal_cols = _goal_list_columns(cells)
        if goal_cols:
            return _read_goal_list(t, rows[i + 1 :], goal_cols, unit)
        unit = _read_header_row(t, row, unit)
    return [t]


def _goal_list_columns(cells: list[str]) -> dict[str, int] | None:
    """Columns of a list of projects with their amount and goal but no indicators."""
    texts = [squash(c) for c in cells]
    found: dict[str, int] = {}
    for j, x in enumerate(texts):
        if re.fullmatch(r"(一级)?项目名称", x):
            found.setdefault("project", j)
        elif re.fullmatch(r"(单位名称|预算单位|二级预算单位名称)", x):
            found.setdefault("unit", j)
        elif re.fullmatch(r"(金额|预算数|项目金额|资金总额|预算金额)([（(]万?元[)）])?", x):
            found.setdefault("total", j)
        elif re.fullmatch(r"(项目)?(总体)?(年度)?绩效目标", x):
            found.setdefault("goal", j)
    return found if {"project", "goal"} <= found.keys() else None


def _read_goal_list(base: _Table, rows: list[list[Cell]], cols: dict[str, int], unit: str) -> list[_Table]:
    out: list[_Table] = []
    for row in rows:
        cells = [c.text.strip() for c in row]

        def get(name: str, cells: list[str] = cells) -> str:
            j = cols.get(name)
            return cells[j] if j is not None and j < len(cells) else ""

        name, goal = tidy(get("project")), tidy(get("goal"))
        if _goal_list_columns([c.text for c in row]) or set(squash(x) for x in cells if x) <= {"**", "*"}:
            continue  # a repeated header, or the template's ** row
        if not name:
            if goal and out and not get("total"):
                out[-1].goal = tidy(f"{out[-1].goal or ''}{goal}")  # goal text cut by the page
            continue
        t = _Table(kind=base.kind, title=base.title, line=row_line(row), page=row_page(row), year=base.year)
        t.labels["project"] = name
        if get("unit"):
            t.labels["unit"] = tidy(get("unit"))
        j = cols.get("total")
        if j is not None and j < len(row):
            amt = _amount(row[j].text, unit, row[j].line, row[j].page)
            if amt is not None:
                t.amounts["total"] = amt
        t.goal = goal or None
        t.notes.append("绩效目标表只列项目、金额与目标，未列指标（goals without indicators）")
        out.append(t)
    return out or [base]


_PROJECT_HEADER_RE = _PROJECT_FIELDS[0][1]


def _read_amounts(t: _Table, row: list[Cell], pcols: dict[str, int], unit: str) -> None:
    for field_name, jj in ((f, pcols.get(f)) for f in ("total", "fiscal", "other")):
        amt = _amount(row[jj].text, unit, row[jj].line, row[jj].page) if jj is not None and jj < len(row) else None
        if amt is not None:
            t.amounts[field_name] = amt


_UNNAMED_NOTE = "项目名称栏在本页为空（合并单元格的文字印在表格外或他页），项目名称未能读出"


def _continuation(base: _Table, row: list[Cell]) -> _Table:
    """Rows at a page's top under blank project cells: the page before's last project (joined by
    parse/performance); not when the grid has no project columns or a nameless project began."""
    t = _Table(kind=base.kind, title=base.title, line=row_line(row), page=row_page(row), year=base.year)
    t.notes += ["本表为多项目合表，按项目拆分（one of several projects in a wide table）", CONTINUED_NOTE]
    return t


# Rows that begin a project of their own at the top of a page (amounts or a goal, under a blank
# 项目名称 cell whose text is printed elsewhere: outside the grid, or on a later page) are a project
# whose name is not read; one merged name cell may cover several such projects, each with its own
# amount cells, so an unnamed project's rows end where its amount and goal cells end.
def _read_wide(base: _Table, rows: list[list[Cell]], start: int, cols: dict[str, int], pcols: dict[str, int],
               unit: str) -> list[_Table]:
    """Split a wide table into its projects.
    A project starts at a row whose project cell is filled, or, in ruled PDF tables, at a row
    below the end of the previous project's merged cells that carries project text of its own
    (the name of a project cut by a page break is printed on the next page). Such an unnamed
    project takes the name and amounts of the first project row of the next page.
    """
    out: list[tuple[_Table, list[list[Cell]]]] = []
    budget_unit: str | None = base.labels.get("unit")
    first_col = min(cols.values())
    span_end = -1  # index of the first row after the current project's merged cells (-1: unknown)

    def cell(cells: list[str], name: str, where: dict[str, int]) -> str:
        j = where.get(name)
        return cells[j].strip() if j is not None and j < len(cells) else ""

    width = max(len(r) for r in rows)
    for idx in range(start, len(rows)):
        row = rows[idx]
        padded = bool(first_col and len(row) == width - first_col)
        if padded:
            # a page that holds only indicator rows of the project above: its grid has no project
            # columns, so its cells start at the first indicator column
            row = rows[idx] = [Cell("", page=row_page(row), line=row_line(row)) for _ in range(first_col)] + row
        cells = [c.text for c in row]
        if not any(x.strip() for x in cells) or header_columns(cells):
            continue
        name = tidy(cell(cells, "project", pcols))
        if name and _PROJECT_HEADER_RE.match(squash(name)):
            continue  # the first header row, repeated on a new page
        unit_cell = tidy(cell(cells, "unit", pcols))
        if unit_cell:
            budget_unit = re.sub(r"^[0-9]+", "", unit_cell) or budget_unit  # “105001某某局”: a unit code glued to the unit name
        has_indicator = bool(cell(cells, "level3", cols))
        goal = tidy(cell(cells, "goal", pcols))
        span = max((row[j].rowspan for f, j in pcols.items() if j < len(row) and (name or f != "project")), default=1)
        beyond = span_end >= 0 and idx >= span_end and has_indicator and (span > 1 or goal)
        unnamed = not out and not name and has_indicator and bool(goal or cell(cells, "total", pcols))
        if name or beyond or unnamed:
            if squash(name) in ("合计", "总计", "小计"):
                continue
            if not has_indicator and not goal:
                if cell(cells, "total", pcols) and is_number(cell(cells, "total", pcols)):
                    budget_unit = name  # a budget unit's subtotal row heads its projects
                continue  # otherwise text of a merged cell cut by the page, not a project
            prev = out[-1][0] if out else None
            page = row_page(row)
            if (name and prev is not None and "project" not in prev.labels and not prev.amounts
                    and CONTINUED_NOTE not in prev.notes and prev.page is not None and page is not None and page > prev.page):
                t = prev  # the rest of a project whose name was printed on this page
                t.notes.remove("项目名称印在下一页的合并单元格中，未能读出")
                t.notes.append("项目跨页，名称与金额印在下一页，已合并")
                t.goal = tidy(f"{t.goal or ''}{goal}") or None
            else:
                t = _Table(kind=base.kind, title=base.title, line=row_line(row), page=page, year=base.year)
                t.goal = goal or None
                t.notes.append("本表为多项目合表，按项目拆分（one of several projects in a wide table）")
                if unnamed or not name and prev is not None and _UNNAMED_NOTE in prev.notes:
                    t.notes.append(_UNNAMED_NOTE)  # the same blank name cell goes on over this project
                elif not name:
                    t.notes.append("项目名称印在下一页的合并单元格中，未能读出")
                out.append((t, []))
            if name:
                t.labels["project"] = name
            if budget_unit:
                t.labels["unit"] = budget_unit
            _read_amounts(t, row, pcols, unit)
            span_end = idx + span if span > 1 else -1
        elif out and goal and not has_indicator:
            prev = out[-1][0]
            prev.goal = tidy(f"{prev.goal or ''}{goal}")  # goal text continued on the next page
        elif not out and has_indicator and not padded:
            out.append((_continuation(base, row), []))
        if out:
            out[-1][1].append(row)
    for t, trows in out:
        _read_indicators(t, trows, cols, first_col)
    return [t for t, _ in out] or [base]


