"""XLSX/XLSM workbooks as budget systems export them: usually one sheet per table.

Each visible sheet becomes, in order: the lines above its table (title, 表号, 编制单位, 单位) as
TextLines, the table as one Grid, and the notes below it (注：…) as TextLines. Merged cells become
spans (the covered positions hold empty cells). Numbers are kept *as printed*: the cell's number
format recreates the text Excel shows (decimals, thousands separators, parentheses, %), and the
value goes through ``Decimal`` at the format's precision, so ``2260.66`` stored as the binary float
2260.6599999… is printed ``2,260.66`` and never ``2260.6599999999999``.

Locations: ``page`` is the 1-based sheet number, ``line`` the 1-based Excel row; the Grid's
``source`` is ``xlsx:<sheet>!<range>`` (``xlsx:表一!A4:D36``), from which every cell's reference
follows (column = first column of the range + position in the row).

The workbook is opened read-only (streaming, so large exports stay cheap); the merged ranges, which
openpyxl does not expose in that mode, are read from the sheet XML directly.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from lxml import etree

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.errors import ReadError
from yusuan.limits import MAX_SHEET_CELLS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS
from yusuan.readers.office import open_ooxml, xml_parser

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

# A line above the table that states what the table is rather than being part of it.
_META_RE = re.compile(r"^\s*(?:编制(?:单位|部门)|(?:金额)?单位\s*[:：]|表\s*[0-9一二三四五六七八九十]+|预算\s*\d+\s*表)")
_TITLE_RE = re.compile(r"(?:表|情况|明细)\s*(?:[（(][^）)]*[）)])?$|^\s*表\s*[0-9一二三四五六七八九十]+")
_NOTE_RE = re.compile(r"^\s*(?:注|备注|说明|附注|数据来源)\s*[0-9一二三]*\s*[:：.、]")


# --- number formats -------------------------------------------------------------------------------

_QUOTED_RE = re.compile(r'"([^"]*)"')
_BRACKET_RE = re.compile(r"\[[^\]]*\]")


def _to_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        # repr is the shortest text that round-trips; Excel itself keeps 15 significant digits
        d = Decimal(repr(value))
        if d != 0 and d.adjusted() >= -30:
            d = round(d, max(0, 14 - d.adjusted()))
        return d
    return None


def _plain(d: Decimal) -> str:
    """A Decimal as plain digits, no exponent, no trailing fractional zeros."""
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _group(int_digits: str) -> str:
    out = []
    for i, ch in enumerate(reversed(int_digits)):
        if i and i % 3 == 0:
            out.append(",")
        out.append(ch)
    return "".join(reversed(out))


def _split_sections(fmt: str) -> list[str]:
    sections, buf, quoted = [], [], False
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and i + 1 < len(fmt):
            buf.append(fmt[i : i + 2])
            i += 2
            continue
        elif ch == ";" and not quoted:
            sections.append("".join(buf))
            buf = []
            i += 1
            continue
        buf.append(ch)
        i += 1
    sections.append("".join(buf))
    return sections


def _render_section(d: Decimal, section: str) -> str:
    """Render a non-negative value with one number-format section (no sign handling here)."""
    literals: list[str] = []

    def keep(m: re.Match[str]) -> str:
        literals.append(m.group(1))
        return chr(0xE000 + len(literals) - 1)  # a private-use mark: never a digit placeholder

    s = re.sub(r"\\(.)", keep, section)  # \x prints x literally

    s = _QUOTED_RE.sub(keep, s)
    s = _BRACKET_RE.sub("", s)  # colours, conditions, locales: [Red], [$-804]
    s = re.sub(r"_.?", "", s)  # _x pads with the width of x: nothing printed
    s = re.sub(r"\*.", "", s)  # *x repeats x to fill the cell
    placeholders = re.search(r"[0#?]", s)
    if placeholders is None:
        # a section with no digits is printed literally (e.g. "-" for zero)
        text = s
    else:
        percent = "%" in s
        value = d * 100 if percent else d
        first, last = placeholders.start(), max(s.rfind(c) for c in "0#?")
        # trailing commas after the last digit placeholder scale by 1000 each
        scale_commas = len(s[last + 1 :]) - len(s[last + 1 :].lstrip(","))
        number_part = s[first : last + 1]
        value = value / (Decimal(1000) ** scale_commas) if scale_commas else value
        int_part, _, frac_part = number_part.partition(".")
        decimals = len(re.findall(r"[0#?]", frac_part))
        min_decimals = len(re.findall(r"0", frac_part))
        q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        digits = format(q, "f")
        ip, _, fp = digits.partition(".")
        fp = fp[:decimals]
        # optional (#) fractional places drop trailing zeros down to the required (0) ones
        while len(fp) > min_decimals and fp.endswith("0"):
            fp = fp[:-1]
        min_int = len(re.findall(r"0", int_part))
        if ip == "0" and min_int == 0:
            ip = ""
        ip = ip.rjust(min_int, "0")
        if "," in int_part:
            ip = _group(ip)
        number = ip + ("." + fp if fp or ("." in number_part and min_decimals) else "")
        prefix = s[:first]
        suffix = s[last + 1 + scale_commas :]
        text = prefix + number + suffix
    return re.sub("[\ue000-\uefff]", lambda m: literals[ord(m.group(0)) - 0xE000], text).strip()


def format_number(value: object, number_format: str | None) -> str:
    """The text Excel shows for a numeric ``value`` under ``number_format``.

    Exact: the value is a Decimal rounded half-up at the format's decimals (as Excel does), never
    the float's binary expansion. ``General`` prints up to 15 significant digits without padding.
    """
    d = _to_decimal(value)
    if d is None:
        return "" if value is None else str(value)
    fmt = (number_format or "General").strip()
    if fmt in ("", "General", "general", "@"):
        return _plain(d)
    sections = _split_sections(fmt)
    try:
        if d < 0:
            if len(sections) >= 2 and sections[1].strip():
                return _render_section(-d, sections[1])  # the section carries its own sign/brackets
            return "-" + _render_section(-d, sections[0])
        if d == 0 and len(sections) >= 3:
            return _render_section(d, sections[2])
        return _render_section(d, sections[0])
    except (InvalidOperation, ValueError):
        return _plain(d)


def cell_text(value: object, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return format_number(value, number_format)


# --- sheet structure ------------------------------------------------------------------------------


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def _col_letters(index: int) -> str:
    out = ""
    while index:
        index, r = divmod(index - 1, 26)
        out = chr(65 + r) + out
    return out


_REF_RE = re.compile(r"^([A-Z]+)(\d+)$")


def _parse_ref(ref: str) -> tuple[int, int]:
    m = _REF_RE.match(ref.replace("$", "").upper())
    if not m:
        raise ValueError(ref)
    return int(m.group(2)), _col_index(m.group(1))


@dataclass
class _SheetXml:
    """What openpyxl's read-only mode does not expose, read from the sheet XML directly."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    uncached: list[str] = field(default_factory=list)  # formula cells saved without a value
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


