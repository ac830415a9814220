"""The printed passages of a document's text, in reading order: every heading (目录, parts, section
and table titles, a table's 编制单位) and every paragraph of the 概况, the 情况说明 and the 名词解释.

A pure walk over the model, shared by the parser (yusuan.parse.wording_marks finds the template
leftovers in them, ``TextMark.passage`` is an index into this sequence) and the wording rules
(which quote a passage around a mark and locate it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from yusuan.model import Document, Section

Kind = Literal["heading", "body", "glossary", "table", "preparer"]


@dataclass
class Passage:
    """One heading or paragraph, and where it stands."""

    text: str
    kind: Kind
    where: str  # section (or table) title, for the report
    line: int | None = None
    page: int | None = None
    file: str | None = None
    section: Section | None = None  # the section the text is part of, and its offset there
    offset: int = 0

    def exact_line(self, pos: int) -> tuple[int | None, int | None]:
        """The line and page of the character at ``pos``: from the section's line spans (read by
        the parser), else where the passage starts."""
        if self.section is not None and self.section.spans:
            prov = self.section.where(self.offset + pos)
            return prov.line, prov.page
        return self.line, self.page


def passages(doc: Document) -> Iterator[Passage]:
    seen_parts: set[str] = set()
    for t in doc.toc:
        yield Passage(t.title, "heading", "目录", t.source.line, t.source.page, t.source.file)
    for s in doc.sections:
        is_glossary = bool(s.part and "名词解释" in s.part) or "名词解释" in s.title
        if s.part and s.part not in seen_parts:
            seen_parts.add(s.part)
            yield Passage(s.part, "heading", s.part, None, s.source.page, s.source.file)
        title = f"{s.number}、{s.title}" if s.number and not s.number.startswith(("（", "(")) else \
            f"{s.number or ''}{s.title}"
        yield Passage(s.title, "glossary" if is_glossary else "heading", title, s.source.line, s.source.page,
                      s.source.file)
        offset = 0
        for para in s.text.split("\n"):
            if para.strip():
                yield Passage(para, "glossary" if is_glossary else "body", title, s.source.line, s.source.page,
                              s.source.file, section=s, offset=offset)
            offset += len(para) + 1
    for table in doc.tables:
        yield Passage(table.title, "table", table.title, table.source.line, table.source.page, table.source.file)
        if table.preparer:  # 编制单位：XX局 left in a table's header
            yield Passage(table.preparer, "preparer", table.title, table.source.line, table.source.page,
                          table.source.file)
    for term, text in doc.glossary.items():
        yield Passage(f"{term}：{text}", "glossary", "名词解释")
