"""Budget logic over a RawDocument: each stage a plain function that fills part of the Document.

    read (readers/) → segment → meta → tables → narrative (sections, claims) → listings → profile → projects
    → performance, then the reading account (读取情况) of what they did

Every stage takes the RawDocument and the Document being built, and only adds to it. A stage that
fails on a document records a Diagnostic and lets the others run.
"""

from __future__ import annotations

from collections.abc import Callable

from yusuan.blocks import RawDocument
from yusuan.model import Diagnostic, Document
from yusuan.parse.segment import Segments, segment

Stage = Callable[[RawDocument, Segments, Document], None]


def _stages() -> list[tuple[str, Stage]]:
    from yusuan.parse.claim_details import parse_claim_details
    from yusuan.parse.column_marks import mark_columns
    from yusuan.parse.comparison_grids import parse_comparison_grids
    from yusuan.parse.listings import parse_listings
    from yusuan.parse.meta import parse_meta
    from yusuan.parse.narrative import parse_narrative
    from yusuan.parse.performance import parse_performance
    from yusuan.parse.placement import place_across_tables
    from yusuan.parse.profile import parse_profile
    from yusuan.parse.projects import parse_projects
    from yusuan.parse.report_index import attach_index_reasons
    from yusuan.parse.tables import parse_tables

    return [
        ("meta", parse_meta),
        ("tables", parse_tables),
        ("report_index", attach_index_reasons),  # an empty table's reason given in the 报表目录
        ("placement", place_across_tables),  # needs every table parsed
        ("column_marks", mark_columns),  # what each printed header says its column is (其中, 上年结转)
        ("narrative", parse_narrative),
        ("comparison_grids", parse_comparison_grids),  # 说明's year-comparison grids (本年 | 上年 | 增减) as claims
        ("listings", parse_listings),  # numbered lists of amounts under a stated whole
        ("profile", parse_profile),
        ("projects", parse_projects),
        ("performance", parse_performance),
        ("claim_details", parse_claim_details),  # after every stage that adds claims or sections
    ]


def parse_document(raw: RawDocument) -> Document:
    doc = Document(paths=[raw.path], format=raw.format, pages=raw.pages)
    segs = segment(raw)
    for name, stage in _stages():
        try:
            stage(raw, segs, doc)
        except Exception as exc:  # one stage's bug must not lose the rest of the document
            doc.diagnostics.append(
                Diagnostic(code=f"stage-failed:{name}", message=f"解析阶段 {name} 出错：{type(exc).__name__}: {exc}")
            )
    _account(raw, segs, doc)
    return doc


def _account(raw: RawDocument, segs: Segments, doc: Document) -> None:
    """The reading account (yusuan.parse.reading) of what the stages above did; never fatal."""
    from yusuan.parse.reading import compute_reading, failed_reading

    try:
        doc.reading = compute_reading(raw, segs, doc)
    except Exception as exc:  # the account must not lose the document it accounts for
        doc.reading = failed_reading(exc)
