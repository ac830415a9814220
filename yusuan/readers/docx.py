"""DOCX (Word 2007+) disclosures: paragraphs and tables in body order.

Paragraphs become TextLines (heading level from the paragraph style — ``Heading 2``/``标题 2``/
``Title`` — or from an explicit outline level); tables become Grids whose merged cells carry their
spans: ``gridSpan`` → colspan, ``vMerge`` → rowspan, the covered positions holding empty cells.

Locations: ``line`` is a running number over the body: each paragraph counts one, each table row
counts one (a cell's ``line`` is its row's). ``page`` is the page of Word's last layout where the
file records it (``w:lastRenderedPageBreak``; else explicit page breaks; else None). The Grid's
``source`` is ``docx:table<N>`` (1-based in body order). List numbering (一、（二）) that Word
generates is put back in front of the paragraph text.
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree

from yusuan.blocks import Cell, Grid, RawDocument, TextLine
from yusuan.errors import ReadError
from yusuan.limits import MAX_SPAN, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS
from yusuan.readers.office import open_ooxml, xml_parser

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADING_STYLE_RE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TRUE = {None, "1", "true", "on"}


def _styles(zf: zipfile.ZipFile) -> dict[str, tuple[int, bool]]:
    """styleId -> (heading level, bold) for paragraph styles, following basedOn."""
    try:
        root = etree.fromstring(zf.read("word/styles.xml"), xml_parser())
    except (KeyError, etree.XMLSyntaxError):
        return {}
    raw: dict[str, tuple[str, str | None, int | None, bool | None]] = {}
    for st in root.iter(_q("style")):
        sid = st.get(_q("styleId")) or ""
        name_el = st.find("w:name", _NS)
        name = name_el.get(_q("val"), "") if name_el is not None else ""
        based = st.find("w:basedOn", _NS)
        outline = st.find("w:pPr/w:outlineLvl", _NS)
        level = int(outline.get(_q("val"), "9")) + 1 if outline is not None else None
        b = st.find("w:rPr/w:b", _NS)
        bold = (b.get(_q("val")) in _TRUE) if b is not None else None
        raw[sid] = (name, based.get(_q("val")) if based is not None else None, level, bold)

    def resolve(sid: str, depth: int = 0) -> tuple[int, bool]:
        name, based, level, bold = raw.get(sid, ("", None, None, None))
        m = _HEADING_STYLE_RE.match(name.strip()) or _HEADING_STYLE_RE.match(sid)
        lvl = int(m.group(1)) if m else (1 if name.lower() in ("title", "标题") else 0)
        if not lvl and level is not None and level <= 9:
            lvl = level
        parent = resolve(based, depth + 1) if based and depth < 10 else (0, False)
        return (lvl or parent[0], bold if bold is not None else parent[1])

    return {sid: resolve(sid) for sid in raw}


def _text_of(el: etree._Element) -> str:
    """The visible text of a paragraph or cell: runs, tabs and breaks; deleted text skipped."""
    parts: list[str] = []
    for node in el.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("delText"), _q("p")):
        tag = etree.QName(node).localname
        if tag == "t":
            parts.append(node.text or "")
        elif tag in ("tab", "br", "cr"):
            parts.append(" ")
        elif tag == "p" and parts:
            parts.append(" ")  # paragraphs inside a cell read as one line
    return re.sub(r"[ \t\u3000\u00a0]+", " ", "".join(parts)).strip()


def _run_bold(p: etree._Element, style_bold: bool) -> bool:
    """True when every run with text is bold (direct formatting, else the paragraph style)."""
    runs = [r for r in p.iter(_q("r")) if "".join(t.text or "" for t in r.iter(_q("t"))).strip()]
    if not runs:
        return False
    for r in runs:
        b = r.find("w:rPr/w:b", _NS)
        bold = (b.get(_q("val")) in _TRUE) if b is not None else style_bold
        if not bold:
            return False
    return True


def _para_info(p: etree._Element, styles: dict[str, tuple[int, bool]]) -> tuple[int, bool]:
    ps = p.find("w:pPr/w:pStyle", _NS)
    level, style_bold = styles.get(ps.get(_q("val"), "") if ps is not None else "", (0, False))
    outline = p.find("w:pPr/w:outlineLvl", _NS)
    if outline is not None:
        v = int(outline.get(_q("val"), "9"))
        level = v + 1 if v < 9 else 0
    return level, _run_bold(p, style_bold)


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_q("val"), default))
    except (TypeError, ValueError):
        return default


_WRAPPERS = {_q("sdt"), _q("sdtContent"), _q("customXml"), _q("smartTag")}


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children named ``tag``, looking through content controls (w:sdt) that wrap them."""
    out: list[etree._Element] = []
    for child in el:
        if child.tag == _q(tag):
            out.append(child)
        elif child.tag in _WRAPPERS:
            out.extend(_children(child, tag))
    return out


