"""The visible pipeline: read → parse → (audit) → render, each stage a plain function.

``load`` is what the CLI and library users call to get a Document.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from yusuan.blocks import Grid, RawDocument
from yusuan.errors import NotADisclosure, ReadError
from yusuan.model import Document, Provenance
from yusuan.readers import read


@dataclass(frozen=True)
class FileSpan:
    """Where one file's pages and lines start in a merged RawDocument (0-based offsets)."""

    path: str
    page_offset: int
    line_offset: int


def _shift(raw: RawDocument, pages: int, lines: int) -> None:
    """Move a file's page and line numbers past the files merged before it."""
    if not pages and not lines:
        return
    for b in raw.blocks:
        if isinstance(b, Grid):
            cells = [c for row in b.rows for c in row]
            for c in cells:
                c.page = c.page + pages if c.page is not None else None
                c.line = c.line + lines if c.line is not None else None
        b.page = b.page + pages if b.page is not None else None
        b.line = b.line + lines if b.line is not None else None


def _last_line(raw: RawDocument) -> int:
    last = 0
    for b in raw.blocks:
        if b.line is not None:
            last = max(last, b.line)
        if isinstance(b, Grid):
            last = max([last, *(c.line for row in b.rows for c in row if c.line is not None)])
    return last


def merge_raw(raws: Sequence[RawDocument]) -> tuple[RawDocument, list[FileSpan]]:
    """Several files of one disclosure (e.g. narrative 附件1 + tables 附件2) as one RawDocument.

    Pages and lines of later files are numbered on after the earlier ones, so that every position
    stays unique; ``FileSpan``s map them back to (file, page, line) once the document is parsed.
    """
    if len(raws) == 1:
        return raws[0], [FileSpan(raws[0].path, 0, 0)]
    merged = RawDocument(
        path=raws[0].path,
        format="+".join(r.format for r in raws),
        pages=sum(r.pages or 0 for r in raws) or None,
    )
    spans: list[FileSpan] = []
    pages = lines = 0
    for r in raws:
        spans.append(FileSpan(r.path, pages, lines))
        _shift(r, pages, lines)
        merged.blocks.extend(r.blocks)
        merged.meta.update(r.meta)
        pages += r.pages or 0
        lines = _last_line(r)
    merged.meta["paths"] = "\n".join(r.path for r in raws)
    return merged, spans


def _provenances(node: object) -> Iterator[Provenance]:
    if isinstance(node, Provenance):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _provenances(getattr(node, name))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _provenances(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _provenances(item)


def attribute_files(doc: Document, spans: Sequence[FileSpan]) -> None:
    """Give every Provenance of a merged document its own file and that file's page/line numbers."""
    if len(spans) < 2:
        return
    for prov in _provenances(doc):
        if prov.file is not None:
            continue
        # pages locate PDF positions; lines locate text positions, which have no pages
        position, offset_of = (
            (prov.page, lambda s: s.page_offset) if prov.page is not None else (prov.line, lambda s: s.line_offset)
        )
        span = spans[0]
        if position is not None:
            for s in spans[1:]:
                if position > offset_of(s):
                    span = s
        prov.file = span.path
        if prov.page is not None:
            prov.page -= span.page_offset
        elif prov.line is not None:
            prov.line -= span.line_offset


def load(paths: str | Sequence[str]) -> Document:
    """Read and parse one disclosure given as one file or several files together.

    Raises ReadError when a file cannot be read or is not a budget disclosure.
    """
    from yusuan.parse import parse_document

    if isinstance(paths, str):
        paths = [paths]
    raws = [read(p) for p in paths]
    try:
        raw, spans = merge_raw(raws)
        doc = parse_document(raw)
        doc.paths = list(paths)
        attribute_files(doc, spans)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(paths[0], "内存不足：文件过大或结构异常", "out of memory") from None
    except RecursionError:
        raise ReadError(paths[0], "文件结构嵌套过深，无法解析", "structure nested too deeply") from None
    except Exception as exc:  # a parser bug: this document is refused, never the batch stopped
        raise ReadError(paths[0], "解析时出现内部错误（请把此文件报告给 yusuan 开发者）",
                        "internal parser error") from exc
    if not doc.tables and not doc.sections and not doc.claims:
        raise NotADisclosure(paths[0], "未识别出预算公开的表格或说明，可能不是预算公开文件", "not a budget disclosure")
    # rows of a real table have short labels; prose mistaken for a table has rows of sentences
    valued_rows = sum(1 for t in doc.tables for r in t.rows if r.values and len(r.name or "") <= 40)
    if valued_rows < 3 and not doc.claims and all(r.format in ("text", "markdown", "tsv") for r in raws):
        # a plain text with headings but not one table or budget figure: notes, a README, sources
        raise NotADisclosure(paths[0], "文本中没有预算表格，也没有预算金额的表述，不是预算公开文件",
                             "no budget table or budget figure: not a disclosure")
    return doc
