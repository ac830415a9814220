"""Helpers for the store tests: where fixtures and ../shared are, a store in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def shared_dir() -> Path | None:
    """$YUSUAN_SHARED, ../shared beside the clone (as CI lays it), or the workplace copy."""
    env = os.environ.get("YUSUAN_SHARED")
    for cand in (*([Path(env)] if env else []), ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        if (cand / "more").is_dir() or (cand / "bulk").is_dir():
            return cand
    return None


def shared_file(sub: str, name: str) -> Path:
    base = shared_dir()
    path = base / sub / name if base else None
    if path is None or not path.is_file():
        pytest.skip(f"SKIPPED LOUDLY: ../shared/{sub}/{name} is absent; this test needs the shared documents")
    return path


def pg_dsn() -> str:
    """The DSN of a throwaway PostgreSQL server (.ci/run starts one and exports YUSUAN_TEST_PG)."""
    dsn = os.environ.get("YUSUAN_TEST_PG")
    if not dsn:
        pytest.skip("SKIPPED LOUDLY: no PostgreSQL server (set YUSUAN_TEST_PG=postgresql://…; .ci/run starts one)")
    try:
        import psycopg

        psycopg.connect(dsn, connect_timeout=5).close()
    except Exception as exc:
        pytest.skip(f"SKIPPED LOUDLY: PostgreSQL at YUSUAN_TEST_PG not reachable: {exc}")
    return dsn
