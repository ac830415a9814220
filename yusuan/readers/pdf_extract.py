"""What pdfium gives us for one page: characters with their boxes, and ruling segments.

Everything here talks to pdfium through ``pypdfium2.raw`` (ctypes) directly: the helper classes
allocate per call, and a table page has a few thousand characters. All coordinates leaving this
module are top-down PDF points (x0, top, x1, bottom), as in ``yusuan.model.Provenance``.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c


@dataclass(slots=True, init=False)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # printed size in points (height of the loose glyph box)
    cx: float  # centre, used for every cell and line assignment
    cy: float

    # Written out rather than generated with a __post_init__: a page makes thousands of these,
    # and the second call per character was a tenth of the reader's time.
    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float, size: float) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.size = size
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2


@dataclass(slots=True)
class Segment:
    """A ruling line: horizontal (``top == bottom`` after normalising) or vertical."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


# Thicker than this, a filled rectangle is a shaded area rather than a drawn line.
RULE_MAX_THICKNESS = 3.0
# Shorter than this, a stroke is a tick, an underline of one glyph or a dot.
RULE_MIN_LENGTH = 4.0

_PRIVATE_USE = range(0xE000, 0xF900)


@dataclass(slots=True)
class PageContent:
    width: float
    height: float
    chars: list[Char]
    segments: list[Segment]
    images: int  # image objects (a scanned page is one big image and no text)
    undecodable: int  # characters pdfium could not map to Unicode (private use, U+FFFD, controls)
    tables: list[Any] = field(default_factory=list)  # pdf_layout.RuledTable, found once per page
    # characters in the text layer the page does not show (outside the page, outside their clip
    # path, invisible render mode): dropped, and counted for the reading account
    hidden: int = 0


class _Transform:
    """Maps user space (bottom-up, possibly rotated page) to top-down page points."""

    def __init__(self, width: float, height: float, rotation: int, origin: tuple[float, float]) -> None:
        self.w, self.h, self.rot = width, height, rotation % 360
        self.ox, self.oy = origin

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        left, right = left - self.ox, right - self.ox
        bottom, top = bottom - self.oy, top - self.oy
        if self.rot == 0:
            return left, self.h - top, right, self.h - bottom
        if self.rot == 90:  # displayed page is rotated clockwise
            return bottom, left, top, right
        if self.rot == 180:
            return self.w - right, bottom, self.w - left, top
        # 270
        return self.w - top, self.h - right, self.w - bottom, self.h - left


