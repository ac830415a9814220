"""Temporary family so the engine has something to run until the real families land."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit import Problem, rule
from yusuan.model import Document


@rule("Y001", "文件未识别出任何预算表", family="completeness", severity="warning", basis="财预〔2016〕143号")
def no_tables(doc: Document) -> Iterator[Problem]:
    """The document has no budget table at all.

    A 部门预算公开 must publish its tables; a file with only text is either the narrative half of a
    two-file disclosure (give both files together) or an incomplete publication.
    """
    if not doc.tables:
        yield Problem("未识别出任何预算表格")
