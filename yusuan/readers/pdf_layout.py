"""Page layout from characters and ruling segments: text lines and ruled grids.

Pure geometry, no pdfium: ``layout_page(chars, segments)`` takes the output of
``yusuan.readers.pdf_extract`` (or characters and lines written inline in a test) and returns the
page's blocks in reading order. Coordinates are top-down PDF points.

Tables in budget disclosures are drawn with ruling lines: the grid's column and row boundaries are
the distinct positions of the vertical and horizontal lines, and a boundary missing between two
atomic cells means the cells are merged (a header spanning columns, a vertical header spanning
rows). Characters are then put into the cell under their centre; a cell's text that wraps onto
several lines is joined, so a number wrapped inside its cell (``24995.9`` over ``4``) is one
number again.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from yusuan.blocks import Block, Cell, Grid, TextLine
from yusuan.readers.pdf_cells import number_overflowing_left, overflows_from_above
from yusuan.readers.pdf_extract import Char, Segment

# Two ruling positions closer than this are one boundary (double lines, anti-aliasing offsets).
SNAP = 2.0
# A ruling may stop a little short of the line it meets.
JOIN = 3.0
# Boundaries closer than this make a sliver of a row or column: merged into their neighbour.
MIN_CELL = 3.0
# An edge between two atomic cells exists when rulings cover this fraction of it.
EDGE_COVER = 0.6


# Memoised: it is asked of every character of every page, and a document uses a few thousand
# distinct ones.
@functools.cache
def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F  # CJK punctuation 、。「」
        or 0xFF00 <= o <= 0xFFEF  # full-width forms （）：，
        or 0x2E80 <= o <= 0x2FDF
        or o in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7)  # “”‘’—…·
    )


def group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters → visual lines (each sorted left to right), top to bottom.

    A character joins the line it overlaps vertically by at least half its height; lines are
    compared only with the few most recent ones, since the characters are sorted by their centre.
    """
    if len(chars) <= 1:
        return [list(chars)] if chars else []
    # Most cells hold one line: every character's centre at the same height. (Loose boxes of two
    # wrapped lines may overlap, so overlap alone does not make one line.)
    lo = hi = chars[0].cy
    small = chars[0].size
    for c in chars:
        cy = c.cy
        if cy < lo:
            lo = cy
        elif cy > hi:
            hi = cy
        if c.size < small:
            small = c.size
    if hi - lo < 0.25 * small:
        return [sorted(chars, key=_by_x)]
    lines: list[list[Any]] = []  # [top, bottom, chars]; lists, not objects: this loop is hot
    for c in sorted(chars, key=_by_cy):
        ct, cb = c.top, c.bottom
        for ln in reversed(lines[-4:]):
            lt, lb = ln[0], ln[1]
            h = lb - lt if lb - lt < cb - ct else cb - ct
            ov = (lb if lb < cb else cb) - (lt if lt > ct else ct)
            if (ov >= 0.5 * h) if h > 0 else abs(c.cy - (lt + lb) / 2) < 1.0:
                ln[2].append(c)
                if ct < lt:
                    ln[0] = ct
                if cb > lb:
                    ln[1] = cb
                break
        else:
            lines.append([ct, cb, [c]])
    lines.sort(key=lambda ln: ln[0] + ln[1])
    return [sorted(ln[2], key=_by_x) for ln in lines]


def _by_x(c: Char) -> float:
    return c.x0


def _by_cy(c: Char) -> tuple[float, float]:
    return (c.cy, c.x0)


def _dedupe(chars: list[Char]) -> list[Char]:
    """Drop a glyph printed twice over itself (simulated bold draws each character 2–4 times)."""
    if len(chars) < 2:
        return chars
    out: list[Char] = [chars[0]]
    p = chars[0]
    for c in chars[1:]:
        if p.text == c.text and abs(p.cy - c.cy) < 2:
            w = p.x1 - p.x0 if p.x1 - p.x0 < c.x1 - c.x0 else c.x1 - c.x0
            ov = (p.x1 if p.x1 < c.x1 else c.x1) - (p.x0 if p.x0 > c.x0 else c.x0)
            if ov > 0.6 * w:
                continue
        out.append(c)
        p = c
    return out