def _unchecked(fn: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function called through a plain prototype (addresses passed as ints).

    pypdfium2's bindings convert and check every argument against its pointer types; for a call
    made once per character that costs more than the call itself.
    """
    address = ctypes.cast(fn, ctypes.c_void_p).value
    assert address, "pdfium function not loaded"
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


# FPDFText_GetLooseCharBox(text_page, index, FS_RECTF*) -> FPDF_BOOL
_loose_char_box = _unchecked(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)

# The walk over a page's objects, once per object (text objects included): same treatment.
_vp, _int = ctypes.c_void_p, ctypes.c_int
_page_count_objects = _unchecked(pdfium_c.FPDFPage_CountObjects, _int, _vp)
_page_get_object = _unchecked(pdfium_c.FPDFPage_GetObject, _vp, _vp, _int)
_form_count_objects = _unchecked(pdfium_c.FPDFFormObj_CountObjects, _int, _vp)
_form_get_object = _unchecked(pdfium_c.FPDFFormObj_GetObject, _vp, _vp, ctypes.c_ulong)
_object_type = _unchecked(pdfium_c.FPDFPageObj_GetType, _int, _vp)
_object_bounds = _unchecked(pdfium_c.FPDFPageObj_GetBounds, _int, _vp, _vp, _vp, _vp, _vp)
_text_object = _unchecked(pdfium_c.FPDFText_GetTextObject, _vp, _vp, _int)
_render_mode = _unchecked(pdfium_c.FPDFTextObj_GetTextRenderMode, _int, _vp)

# Text render modes that paint nothing: 3 (invisible) and 7 (used only as a clip path). On a page
# with images, invisible text is the OCR layer of a scan — what the picture shows — and is kept.
_INVISIBLE_MODES = (3, 7)


def page_content(page: object) -> PageContent:
    """Characters and ruling segments of one ``pypdfium2.PdfPage``."""
    raw_page = page.raw  # type: ignore[attr-defined]
    width, height = page.get_size()  # type: ignore[attr-defined]  # already rotated
    rotation = page.get_rotation()  # type: ignore[attr-defined]
    # user-space origin of the crop box (usually 0,0; some producers shift the media box)
    cb = page.get_cropbox()  # type: ignore[attr-defined]
    tr = _Transform(width, height, rotation, (cb[0], cb[1]))
    segments, images = _segments(raw_page, tr)
    tables: list[Any] = []
    chars, undecodable, hidden = _chars(raw_page, tr, segments, tables, images)
    return PageContent(width, height, chars, segments, images, undecodable, tables, hidden)


def _chars(
    raw_page: object, tr: _Transform, segments: list[Segment], tables: list[Any], images: int = 0
) -> tuple[list[Char], int, int]:
    """The page's shown characters, how many could not be decoded, and how many are hidden."""
    textpage = pdfium_c.FPDFText_LoadPage(raw_page)
    if not textpage:
        return [], 0, 0
    try:
        n = pdfium_c.FPDFText_CountChars(textpage)
        if n <= 0:
            return [], 0, 0
        # The whole page's text in one call (UTF-16, one unit per character index), rather than
        # one FPDFText_GetUnicode call per character: a table page has thousands.
        buf = (ctypes.c_ushort * (n + 1))()
        got = pdfium_c.FPDFText_GetText(textpage, 0, n, buf)
        units = ctypes.string_at(buf, 2 * max(got - 1, 0)).decode("utf-16-le", errors="surrogatepass")
        if len(units) != n:
            units = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(n))
        out: list[Char] = []
        index: list[int] = []  # pdfium's character index of each kept character
        undecodable = off_page = 0
        # a character whose centre lies off the page is not printed (a producer that draws the
        # previous page's text again above the top edge); a point of slack for boxes at the edge
        right, below = tr.w + 1.0, tr.h + 1.0
        rect = pdfium_c.FS_RECTF()
        rect_p = ctypes.addressof(rect)
        textpage_p = ctypes.cast(textpage, ctypes.c_void_p).value
        get_box = _loose_char_box
        upright = tr.rot == 0
        h, ox, oy = tr.h, tr.ox, tr.oy
        append, index_append = out.append, index.append
        for i, ch in enumerate(units):
            code = ord(ch)
            # Nearly every character is printable CJK or ASCII: one comparison lets it through
            # (0xA1 is above the blanks below, and below U+D800 where the special cases start).
            if not 0xA0 < code < 0xD800 and not 32 < code < 0xA0:
                # U+3000 (ideographic space) is kept: leading ones indent a row name to show its
                # level (类 / 款 / 项) in tables that print no codes. Spaces and line breaks pdfium
                # generates are dropped: the layout puts words and lines back together from boxes.
                if code <= 32 or code == 0xA0 or code == 0xFEFF:
                    if code not in (9, 10, 13, 32, 0xA0, 0xFEFF):
                        undecodable += 1
                    continue
                if 0xD800 <= code < 0xE000:  # half of a surrogate pair: ask for the whole character
                    code = pdfium_c.FPDFText_GetUnicode(textpage, i)
                    if 0xD800 <= code < 0xE000 or code < 0x10000:
                        continue
                    ch = chr(code)
                elif code in _PRIVATE_USE or code == 0xFFFD:
                    undecodable += 1  # a glyph id, not text: a symbol-font bullet at best
                    continue
            if not get_box(textpage_p, i, rect_p):
                continue
            if upright:
                x0, x1 = rect.left - ox, rect.right - ox
                top, bottom = h - (rect.top - oy), h - (rect.bottom - oy)
            else:
                x0, top, x1, bottom = tr.box(rect.left, rect.bottom, rect.right, rect.top)
            if x1 < x0:
                x0, x1 = x1, x0
            if bottom < top:
                top, bottom = bottom, top
            if not (-1.0 <= (x0 + x1) / 2 <= right and -1.0 <= (top + bottom) / 2 <= below):
                off_page += 1
                continue
            # The loose box spans the font's ascent to descent: its height is the printed size.
            # (FPDFText_GetFontSize reports the size before the text matrix scales it.)
            append(Char(ch, x0, top, x1, bottom, bottom - top))
            index_append(i)
        # The page's ruled tables, found here once: the layout needs them, and so does the search
        # for hidden text (what lies outside them).
        from yusuan.readers.pdf_layout import find_tables

        tables.extend(find_tables(segments, out) if segments else [])
        hidden = _clipped(textpage, out, index, tr, [t.bbox for t in tables], ocr_layer=images > 0)
        if hidden:
            out = [c for k, c in enumerate(out) if k not in hidden]
        return out, undecodable, off_page + len(hidden)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)


