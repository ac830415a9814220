"""Stage: performance target tables (项目支出绩效目标表, 部门整体绩效目标表).

Each table becomes a ``PerformanceTable``: title, year, project, budget unit, amounts, goal text and
indicators. Amount keys: ``total`` (年度预算总额/资金总额), ``fiscal`` (财政拨款/财政资金),
``other`` (其他资金), ``upper`` (上级安排), ``local`` (本级安排), and for the 部门整体 table by
kind of spending ``basic`` (基本支出) and ``project_exp`` (项目支出); all in 万元.

Two shapes of input are read:

* Grids (tab-separated or markdown text, PDF tables): the header rows are label/value cells, then
  a header row (一级指标 … 佐证资料) maps the columns of the indicator rows. Converters sometimes
  shift the cells of one row left or right; every row is aligned to the header by content (a value
  where the 指标值 column expects one, a number in the 分值权重 column …) and a realigned row says
  so in its Indicator's ``source.note``. A row that only continues the previous one (a cell wrapped
  onto the next printed row) is joined to it.
* Scattered raw text (a converter printed every cell fragment on its own line): the header fields
  are read by their labels; the indicators are rebuilt from anchors that survive scattering (the
  basis, weight, scoring-rule and evidence vocabularies). Indicators rebuilt that way are marked
  ``inferred``; a table whose indicators could not be rebuilt consistently gets a Diagnostic.

The stage is split by shape: ``performance_text`` (the words), ``performance_grid`` (grid rows),
``performance_wide`` (grid tables: one project, wide multi-project tables, goal lists), ``performance_pages``
(grids continued over pages) and
``performance_scattered`` (scattered text); this module finds the tables and puts them in the model.
"""


from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.amounts import find_unit
from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.model import Diagnostic, Document, PerformanceTable, Provenance
from yusuan.parse.performance_grid import _Table, header_columns
from yusuan.parse.performance_pages import CONTINUED_NOTE, realigned
from yusuan.parse.performance_scattered import _scattered_header, _scattered_indicators
from yusuan.parse.performance_text import (
    _YEAR_LINE_RE,
    _YEAR_RE,
    is_level,
    label_of,
    split_value,
    squash,
    tidy,
    title_kind,
)
from yusuan.parse.performance_wide import _goal_list_columns, _read_grid_rows
from yusuan.parse.segment import Segments
from yusuan.tables import match_title

# ---------------------------------------------------------------------------------------------
# Driver


_STOP_RE = re.compile(
    r"^\s*[#*\s]*(第\s*[一二三四五六七八九十]+\s*部\s*分|[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*其他|"
    r"[一二三四五六七八九十]+\s*[、.．]\s*\S)"
)


def _is_stop(text: str) -> bool:
    return bool(_STOP_RE.match(text)) and title_kind(text) is None


def _table_starts(blocks: list[TextLine | Grid], toc: tuple[int, int] | None) -> list[tuple[int, str, str]]:
    """(block index, kind, title) of every performance-table title outside the contents."""
    starts: list[tuple[int, str, str]] = []
    for i, b in enumerate(blocks):
        if toc and toc[0] <= i < toc[1]:
            continue
        if isinstance(b, TextLine):
            kind = title_kind(b.text)
            if kind:
                starts.append((i, kind, tidy(b.text).strip("#* ")))
        elif isinstance(b, Grid) and b.rows:
            first = [c.text for c in b.rows[0] if c.text.strip()]
            if len(first) == 1:
                kind = title_kind(first[0])
                if kind:
                    starts.append((i, kind, tidy(first[0])))
    return starts


@dataclass
class _Part:
    """The blocks of one performance-table title: the grids, and the lines before the first grid."""

    table: _Table
    grids: list[Grid] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)


