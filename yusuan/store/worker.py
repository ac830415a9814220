"""The work of one document, run in a worker process (or a Dask worker): read, parse, audit, make rows.

Everything here is a plain top-level function of picklable arguments, so that any executor can
run it; the database is only touched by the process that writes.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Outcome:
    """What a worker sends back for one input group."""

    paths: list[str]
    sha256: str
    doc_id: str
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    error: tuple[str, str | None] | None = None  # (reason, reason_en)
    pages: int = 0
    seconds: float = 0.0
    file_shas: list[str] = field(default_factory=list)  # one per path
    # a PDF holding only the narrative or only the tables of a split disclosure: which half, and the
    # parsed document, so that the writer can find its other half (yusuan.readers.pdf_pairing)
    half: str | None = None
    document: Any = None


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def combined_sha256(hashes: Sequence[str]) -> str:
    """The identity of a document read from files with these hashes: the hash itself for one file,
    the sha256 of the hashes in order for several."""
    if len(hashes) == 1:
        return hashes[0]
    return hashlib.sha256("\n".join(hashes).encode()).hexdigest()


def group_sha256(paths: Sequence[str]) -> str:
    return combined_sha256([file_sha256(p) for p in paths])


def doc_id_of(sha256: str) -> str:
    return sha256[:16]


def process(paths: Sequence[str], sha256: str | None = None) -> Outcome:
    """Read, parse and audit one document; a file that cannot be read is an Outcome with its error."""
    from yusuan import __version__
    from yusuan.audit import audit
    from yusuan.errors import ReadError
    from yusuan.pipeline import load
    from yusuan.store.rows import document_rows

    start = time.perf_counter()
    paths = [os.path.abspath(p) for p in paths]
    from yusuan.readers.pdf_pairing import half_of

    try:
        shas = [file_sha256(p) for p in paths]
    except OSError as exc:
        return Outcome(paths, "", "", error=(f"无法打开文件：{exc.strerror}", str(exc)))
    sha = combined_sha256(shas)  # as the file is now, should it have changed since it was planned
    out = Outcome(paths, sha, doc_id_of(sha), file_shas=shas)
    try:
        doc = load(paths)
        result = audit(doc)
        out.rows = document_rows(out.doc_id, sha, doc, result, __version__)
        out.pages = doc.pages or 0
        if len(paths) == 1 and doc.format == "pdf":
            out.half = half_of(doc)
            out.document = doc if out.half else None
    except ReadError as err:
        out.error = (err.reason, err.reason_en)
    except Exception as exc:  # a parser bug on one file must not stop a batch of thousands
        out.error = (f"解析时出错：{type(exc).__name__}: {exc}", "internal error while parsing")
    out.seconds = time.perf_counter() - start
    return out
