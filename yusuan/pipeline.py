"""The visible pipeline: read → parse → (audit) → render, each stage a plain function.

``load`` is what the CLI and library users call to get a Document.
"""

from __future__ import annotations

from collections.abc import Sequence

from yusuan.blocks import RawDocument
from yusuan.errors import ReadError
from yusuan.model import Document
from yusuan.readers import read


def merge_raw(raws: Sequence[RawDocument]) -> RawDocument:
    """Several files of one disclosure (e.g. narrative 附件1 + tables 附件2) as one RawDocument."""
    if len(raws) == 1:
        return raws[0]
    merged = RawDocument(
        path=raws[0].path,
        format="+".join(r.format for r in raws),
        pages=sum(r.pages or 0 for r in raws) or None,
    )
    for r in raws:
        merged.blocks.extend(r.blocks)
        merged.meta.update(r.meta)
    merged.meta["paths"] = "\n".join(r.path for r in raws)
    return merged


def load(paths: str | Sequence[str]) -> Document:
    """Read and parse one disclosure given as one file or several files together.

    Raises ReadError when a file cannot be read or is not a budget disclosure.
    """
    from yusuan.parse import parse_document

    if isinstance(paths, str):
        paths = [paths]
    raws = [read(p) for p in paths]
    raw = merge_raw(raws)
    doc = parse_document(raw)
    doc.paths = list(paths)
    if not doc.tables and not doc.sections and not doc.claims:
        raise ReadError(paths[0], "未识别出预算公开的表格或说明，可能不是预算公开文件", "not a budget disclosure")
    return doc
