"""--executor dask: the same rows as a serial ingest, on a local cluster or at a scheduler address."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import SEEDS
from test_store_ingest import _snapshot

from yusuan.store import ingest

distributed = pytest.importorskip("distributed", reason="SKIPPED LOUDLY: dask is not installed (pip install 'yusuan[dask]')")


def test_dask_local_cluster_and_scheduler_address_store_what_a_serial_ingest_does(tmp_path: Path) -> None:
    groups = [[str(p)] for p in SEEDS[:3]]
    serial = str(tmp_path / "serial.duckdb")
    ingest(serial, groups, jobs=1, progress=False)

    local = str(tmp_path / "local.duckdb")
    assert ingest(local, groups, jobs=2, executor="dask", progress=False).new == 3
    assert _snapshot(local) == _snapshot(serial)

    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        remote = str(tmp_path / "remote.duckdb")
        summary = ingest(remote, groups, jobs=1, executor="dask", scheduler=cluster.scheduler_address, progress=False)
        assert summary.new == 3 and not summary.failed
        assert _snapshot(remote) == _snapshot(serial)
    finally:
        cluster.close()