def _grid(tbl: etree._Element, first_line: int, styles: dict[str, tuple[int, bool]], path: str, where: str) -> Grid:
    rows: list[list[Cell]] = []
    # origin cell of the vertical merge currently open in each grid column
    open_v: dict[int, Cell] = {}
    trs = _children(tbl, "tr")
    MAX_TABLE_ROWS.check(path, len(trs), where)
    cells = 0
    for i, tr in enumerate(trs):
        line = first_line + i
        row: list[Cell] = []
        # spans are checked before any cell is made: Word allows 63 columns, a bomb claims millions
        before = _int_attr(tr.find("w:trPr/w:gridBefore", _NS), 0)
        MAX_TABLE_COLUMNS.check(path, before, where)
        row.extend(Cell("", line=line) for _ in range(before))
        for tc in _children(tr, "tc"):
            span = max(1, _int_attr(tc.find("w:tcPr/w:gridSpan", _NS), 1))
            MAX_SPAN.check(path, span, where)
            MAX_TABLE_COLUMNS.check(path, len(row) + span, where)
            vm = tc.find("w:tcPr/w:vMerge", _NS)
            col = len(row)
            if vm is not None and vm.get(_q("val")) != "restart" and col in open_v:
                origin = open_v[col]
                origin.rowspan += 1
                row.append(Cell("", line=line))
            else:
                paras = tc.findall(".//w:p", _NS)
                bold = bool(paras) and all(
                    _para_info(p, styles)[1] for p in paras if _text_of(p)
                ) and any(_text_of(p) for p in paras)
                cell = Cell(_text_of(tc), line=line, bold=bold, colspan=span)
                row.append(cell)
                if vm is not None:
                    open_v[col] = cell
                else:
                    open_v.pop(col, None)
            row.extend(Cell("", line=line) for _ in range(span - 1))
            for c in range(col + 1, col + span):
                open_v.pop(c, None)
        rows.append(row)
        cells += len(row)
        MAX_TABLE_CELLS.check(path, cells, where)
    width = max((len(r) for r in rows), default=0)
    MAX_TABLE_CELLS.check(path, width * len(rows), where)
    for r in rows:
        r.extend(Cell("", line=r[0].line if r else None) for _ in range(width - len(r)))
    return Grid(rows=rows, line=first_line)


# --- automatic numbering ------------------------------------------------------------------------
# Word documents number their headings (一、 （二） 1.) with list numbering, which is not in the
# text of the paragraph: the parser needs it, so it is rebuilt here from numbering.xml.