def _overlapping(chars: list[Char]) -> set[int]:
    """Characters drawn over another, different character on the same line.

    Text that overflows its cell is often clipped away when printed, but still in the text layer;
    where it runs under the next cell's text the two interleave. Only such characters are worth
    the cost of looking at their clip path.
    """
    # (band, x0, k): sorted once; neighbours in a band are the candidates. Every character goes in
    # its band and the next, so two characters whose centres are within a band's height always
    # share one.
    # x1 rides along (after k, so the order is unchanged): most neighbours are side by side on a
    # line, and are let go without looking the characters up.
    keyed: list[tuple[int, float, int, float]] = []
    append = keyed.append
    for k, c in enumerate(chars):
        band = int(c.cy // 5)
        x0, x1 = c.x0, c.x1
        append((band, x0, k, x1))
        append((band + 1, x0, k, x1))
    keyed.sort()
    out: set[int] = set()
    for (ba, _, a, a_x1), (bb, b_x0, b, _) in zip(keyed, keyed[1:], strict=False):
        if ba != bb or a_x1 <= b_x0 or a == b:
            continue
        ca, cb = chars[a], chars[b]
        if ca.text == cb.text:
            continue
        if ca.x1 <= cb.x0 or cb.x1 <= ca.x0:
            continue
        w = min(ca.x1 - ca.x0, cb.x1 - cb.x0)
        if (
            w > 0
            and min(ca.x1, cb.x1) - max(ca.x0, cb.x0) > 0.5 * w
            and abs(ca.cy - cb.cy) <= 0.5 * min(ca.size, cb.size)
        ):
            out.add(a)
            out.add(b)
    return out


def _clipped(
    textpage: object,
    chars: list[Char],
    index: list[int],
    tr: _Transform,
    boxes_: list[tuple[float, float, float, float]],
    ocr_layer: bool = False,
) -> set[int]:
    """Characters the page does not show: outside their text object's clip path, or drawn in
    an invisible render mode. In the text layer, but not printed.

    Looked for where it happens: text overflowing a table cell (a long name continued from the
    previous page) shows up outside the ruled tables, or under another cell's text; on a page of
    running text (no tables) a clip path can hide whole paragraphs (a page that repeats the
    previous page's last items, clipped away above the visible text), so every character there is
    checked. Characters inside a ruled table that overlap nothing are spared the cost of asking.
    """
    if boxes_:
        # The few characters outside the tables (title, unit, page number, and any overflow) are
        # all checked; inside, only those drawn over other text.
        suspects: set[int] = set()
        inside: list[int] = []
        for k, c in enumerate(chars):
            cx, cy = c.cx, c.cy
            for b in boxes_:  # a loop, not any(): this runs for every character of a table page
                if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                    inside.append(k)
                    break
            else:
                suspects.add(k)
        suspects.update(inside[j] for j in _overlapping([chars[k] for k in inside]))
    else:
        suspects = set(range(len(chars)))
    if not suspects:
        return set()
    fx, fy = ctypes.c_float(), ctypes.c_float()
    textpage_p = ctypes.cast(textpage, ctypes.c_void_p).value  # type: ignore[arg-type]
    boxes: dict[int, tuple[float, float, float, float] | None] = {}
    invisible: dict[int, bool] = {}
    hidden: set[int] = set()
    for k in suspects:
        key = _text_object(textpage_p, index[k]) or 0
        if key not in boxes:
            obj = ctypes.cast(key, pdfium_c.FPDF_PAGEOBJECT) if key else None
            invisible[key] = bool(key) and not ocr_layer and _render_mode(key) in _INVISIBLE_MODES
            boxes[key] = _clip_box(obj, fx, fy, tr) if obj else None
        if invisible[key]:
            hidden.add(k)
            continue
        box = boxes[key]
        c = chars[k]
        if box is not None and not (box[0] - 1 <= c.cx <= box[2] + 1 and box[1] - 1 <= c.cy <= box[3] + 1):
            hidden.add(k)
    return hidden


def _clip_box(
    obj: object, fx: ctypes.c_float, fy: ctypes.c_float, tr: _Transform
) -> tuple[float, float, float, float] | None:
    """The intersection of the bounding boxes of an object's clip paths, in top-down page points."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    box: tuple[float, float, float, float] | None = None
    for p in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs: list[float] = []
        ys: list[float] = []
        for s in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, p)):
            seg = pdfium_c.FPDFClipPath_GetPathSegment(clip, p, s)
            if seg and pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(fx), ctypes.byref(fy)):
                xs.append(fx.value)
                ys.append(fy.value)
        if not xs:
            continue
        b = tr.box(min(xs), min(ys), max(xs), max(ys))
        b = (min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3]))
        box = (
            b if box is None else (max(box[0], b[0]), max(box[1], b[1]), min(box[2], b[2]), min(box[3], b[3]))
        )
    return box


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n (row-vector convention, as PDF: p' = p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _matrix(obj: object) -> _Matrix:
    fm = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
        return _IDENTITY
    return (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)


def _ruling(tr: _Transform, x0: float, y0: float, x1: float, y1: float) -> Segment | None:
    """A thin box as a ruling (vertical or horizontal), in top-down page points; None when it is
    no line (too thick or too short)."""
    a, t, b, bt = tr.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))  # user space is bottom-up
    w, h = b - a, bt - t
    if w <= RULE_MAX_THICKNESS and h >= RULE_MIN_LENGTH:
        xm = (a + b) / 2
        return Segment(xm, t, xm, bt)
    if h <= RULE_MAX_THICKNESS and w >= RULE_MIN_LENGTH:
        ym = (t + bt) / 2
        return Segment(a, ym, b, ym)
    return None


def _bounds_on_page(ctm: _Matrix, left: float, bottom: float, right: float,
                    top: float) -> tuple[float, float, float, float]:
    """An object's bounds (x0, x1, y0, y1) in page coordinates, through its form's matrix."""
    if ctm is _IDENTITY:  # a top-level object: its bounds are page coordinates already
        return left, right, bottom, top
    corners = [_apply(ctm, x, y) for x in (left, right) for y in (bottom, top)]
    xs = [c[0] for c in corners]
    ys = [c[1] for c in corners]
    return min(xs), max(xs), min(ys), max(ys)


def _subpaths(pts: list[tuple[int, float, float, bool]]) -> list[tuple[list[tuple[float, float]], bool]]:
    """A path's points (segment kind, x, y, closes) as sub-paths (a move starts one), each closed or not."""
    sub: list[tuple[float, float]] = []
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    closed = False
    for kind, x, y, close in pts:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if sub:
                subpaths.append((sub, closed))
            sub, closed = [(x, y)], False
        else:
            sub.append((x, y))
            closed = closed or close
    if sub:
        subpaths.append((sub, closed))
    return subpaths


def _path_edges(subpaths: list[tuple[list[tuple[float, float]], bool]],
                stroked: bool) -> Iterator[tuple[float, float, float, float]]:
    """The boxes that may be rulings: a thin sub-path is a line drawn as a rectangle (its bounds);
    a stroked sub-path contributes each of its straight edges; a filled one is a shaded area."""
    for poly, is_closed in subpaths:
        xs = [p[0] for p in poly]
        ys = [p[1] for p in poly]
        bw, bh = max(xs) - min(xs), max(ys) - min(ys)
        if min(bw, bh) <= RULE_MAX_THICKNESS:
            yield min(xs), min(ys), max(xs), max(ys)
            continue
        if not stroked:
            continue  # a shaded area, not a line
        edges = list(zip(poly, poly[1:], strict=False))
        if is_closed and poly[0] != poly[-1]:
            edges.append((poly[-1], poly[0]))
        for (x0, y0), (x1, y1) in edges:
            yield x0, y0, x1, y1


def _segments(raw_page: object, tr: _Transform) -> tuple[list[Segment], int]:
    out: list[Segment] = []
    images = 0
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    fx, fy = ctypes.c_float(), ctypes.c_float()

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        seg = _ruling(tr, x0, y0, x1, y1)
        if seg is not None:
            out.append(seg)

    bl, bb, br, bt_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds_p = (ctypes.addressof(bl), ctypes.addressof(bb), ctypes.addressof(br), ctypes.addressof(bt_))
    page_object = pdfium_c.FPDF_PAGEOBJECT

    def path(address: int, ctm: _Matrix) -> None:
        # Most rulings are one thin rectangle or one stroked segment per object: the object's
        # bounds say so in one call, without walking its points (four calls a point).
        if _object_bounds(address, *bounds_p):
            x0_, x1_, y0_, y1_ = _bounds_on_page(ctm, bl.value, bb.value, br.value, bt_.value)
            if min(x1_ - x0_, y1_ - y0_) <= RULE_MAX_THICKNESS:
                add(x0_, y0_, x1_, y1_)
                return
        obj = ctypes.cast(address, page_object)
        n = pdfium_c.FPDFPath_CountSegments(obj)
        if n <= 0:
            return
        pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        stroked = bool(stroke.value)
        if n <= 5 and not stroked:
            return  # one filled rectangle, wider than a line: a shaded cell, not a ruling
        m = _mul(_matrix(obj), ctm)
        pts: list[tuple[int, float, float, bool]] = []
        for i in range(n):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(fx), ctypes.byref(fy))
            x, y = _apply(m, fx.value, fy.value)
            pts.append(
                (pdfium_c.FPDFPathSegment_GetType(seg), x, y, bool(pdfium_c.FPDFPathSegment_GetClose(seg)))
            )
        for edge in _path_edges(_subpaths(pts), stroked):
            add(*edge)

    path_kind, image_kind, form_kind = (
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_IMAGE,
        pdfium_c.FPDF_PAGEOBJ_FORM,
    )

    # Objects go around as plain addresses (see _unchecked); one becomes a typed pointer only
    # where pypdfium2's checked bindings are called with it.
    def walk(container: int, is_form: bool, ctm: _Matrix, depth: int) -> None:
        nonlocal images
        count = _form_count_objects(container) if is_form else _page_count_objects(container)
        get_object = _form_get_object if is_form else _page_get_object
        for i in range(count):
            obj = get_object(container, i)
            if not obj:
                continue
            kind = _object_type(obj)
            if kind == path_kind:
                path(obj, ctm)
            elif kind == image_kind:
                images += 1
            elif kind == form_kind and depth < 8:
                walk(obj, True, _mul(_matrix(ctypes.cast(obj, page_object)), ctm), depth + 1)

    page_address = ctypes.cast(raw_page, ctypes.c_void_p).value  # type: ignore[arg-type]
    if page_address:
        walk(page_address, False, _IDENTITY, 0)
    return out, images
