"""HTML pages as government sites publish disclosures: headings and paragraphs, and data tables.

Headings (``h1``–``h6``) and paragraphs become TextLines, in document order; each data table
becomes a Grid (``thead``, ``tbody``, ``tfoot`` in display order; ``colspan``/``rowspan`` as spans,
the covered positions holding empty cells). Scripts, styles, forms and page furniture (``nav``,
``header``, ``footer``, ``aside``, and elements whose class or id names a menu, breadcrumb, footer…)
are skipped.

Older sites lay a whole page out with tables; a table that contains another table is taken for
layout and its cells are read as ordinary content, so only innermost tables become Grids.

Locations: ``line`` is the source line of the element (lxml ``sourceline``); Grid ``source`` is
``html:table<N>``.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lhtml

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.errors import ReadError
from yusuan.limits import (
    MAX_HTML_CHARS,
    MAX_SHEET_CELLS,
    MAX_SPAN,
    MAX_TABLE_CELLS,
    MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS,
)
from yusuan.readers.encoding import decode_bytes
from yusuan.readers.text import read_chars

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
    "select", "option", "iframe", "object", "svg", "canvas", "head", "title", "meta", "link", "input",
}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "center", "figure", "figcaption", "caption", "address", "hr",
    "body", "td", "th", "tr", "tbody", "thead", "tfoot",
}
# class/id tokens of page furniture
_FURNITURE_RE = re.compile(
    r"^(?:nav|navbar|navigation|menu|menubar|submenu|breadcrumbs?|crumbs?|footer|foot|sidebar|"
    r"share|bdshare|toolbar|topbar|skip|pagination|pager|copyright)(?:[-_].*)?$",
    re.I,
)
_WS_RE = re.compile(r"[ \t\r\n\u3000\u00a0\u200b]+")
_BOLD_TAGS = {"b", "strong", "th"}
_TR_RE = re.compile(r"<tr[\s>]", re.I)
_TD_RE = re.compile(r"<t[dh][\s>]", re.I)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _decode(path: str, data: bytes) -> str:
    m = _CHARSET_RE.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace") if m else None
    return decode_bytes(path, data, declared, kind="网页")


def _is_furniture(el: etree._Element) -> bool:
    if el.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if el.get("aria-hidden") == "true" or "display:none" in (el.get("style") or "").replace(" ", ""):
        return True
    tokens = (el.get("class") or "").split() + (el.get("id") or "").split()
    return any(_FURNITURE_RE.match(t) for t in tokens)


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _clean(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _cell_text(el: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        t = _tag(node)
        if t in _SKIP_TAGS:
            if node.tail:
                parts.append(node.tail)
            return
        if t == "br" or t in ("p", "div", "li"):
            parts.append(" ")
        if node.text and t:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tail and node is not el:
            parts.append(node.tail)

    walk(el)
    return _clean("".join(parts))


def _is_bold(el: etree._Element) -> bool:
    if _tag(el) in _BOLD_TAGS:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "font-weight:bold" in style or "font-weight:700" in style:
        return True
    # a cell whose text all sits inside <b>/<strong>
    text = _cell_text(el)
    if not text:
        return False
    strong = "".join(_cell_text(b) for b in el.iter("b", "strong"))
    return _clean(strong) == text


def _is_layout(table: etree._Element) -> bool:
    """A table that lays out a page rather than holding data: it holds another table, or headings."""
    return any(_tag(x) in ("table", "h1", "h2", "h3", "h4", "h5", "h6") for x in table.iterdescendants())


def _table_rows(table: etree._Element) -> list[etree._Element]:
    """The rows of this table (not of nested ones), thead first and tfoot last as displayed."""
    head: list[etree._Element] = []
    body: list[etree._Element] = []
    foot: list[etree._Element] = []
    for child in table:
        t = _tag(child)
        if t == "tr":
            body.append(child)
        elif t in ("thead", "tbody", "tfoot"):
            rows = [r for r in child if _tag(r) == "tr"]
            {"thead": head, "tbody": body, "tfoot": foot}[t].extend(rows)
    return head + body + foot


def _span(el: etree._Element, attr: str) -> int:
    """colspan/rowspan, clamped as browsers clamp them (HTML: colspan at most 1000)."""
    digits = re.sub(r"\D", "", el.get(attr, "1"))[:9]
    return max(1, min(int(digits or 1), MAX_SPAN.value))


def _grid(table: etree._Element, path: str, where: str) -> Grid:
    rows = _table_rows(table)
    MAX_TABLE_ROWS.check(path, len(rows), where)
    max_cells, max_cols = MAX_TABLE_CELLS.value, MAX_TABLE_COLUMNS.value
    occupied: dict[tuple[int, int], bool] = {}
    placed: dict[tuple[int, int], Cell] = {}
    for i, tr in enumerate(rows):
        j = 0
        line = tr.sourceline
        for td in tr:
            if _tag(td) not in ("td", "th") or _is_furniture(td):
                continue
            while occupied.get((i, j)):
                j += 1
            cs, rs = _span(td, "colspan"), _span(td, "rowspan")
            rs = min(rs, len(rows) - i)  # rowspan past the table's end is cut, as browsers do
            # counted before the positions are marked: a few cells spanning 1000×400 are a bomb
            if j + cs > max_cols:
                MAX_TABLE_COLUMNS.check(path, j + cs, where)
            if len(occupied) + rs * cs > max_cells:
                MAX_TABLE_CELLS.check(path, len(occupied) + rs * cs, where)
            placed[(i, j)] = Cell(_cell_text(td), line=td.sourceline or line, bold=_is_bold(td),
                                  colspan=cs, rowspan=rs)
            for di in range(rs):
                for dj in range(cs):
                    occupied[(i + di, j + dj)] = True
            j += cs
    width = max((j + 1 for (_i, j) in occupied), default=0)
    MAX_TABLE_CELLS.check(path, width * len(rows), where)
    grid: list[list[Cell]] = []
    for i, tr in enumerate(rows):
        grid.append([placed.get((i, j)) or Cell("", line=tr.sourceline) for j in range(width)])
    # rows with nothing at all (spacers) carry nothing
    grid = [r for r in grid if any(c.text for c in r) or any(c.rowspan > 1 for c in r)]
    return Grid(rows=grid, line=table.sourceline)


def _parse_page(path: str) -> etree._Element:
    """The page's tree, within the limits; ReadError when it is blank or no HTML."""
    text = _decode(path, read_chars(path, MAX_HTML_CHARS))
    MAX_HTML_CHARS.check(path, len(text))
    # counted in the text before the page is parsed (a tree of a big page costs 20× its size): the
    # rows and cells of all its tables together bound those of any one
    where = "网页中所有表格合计"
    MAX_TABLE_ROWS.check(path, len(_TR_RE.findall(text)), where)
    MAX_SHEET_CELLS.check(path, len(_TD_RE.findall(text)), where)
    if not text.strip():
        raise ReadError(path, "网页只有空白，没有内容", "blank page")
    try:
        try:
            return lhtml.document_fromstring(text)
        except ValueError:  # an XML declaration naming an encoding, in text already decoded
            return lhtml.document_fromstring(text.encode("utf-8"), parser=lhtml.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        raise ReadError(path, "网页结构无法解析（不是 HTML，或文件已损坏）", "cannot parse HTML") from None


def read_html(path: str) -> RawDocument:
    root = _parse_page(path)
    raw = RawDocument(path=path, format="html")
    buf: list[str] = []
    buf_line: list[int | None] = [None]
    buf_bold: list[bool] = []
    tables = 0

    def flush(heading: int = 0) -> None:
        t = _clean("".join(buf))
        if t:
            bold = bool(buf_bold) and all(buf_bold)
            raw.blocks.append(TextLine(t, line=buf_line[0], heading=heading, bold=bold))
        buf.clear()
        buf_bold.clear()
        buf_line[0] = None

    def add(text: str | None, line: int | None, bold: bool) -> None:
        if text and text.strip():
            if buf_line[0] is None:
                buf_line[0] = line
            buf.append(text)
            buf_bold.append(bold)
        elif text:
            buf.append(text)

    def walk(el: etree._Element, bold: bool) -> None:
        nonlocal tables
        t = _tag(el)
        if t in ("header", "footer") and any(_tag(a) in ("article", "main") for a in el.iterancestors()):
            pass  # an article's own header holds its title, not the site's banner
        elif not t or t in _SKIP_TAGS or _is_furniture(el):
            return
        if t == "table" and not _is_layout(el):
            flush()
            caption = next((c for c in el if _tag(c) == "caption"), None)
            if caption is not None and _cell_text(caption):
                raw.blocks.append(TextLine(_cell_text(caption), line=caption.sourceline))
            grid = _grid(el, path, f"第 {tables + 1} 个表格")
            if grid.ncols <= 1:
                # a one-column table frames content (a notice, the whole article): read it as text
                for child in el.iter("td", "th"):
                    walk_cell(child)
                return
            if any(c.text for r in grid.rows for c in r):
                tables += 1
                grid.source = f"html:table{tables}"
                raw.blocks.append(grid)
            return
        heading = int(t[1]) if re.fullmatch(r"h[1-6]", t) else 0
        is_block = t in _BLOCK_TAGS or heading or t == "table"
        b = bold or t in _BOLD_TAGS or _is_bold_style(el)
        if is_block:
            flush()
        if t == "br":
            flush()
        add(el.text, el.sourceline, b)
        for child in el:
            walk(child, b)
            add(child.tail, child.sourceline, b)
        if is_block:
            flush(heading)

    def walk_cell(td: etree._Element) -> None:
        flush()
        add(td.text, td.sourceline, False)
        for child in td:
            walk(child, False)
            add(child.tail, child.sourceline, False)
        flush()

    body = root.find("body")
    walk(body if body is not None else root, False)
    flush()
    if not raw.blocks:
        raise ReadError(path, "网页中没有正文内容", "no content in page")
    return raw


def _is_bold_style(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "font-weight:bold" in style or "font-weight:700" in style