_HIDDEN = ("1", "true")


def _sheet_xml_facts(zf: zipfile.ZipFile, sheet_path: str) -> _SheetXml:
    """Merged ranges; cells holding a formula without a cached value (a file saved by a program
    that never calculated it: the reader sees them empty); hidden rows and columns (not printed,
    so not read)."""
    out = _SheetXml()
    tags = (f"{_NS}mergeCell", f"{_NS}c", f"{_NS}row", f"{_NS}col")
    try:
        with zf.open(sheet_path) as f:
            for _event, el in etree.iterparse(f, tag=tags):
                tag = el.tag
                if tag == f"{_NS}c":
                    if el.find(f"{_NS}f") is not None:
                        v = el.find(f"{_NS}v")
                        if v is None or not (v.text or "").strip():
                            out.uncached.append(el.get("r", "?"))
                elif tag == f"{_NS}row":
                    if el.get("hidden") in _HIDDEN and (el.get("r") or "").isdigit():
                        out.hidden_rows.add(int(el.get("r", "0")))
                elif tag == f"{_NS}col":
                    if el.get("hidden") in _HIDDEN:
                        lo, hi = int(el.get("min", "0")), int(el.get("max", "0"))
                        out.hidden_cols.update(range(lo, min(hi, lo + 16384) + 1))
                else:
                    ref = el.get("ref", "")
                    if ":" in ref:
                        a, b = ref.split(":", 1)
                        (r1, c1), (r2, c2) = _parse_ref(a), _parse_ref(b)
                        out.merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
                el.clear()
    except (KeyError, etree.XMLSyntaxError, ValueError):
        pass
    return out


def _sheet_states(zf: zipfile.ZipFile) -> dict[str, str]:
    try:
        root = etree.fromstring(zf.read("xl/workbook.xml"), xml_parser())
    except (KeyError, etree.XMLSyntaxError):
        return {}
    return {s.get("name", ""): s.get("state", "visible") for s in root.iter(f"{_NS}sheet")}


