"""The HTTP API (documented at /docs and /openapi.json).

``POST /api/check`` answers the same JSON object as one line of ``yusuan check --format json``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel

from yusuan.audit import Finding
from yusuan.web.app import ExactJSONResponse
from yusuan.web.corpus import CorpusUnavailable
from yusuan.web.jobs import Service
from yusuan.web.uploads import Refused, accept

router = APIRouter(prefix="/api", tags=["api"])


class DocumentInfo(BaseModel):
    department: str | None = None
    year: int | None = None
    kind: str | None = None
    level: str | None = None
    format: str | None = None


class ErrorInfo(BaseModel):
    reason: str
    reason_en: str | None = None


class CheckRecord(BaseModel):
    """One line of ``yusuan check --format json``: a document's findings, or why it could not be read."""

    path: str
    document: DocumentInfo | None = None
    error: ErrorInfo | None = None
    findings: list[Finding]
    summary: dict[str, int] | None = None
    coverage: dict[str, Any] | None = None


class RuleInfo(BaseModel):
    code: str
    title: str
    severity: Literal["error", "warning", "info"]
    family: str
    basis: str
    needs: list[str]
    doc: str


class DocumentList(BaseModel):
    configured: bool
    message: str | None = None
    total: int
    documents: list[dict[str, Any]]


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _refusal(r: Refused) -> ExactJSONResponse:
    return ExactJSONResponse({"path": r.label, "error": {"reason": r.reason, "reason_en": r.reason_en},
                              "findings": [], "coverage": None}, status_code=r.status)


@router.post(
    "/check",
    response_model=CheckRecord,
    response_description="审核结果 the check record",
    responses={413: {"description": "上传过大 upload too large"},
               422: {"model": CheckRecord, "description": "不是可读取的预算公开文件 (the record says why)"}},
    summary="审核一份文件 Check one document",
)
async def check(
    request: Request,
    file: Annotated[UploadFile, File(description="PDF / DOCX / XLSX / HTML / 文本，或一个 zip")],
) -> Response:
    """读取并审核上传的一份文件，返回与 `yusuan check --format json` 相同的一行 JSON。
    zip 内有多份文件时每份一行（application/x-ndjson），与命令行处理多个文件时相同。

    Read and audit one uploaded file; the answer is the JSON line `yusuan check --format json`
    prints. A zip of several documents is answered with one JSON line per document.
    """
    service = _service(request)
    limits = service.settings.limits
    data = await file.read(limits.max_bytes + 1)
    accepted, refused = accept(file.filename, data, limits)
    if not accepted:
        return _refusal(refused[0] if refused else Refused(file.filename or "", "压缩包内没有文件", "empty zip"))
    outcomes = [await service.start(a) for a in accepted]
    records = [o.record_for(a.label) for a, o in zip(accepted, outcomes, strict=True)]
    if len(accepted) == 1 and not refused:
        return ExactJSONResponse(records[0], status_code=200 if outcomes[0].ok else 422)
    from yusuan.render.report_json import to_line

    lines = [to_line(r) for r in records]
    lines += [to_line({"path": r.label, "error": {"reason": r.reason, "reason_en": r.reason_en},
                       "findings": [], "coverage": None}) for r in refused]
    return Response("".join(lines), media_type="application/x-ndjson")


def rule_info(code: str) -> RuleInfo | None:
    from yusuan.audit import all_rules

    r = all_rules().get(code)
    if r is None:
        return None
    return RuleInfo(code=r.code, title=r.title, severity=r.severity, family=r.family, basis=r.basis,
                    needs=list(r.needs), doc=r.doc)


@router.get("/rules", response_model=list[RuleInfo], summary="规则目录 The rule catalog")
async def rules() -> list[RuleInfo]:
    from yusuan.audit import all_rules

    return [info for code in all_rules() if (info := rule_info(code)) is not None]


@router.get("/rules/{code}", response_model=RuleInfo, responses={404: {"description": "没有这条规则"}},
            summary="一条规则 One rule")
async def one_rule(code: str) -> RuleInfo:
    info = rule_info(code.strip().upper())
    if info is None:
        raise HTTPException(404, "没有这条规则 (no such rule)")
    return info


@router.get("/documents", response_model=DocumentList, summary="语料库文件 Corpus documents")
async def documents(
    request: Request,
    region: str | None = Query(None, max_length=100, description="省、市或县 province, city or county"),
    province: str | None = Query(None, max_length=100),
    city: str | None = Query(None, max_length=100),
    gov_level: str | None = Query(None, max_length=10, description="省级 / 市级 / 县级"),
    year: int | None = Query(None, ge=1900, le=2200),
    kind: str | None = Query(None, max_length=10),
    level: str | None = Query(None, max_length=10),
    department: str | None = Query(None, max_length=200),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Response:
    """Documents of the corpus (the store's DuckDB file given with ``--db``); empty when none is configured."""
    corpus = request.app.state.corpus
    filters = {"region": region, "province": province, "city": city, "gov_level": gov_level, "year": year,
               "kind": kind, "level": level, "department": department}
    try:
        page = corpus.list_documents(filters, limit=limit, offset=offset)
    except CorpusUnavailable as exc:
        return ExactJSONResponse({"configured": corpus.configured, "message": str(exc), "total": 0, "documents": []})
    return ExactJSONResponse({"configured": True, "message": None, "total": page.total, "documents": page.rows})


@router.get("/documents/{doc_id}", responses={404: {"description": "没有这份文件，或未配置语料库"}},
            summary="一份语料库文件 One corpus document")
async def document(request: Request, doc_id: str) -> Response:
    """A document of the corpus with its tables, facts, findings and indicators."""
    corpus = request.app.state.corpus
    try:
        found = corpus.get_document(doc_id)
    except CorpusUnavailable as exc:
        raise HTTPException(404, str(exc)) from None
    if found is None:
        raise HTTPException(404, "没有这份文件 (no such document)")
    return ExactJSONResponse(found)
