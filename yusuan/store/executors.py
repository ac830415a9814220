"""Where the work of ingest runs: in this process, in a pool of processes, or on a Dask cluster.

Each executor takes (paths, sha256) tasks and yields ``Outcome``s as they finish, keeping only a
bounded number of tasks in flight, so that a national batch of 300,000 files does not hold
300,000 futures. Results do not depend on the executor: each document's rows are made by the
same function, and the writer writes one document at a time.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.context import BaseContext

from yusuan.store.worker import Outcome, process

Task = tuple[list[str], str]  # (paths, sha256)

# a worker process is replaced after this many documents, so that memory a parse leaves behind
# (pdfium caches, fragmented heaps) stays bounded per worker
TASKS_PER_WORKER = 25


def run_serial(tasks: Iterable[Task]) -> Iterator[Outcome]:
    for paths, sha in tasks:
        yield process(paths, sha)


def _crashed(task: Task) -> Outcome:
    from yusuan.store.worker import doc_id_of

    paths, sha = task
    return Outcome(paths, sha, doc_id_of(sha), error=("解析进程异常退出（内存不足或读取库崩溃）", "worker process died"))


def _context() -> BaseContext:
    """Workers forked from a server that has already imported the parser: a replaced worker starts
    in milliseconds instead of importing everything again (spawn), and no lock or open database of
    the writer is inherited (fork)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["yusuan.store.worker", "yusuan.pipeline", "yusuan.parse", "yusuan.audit",
                                "yusuan.store.rows"])
    return ctx


def run_pool(tasks: Iterable[Task], jobs: int) -> Iterator[Outcome]:
    """A pool of ``jobs`` processes. A task whose worker dies is tried once more in a new pool,
    then reported as failed; the batch goes on."""
    it = iter(tasks)
    window = jobs * 4
    retry: list[Task] = []
    tried: set[str] = set()
    while True:
        ex = ProcessPoolExecutor(max_workers=jobs, max_tasks_per_child=TASKS_PER_WORKER, mp_context=_context())
        pending: dict[Future[Outcome], Task] = {}
        broken = False

        def submit(task: Task, ex: ProcessPoolExecutor = ex, pending: dict[Future[Outcome], Task] = pending) -> None:
            pending[ex.submit(process, task[0], task[1])] = task

        for task in [*retry, *islice(it, max(window - len(retry), 0))]:
            submit(task)
        retry = []
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    task = pending.pop(f)
                    try:
                        yield f.result()
                    except BrokenProcessPool:
                        broken = True
                        if task[1] in tried:
                            yield _crashed(task)
                        else:
                            tried.add(task[1])
                            retry.append(task)
                        continue
                    if not broken:
                        nxt = next(it, None)
                        if nxt is not None:
                            submit(nxt)
                if broken:
                    for f, task in pending.items():
                        f.cancel()
                        retry.append(task)
                    pending.clear()
        finally:
            ex.shutdown(wait=True, cancel_futures=True)
        if not broken:
            return


def run_dask(tasks: Iterable[Task], jobs: int, scheduler: str | None) -> Iterator[Outcome]:
    """On a Dask distributed cluster at ``scheduler`` (tcp://host:8786), or a local one of ``jobs``
    single-threaded worker processes when no address is given."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise RuntimeError("未安装 dask：pip install 'yusuan[dask]' (dask executor needs the [dask] extra)") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        it = iter(tasks)
        window = max(jobs, len(client.scheduler_info().get("workers", {})) or 1) * 4
        ac = as_completed()
        for paths, sha in islice(it, window):
            ac.add(client.submit(process, paths, sha, pure=False))
        for fut in ac:
            out: Outcome = fut.result()
            fut.release()
            yield out
            nxt = next(it, None)
            if nxt is not None:
                ac.add(client.submit(process, nxt[0], nxt[1], pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