def _collect(blocks: list[TextLine | Grid], i: int, end: int, kind: str, title: str) -> _Part:
    head = blocks[i]
    t = _Table(kind=kind, title=title, line=head.line, page=head.page)
    m = _YEAR_RE.search(title)
    if m:
        t.year = int(m.group(1))
    part = _Part(t)
    grids, lines = part.grids, part.lines
    j = i if isinstance(head, Grid) else i + 1
    while j < end:
        b = blocks[j]
        if isinstance(b, TextLine):
            s = squash(b.text)
            ym = _YEAR_LINE_RE.match(s)
            if ym and t.year is None:
                t.year = int(ym.group(1))
            elif _is_stop(b.text) or _other_table_title(b.text):
                break  # a heading, or the title of a standard table: a contents entry ends here
            elif not grids:
                lines.append(b)
            elif find_unit(b.text) or _YEAR_LINE_RE.match(s):
                pass
            elif not _same_table_follows(blocks, j, end, grids):
                break  # text after the grid ends the table, unless the table goes on below it
        else:
            if grids:
                # the table continued on the next page with other column splits
                b = realigned(b, grids) or b
            grids.append(b)
        j += 1
    return part


def _continues(part: _Part, prev: _Part | None) -> bool:
    """A page whose running head repeats the title above a grid of indicator rows only (no 项目名称,
    amount or header row): the rest of the table before, not a table of its own."""
    if prev is None or not prev.grids or not part.grids or part.lines and _looks_like_table(part.lines):
        return False
    if (prev.table.kind, prev.table.title) != (part.table.kind, part.table.title):
        return False
    if (part.grids[0].page or 0) <= (prev.grids[-1].page or 0):
        return False
    for row in part.grids[0].rows[:3]:
        texts = [c.text for c in row]
        if header_columns(texts) or _goal_list_columns(texts) or any(label_of(x) or title_kind(x) for x in texts):
            return False
    return any(is_level(c.text) for row in part.grids[0].rows[:3] for c in row)


