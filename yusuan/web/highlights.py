"""Where on its page a finding points: the boxes to draw over the rendered page.

A table finding points at the cell (the amount's box, read by the PDF reader) or, without a column,
at its row; a narrative finding points at the quoted sentence, found again among the page's
characters. Boxes are in PDF points, top-left origin (as ``Provenance.bbox``), so that the page
image can carry them as percentages whatever size it is shown at.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from yusuan.audit import Finding
from yusuan.model import Amount, Document, Row

Box = tuple[float, float, float, float]


def _rows_at(doc: Document, f: Finding) -> list[Row]:
    loc = f.location
    out: list[Row] = []
    for t in doc.tables:
        if t.id != loc.table or (loc.table_title and t.title != loc.table_title):
            continue
        for r in t.rows:
            if r.code != loc.row_code or (loc.row_name and r.name and r.name != loc.row_name):
                continue
            if loc.page is not None and r.source.page not in (None, loc.page):
                continue
            out.append(r)
    return out


def _amounts(row: Row, column: str | None) -> list[Amount]:
    if column and column in row.values:
        return [row.values[column]]
    return list(row.values.values()) + list(row.unplaced)


def _union(boxes: Sequence[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def cell_boxes(doc: Document, f: Finding) -> list[Box]:
    """The cited cell's box, or the whole row's when the finding names no column."""
    if not f.location.table or f.location.row_code is None:
        return []
    for row in _rows_at(doc, f):
        boxes = [a.source.bbox for a in _amounts(row, f.location.column)
                 if a.source.bbox is not None and a.source.page in (None, f.location.page)]
        if boxes:
            return [_union(boxes)] if not f.location.column else boxes[:1]
    return []


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def text_boxes(chars: Sequence[Any], quote: str, max_len: int = 60) -> list[Box]:
    """The boxes of ``quote`` among a page's characters (whitespace ignored), one box per line.

    A long quote is looked for by its first ``max_len`` characters (a sentence broken over pages
    still shows where it starts); no match gives no box rather than a guess.
    """
    needle = _squeeze(quote)[:max_len]
    if len(needle) < 4:
        return []
    kept = [c for c in chars if c.text and not c.text.isspace()]
    hay = "".join(c.text for c in kept)
    # characters may be several code points (ligatures); map positions back through offsets
    starts: list[int] = []
    pos = 0
    for c in kept:
        starts.append(pos)
        pos += len(c.text)
    at = hay.find(needle)
    if at < 0:
        return []
    end = at + len(needle)
    hit = [c for c, s in zip(kept, starts, strict=True) if at <= s < end]
    lines: list[list[Any]] = []
    for c in hit:
        if lines and abs(lines[-1][-1].cy - c.cy) < max(2.0, c.size * 0.5):
            lines[-1].append(c)
        else:
            lines.append([c])
    return [_union([(c.x0, c.top, c.x1, c.bottom) for c in line]) for line in lines]


def finding_boxes(doc: Document, findings: Sequence[Finding], pdf_path: str) -> list[list[Box]]:
    """Per finding, the boxes on its page (empty when it has no page or nothing could be placed)."""
    from yusuan.readers.pdf import open_pdf
    from yusuan.readers.pdf_extract import page_content

    out: list[list[Box]] = [cell_boxes(doc, f) for f in findings]
    wanted = {f.location.page for f, boxes in zip(findings, out, strict=True)
              if not boxes and f.source and f.location.page is not None}
    if not wanted:
        return out
    pdf: Any = open_pdf(pdf_path)
    try:
        chars: dict[int, list[Any]] = {}
        for n in sorted(p for p in wanted if p is not None and 1 <= p <= len(pdf)):
            chars[n] = page_content(pdf[n - 1]).chars
    finally:
        pdf.close()
    for i, f in enumerate(findings):
        if not out[i] and f.source and f.location.page in chars:
            out[i] = text_boxes(chars[f.location.page], f.source)
    return out


def page_sizes(pdf_path: str) -> list[tuple[float, float]]:
    """Width and height in points of every page, as the reader's coordinates see them (pdfium's size
    is already rotated)."""
    from yusuan.readers.pdf import open_pdf

    pdf: Any = open_pdf(pdf_path)
    try:
        sizes = []
        for i in range(len(pdf)):
            w, h = pdf[i].get_size()
            sizes.append((float(w), float(h)))
        return sizes
    finally:
        pdf.close()
