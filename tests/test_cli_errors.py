"""Bad input gets a clear message naming the file and the reason, exit code 2, no traceback."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"   \n\n  ", "空白"),
        ("binary.txt", b"\x00\x01\x02" * 100, "二进制"),
        ("notes.txt", "今天天气很好。\n明天也很好。".encode(), "不是预算公开文件"),
    ],
)
def test_bad_text_inputs_exit_2(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    code, out = run("parse", str(p))
    assert code == 2
    assert str(p) in out and reason in out
    assert "Traceback" not in out


def test_missing_file(tmp_path: Path) -> None:
    code, out = run("facts", str(tmp_path / "nope.pdf"))
    assert code == 2 and "文件不存在" in out and "Traceback" not in out


def test_corrupt_zip_named_docx(tmp_path: Path) -> None:
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    code, out = run("parse", str(p))
    assert code == 2 and "x.docx" in out and "Traceback" not in out


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    good = Path(__file__).parent / "fixtures" / "seeds" / "002_ecac1c9bef546caa.txt"
    code, out = run("facts", str(bad), str(good))
    assert code == 2
    assert "bad.txt" in out
    assert '"table"' in out  # the good file's facts were printed


def test_a_folder_walk_skips_files_that_are_not_disclosures(tmp_path: Path) -> None:
    import shutil

    seed = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))[1]
    shutil.copy(seed, tmp_path / "a.txt")
    (tmp_path / "README.md").write_text("# 说明\n\n本文件夹收集了各部门的预算公开文件，来源见下。\n\n- 某局：某网站\n",
                                        encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--exit-zero"])
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert r.exit_code == 0, r.stderr
    readme = [x for x in lines if x["path"].endswith("README.md")]
    assert readme and "skipped" in readme[0] and "error" not in readme[0]
    assert "跳过 1 份非预算公开文件" in r.stderr
    # named explicitly, it is refused with its reason
    r = CliRunner().invoke(main, ["check", str(tmp_path / "README.md")])
    assert r.exit_code == 2 and "不是预算公开文件" in r.stderr
