"""Shared set-up of the web app tests: an app on a temporary data folder, the fixture files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")

from fastapi.testclient import TestClient  # noqa: E402

from yusuan.web.app import create_app  # noqa: E402
from yusuan.web.jobs import Settings  # noqa: E402

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"
SEEDS = HERE / "fixtures" / "seeds"
FORMATS = HERE / "fixtures" / "formats"
# a disclosure with table and narrative errors (checked by hand on its rendered pages 8 and 17)
PDF_WITH_ERRORS = CORPUS / "16_changchun_petitions_bureau_2026.pdf"
SEED = SEEDS / "000_8e762299dd7fdb05.txt"


@contextmanager
def web_client(tmp_path: Path, **settings: Any) -> Iterator[TestClient]:
    settings.setdefault("workers", 1)
    app = create_app(Settings(data_dir=tmp_path / "data", **settings))
    with TestClient(app) as client:
        yield client


def cli_record(path: Path) -> dict[str, Any]:
    """What `yusuan check --format json` prints for this file (its one line, parsed)."""
    from click.testing import CliRunner

    from yusuan.cli import main

    out = CliRunner().invoke(main, ["check", "--format", "json", "--exit-zero", str(path)])
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, out.output
    record: dict[str, Any] = json.loads(lines[0])
    return record


@contextmanager
def live_server(tmp_path: Path, **settings: Any) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port (in a thread); yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    settings.setdefault("workers", 2)
    app = create_app(Settings(data_dir=tmp_path / "data", **settings))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


SERVER_CODE = """
import json, sys
from pathlib import Path
import uvicorn
from yusuan.web.app import create_app
from yusuan.web.jobs import Settings
port, settings = int(sys.argv[1]), json.loads(sys.argv[2])
settings["data_dir"] = Path(settings["data_dir"])
uvicorn.run(create_app(Settings(**settings)), host="127.0.0.1", port=port, log_level="error")
"""


@contextmanager
def server_process(tmp_path: Path, **settings: Any) -> Iterator[tuple[str, Any]]:
    """The app served by uvicorn in a process of its own (as `yusuan serve` runs); yields (URL, Popen)."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    settings.setdefault("workers", 2)
    settings["data_dir"] = str(tmp_path / "data")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", SERVER_CODE, str(port), json.dumps(settings)])
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def stuck_or_real(path: str, label: str, timeout_s: int) -> dict[str, Any]:
    """A worker function for tests: a file labelled "stuck…" hangs deaf to its alarm, as a reader stuck
    in C code would; a file labelled "crash…" kills its worker; any other file is read for real."""
    import os
    import signal
    import time

    from yusuan.web.worker import check_stored

    if label.startswith("stuck"):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(3600)
    if label.startswith("crash"):
        os._exit(1)
    return check_stored(path, label, timeout_s)