def split_runs(chars: list[Char], gap_factor: float = 2.0) -> list[list[Char]]:
    """One visual line → runs separated by a gap wider than ``gap_factor`` × the font size."""
    runs: list[list[Char]] = []
    for c in chars:
        if runs:
            p = runs[-1][-1]
            size = max(p.size, c.size, p.bottom - p.top, 1.0)
            if c.x0 - p.x1 > gap_factor * size:
                runs.append([c])
                continue
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def join_chars(chars: list[Char]) -> str:
    """The text of one line: spaces only between Latin/digit words that are visibly apart.

    Chinese is printed without spaces; a title spaced out for looks (``收 入 总 计``) is one word.
    """
    parts: list[str] = []
    prev: Char | None = None
    for c in chars:
        if prev is not None:
            gap = c.x0 - prev.x1
            # size is at least 1: a gap of a quarter point or less never makes a space, and most
            # neighbours touch, so the size is looked at only past that
            if (
                gap > 0.25
                and gap > 0.25 * max(prev.size, c.size, 1.0)
                and not is_cjk(prev.text[-1])
                and not is_cjk(c.text[0])
            ):
                parts.append(" ")
        parts.append(c.text)
        prev = c
    return "".join(parts)


def join_wrapped(lines: list[str]) -> str:
    """Lines of one cell → its text; a word or number wrapped inside the cell is rejoined."""
    out = ""
    for t in lines:
        if out and out[-1].isascii() and out[-1].isalpha() and t[:1].isascii() and t[:1].isalpha():
            out += " "
        out += t
    return out


def _bbox(chars: Sequence[Char]) -> tuple[float, float, float, float]:
    return (
        min(c.x0 for c in chars),
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
    )


# --------------------------------------------------------------------------- rulings → grids


