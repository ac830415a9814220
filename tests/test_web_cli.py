"""`yusuan serve`: bad start-up input is a Chinese message and exit 2, never a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main

pytest.importorskip("fastapi", reason="the web extra is not installed")


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb"), "--data-dir", str(tmp_path)])
    assert r.exit_code == 2 and "语料库文件不存在" in r.output


def test_serve_says_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = CliRunner().invoke(main, ["serve", "--port", str(port), "--data-dir", str(tmp_path)])
    assert r.exit_code == 2 and "无法监听" in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_serve_binds_loopback_by_default() -> None:
    r = CliRunner().invoke(main, ["serve", "--help"])
    assert r.exit_code == 0 and "127.0.0.1" in r.output
