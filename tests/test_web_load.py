"""Concurrent users: 20 uploads of a 32-page PDF at once are all answered correctly, and the server
keeps answering other requests while they are read (reading runs in worker processes)."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from web_support import CORPUS, cli_record, server_process

PDF = CORPUS / "11_huzhou_finance_bureau_2026.pdf"  # 32 pages


def test_twenty_concurrent_uploads(tmp_path: Path) -> None:
    import httpx

    want = json.loads(json.dumps(cli_record(PDF), ensure_ascii=False).replace(str(PDF), PDF.name))
    data = PDF.read_bytes()
    # results are not shared between the uploads: each one is read, as 20 different files would be
    with server_process(tmp_path, workers=2, cache_results=False) as (url, _):

        def upload(_: int) -> tuple[int, dict[str, object]]:
            r = httpx.post(f"{url}/api/check", files={"file": (PDF.name, data)}, timeout=600)
            return r.status_code, r.json()

        with ThreadPoolExecutor(20) as pool:
            futures = [pool.submit(upload, i) for i in range(20)]
            time.sleep(1.0)  # the uploads are in; reading has begun
            pings = []
            while not all(f.done() for f in futures):
                t0 = time.monotonic()
                assert httpx.get(f"{url}/healthz", timeout=30).status_code == 200
                pings.append(time.monotonic() - t0)
                time.sleep(0.2)
            answers = [f.result() for f in futures]
    assert [code for code, _ in answers] == [200] * 20
    assert all(body == want for _, body in answers)
    assert pings, "the batch finished before the server could be asked anything"
    # reading all 20 takes 10 s or more on two cores; a server that read them itself would not answer
    # for that long. Bounds loose enough for a machine shared with other work.
    pings.sort()
    assert pings[len(pings) // 2] < 1.0, f"the server answered slowly while reading: median {pings[len(pings) // 2]:.2f} s"
    assert pings[-1] < 5.0, f"the server stalled while reading: {pings[-1]:.2f} s"


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        out |= {int(x) for x in text.split()}
    return out


def test_workers_end_with_a_killed_server(tmp_path: Path) -> None:
    """A server killed outright (OOM killer, kill -9) leaves no reading process behind."""
    import os
    import signal

    import httpx
    import pytest

    if not Path("/proc/self/task").exists():
        pytest.skip("needs /proc to list the worker processes")
    with server_process(tmp_path, workers=2) as (url, server):
        r = httpx.post(f"{url}/api/check", files={"file": (PDF.name, PDF.read_bytes())}, timeout=300)
        assert r.status_code == 200
        workers = _children(server.pid)
        assert workers, "no worker process was started"
        server.send_signal(signal.SIGKILL)
        server.wait()
    for _ in range(100):
        alive = {p for p in workers if Path(f"/proc/{p}").exists()
                 and "zombie" not in Path(f"/proc/{p}/status").read_text().lower()}
        if not alive:
            break
        time.sleep(0.1)
    for p in alive:
        os.kill(p, signal.SIGKILL)  # do not leave them behind even when the test fails
    assert not alive, f"worker processes outlived their server: {alive}"
