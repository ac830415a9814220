"""Stage: performance (to be written)."""

from __future__ import annotations

from yusuan.blocks import RawDocument
from yusuan.model import Document
from yusuan.parse.segment import Segments


def parse_performance(raw: RawDocument, segs: Segments, doc: Document) -> None:
    return None