def _clip_merges(
    path: str, where: str, merges: list[tuple[int, int, int, int]], cells: dict[tuple[int, int], tuple[str, bool]]
) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the rows and columns that hold cells (a merge of a whole column, or of
    A1:XFD1048576, covers nothing beyond them), refused when what remains is past the cell limit."""
    if not cells or not merges:
        return []
    max_r = max(r for r, _ in cells)
    max_c = max(c for _, c in cells)
    out = []
    area = 0
    for r1, c1, r2, c2 in merges:
        if r1 > max_r or c1 > max_c:
            continue
        r2, c2 = min(r2, max_r), min(c2, max_c)
        area += (r2 - r1 + 1) * (c2 - c1 + 1)
        out.append((r1, c1, r2, c2))
    MAX_TABLE_CELLS.check(path, area, where + "的合并区域")
    return out


def _is_meta(texts: list[str]) -> bool:
    return all(_META_RE.match(t) for t in texts)


def _sheet_blocks(
    title: str,
    sheet_no: int,
    cells: dict[tuple[int, int], tuple[str, bool]],
    merges: list[tuple[int, int, int, int]],
    path: str = "",
) -> list[TextLine | Grid]:
    """Split one sheet into the text above, the grid, and the text below."""
    if not cells:
        return []
    anchor: dict[tuple[int, int], tuple[int, int]] = {}  # origin -> (rowspan, colspan)
    covered: set[tuple[int, int]] = set()
    for r1, c1, r2, c2 in merges:
        anchor[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
    by_row: dict[int, list[int]] = {}
    for (r, c), (text, _b) in cells.items():
        if text and (r, c) not in covered:
            by_row.setdefault(r, []).append(c)
    if not by_row:
        return []
    rows = sorted(by_row)

    def texts_of(r: int) -> list[str]:
        return [cells[(r, c)][0] for c in sorted(by_row[r])]

    def is_grid_row(r: int) -> bool:
        t = texts_of(r)
        return len(t) >= 2 and not _is_meta(t)

    # Some systems stack every table on one sheet: a title row after a table starts the next one.
    segments: list[list[int]] = [[]]
    has_grid = False
    for r in rows:
        t = texts_of(r)
        if has_grid and len(t) == 1 and _TITLE_RE.search(t[0]):
            segments.append([])
            has_grid = False
        segments[-1].append(r)
        has_grid = has_grid or is_grid_row(r)
    blocks: list[TextLine | Grid] = []
    for seg in segments:
        blocks.extend(_segment_blocks(title, sheet_no, cells, seg, by_row, anchor, covered, texts_of, is_grid_row,
                                      path))
    return blocks


def _segment_blocks(
    title: str,
    sheet_no: int,
    cells: dict[tuple[int, int], tuple[str, bool]],
    rows: list[int],
    by_row: dict[int, list[int]],
    all_anchors: dict[tuple[int, int], tuple[int, int]],
    covered: set[tuple[int, int]],
    texts_of: Callable[[int], list[str]],
    is_grid_row: Callable[[int], bool],
    path: str = "",
) -> list[TextLine | Grid]:
    """The text above, the grid and the text below of one table's rows."""
    first, last = rows[0], rows[-1]
    anchor = {k: v for k, v in all_anchors.items() if first <= k[0] <= last}
    grid_rows = [r for r in rows if is_grid_row(r)]
    blocks: list[TextLine | Grid] = []
    if not grid_rows:
        for r in rows:
            for c in sorted(by_row[r]):
                text, bold = cells[(r, c)]
                blocks.append(TextLine(text, page=sheet_no, line=r, bold=bold))
        return blocks
    top = grid_rows[0]
    bottom = grid_rows[-1]
    # a merged header cell may reach above the first row with two values; the grid starts there
    for (r1, _c1), (rs, _cs) in anchor.items():
        if r1 < top and r1 + rs - 1 >= top and r1 in by_row:
            top = min(top, r1)
    # single-cell rows after the last grid row stay in the grid unless they read as notes, so a
    # trailing category row with no amounts is not cut off
    for r in rows:
        if r > bottom:
            t = texts_of(r)
            if len(t) == 1 and (_NOTE_RE.match(t[0]) or _spans_wide(anchor, r, by_row[r][0])):
                break
            bottom = r
    for (r1, _c1), (rs, _cs) in anchor.items():
        if top <= r1 <= bottom:
            bottom = max(bottom, r1 + rs - 1)
    in_grid = [r for r in rows if top <= r <= bottom]
    cols = [c for r in in_grid for c in by_row[r]]
    for (r1, c1), (_rs, cs) in anchor.items():
        if top <= r1 <= bottom:
            cols.extend((c1, c1 + cs - 1))
    left, right = min(cols), max(cols)
    # a sparse sheet (a cell in A1, another in XFD900000) would make a grid of its whole extent
    MAX_TABLE_COLUMNS.check(path, right - left + 1, f"工作表“{title}”")
    MAX_TABLE_CELLS.check(path, (right - left + 1) * (bottom - top + 1), f"工作表“{title}”")

    for r in rows:
        if r < top:
            for c in sorted(by_row[r]):
                text, bold = cells[(r, c)]
                blocks.append(TextLine(text, page=sheet_no, line=r, bold=bold))
    grid: list[list[Cell]] = []
    for r in range(top, bottom + 1):
        row: list[Cell] = []
        for c in range(left, right + 1):
            text, bold = cells.get((r, c), ("", False))
            if (r, c) in covered:
                row.append(Cell("", page=sheet_no, line=r))
                continue
            rs, cs = anchor.get((r, c), (1, 1))
            rs = min(rs, bottom - r + 1)
            cs = min(cs, right - c + 1)
            row.append(Cell(text, page=sheet_no, line=r, bold=bold, colspan=cs, rowspan=rs))
        grid.append(row)
    # fully empty rows inside the grid (spacers) are dropped: they carry nothing
    grid = [row for row in grid if any(c.text for c in row) or _has_span_over(row)]
    ref = f"{_col_letters(left)}{top}:{_col_letters(right)}{bottom}"
    blocks.append(Grid(rows=grid, page=sheet_no, line=top, source=f"xlsx:{title}!{ref}"))
    for r in rows:
        if r > bottom:
            for c in sorted(by_row[r]):
                text, bold = cells[(r, c)]
                blocks.append(TextLine(text, page=sheet_no, line=r, bold=bold))
    return blocks


