"""``create_app(settings)``: the FastAPI application (pages + API), its limits and its state."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from yusuan.web.corpus import Corpus
from yusuan.web.jobs import Service, Settings

HERE = Path(__file__).parent
MULTIPART_OVERHEAD = 256 * 1024  # boundaries and part headers around the files of one request


class TooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException so that FastAPI's body parsing re-raises it."""

    def __init__(self, limit_mb: float) -> None:
        super().__init__(413, f"上传过大：一次最多 {limit_mb:g} MB (upload too large)")


class BodyLimit:
    """413 for a request body over the limit: at once from Content-Length, else while it streams."""

    def __init__(self, app: ASGIApp, max_bytes: int, limit_mb: float) -> None:
        self.app, self.max_bytes, self.limit_mb = app, max_bytes, limit_mb

    async def _refuse(self, scope: Scope, send: Send) -> None:
        detail = TooLarge(self.limit_mb).detail
        headers = dict(scope["headers"])
        if b"text/html" in headers.get(b"accept", b"") and not scope["path"].startswith("/api/"):
            # a browser's form upload: a page, not JSON (this answer is sent before any template runs)
            body = (f'<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>413</title>'
                    f'<link rel="stylesheet" href="/static/style.css"><main><h1>413</h1>'
                    f'<p class="error-detail">{detail}</p><p><a href="/">返回</a></p></main></html>').encode()
            media = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"detail": detail}, ensure_ascii=False).encode()
            media = b"application/json; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", media), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = True
            if too_big:
                await self._refuse(scope, send)
                return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise TooLarge(self.limit_mb)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if not started:
                await self._refuse(scope, send)


def _json_default(value: Any) -> Any:
    """Decimals stay exact (as text); dates as ISO text."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class ExactJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_json_default).encode("utf-8")


def create_app(settings: Settings) -> FastAPI:
    service = Service(settings)
    corpus = Corpus(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        service.shutdown()

    app = FastAPI(
        title="yusuan 预算公开审核 API",
        description="上传预算/决算公开文件，得到审核意见；规则目录；语料库查询。"
                    "Upload a budget disclosure and get its findings; the rule catalog; the corpus.",
        version=service.version,
        lifespan=lifespan,
        default_response_class=ExactJSONResponse,
        # the stock /docs page loads Swagger UI from a CDN; ours is rendered here and works offline
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = service
    app.state.corpus = corpus
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = service.version
    from yusuan.audit import all_rules
    from yusuan.render.report_terminal import SEVERITY_LABEL
    from yusuan.web.corpus import LABELS

    templates.env.globals["sev_label"] = SEVERITY_LABEL
    templates.env.globals["labels"] = LABELS
    templates.env.globals["titles"] = {code: r.title for code, r in all_rules().items()}
    app.state.templates = templates
    app.add_middleware(BodyLimit, max_bytes=settings.limits.max_bytes + MULTIPART_OVERHEAD,
                       limit_mb=settings.max_upload_mb)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from yusuan.web import routes_api, routes_corpus, routes_pages

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_corpus.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or exc.status_code == 413 and "text/html" not in request.headers.get(
                "accept", ""):
            return ExactJSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/docs", include_in_schema=False)
    async def api_docs(request: Request) -> Response:
        return templates.TemplateResponse(request, "api_docs.html", {"spec": app.openapi()})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> HTMLResponse:
        return HTMLResponse("", status_code=204)

    return app
