"""The server's state: settings, worker pools, uploads and results on disk, batches.

Reading runs in a pool of worker processes (spawned, so no lock or thread of the server is copied
into them); page images are rendered by a pool of their own, so that looking at a result stays
quick while a large batch is read. A result is kept on disk by the upload's content hash: the
same bytes uploaded twice are read once, also when both uploads arrive at the same time.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import re
import secrets
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from yusuan.web import worker
from yusuan.web.uploads import SUFFIX, Accepted, Limits, Refused, store

HEX = re.compile(r"^[0-9a-f]{64}$")
BATCH_ID = re.compile(r"^[0-9a-f]{16}$")


def _version() -> str:
    try:
        return version("yusuan")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


@dataclass
class Settings:
    data_dir: Path
    db: str | None = None
    max_upload_mb: float = 50
    workers: int = 2
    render_workers: int = 1
    parse_timeout_s: int = 120
    max_zip_members: int = 200
    page_width_px: int = 1000
    cache_results: bool = True  # off only to measure or test the readers under load
    kill_grace_s: float = 30  # a worker still busy this long after its timeout is stuck in C code: killed
    checker: Callable[[str, str, int], dict[str, Any]] | None = None  # run in the workers; tests replace it

    @property
    def limits(self) -> Limits:
        return Limits(max_bytes=int(self.max_upload_mb * 1024 * 1024), max_zip_members=self.max_zip_members)


@dataclass
class Outcome:
    """One document's result as the pages and the API use it (stored JSON, parsed lazily)."""

    sha: str
    data: dict[str, Any]

    @property
    def record(self) -> dict[str, Any]:
        return dict(self.data["record"])

    @property
    def ok(self) -> bool:
        return "document" in self.data

    def record_for(self, label: str) -> dict[str, Any]:
        """The record under the name of this upload (the same bytes may have come under another name)."""
        rec = self.record
        first = rec.get("path")
        rec["path"] = label
        if first != label:
            rec["findings"] = [{**f, "location": {**f["location"], "file": label}}
                               if f.get("location", {}).get("file") == first else f for f in rec["findings"]]
        return rec


@dataclass
class BatchItem:
    label: str
    sha: str
    kind: str


