"""Corpus pages: documents by region / year / kind / department, one document's tables, an indicator
compared across departments and years (an inline SVG chart, no script), findings by rule."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from yusuan.web.corpus import FILTERS, SHOWN, Corpus, CorpusUnavailable

router = APIRouter(prefix="/corpus", include_in_schema=False)


def _page(request: Request, name: str, status: int = 200, **context: object) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _corpus(request: Request) -> Corpus:
    corpus: Corpus = request.app.state.corpus
    return corpus


def _filters(request: Request) -> dict[str, str]:
    return {k: str(request.query_params.get(k, ""))[:200] for k in FILTERS if request.query_params.get(k)}


@router.get("")
async def documents(request: Request, offset: int = Query(0, ge=0, le=10_000_000)) -> Response:
    corpus = _corpus(request)
    filters = _filters(request)
    try:
        page = corpus.list_documents(filters, limit=50, offset=offset)
        facets = corpus.facets()
    except CorpusUnavailable as exc:
        return _page(request, "corpus_none.html", message=str(exc))
    return _page(request, "corpus.html", page=page, facets=facets, filters=filters, offset=offset,
                 shown_columns=SHOWN)


@router.get("/doc/{doc_id}")
async def document(request: Request, doc_id: str) -> Response:
    try:
        found = _corpus(request).get_document(doc_id[:200])
    except CorpusUnavailable as exc:
        return _page(request, "corpus_none.html", message=str(exc))
    if found is None:
        raise HTTPException(404, "语料库中没有这份文件")
    return _page(request, "corpus_doc.html", found=found)


def bars(rows: list[dict[str, Any]], label_keys: tuple[str, ...] = ("city", "department", "year")) -> dict[str, Any]:
    """A horizontal bar chart as data for the template's inline SVG (values exact, widths relative)."""
    items = []
    for r in rows:
        try:
            value = Decimal(str(r.get("value")))
        except (InvalidOperation, ValueError):
            continue
        label = " ".join(str(r[k]) for k in label_keys if r.get(k) is not None)
        items.append((label, value))
    top = max((v for _, v in items), default=Decimal(1)) or Decimal(1)
    return {"items": [{"label": lbl, "value": format(v, "f"), "width": float(max(v, Decimal(0)) / top) * 100}
                      for lbl, v in items], "height": 22 * len(items) + 10}


@router.get("/indicators")
async def indicators(request: Request, indicator: str | None = Query(None, max_length=100)) -> Response:
    corpus = _corpus(request)
    filters = _filters(request)
    try:
        names = corpus.indicator_names()
        rows = corpus.indicators(indicator, filters) if indicator else []
        facets = corpus.facets()
    except CorpusUnavailable as exc:
        return _page(request, "corpus_none.html", message=str(exc))
    return _page(request, "corpus_indicators.html", names=names, indicator=indicator, rows=rows,
                 chart=bars(rows), facets=facets, filters=filters)


@router.get("/findings")
async def findings(request: Request) -> Response:
    try:
        rows = _corpus(request).findings_by_rule()
    except CorpusUnavailable as exc:
        return _page(request, "corpus_none.html", message=str(exc))
    return _page(request, "corpus_findings.html", rows=rows)
