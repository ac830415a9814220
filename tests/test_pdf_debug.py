"""``yusuan debug``: the page rendered with what the reader found, and the blocks as text."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from yusuan.cli import main

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FUZHOU = CORPUS / "13_fuzhou_commerce_bureau_2026.pdf"


def test_page_png_has_the_cells_drawn_on_it(tmp_path: Path) -> None:
    out = tmp_path / "p11.png"
    result = CliRunner().invoke(main, ["debug", str(FUZHOU), "--page", "11", "-o", str(out), "--scale", "1"])
    assert result.exit_code == 0, result.output
    img = Image.open(out).convert("RGB")
    assert abs(img.size[0] - 595) <= 1 and abs(img.size[1] - 842) <= 1  # A4 portrait at scale 1
    r, g, b = img.split()
    # red where the red channel is high and the others low: the cell outlines
    mask = (
        Image.merge(
            "RGB",
            (
                r.point(lambda v: 255 if v > 200 else 0),
                g.point(lambda v: 255 if v < 80 else 0),
                b.point(lambda v: 255 if v < 80 else 0),
            ),
        )
        .convert("L")
        .point(lambda v: 255 if v == 255 else 0)
    )
    reds = mask.histogram()[255]
    assert reds > 1000, "cell outlines are drawn in red"


def test_blocks_as_text_for_one_page() -> None:
    result = CliRunner().invoke(main, ["debug", str(FUZHOU), "--blocks", "--page", "11"])
    assert result.exit_code == 0
    assert "2026年度收支预算总表" in result.output
    assert "| 本年收入合计 | 24995.94 | 本年支出合计 | 24995.94 |" in result.output
    assert "p12" not in result.output


def test_blocks_of_a_text_file(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("2024年部门预算\n项目\t金额\n合计\t1.00\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["debug", str(f), "--blocks"])
    assert result.exit_code == 0
    assert "L1 文本: 2024年部门预算" in result.output and "| 合计 | 1.00 |" in result.output


def test_errors_are_clear(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(main, ["debug", str(FUZHOU), "--page", "99", "-o", str(tmp_path / "x.png")])
    assert r.exit_code == 2 and "页码超出范围" in r.output
    r = runner.invoke(main, ["debug", str(tmp_path / "missing.pdf"), "--blocks"])
    assert r.exit_code == 2 and "文件不存在" in r.output
    r = runner.invoke(main, ["debug", str(FUZHOU), "-o", str(tmp_path / "x.png")])
    assert r.exit_code == 2 and "--page" in r.output
