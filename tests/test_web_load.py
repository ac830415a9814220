"""Concurrent users: 20 uploads of a 32-page PDF at once are all answered correctly, and the server
keeps answering other requests while they are read (reading runs in worker processes)."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from web_support import CORPUS, cli_record, live_server

PDF = CORPUS / "11_huzhou_finance_bureau_2026.pdf"  # 32 pages


def test_twenty_concurrent_uploads(tmp_path: Path) -> None:
    import httpx

    want = json.loads(json.dumps(cli_record(PDF), ensure_ascii=False).replace(str(PDF), PDF.name))
    data = PDF.read_bytes()
    # results are not shared between the uploads: each one is read, as 20 different files would be
    with live_server(tmp_path, workers=2, cache_results=False) as url:

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
    assert max(pings) < 2.0, f"the server stalled while reading: {max(pings):.2f} s"
