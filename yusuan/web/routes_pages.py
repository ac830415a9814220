"""The pages a reviewer uses: upload, a batch's progress and results, one document's findings beside
its pages, the reports to download, the rule catalog."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response

from yusuan.web.jobs import Service
from yusuan.web.uploads import Accepted, Refused, accept
from yusuan.web.views import document_view, report_bytes

router = APIRouter(include_in_schema=False)
FORMATS = {"xlsx": "审核意见.xlsx", "html": "审核报告.html", "json": "审核结果.jsonl"}


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def _page(request: Request, name: str, status: int = 200, **context: object) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _download(data: bytes, media: str, filename: str) -> Response:
    # RFC 5987: the Chinese file name for browsers, an ASCII fallback for the rest
    disposition = f"attachment; filename=\"report.{filename.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media, headers={"content-disposition": disposition})


@router.get("/")
async def index(request: Request) -> Response:
    s = _service(request).settings
    return _page(request, "index.html", max_mb=s.max_upload_mb, max_members=s.max_zip_members)


@router.post("/upload")
async def upload(request: Request, files: Annotated[list[UploadFile], File()]) -> Response:
    service = _service(request)
    limits = service.settings.limits
    accepted: list[Accepted] = []
    refused: list[Refused] = []
    for f in files:
        data = await f.read(limits.max_bytes + 1)
        a, r = accept(f.filename, data, limits)
        accepted += a
        refused += r
    if not accepted:
        status = 413 if refused and all(r.status == 413 for r in refused) else 422
        return _page(request, "refused.html", status=status, refused=refused)
    batch = service.new_batch(accepted, refused)
    return RedirectResponse(f"/batch/{batch.id}", status_code=303)


@router.get("/batch/{batch_id}")
async def batch_page(request: Request, batch_id: str) -> Response:
    service = _service(request)
    batch = service.batch(batch_id)
    if batch is None:
        raise HTTPException(404, "没有这批文件 (no such batch)")
    service.resume(batch)
    rows = []
    for item in batch.items:
        o = service.outcome(item.sha)
        rows.append({"item": item, "outcome": o, "record": o.record_for(item.label) if o else None})
    done = sum(1 for r in rows if r["outcome"] is not None)
    return _page(request, "batch.html", batch=batch, rows=rows, done=done, total=len(rows),
                 finished=done == len(rows))


@router.get("/batch/{batch_id}/report.{fmt}")
async def batch_report(request: Request, batch_id: str, fmt: str) -> Response:
    service = _service(request)
    batch = service.batch(batch_id)
    if batch is None or fmt not in FORMATS:
        raise HTTPException(404, "没有这批文件或这种格式")
    items = []
    for item in batch.items:
        o = service.outcome(item.sha)
        if o is None:
            raise HTTPException(409, "这批文件还在读取中，请稍后再下载")
        items.append((item.label, o))
    data, media = report_bytes(fmt, items)
    return _download(data, media, FORMATS[fmt])


def _label(service: Service, sha: str, batch_id: str | None, fallback: str) -> str:
    batch = service.batch(batch_id) if batch_id else None
    for item in batch.items if batch else []:
        if item.sha == sha:
            return item.label
    return fallback


@router.get("/doc/{sha}")
async def document_page(request: Request, sha: str, b: str | None = None) -> Response:
    service = _service(request)
    o = service.outcome(sha)
    if o is None:
        if service.reading(sha):
            return _page(request, "reading.html", sha=sha)
        raise HTTPException(404, "没有这份文件的审核结果")
    label = _label(service, sha, b, o.record.get("path", sha[:12]))
    if not o.ok:
        return _page(request, "unreadable.html", label=label, record=o.record_for(label), batch_id=b)
    return _page(request, "document.html", v=document_view(service, o, label), batch_id=b)


@router.get("/doc/{sha}/report.{fmt}")
async def document_report(request: Request, sha: str, fmt: str, b: str | None = None) -> Response:
    service = _service(request)
    o = service.outcome(sha)
    if o is None or fmt not in FORMATS:
        raise HTTPException(404, "没有这份文件的审核结果或这种格式")
    label = _label(service, sha, b, o.record.get("path", sha[:12]))
    data, media = report_bytes(fmt, [(label, o)])
    return _download(data, media, FORMATS[fmt])


@router.get("/doc/{sha}/page/{page}.png")
async def page_image(request: Request, sha: str, page: int) -> Response:
    path = await _service(request).page_image(sha, page)
    if path is None:
        raise HTTPException(404, "没有这一页")
    return FileResponse(path, media_type="image/png", headers={"cache-control": "max-age=86400"})


# -- the rule catalog -----------------------------------------------------------------------------
# a part opens with its Chinese label, its English one, or both ("为什么 Why:")
_PARTS = [("查什么", re.compile(r"^(查什么\s*(what)?|what)\s*[:：]\s*", re.I)),
          ("为什么", re.compile(r"^(为什么\s*(why)?|why)\s*[:：]\s*", re.I)),
          ("示例", re.compile(r"^((示例|例)\s*(examples?)?|examples?)\s*[:：]\s*", re.I)),
          ("容差", re.compile(r"^(容差\s*(tolerance)?|tolerance)\s*[:：]\s*", re.I))]


def rule_parts(doc: str) -> list[tuple[str, str]]:
    """A rule's docstring as (heading, text): 查什么 (its opening), 为什么, 示例, 容差."""
    out: list[tuple[str, str]] = []
    heading = "查什么"
    buf: list[str] = []
    for para in re.split(r"\n\s*\n", doc.strip()):
        for name, pattern in _PARTS:
            if pattern.match(para):
                if name == heading:  # "查什么 What:" after the Chinese opening line: one part
                    buf.append(pattern.sub("", para, count=1))
                    break
                if buf:
                    out.append((heading, "\n\n".join(buf)))
                heading, buf = name, [pattern.sub("", para, count=1)]
                break
        else:
            buf.append(para)
    if buf:
        out.append((heading, "\n\n".join(buf)))
    return [(h, " ".join(t.split("\n")).replace("  ", " ")) for h, t in out]


@router.get("/rules")
async def rules_page(request: Request) -> Response:
    from yusuan.audit import all_rules
    from yusuan.audit.docs import FAMILY_NAMES

    families: dict[str, list[object]] = {}
    for r in all_rules().values():
        families.setdefault(r.family, []).append(r)
    return _page(request, "rules.html", families=families, family_names=FAMILY_NAMES)


@router.get("/rules/{code}")
async def rule_page(request: Request, code: str) -> Response:
    from yusuan.audit import all_rules

    r = all_rules().get(code.strip().upper())
    if r is None:
        raise HTTPException(404, "没有这条规则")
    return _page(request, "rule.html", r=r, parts=rule_parts(r.doc))