_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def _letters(n: int) -> str:
    return chr(64 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_counter(n: int, fmt: str) -> str:
    """A list counter in a Word number format (``chineseCounting`` 3 → 三)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        # numId -> (abstractNumId, {ilvl: start override})
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        # abstractNumId -> {ilvl: (start, numFmt, lvlText)}
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = etree.fromstring(zf.read("word/numbering.xml"), xml_parser())
        except (KeyError, etree.XMLSyntaxError):
            return
        for an in root.iter(_q("abstractNum")):
            lv: dict[int, tuple[int, str, str]] = {}
            for lvl in an.iter(_q("lvl")):
                start = _int_attr(lvl.find("w:start", _NS), 1)
                fmt_el = lvl.find("w:numFmt", _NS)
                text_el = lvl.find("w:lvlText", _NS)
                lv[int(lvl.get(_q("ilvl"), "0"))] = (
                    start,
                    fmt_el.get(_q("val"), "decimal") if fmt_el is not None else "decimal",
                    text_el.get(_q("val"), "") if text_el is not None else "",
                )
            self.levels[an.get(_q("abstractNumId"), "")] = lv
        for num in root.iter(_q("num")):
            ref = num.find("w:abstractNumId", _NS)
            overrides = {}
            for ov in num.iter(_q("lvlOverride")):
                so = ov.find("w:startOverride", _NS)
                if so is not None:
                    overrides[int(ov.get(_q("ilvl"), "0"))] = _int_attr(so, 1)
            self.nums[num.get(_q("numId"), "")] = (ref.get(_q("val"), "") if ref is not None else "", overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list ``num_id`` at level ``ilvl`` (advancing its counter)."""
        if num_id in ("", "0") or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv, start in overrides.items():
                counters[lv] = start - 1
        start, _fmt, text = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a deeper level restarts under a new parent item

        def sub(m: re.Match[str]) -> str:
            lv = int(m.group(1)) - 1
            if lv not in levels:
                return ""
            n = counters.get(lv, levels[lv][0])
            return format_counter(n, levels[lv][1])

        return re.sub(r"%([1-9])", sub, text)


def _num_pr(p: etree._Element, style_num: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    num = p.find("w:pPr/w:numPr", _NS)
    if num is not None:
        nid = num.find("w:numId", _NS)
        return (nid.get(_q("val"), "") if nid is not None else "", _int_attr(num.find("w:ilvl", _NS), 0))
    ps = p.find("w:pPr/w:pStyle", _NS)
    return style_num.get(ps.get(_q("val"), "")) if ps is not None else None


def _style_numbering(zf: zipfile.ZipFile) -> dict[str, tuple[str, int]]:
    """styleId -> (numId, ilvl) for paragraph styles that carry list numbering (numbered headings)."""
    try:
        root = etree.fromstring(zf.read("word/styles.xml"), xml_parser())
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for st in root.iter(_q("style")):
        num = st.find("w:pPr/w:numPr", _NS)
        if num is not None:
            nid = num.find("w:numId", _NS)
            if nid is not None:
                out[st.get(_q("styleId")) or ""] = (nid.get(_q("val"), ""), _int_attr(num.find("w:ilvl", _NS), 0))
    return out


def _is_frame(tbl: etree._Element) -> bool:
    """One column, and a table or several paragraphs inside: layout, not data."""
    rows = _children(tbl, "tr")
    if not rows or any(len(_children(tr, "tc")) > 1 for tr in rows):
        return False
    return any(tc.find(".//w:tbl", _NS) is not None or len(tc.findall("w:p", _NS)) > 2
               for tr in rows for tc in _children(tr, "tc"))


def _in_table(tc: etree._Element, tbl: etree._Element) -> bool:
    """True when ``tc`` is a cell of ``tbl`` itself, not of a table nested in it."""
    parent = tc.getparent()
    while parent is not None and parent.tag != _q("tbl"):
        parent = parent.getparent()
    return parent is tbl


class _Pages:
    """Page numbers as Word last laid the document out.

    A DOCX has no pages of its own, but Word records where its last layout broke pages
    (``w:lastRenderedPageBreak``); those marks give the page a reader of the original sees. A file
    never laid out by Word (generated by a program) has none: then explicit page breaks count, and
    without those either, pages stay unknown (None).
    """

    def __init__(self, body: etree._Element) -> None:
        self.rendered = next(body.iter(_q("lastRenderedPageBreak")), None) is not None
        explicit = any(br.get(_q("type")) == "page" for br in body.iter(_q("br")))
        explicit = explicit or next(body.iter(_q("pageBreakBefore")), None) is not None
        self.page: int | None = 1 if (self.rendered or explicit) else None
        self._trailing = 0

    def _is_break(self, node: etree._Element) -> bool:
        if self.rendered:
            return bool(node.tag == _q("lastRenderedPageBreak"))
        return bool(node.tag == _q("br") and node.get(_q("type")) == "page")

    def enter(self, el: etree._Element) -> int | None:
        """The page ``el`` (a paragraph or table row) starts on."""
        if self.page is None:
            return None
        leading = trailing = 0
        seen_text = False
        if not self.rendered and el.find("w:pPr/w:pageBreakBefore", _NS) is not None:
            leading += 1
        for node in el.iter(_q("t"), _q("br"), _q("lastRenderedPageBreak")):
            if node.tag == _q("t"):
                seen_text = seen_text or bool((node.text or "").strip())
            elif self._is_break(node):
                if seen_text:
                    trailing += 1
                else:
                    leading += 1
        self.page += leading
        self._trailing = trailing
        return self.page

    def leave(self, el: etree._Element) -> None:
        if self.page is not None:
            self.page += self._trailing
            self._trailing = 0


def read_docx(path: str) -> RawDocument:
    zf = open_ooxml(path, "word/document.xml", "Word")
    try:
        try:
            root = etree.fromstring(zf.read("word/document.xml"), xml_parser())
        except etree.XMLSyntaxError:
            raise ReadError(path, "Word 文件正文（document.xml）已损坏", "corrupt document.xml") from None
        styles = _styles(zf)
        numbering = _Numbering(zf)
        style_num = _style_numbering(zf)
    finally:
        zf.close()
    # text boxes are stored twice (DrawingML and a VML fallback); read them once
    for fb in list(root.iter(_MC_FALLBACK)):
        parent = fb.getparent()
        if parent is not None:
            parent.remove(fb)
    body = root.find("w:body", _NS)
    if body is None:
        raise ReadError(path, "Word 文件没有正文", "no document body")
    raw = RawDocument(path=path, format="docx")
    line = 0
    tables = 0
    pages = _Pages(body)

    def walk(container: etree._Element) -> None:
        nonlocal line, tables
        for el in container:
            tag = etree.QName(el).localname
            if tag == "p":
                line += 1
                text = _text_of(el)
                npr = _num_pr(el, style_num)
                if npr is not None and text:
                    text = numbering.label(*npr) + text
                page = pages.enter(el)
                if text:
                    level, bold = _para_info(el, styles)
                    raw.blocks.append(TextLine(text, page=page, line=line, heading=level, bold=bold))
                pages.leave(el)
            elif tag == "tbl":
                if _is_frame(el):
                    # a one-column table framing content (a bordered box around a table or a
                    # notice): its cells are read as body, so the table inside stays a table
                    for tc in el.iter(_q("tc")):
                        if tc.getparent() is not None and _in_table(tc, el):
                            walk(tc)
                    continue
                tables += 1
                grid = _grid(el, line + 1, styles, path, f"第 {tables} 个表格")
                line += len(grid.rows)
                grid.source = f"docx:table{tables}"
                for tr, row in zip(_children(el, "tr"), grid.rows, strict=False):
                    page = pages.enter(tr)
                    for cell in row:
                        cell.page = page
                    pages.leave(tr)
                grid.page = grid.rows[0][0].page if grid.rows and grid.rows[0] else None
                if any(c.text for r in grid.rows for c in r):
                    raw.blocks.append(grid)
            elif tag in ("sdt", "customXml"):
                content = el.find("w:sdtContent", _NS) if tag == "sdt" else el
                if content is not None:
                    walk(content)  # content controls wrap ordinary paragraphs and tables

    walk(body)
    raw.pages = pages.page
    if not raw.blocks:
        raise ReadError(path, "Word 文件中没有文字内容（可能是扫描图片）", "no text (scanned images?)")
    return raw
