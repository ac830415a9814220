"""Property tests (hypothesis): whatever bytes a reader is handed, and however a seed text is
mutated, the result is a document or a ``ReadError`` — never another exception.

Runs in-process on small inputs (the limits keep every reader bounded); the subprocess runs under
``resource`` caps are ``tests/test_hostile_subprocess.py``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.errors import ReadError
from yusuan.pipeline import load

SEED = (Path(__file__).parent / "fixtures" / "seeds" / "002_ecac1c9bef546caa.txt").read_text("utf-8")
LINES = SEED.splitlines()
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _load_or_refuse(path: Path) -> None:
    try:
        load(str(path))
    except ReadError as err:
        assert str(path) in err.message() and err.reason
        assert "Error" not in err.reason  # a sentence, not an exception's class name


@FAST
@given(data=st.binary(min_size=1, max_size=4000),
       suffix=st.sampled_from([".txt", ".html", ".docx", ".xlsx", ".pdf", ".bin"]))
def test_any_bytes_read_or_refused(tmp_path: Path, data: bytes, suffix: str) -> None:
    p = tmp_path / f"x{suffix}"
    p.write_bytes(data)
    _load_or_refuse(p)


@FAST
@given(data=st.binary(min_size=1, max_size=3000), member=st.sampled_from(["word/document.xml", "xl/workbook.xml"]))
def test_any_zip_member_read_or_refused(tmp_path: Path, data: bytes, member: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(member, data)
    p = tmp_path / ("x.docx" if member.startswith("word") else "x.xlsx")
    p.write_bytes(buf.getvalue())
    _load_or_refuse(p)


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "swap", "tabs", "garble", "digits"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "tabs":
            lines[i] = "\t".join(lines[i])
        elif op == "garble":
            lines[i] = draw(st.text(max_size=40))
        else:
            lines[i] = "".join(draw(st.sampled_from("0123456789.,-%（）万元")) for _ in range(12))
        if not lines:
            lines = ["x"]
    return "\n".join(lines)


@pytest.mark.parametrize("suffix", [".txt", ".html"])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated_seed())
def test_mutated_seed_parses_or_is_refused(tmp_path: Path, suffix: str, text: str) -> None:
    p = tmp_path / f"seed{suffix}"
    if suffix == ".html":
        text = "<html><body>" + "".join(f"<p>{ln}</p>" for ln in text.splitlines()) + "</body></html>"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    _load_or_refuse(p)
