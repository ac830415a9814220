"""The work done in the worker processes: read + audit one stored upload, render one page.

Everything here takes and returns plain data (paths, strings, dicts) so that it crosses the process
boundary cheaply; the server process never parses a document itself and keeps serving.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any


class ReadTimeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise ReadTimeout


def _exit_with_parent(parent: int) -> None:
    """A worker whose server is gone (killed, crashed) ends too, instead of lingering."""
    import time

    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def warm_up() -> None:
    """Start the watch on the server process; import the pipeline and the rules once per worker."""
    import threading

    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    import yusuan.pipeline  # noqa: F401
    from yusuan.audit import all_rules

    all_rules()


def check_stored(path: str, label: str, timeout_s: int) -> dict[str, Any]:
    """Read and audit one stored file within ``timeout_s`` seconds.

    Returns ``{"record": <the `yusuan check --format json` line, path = label>, "document": json,
    "result": json, "pages": [[w, h], …], "boxes": [[box, …] per finding]}``, or only ``record``
    (an error record) when the file could not be read.
    """
    from yusuan.audit import audit
    from yusuan.errors import ReadError
    from yusuan.pipeline import load
    from yusuan.render.report_json import document_record, error_record

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(max(1, timeout_s))
    try:
        try:
            doc = load(path)
            result = audit(doc)
            # the stored name is the content hash: findings and the document name the upload instead
            doc.paths = [label]
            for f in result.findings:
                if f.location.file == path:
                    f.location.file = label
        except ReadError as err:
            return {"record": error_record(label, ReadError(label, err.reason, err.reason_en))}
        except ReadTimeout:
            late = ReadError(label, f"读取超时（超过 {timeout_s} 秒）", f"reading timed out after {timeout_s} s")
            return {"record": error_record(label, late)}
        except Exception as exc:  # a parser bug must not cost the server its worker; say what happened
            failed = ReadError(label, f"读取时出错：{type(exc).__name__}: {exc}", "reader failed")
            return {"record": error_record(label, failed)}
        out: dict[str, Any] = {
            "record": document_record(label, doc, result),
            "document": doc.model_dump_json(),
            "result": result.model_dump_json(),
            "pages": [],
            "boxes": [[] for _ in result.findings],
        }
        if doc.format == "pdf":
            try:
                from yusuan.web.highlights import finding_boxes, page_sizes

                out["pages"] = page_sizes(path)
                out["boxes"] = finding_boxes(doc, result.findings, path)
            except (ReadError, ReadTimeout):
                pass  # the findings stand without their boxes
        return out
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def render_page(pdf_path: str, page: int, out: str, width_px: int) -> bool:
    """Render one page to a PNG ``width_px`` wide (written atomically); False if there is no such page."""
    from yusuan.errors import ReadError
    from yusuan.readers.pdf import open_pdf

    try:
        pdf: Any = open_pdf(pdf_path)
    except ReadError:
        return False
    try:
        if not 1 <= page <= len(pdf):
            return False
        p = pdf[page - 1]
        w, _ = p.get_size()
        image = p.render(scale=width_px / max(w, 1.0)).to_pil().convert("RGB")
    finally:
        pdf.close()
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp.png")
    image.save(tmp, optimize=False)
    tmp.replace(target)
    return True


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)