def _has_span_over(row: list[Cell]) -> bool:
    return any(c.rowspan > 1 for c in row)


def _spans_wide(anchor: dict[tuple[int, int], tuple[int, int]], r: int, c: int) -> bool:
    return anchor.get((r, c), (1, 1))[1] >= 3


def read_xlsx(path: str) -> RawDocument:
    zf = open_ooxml(path, "xl/workbook.xml", "Excel")
    try:
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise ReadError(path, "Excel 文件内容无法解析（工作簿结构损坏或不是 Excel 生成的文件）",
                            "cannot parse workbook") from None
        try:
            raw = RawDocument(path=path, format="xlsx")
            states = _sheet_states(zf)
            visible = 0
            notes: list[str] = []
            for sheet_no, ws in enumerate(wb.worksheets, start=1):
                if states.get(ws.title, "visible") != "visible":
                    continue  # hidden sheets hold lookup lists and drafts, not published tables
                visible += 1
                # the used range a file claims (<dimension>) is ignored: it can claim a million
                # empty rows, which would be streamed one by one; only the cells present are read
                ws.reset_dimensions()
                cells: dict[tuple[int, int], tuple[str, bool]] = {}
                where = f"工作表“{ws.title}”"
                max_rows, max_cells = MAX_TABLE_ROWS.value, MAX_SHEET_CELLS.value
                n_rows = 0
                for row in ws.iter_rows():
                    if not row:
                        continue
                    n_rows += 1
                    if n_rows > max_rows:
                        MAX_TABLE_ROWS.check(path, n_rows, where, at_least=True)
                    if len(cells) + len(row) > max_cells:
                        MAX_SHEET_CELLS.check(path, len(cells) + len(row), where, at_least=True)
                    for c in row:
                        value = getattr(c, "value", None)
                        if value is None:
                            continue
                        text = cell_text(value, getattr(c, "number_format", None))
                        text = re.sub(r"\s*\n\s*", " ", text)
                        if not text:
                            continue
                        font = getattr(c, "font", None)
                        cells[(c.row, c.column)] = (text, bool(font is not None and font.b))
                xml = _sheet_xml_facts(zf, getattr(ws, "_worksheet_path", ""))
                if xml.uncached:
                    shown = ",".join(xml.uncached[:20]) + ("…" if len(xml.uncached) > 20 else "")
                    notes.append(f"{ws.title}!{shown}（{len(xml.uncached)} 个）")
                if xml.hidden_rows or xml.hidden_cols:
                    # hidden helper rows and columns (codes for lookups, drafts) are not printed
                    cells = {k: v for k, v in cells.items() if k[0] not in xml.hidden_rows
                             and k[1] not in xml.hidden_cols}
                merges = _clip_merges(path, where, xml.merges, cells)
                raw.blocks.extend(_sheet_blocks(ws.title, sheet_no, cells, merges, path))
            raw.pages = len(wb.worksheets)
            if notes:
                # formulas never calculated read as empty cells: say so rather than lose amounts silently
                raw.meta["formulas_without_value"] = "；".join(notes)
        finally:
            wb.close()
    finally:
        zf.close()
    if not raw.blocks:
        why = "工作簿中没有可见的工作表" if not visible else "工作簿中所有工作表都是空的"
        raise ReadError(path, why, "no visible content")
    return raw
