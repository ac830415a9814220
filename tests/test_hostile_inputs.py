"""Hostile and broken inputs (issue 13), small: each ends in a clean exit 2 naming the file and the
true reason (or reads, where the input is a legitimate one in an awkward form), never a traceback.

The inputs come from ``bench/hostile_inputs.py`` at a tiny scale; limits are lowered through their
environment variables so that small files reach them. The big cases live in ``bench/hostile.py``.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import hostile_inputs as hi  # noqa: E402

SEED = Path(__file__).parent / "fixtures" / "seeds" / "002_ecac1c9bef546caa.txt"
S = 0.000_001  # every generator's minimum size


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _members(d: Path) -> Path:
    p = d / "members.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<x/>")
        for i in range(10):
            z.writestr(f"word/media/{i}.bin", b"")
    return p


CASES: list[tuple[str, Callable[[Path], Path], dict[str, str], str]] = [
    ("docx_grid_span", lambda d: hi.docx_grid_span(d, S), {}, "合并单元格跨度"),
    ("docx_grid_before", lambda d: hi.docx_grid_before(d, S), {}, "表格列数"),
    ("docx_span_rows", lambda d: hi.docx_span_rows(d, S), {}, "合并单元格跨度"),
    ("docx_paragraph_bomb", lambda d: hi.docx_paragraph_bomb(d, S), {"YUSUAN_MAX_UNZIPPED_MB": "1"}, "解压后的 XML"),
    ("docx_whitespace_bomb", lambda d: hi.docx_whitespace_bomb(d, S), {"YUSUAN_MAX_UNZIPPED_MB": "1"},
     "YUSUAN_MAX_UNZIPPED_MB"),
    ("docx_members", _members, {"YUSUAN_MAX_ZIP_MEMBERS": "5"}, "压缩包内文件数"),
    ("docx_damaged", lambda d: hi.docx_damaged_member(d, S), {}, "已损坏"),
    ("zip_truncated", lambda d: hi.zip_truncated(d, S), {}, "已损坏"),
    ("text_many_tabs", lambda d: hi.text_many_tabs(d, S), {}, "表格列数"),
    ("text_chars", lambda d: hi.text_big(d, S, SEED.read_bytes(), 1), {"YUSUAN_MAX_TEXT_CHARS": "5000"},
     "文本字符数"),
    ("xlsx_rows", lambda d: hi.xlsx_rows(d, S), {"YUSUAN_MAX_TABLE_ROWS": "100"}, "表格行数"),
    ("html_span_bomb", lambda d: hi.html_span_bomb(d, S), {}, "表格列数"),
    ("html_cells", lambda d: hi.html_big(d, S), {"YUSUAN_MAX_TABLE_CELLS": "1000"}, "单元格数"),
    ("file_size", lambda d: hi._repeat_to(d / "two_mb.txt", SEED.read_bytes(), 2_000_000), {"YUSUAN_MAX_FILE_MB": "1"},
     "文件大小"),
    ("pdf_english", lambda d: hi.pdf_english(d, S), {}, "不是预算公开文件"),
    ("named_pipe", hi.named_pipe, {}, "不是普通文件"),
    ("empty_folder", hi.empty_folder, {}, "没有可读取的文件"),
    ("folder_no_documents", hi.folder_without_documents, {}, "没有可读取的文件"),
]


@pytest.mark.parametrize(("name", "make", "env", "reason"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["check", "parse"])
def test_hostile_input_is_refused_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str,
                                          name: str, make: Callable[[Path], Path], env: dict[str, str],
                                          reason: str) -> None:
    if name == "named_pipe" and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    path = make(tmp_path)
    code, out = run(command, str(path))
    assert code == 2, out
    assert str(path) in out, out
    assert reason in out, out
    assert "Traceback" not in out and "Error:" not in out, out  # no exception class names


def test_limit_message_says_how_to_raise_it(tmp_path: Path) -> None:
    code, out = run("parse", str(hi.docx_grid_span(tmp_path, S)))
    assert code == 2 and "上限 1,000" in out and "YUSUAN_MAX_SPAN" in out


@pytest.mark.parametrize("make", [
    lambda d: hi.utf16(d, S, SEED.read_text("utf-8"), ".txt"),
    lambda d: hi.utf16(d, S, SEED.read_text("utf-8"), ".html"),
    lambda d: hi.gbk_declared_latin1(d, S, SEED.read_text("utf-8")),
], ids=["utf16_text", "utf16_html", "gbk_declared_latin1"])
def test_misdeclared_encodings_are_read(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    path = make(tmp_path)
    code, out = run("facts", str(path))
    assert code == 0, out
    assert "一般公共" in out  # the Chinese text came through


def test_markup_in_file_names_is_printed_as_is(tmp_path: Path) -> None:
    paths = hi.markup_names(tmp_path)
    code, out = run("parse", *map(str, paths))
    assert code == 2 and "Traceback" not in out
    for p in paths:
        assert f"{p}: 无法读取：文件为空" in out


def test_output_into_missing_folder_fails_before_the_work(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.json"
    code, out = run("check", "--format", "json", "-o", str(target), str(SEED))
    assert code == 2 and str(target) in out and "所在文件夹不存在" in out and "Traceback" not in out


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_output_to_a_full_device(tmp_path: Path) -> None:
    code, out = run("check", "--format", "json", "-o", "/dev/full", str(SEED))
    assert code == 2 and "/dev/full" in out and "磁盘空间已满" in out and "Traceback" not in out


def test_output_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "--format", "json", "-o", "-", str(SEED))
    assert code in (0, 1)
    assert not (tmp_path / "-").exists()
    assert json.loads(out.strip().splitlines()[-1])["path"] == str(SEED)


def test_json_output_is_written_complete_or_marked_partial(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, _ = run("check", "--format", "json", "-o", str(target), str(SEED))
    assert code in (0, 1) and target.exists() and not (tmp_path / "out.json.partial").exists()


def test_a_crash_in_one_document_does_not_stop_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yusuan.parse

    real = yusuan.parse.parse_document

    def crashing(raw):  # type: ignore[no-untyped-def]
        if "crash" in raw.path:
            raise ValueError("a parser bug")
        return real(raw)

    monkeypatch.setattr(yusuan.parse, "parse_document", crashing)
    files = [tmp_path / "a.txt", tmp_path / "crash.txt", tmp_path / "c.txt"]
    for f in files:
        f.write_bytes(SEED.read_bytes())
    code, out = run("check", "--format", "json", *map(str, files))
    assert code == 2 and "Traceback" not in out and "ValueError" not in out
    records = [json.loads(ln) for ln in out.splitlines() if ln.startswith("{")]
    assert [Path(r["path"]).name for r in records] == ["a.txt", "crash.txt", "c.txt"]
    assert "内部错误" in records[1]["error"]["reason"] and records[2]["findings"] is not None
