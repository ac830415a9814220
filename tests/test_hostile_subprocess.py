"""The memory bombs of issue 13 at their full size (small files that claim millions of cells), run
as a user would — ``yusuan parse`` in a child process — under an address-space cap and a
wall-clock timeout: each must end in a clean exit 2 well inside both."""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import hostile_inputs as hi  # noqa: E402

MEMORY_MB = 1024
TIMEOUT_S = 60


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_MB << 20, MEMORY_MB << 20))


@pytest.mark.parametrize(("make", "reason"), [
    (lambda d: hi.docx_grid_span(d, 1.0), "YUSUAN_MAX_SPAN"),
    (lambda d: hi.docx_grid_before(d, 1.0), "YUSUAN_MAX_TABLE_COLUMNS"),
    (lambda d: hi.docx_span_rows(d, 1.0), "YUSUAN_MAX_SPAN"),
    (lambda d: hi.html_span_bomb(d, 1.0), "YUSUAN_MAX_TABLE_COLUMNS"),
    (lambda d: hi.xlsx_claimed_range(d, 1.0), "不是预算公开文件"),
    (lambda d: hi.xlsx_huge_merge(d, 1.0), "不是预算公开文件"),
], ids=["docx_grid_span", "docx_grid_before", "docx_span_rows", "html_span_bomb", "xlsx_claimed_range",
        "xlsx_huge_merge"])
def test_bomb_refused_within_bounds(tmp_path: Path, make: Callable[[Path], Path], reason: str) -> None:
    path = make(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "yusuan.cli", "parse", str(path)], capture_output=True,
                          text=True, timeout=TIMEOUT_S, preexec_fn=_cap, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and str(path) in proc.stderr and reason in proc.stderr, proc.stderr