def _merge_collinear(segs: list[Segment], horizontal: bool) -> list[Segment]:
    """Join pieces of one line (a row border drawn cell by cell) into one segment."""
    if horizontal:
        keyed = sorted(segs, key=lambda s: (round(s.top / SNAP), s.x0))
    else:
        keyed = sorted(segs, key=lambda s: (round(s.x0 / SNAP), s.top))
    out: list[Segment] = []
    for s in keyed:
        if out:
            p = out[-1]
            # Two lines a fraction of a point apart may fall on either side of a rounding step,
            # so a piece sorted after ``p`` may start left of it: it joins only if it reaches it.
            if horizontal and abs(p.top - s.top) <= SNAP / 2 and s.x0 <= p.x1 + JOIN and s.x1 >= p.x0 - JOIN:
                p.x0, p.x1 = min(p.x0, s.x0), max(p.x1, s.x1)
                continue
            if not horizontal and abs(p.x0 - s.x0) <= SNAP / 2 and s.top <= p.bottom + JOIN and s.bottom >= p.top - JOIN:
                p.top, p.bottom = min(p.top, s.top), max(p.bottom, s.bottom)
                continue
        out.append(Segment(s.x0, s.top, s.x1, s.bottom))
    return out


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted distinct positions, values within ``tol`` of the previous one merged (mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _components(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rulings that touch each other: one group per table."""
    n = len(hs) + len(vs)
    uf = _UnionFind(n)
    vs_sorted = sorted(range(len(vs)), key=lambda j: vs[j].x0)
    vx = [vs[j].x0 for j in vs_sorted]
    for i, h in enumerate(hs):
        lo = bisect.bisect_left(vx, h.x0 - JOIN)
        hi = bisect.bisect_right(vx, h.x1 + JOIN)
        for k in range(lo, hi):
            j = vs_sorted[k]
            v = vs[j]
            if v.top - JOIN <= h.top <= v.bottom + JOIN:
                uf.union(i, len(hs) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(uf.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(uf.find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _coverage(intervals: list[tuple[float, float]], lo: float, hi: float) -> float:
    """Fraction of [lo, hi] covered by the union of ``intervals``."""
    if hi <= lo:
        return 1.0
    covered = 0.0
    cur_lo = cur_hi = None
    for a, b in sorted(intervals):
        a, b = max(a, lo), min(b, hi)
        if b <= a:
            continue
        if cur_hi is None or a > cur_hi:
            if cur_hi is not None and cur_lo is not None:
                covered += cur_hi - cur_lo
            cur_lo, cur_hi = a, b
        else:
            cur_hi = max(cur_hi, b)
    if cur_hi is not None and cur_lo is not None:
        covered += cur_hi - cur_lo
    return covered / (hi - lo)


@dataclass(slots=True)
class RuledTable:
    """The skeleton of one ruled table: boundaries and merged cells (as atomic index ranges)."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]  # (row0, col0, row1, col1) inclusive, top-left first
    owner: list[list[int]] = field(default_factory=list)  # [row][col] → index into cells

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _snap_bounds(values: list[float]) -> list[float]:
    vals = _cluster(values, SNAP)
    out: list[float] = []
    for v in vals:
        if out and v - out[-1] < MIN_CELL:
            continue
        out.append(v)
    return out


def _staggered(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Whether the rulings of two nearby boundaries lie side by side, not one over the other: the
    line under a group header (基本支出 over 小计 | 人员经费 | 公用经费) a few points below the line
    that splits the cells beside it (科目编码 under 功能分类科目). A double frame's two lines run
    over the same stretch."""
    if not a or not b:
        return False  # a boundary without rulings of its own (a table's extent): no evidence
    total_a = sum(hi - lo for lo, hi in a)
    total_b = sum(hi - lo for lo, hi in b)
    shared = sum(max(0.0, min(hi1, hi2) - max(lo1, lo2)) for lo1, hi1 in a for lo2, hi2 in b)
    return shared < 0.2 * min(total_a, total_b)


def _drop_slivers(bounds: list[float], centres: list[float], max_width: float = 15.0,
                  rulings: list[list[tuple[float, float]]] | None = None) -> list[float]:
    """Remove the empty narrow bands a double frame makes (outer border a few points outside the
    inner one): they hold no text and would add a phantom column or row to every table.
    ``rulings`` (the stretches of the lines at each boundary, when known) keeps a band whose two
    boundaries are drawn side by side (``_staggered``): both are real cell edges."""
    # centres in band k: bounds[k] <= v < bounds[k + 1], counted on the sorted centres (a table
    # page has thousands of characters and a table a few dozen bands)
    ordered = sorted(centres)
    at = [bisect.bisect_left(ordered, b) for b in bounds]
    counts = [at[k + 1] - at[k] for k in range(len(bounds) - 1)]
    out = list(bounds)
    lines = list(rulings) if rulings is not None and len(rulings) == len(bounds) else None
    k = len(counts) - 1
    while k >= 0 and len(out) > 2:
        if lines is not None and _staggered(lines[k], lines[k + 1]):
            k -= 1
            continue
        if counts[k] == 0 and out[k + 1] - out[k] < max_width:
            # keep the outermost line: drop the boundary on the inner side of the band
            gone = k if k == len(out) - 2 else k + 1
            del out[gone]
            if lines is not None:
                del lines[gone]
        k -= 1
    return out


def _rulings_at(bounds: list[float], lines: list[tuple[float, float, float]]) -> list[list[tuple[float, float]]]:
    """The stretches (lo, hi) of the lines (position, lo, hi) drawn at each boundary."""
    out: list[list[tuple[float, float]]] = [[] for _ in bounds]
    for pos, lo, hi in lines:
        k = _nearest(bounds, pos)
        if abs(bounds[k] - pos) <= SNAP + 0.5:
            out[k].append((lo, hi))
    return out


def _nearest(bounds: list[float], v: float) -> int:
    """Index of the boundary nearest to ``v`` (the lower one on a tie); ``bounds`` ascending."""
    j = bisect.bisect_left(bounds, v)
    if j == 0:
        return 0
    if j == len(bounds) or abs(bounds[j - 1] - v) <= abs(bounds[j] - v):
        return j - 1
    return j


def find_tables(segments: Sequence[Segment], chars: Sequence[Char] = ()) -> list[RuledTable]:
    """Ruled tables on a page, from its ruling segments (and the characters, to spot empty
    slivers between double lines)."""
    hs = _merge_collinear([s for s in segments if s.horizontal], True)
    vs = _merge_collinear([s for s in segments if not s.horizontal], False)
    tables: list[RuledTable] = []
    for ch, cv in _components(hs, vs):
        if len(ch) < 2 or len(cv) < 1:
            continue
        xs = _snap_bounds([v.x0 for v in cv] + [min(h.x0 for h in ch), max(h.x1 for h in ch)])
        ys = _snap_bounds([h.top for h in ch] + [min(v.top for v in cv), max(v.bottom for v in cv)])
        if len(xs) < 2 or len(ys) < 2:
            continue
        inside = [c for c in chars if xs[0] <= c.cx <= xs[-1] and ys[0] <= c.cy <= ys[-1]]
        xs = _drop_slivers(xs, [c.cx for c in inside], rulings=_rulings_at(xs, [(v.x0, v.top, v.bottom) for v in cv]))
        ys = _drop_slivers(ys, [c.cy for c in inside], rulings=_rulings_at(ys, [(h.top, h.x0, h.x1) for h in ch]))
        rows, cols = len(ys) - 1, len(xs) - 1
        # rulings by position, for the edge tests
        v_at: dict[int, list[tuple[float, float]]] = {}
        for v in cv:
            k = _nearest(xs, v.x0)
            if abs(xs[k] - v.x0) <= SNAP + 0.5:
                v_at.setdefault(k, []).append((v.top, v.bottom))
        h_at: dict[int, list[tuple[float, float]]] = {}
        for h in ch:
            k = _nearest(ys, h.top)
            if abs(ys[k] - h.top) <= SNAP + 0.5:
                h_at.setdefault(k, []).append((h.x0, h.x1))
        uf = _UnionFind(rows * cols)
        for r in range(rows):
            for c in range(cols - 1):
                if _coverage(v_at.get(c + 1, []), ys[r], ys[r + 1]) < EDGE_COVER:
                    uf.union(r * cols + c, r * cols + c + 1)
        for r in range(rows - 1):
            for c in range(cols):
                if _coverage(h_at.get(r + 1, []), xs[c], xs[c + 1]) < EDGE_COVER:
                    uf.union(r * cols + c, (r + 1) * cols + c)
        extent: dict[int, list[int]] = {}
        for r in range(rows):
            for c in range(cols):
                g = uf.find(r * cols + c)
                e = extent.get(g)
                if e is None:
                    extent[g] = [r, c, r, c]
                else:
                    e[0], e[1], e[2], e[3] = min(e[0], r), min(e[1], c), max(e[2], r), max(e[3], c)
        cells: list[tuple[int, int, int, int]] = []
        owner = [[-1] * cols for _ in range(rows)]
        for e in sorted(extent.values()):
            r0, c0, r1, c1 = e
            # a non-rectangular region (broken rulings) keeps only the atomic cells not yet owned
            idx = len(cells)
            cells.append((r0, c0, r1, c1))
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if owner[r][c] == -1:
                        owner[r][c] = idx
        tables.append(RuledTable(xs, ys, cells, owner))
    tables.sort(key=lambda t: (t.ys[0], t.xs[0]))
    return tables


def _fill_grid(table: RuledTable, chars: list[Char], page: int | None) -> Grid:
    xs, ys = table.xs, table.ys
    per_cell: list[list[Char]] = [[] for _ in table.cells]
    last_col, last_row = len(xs) - 2, len(ys) - 2
    owner = table.owner
    for c in chars:
        col = bisect.bisect_right(xs, c.cx) - 1
        row = bisect.bisect_right(ys, c.cy) - 1
        col = 0 if col < 0 else (last_col if col > last_col else col)
        row = 0 if row < 0 else (last_row if row > last_row else row)
        if (
            row > 0
            and c.top < ys[row]
            and owner[row - 1][col] != owner[row][col]
            and overflows_from_above(c, ys[row], ys[row + 1])
        ):
            row -= 1
        per_cell[owner[row][col]].append(c)
    rows_n, cols_n = len(ys) - 1, len(xs) - 1
    grid_rows: list[list[Cell]] = [[Cell("", page=page) for _ in range(cols_n)] for _ in range(rows_n)]
    for idx, (r0, c0, r1, c1) in enumerate(table.cells):
        if table.owner[r0][c0] != idx:
            continue
        cell_chars = per_cell[idx]
        if cell_chars:  # most cells of a budget table are empty
            text = join_wrapped([join_chars(_dedupe(ln)) for ln in group_lines(cell_chars)]).rstrip()
            if not text.strip():
                text = ""
        else:
            text = ""
        if c1 > c0 and r1 == r0 and text and number_overflowing_left(text, cell_chars, xs[c1], xs[c1 + 1]):
            # the number belongs to the cell's last column; the merge is only its overflow
            grid_rows[r0][c1] = Cell(text, page=page, bbox=(xs[c1], ys[r0], xs[c1 + 1], ys[r0 + 1]))
            text, c1 = "", c1 - 1
        grid_rows[r0][c0] = Cell(
            text,
            page=page,
            bbox=(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]),
            colspan=c1 - c0 + 1,
            rowspan=r1 - r0 + 1,
        )
    # Drop rows that are nothing but empty slivers of a double border.
    kept = [r for r in grid_rows if any(c.text for c in r) or any(c.rowspan > 1 for c in r)]
    return Grid(rows=kept or grid_rows, page=page, bbox=table.bbox, source="ruled")


# --------------------------------------------------------------------------- page


# "预算单位：…", "编制部门：…", "单位：万元": the lines printed above a table, about the table
_META_RE = re.compile(
    r"^(?:预算单位|编制单位|编制部门|单位名称|部门(?:（单位）|\(单位\))?|金额单位|单位)\s*[：:]"
)


def _title_rows(grid: Grid) -> list[TextLine]:
    """Take the title and unit lines some producers draw inside the table frame out of the grid.

    A leading row whose only text is one cell spanning most of the width (the title), or one cell
    naming the unit (``金额单位：万元``), is running text above the table, not a header row.
    """
    out: list[TextLine] = []
    while len(grid.rows) > 1:
        row = grid.rows[0]
        filled = [c for c in row if c.text]
        if len(filled) > 1 and all(_META_RE.match(c.text) for c in filled):
            out.extend(TextLine(c.text, page=c.page, bbox=c.bbox) for c in filled)
            grid.rows.pop(0)
            continue
        if len(filled) > 1:
            break
        if filled:
            c = filled[0]
            if not (c.colspan * 2 >= grid.ncols or "单位" in c.text):
                break
            out.append(TextLine(c.text, page=c.page, bbox=c.bbox))
        elif any(c.rowspan > 1 for c in row):
            break
        grid.rows.pop(0)
    if out and grid.rows:
        xs = [c.bbox for r in grid.rows for c in r if c.bbox]
        if xs:
            grid.bbox = (
                min(b[0] for b in xs),
                min(b[1] for b in xs),
                max(b[2] for b in xs),
                max(b[3] for b in xs),
            )
    return out


def layout_page(
    chars: Sequence[Char],
    segments: Sequence[Segment],
    page: int | None = None,
    tables: Sequence[RuledTable] | None = None,
) -> list[Block]:
    """The blocks of one page, top to bottom: text lines, and grids where rulings draw tables.

    ``tables`` are the page's ruled tables when already found (``find_tables``), else found here.
    """
    if tables is None:
        tables = find_tables(segments, chars)
    tables = [t for t in tables if len(t.xs) >= 3 or len(t.ys) >= 3]
    table_chars: list[list[Char]] = [[] for _ in tables]
    free: list[Char] = []
    boxes = [t.bbox for t in tables]
    for c in chars:
        cx, cy = c.cx, c.cy
        for i, box in enumerate(boxes):  # centre inside the box, 1pt of slack
            if box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1:
                table_chars[i].append(c)
                break
        else:
            free.append(c)
    placed: list[tuple[float, float, Block]] = []
    for t, tc in zip(tables, table_chars, strict=True):
        if not tc:
            continue  # a frame with nothing in it (a box around a page number, a decoration)
        grid = _fill_grid(t, tc, page)
        if grid.ncols == 1 and len(grid.rows) <= 1:
            # a frame around running text (a boxed note): it is text, not a table
            free.extend(tc)
            continue
        for line in _title_rows(grid):
            assert line.bbox is not None
            placed.append((line.bbox[1], line.bbox[0], line))
        if grid.rows:
            top = min((c.bbox[1] for c in grid.rows[0] if c.bbox), default=t.ys[0])
            placed.append((top, t.xs[0], grid))
    # Sizes of Chinese characters only: digits and Latin often come from another font whose boxes
    # are shorter, and a page of figures would otherwise make every Chinese line look large.
    # All the page's characters, table cells included: on a table page the free text is little
    # more than the title, which must not set the body size.
    sizes = sorted(c.size for c in chars if c.size > 0 and is_cjk(c.text))
    body = sizes[len(sizes) // 2] if sizes else 0.0
    for ln in group_lines(free):
        for run in split_runs(_dedupe(ln)):
            while run and run[0].text == "\u3000":
                run = run[1:]
            while run and run[-1].text == "\u3000":
                run = run[:-1]
            text = join_chars(run)
            if not text:
                continue
            box = _bbox(run)
            cjk = sorted(c.size for c in run if is_cjk(c.text))
            size = cjk[len(cjk) // 2] if cjk else 0.0
            heading = 1 if body and size >= 1.3 * body else 0
            placed.append((box[1], box[0], TextLine(text, page=page, bbox=box, heading=heading)))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [b for _, _, b in _reading_order(placed)]


def _reading_order(placed: list[tuple[float, float, Block]]) -> list[tuple[float, float, Block]]:
    """Top to bottom; blocks on one visual line (their tops within 2pt) left to right."""
    out: list[tuple[float, float, Block]] = []
    i = 0
    while i < len(placed):
        j = i + 1
        while j < len(placed) and placed[j][0] - placed[i][0] <= 2.0:
            j += 1
        out.extend(sorted(placed[i:j], key=lambda p: p[1]))
        i = j
    return out