@dataclass
class Batch:
    id: str
    created: float
    items: list[BatchItem] = field(default_factory=list)
    refused: list[dict[str, str]] = field(default_factory=list)


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.version = _version()
        root = settings.data_dir
        self.upload_dir = root / "uploads"
        self.result_dir = root / "results" / self.version
        self.batch_dir = root / "batches"
        self.page_dir = root / "pages"
        for d in (self.upload_dir, self.result_dir, self.batch_dir, self.page_dir):
            d.mkdir(parents=True, exist_ok=True)
        self._pool: ProcessPoolExecutor | None = None
        self._render_pool: ProcessPoolExecutor | None = None
        self._inflight: dict[str, asyncio.Future[Outcome]] = {}
        self._renders: dict[str, asyncio.Future[bool]] = {}
        self._memo: dict[str, Outcome] = {}
        # as many files in the pool as it has workers: a file's time bound then starts when it is read,
        # not when it joined the queue (a zip of 200 files waits in the queue for a long time)
        self._slots: asyncio.Semaphore | None = None

    # -- pools -------------------------------------------------------------------------------
    def _new_pool(self, n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=max(1, n), mp_context=multiprocessing.get_context("spawn"),
                                   initializer=worker.warm_up)

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = self._new_pool(self.settings.workers)
        return self._pool

    def render_pool(self) -> ProcessPoolExecutor:
        if self._render_pool is None:
            self._render_pool = self._new_pool(self.settings.render_workers)
        return self._render_pool

    def shutdown(self) -> None:
        for p in (self._pool, self._render_pool):
            if p is not None:
                p.shutdown(wait=False, cancel_futures=True)
        self._pool = self._render_pool = None

    # -- uploads and results -----------------------------------------------------------------
    def stored_path(self, sha: str) -> Path | None:
        if not HEX.match(sha):
            return None
        for suffix in SUFFIX.values():
            p = self.upload_dir / sha[:2] / f"{sha}{suffix}"
            if p.exists():
                return p
        return None

    def _result_path(self, sha: str) -> Path:
        return self.result_dir / f"{sha}.json"

    def outcome(self, sha: str) -> Outcome | None:
        """A finished result, from memory or disk; None when not (yet) read."""
        if not HEX.match(sha):
            return None
        if sha in self._memo:
            return self._memo[sha]
        p = self._result_path(sha)
        if not p.exists():
            return None
        out = Outcome(sha, json.loads(p.read_text(encoding="utf-8")))
        if len(self._memo) > 256:
            self._memo.clear()
        self._memo[sha] = out
        return out

    def reading(self, sha: str) -> bool:
        return sha in self._inflight

    def start(self, item: Accepted) -> asyncio.Future[Outcome]:
        """Store an upload and start reading it (once per content); the future gives its outcome."""
        path = store(self.upload_dir, item)
        sha = item.sha256
        return self._start(sha, path, item.label)

    def _start(self, sha: str, path: Path, label: str) -> asyncio.Future[Outcome]:
        loop = asyncio.get_running_loop()
        if self.settings.cache_results:
            done = self.outcome(sha)
            if done is not None:
                ready: asyncio.Future[Outcome] = loop.create_future()
                ready.set_result(done)
                return ready
            if sha in self._inflight:
                return self._inflight[sha]
        fut = loop.create_task(self._read(sha, path, label))
        if self.settings.cache_results:
            self._inflight[sha] = fut
            fut.add_done_callback(lambda _f: self._inflight.pop(sha, None))
        return fut

    def _kill_pool(self, pool: ProcessPoolExecutor) -> None:
        """End a pool whose worker is stuck (in C code, deaf to its alarm); a fresh one takes over."""
        if self._pool is pool:
            self._pool = None
        # every worker of it is killed (which one runs the stuck file is not known): the other files it
        # was reading see BrokenProcessPool and are read again on the fresh pool
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False)

    async def _read(self, sha: str, path: Path, label: str) -> Outcome:
        timeout = self.settings.parse_timeout_s
        check = self.settings.checker or worker.check_stored
        if self._slots is None:
            self._slots = asyncio.Semaphore(max(1, self.settings.workers))
        data: dict[str, Any] | None = None
        reason = ""
        async with self._slots:
            for _attempt in range(2):  # a pool broken by another file's crash: once more on a fresh pool
                pool = self.pool()
                try:
                    cf: Future[dict[str, Any]] = pool.submit(check, str(path), label, timeout)
                    # the worker stops itself at the timeout; this bound is for a worker stuck in C code
                    data = await asyncio.wait_for(asyncio.wrap_future(cf), timeout + self.settings.kill_grace_s)
                    break
                except TimeoutError:
                    self._kill_pool(pool)
                    reason = f"读取超时（超过 {timeout} 秒）"
                    break
                except BrokenProcessPool:
                    if self._pool is pool:
                        self._pool = None
                    reason = "读取进程意外退出（文件可能过大或已损坏）"
        if data is None:
            data = {"record": {"path": label, "error": {"reason": reason, "reason_en": "worker failed"},
                               "findings": [], "coverage": None}}
        out = Outcome(sha, data)
        if self.settings.cache_results or not self._result_path(sha).exists():
            tmp = self._result_path(sha).with_suffix(f".{secrets.token_hex(4)}.tmp")
            tmp.write_text(worker.dumps(data), encoding="utf-8")
            tmp.replace(self._result_path(sha))
            self._memo.pop(sha, None)
        return out

    # -- batches -----------------------------------------------------------------------------
    def new_batch(self, accepted: list[Accepted], refused: list[Refused]) -> Batch:
        batch = Batch(secrets.token_hex(8), time.time(),
                      [BatchItem(a.label, a.sha256, a.kind) for a in accepted],
                      [{"label": r.label, "reason": r.reason, "reason_en": r.reason_en} for r in refused])
        for a in accepted:
            self.start(a)
        (self.batch_dir / f"{batch.id}.json").write_text(json.dumps({
            "id": batch.id, "created": batch.created,
            "items": [vars(i) for i in batch.items], "refused": batch.refused,
        }, ensure_ascii=False), encoding="utf-8")
        return batch

    def batch(self, batch_id: str) -> Batch | None:
        if not BATCH_ID.match(batch_id):
            return None
        p = self.batch_dir / f"{batch_id}.json"
        if not p.exists():
            return None
        raw = json.loads(p.read_text(encoding="utf-8"))
        return Batch(raw["id"], raw["created"], [BatchItem(**i) for i in raw["items"]], raw["refused"])

    def resume(self, batch: Batch) -> None:
        """Items neither read nor being read (the server restarted meanwhile) are read again."""
        for item in batch.items:
            if self.outcome(item.sha) is None and not self.reading(item.sha):
                path = self.stored_path(item.sha)
                if path is not None:
                    self._start(item.sha, path, item.label)

    # -- page images ---------------------------------------------------------------------------
    async def page_image(self, sha: str, page: int) -> Path | None:
        path = self.stored_path(sha)
        if path is None or path.suffix != ".pdf" or not 1 <= page <= 100000:
            return None
        width = self.settings.page_width_px
        target = self.page_dir / sha[:2] / sha / f"{page}-{width}.png"
        if target.exists():
            return target
        key = str(target)
        if key not in self._renders:
            cf = self.render_pool().submit(worker.render_page, str(path), page, key, width)
            fut = asyncio.ensure_future(asyncio.wrap_future(cf))
            self._renders[key] = fut
            fut.add_done_callback(lambda _f: self._renders.pop(key, None))
        try:
            ok = await asyncio.wait_for(asyncio.shield(self._renders[key]), 60)
        except (TimeoutError, BrokenProcessPool):
            self._render_pool = None
            return None
        return target if ok else None