def parse_performance(raw: RawDocument, segs: Segments, doc: Document) -> None:
    blocks = raw.blocks
    starts = _table_starts(blocks, segs.toc)
    parts: list[_Part] = []
    for n, (i, kind, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        part = _collect(blocks, i, end, kind, title)
        prev = parts[-1] if parts else None
        if prev is not None and _continues(part, prev):
            prev.grids.extend(realigned(g, prev.grids) or g for g in part.grids)
            continue
        if part.grids or _looks_like_table(part.lines):  # else a mention in the text, or a contents entry
            parts.append(part)
    for part in parts:
        _read_part(part, doc)
    _merge_page_continuations(doc)


def _read_part(part: _Part, doc: Document) -> None:
    t, grids, lines, title, kind = part.table, part.grids, part.lines, part.table.title, part.table.kind
    try:
        if grids:
            unit = _read_lines_above(t, lines)
            rows = [r for g in grids for r in g.rows]
            has_header = any(header_columns([c.text for c in r]) or _goal_list_columns([c.text for c in r])
                             for r in rows)
            for tt in _read_grid_rows(t, rows, unit):
                if not (tt.indicators or tt.amounts or tt.labels.get("project")):
                    # published empty (此表无数据): read, and said so
                    msg = f"绩效目标表“{title}”印出表头但没有内容（空表）"
                    if not any(d.message == msg for d in doc.diagnostics):
                        doc.diagnostics.append(Diagnostic(level="info", code="performance-empty", message=msg,
                                                          source=Provenance(line=tt.line, page=tt.page)))
                    continue
                _name_from_title(tt, kind, title)
                if not has_header:
                    doc.diagnostics.append(Diagnostic(
                        code="performance-no-indicators",
                        message=f"绩效目标表“{tt.labels.get('project') or title}”未找到指标表头（一级指标…），指标未读取",
                        source=Provenance(line=tt.line, page=tt.page),
                    ))
                doc.performance.append(tt.build(doc.year))
            return
        _read_scattered(t, lines, doc)
        _name_from_title(t, kind, title)
    except Exception as exc:  # one unreadable table must not lose the others
        doc.diagnostics.append(Diagnostic(
            code="performance-unreadable",
            message=f"绩效目标表“{title}”读取失败：{type(exc).__name__}: {exc}",
            source=Provenance(line=t.line, page=t.page),
        ))
        return
    doc.performance.append(t.build(doc.year))


_TITLE_END_RE = re.compile(r"表([（(][^（）()]{1,12}[)）])?$")


def _other_table_title(text: str) -> bool:
    """The title of a standard table that is not a performance table (收支总表 …)."""
    s = squash(text)
    if len(s) > 60 or not _TITLE_END_RE.search(s) or re.search(r"[，。；,;]", s) or title_kind(text):
        return False
    spec = match_title(text)
    return spec is not None and not spec.skip


def _same_table_follows(blocks: list[TextLine | Grid], j: int, end: int, grids: list[Grid]) -> bool:
    """Whether a grid of the same table follows before any heading: the table goes on past the
    lines between (a page number, or the text of a merged cell that overflowed the page). The
    grid is as wide as one of the table's grids (any of its widths, not only the last: a page
    that holds only indicator rows is narrower than the pages where a project's cells begin),
    lines up with their columns, or begins with the rest of a table's head: the goal, or the
    indicator header (a table whose project rows fill one page and whose goal and indicators
    fill the next, in other columns)."""
    widths = {g.ncols for g in grids}
    for b in blocks[j + 1 : min(end, j + 60)]:
        if isinstance(b, Grid):
            return (b.ncols in widths or realigned(b, grids) is not None
                    or _begins_with_table_rest(b, grids))
        if _is_stop(b.text) or title_kind(b.text) or _other_table_title(b.text):
            return False
    return False


def _begins_with_table_rest(g: Grid, grids: list[Grid]) -> bool:
    """The grid's first row is the indicator header or a goal row (当年绩效目标 | …), or, while
    the table has printed no indicator header yet, a label row of its head other than 项目名称
    (主管部门 …, the project's name row alone on the page before)."""
    if not g.rows:
        return False
    texts = [c.text for c in g.rows[0]]
    labels = [label_of(x) for x in texts if x.strip()]
    if header_columns(texts) or labels and labels[0] == "goal":
        return True
    if not labels or labels[0] in (None, "project"):
        return False
    return not any(header_columns([c.text for c in r]) for above in grids for r in above.rows)


def _join_indicators(prev: PerformanceTable, t: PerformanceTable, note: str) -> None:
    """The indicator rows of ``t`` continue ``prev``: rows without level names take the last row's, and
    ``prev`` notes the join once."""
    last = prev.indicators[-1] if prev.indicators else None
    for ind in t.indicators:
        if last is not None and ind.level1 is None:
            ind.level1 = last.level1
            if ind.level2 is None:
                ind.level2 = last.level2
    prev.indicators.extend(t.indicators)
    if note not in (prev.source.note or ""):
        prev.source.note = f"{prev.source.note}；{note}" if prev.source.note else note


def _merge_page_continuations(doc: Document) -> None:
    """A table printed over several pages with its title and project row repeated on each page is
    one table: its parts are joined, and the level names carried over the page break."""
    merged: list[PerformanceTable] = []
    for t in doc.performance:
        prev = merged[-1] if merged else None
        if (t.source.note and CONTINUED_NOTE in t.source.note and prev is not None and prev.kind == t.kind
                and (prev.source.page or 0) < (t.source.page or 0)):
            # indicator rows printed at the top of the next page under blank project cells
            _join_indicators(prev, t, "项目跨页，下一页的指标已并入（continued over a page break）")
            continue
        if (
            prev is not None
            and prev.project is None
            and not prev.amounts
            and t.project
            and (prev.kind, prev.title) == (t.kind, t.title)
            and (prev.source.page or 0) < (t.source.page or 0)
        ):
            # a project whose name and amounts were printed on the next page, under a repeated title
            t.indicators[:0] = prev.indicators
            t.goal = tidy(f"{prev.goal or ''}{t.goal or ''}") or None
            note = "项目跨页，名称与金额印在下一页，已合并"
            t.source.note = f"{t.source.note}；{note}" if t.source.note else note
            merged[-1] = t
            continue
        if (
            prev is not None
            and t.project
            and (prev.kind, prev.title, prev.project, prev.goal) == (t.kind, t.title, t.project, t.goal)
            and {k: a.text for k, a in prev.amounts.items()} == {k: a.text for k, a in t.amounts.items()}
        ):
            _join_indicators(prev, t, "表格跨页，各页已合并（continued over pages）")
            continue
        merged.append(t)
    doc.performance[:] = merged


_TABLE_WORDS_RE = re.compile(r"一级指|三级指标|指标名称|项目名称|预算单位|部门名称|年度预算|资金总额")


def _looks_like_table(lines: list[TextLine]) -> bool:
    return bool(_TABLE_WORDS_RE.search(squash(" ".join(ln.text for ln in lines[:60]))))


_GENERIC_TITLE_RE = re.compile(r"^((19|20)[0-9]{2}年度?)?(部门|单位)?(项目支出|项目|部门整体支出|部门整体|整体支出|重点项目|政策和项目|"
                               r"市级重点专项资金|市级一般性项目|专项资金)?(预算)?$")


def _name_from_title(t: _Table, kind: str, title: str) -> None:
    if any("多项目合表" in n for n in t.notes):
        return  # a wide table's title names all its projects' table, not one project
    if "project" not in t.labels and kind == "project":
        named = _project_from_title(title)
        if named:
            t.labels["project"] = named


def _project_from_title(title: str) -> str | None:
    """“市行政中心保安服务项目绩效目标表” names its project; “2026年项目支出绩效目标表” does not."""
    spaced = re.sub(r"^(预算)?表\s*[0-9一二三四五六七八九十]+\s*表?[、.．:：]?\s+", "", title.strip())
    s = re.sub(r"[（(][^）)]*[)）]$", "", squash(spaced))
    s = re.sub(r"^([0-9]{1,2}[、.．]|预算表?[0-9]{1,2}表?(?![0-9年])|表[一二三四五六七八九十]+[、.．:：]?)", "", s)
    m = re.match(r"^(.*?)(支出)?绩效目标(申报|批复)?表$", s)
    if not m or not m.group(1):
        return None
    name = m.group(1)
    if _GENERIC_TITLE_RE.match(name):
        return None
    return name


_LINE_LABEL_RE = re.compile(r"^(部门名称|单位名称|预算单位|资金主管部门|主管部门|编制单位)[:：]\s*(.+)$")
_GOAL_LINE_RE = re.compile(r"^(当年|年度)?(整体)?(绩效目标|总体目标)$")


def _read_lines_above(t: _Table, lines: list[TextLine]) -> str:
    """The lines between the title and the grid: the amount unit, the unit's name, a goal."""
    unit = "万元"
    goal_next = False
    for ln in lines:
        s = tidy(ln.text)
        u = find_unit(s)
        if u:
            unit = u
            continue
        m = _LINE_LABEL_RE.match(squash(s))
        if m and "unit" not in t.labels:
            t.labels["unit"] = m.group(2)
            continue
        if _GOAL_LINE_RE.match(squash(s)):
            goal_next = True
            continue
        if goal_next and not t.goal:
            t.goal = s
        goal_next = False
    return unit


def _read_scattered(t: _Table, lines: list[TextLine], doc: Document) -> None:
    k = _scattered_header(t, lines)
    header_text = squash("".join(ln.text for ln in lines[:k]))
    has_last_year = "上年完成" in header_text or "上年完" in header_text
    body = lines[k:]
    if not body:
        doc.diagnostics.append(Diagnostic(
            code="performance-no-indicators",
            message=f"绩效目标表“{t.labels.get('project') or t.title}”未读到指标行",
            source=Provenance(line=t.line, page=t.page),
        ))
        return
    problems = _scattered_indicators(t, body, has_last_year)
    weights = [i.weight for i in t.indicators if i.weight is not None]
    if problems:
        doc.diagnostics.append(Diagnostic(
            code="performance-scattered",
            message=(f"绩效目标表“{t.labels.get('project') or t.title}”由散行文本重建，部分指标可能不完整："
                     + "；".join(problems[:3])),
            source=Provenance(line=t.line, page=t.page),
        ))
        t.notes.append("指标由散行文本重建，未完全读通")
    elif weights and sum(weights) not in (Decimal(90), Decimal(100)):
        t.notes.append("指标由散行文本重建")

__all__ = ["parse_performance", "split_value", "title_kind"]
