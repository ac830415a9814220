"""Latency and throughput of ``POST /api/check`` on loopback, for 1 and for 20 concurrent clients.

    python bench/web.py [PDF] [--requests N] [--workers N] [--max-seconds S]

Starts the app (uvicorn, in a child process of its own, results not shared between uploads so
that every request is read) on a free loopback port, sends N requests per level of concurrency
(bounded by --max-seconds per level), and prints p50 / p95 latency and documents per second.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PDF = HERE.parent / "tests" / "fixtures" / "corpus" / "11_huzhou_finance_bureau_2026.pdf"

SERVER = """
import sys, uvicorn
from pathlib import Path
from yusuan.web.app import create_app
from yusuan.web.jobs import Settings
port, data, workers = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
app = create_app(Settings(data_dir=Path(data), workers=workers, cache_results=False))
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    import httpx

    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", default=str(DEFAULT_PDF))
    ap.add_argument("--requests", type=int, default=20, help="requests per concurrency level")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--max-seconds", type=float, default=120.0, help="time bound per concurrency level")
    args = ap.parse_args()
    data = Path(args.pdf).read_bytes()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), tmp, str(args.workers)])
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            # warm the worker processes (their imports) before timing
            for _ in range(args.workers):
                httpx.post(f"{url}/api/check", files={"file": ("w.pdf", data)}, timeout=300)
            print(f"file: {Path(args.pdf).name} ({len(data) / 1024:.0f} KB); server workers: {args.workers}")
            for clients in (1, 20):
                deadline = time.monotonic() + args.max_seconds
                latencies: list[float] = []
                failures = 0

                def one(_: int, deadline: float = deadline) -> tuple[float, int] | None:
                    if time.monotonic() > deadline:
                        return None
                    t0 = time.monotonic()
                    r = httpx.post(f"{url}/api/check", files={"file": ("b.pdf", data)}, timeout=600)
                    return time.monotonic() - t0, r.status_code

                t0 = time.monotonic()
                with ThreadPoolExecutor(clients) as pool:
                    for res in pool.map(one, range(args.requests)):
                        if res is None:
                            continue
                        latencies.append(res[0])
                        failures += res[1] != 200
                wall = time.monotonic() - t0
                if not latencies:
                    print(f"{clients:>2} clients: no request finished within {args.max_seconds:g} s")
                    continue
                print(f"{clients:>2} clients: {len(latencies)} requests in {wall:.1f} s, "
                      f"p50 {statistics.median(latencies):.2f} s, p95 {_pct(latencies, 95):.2f} s, "
                      f"{len(latencies) / wall:.2f} documents/s, {failures} not 200")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
