"""The PDF reader on real pages (a few corpus files) and on bad PDFs made on the fly."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pdf_helpers import minimal_pdf

from yusuan.blocks import Grid, RawDocument, TextLine
from yusuan.errors import ReadError
from yusuan.readers import read
from yusuan.readers.pdf import read_pdf, text_layer_problem

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SHANGHAI = CORPUS / "01_shanghai_audit_bureau_2026.pdf"
FUZHOU = CORPUS / "13_fuzhou_commerce_bureau_2026.pdf"


@pytest.fixture(scope="module")
def shanghai() -> RawDocument:
    return read_pdf(str(SHANGHAI))


def grids_on(raw: RawDocument, page: int) -> list[Grid]:
    return [b for b in raw.blocks if isinstance(b, Grid) and b.page == page]


def row_starting(grid: Grid, label: str) -> list[str]:
    for r in grid.texts():
        if r and r[0] == label:
            return r
    raise AssertionError(f"no row {label!r} in {grid.texts()[:3]}…")


def test_shanghai_summary_reads_as_printed_with_the_blank_income_total(shanghai: RawDocument) -> None:
    (g,) = grids_on(shanghai, 7)
    # 收入总计 is printed blank; 支出总计 with its three parts
    assert row_starting(g, "收入总计") == [
        "收入总计",
        "",
        "支出总计",
        "195,774,300",
        "153,268,740",
        "21,802,560",
        "20,703,000",
    ]
    assert row_starting(g, "一、财政拨款收入")[:2] == ["一、财政拨款收入", "195,774,300"]
    # the header: 本年收入 over two columns, 预算数 over 合计 / 基本支出 (人员经费, 公用经费) / 项目支出
    assert g.rows[0][0].text == "本年收入" and g.rows[0][0].colspan == 2
    cell = next(c for c in g.rows[-1] if c.text == "195,774,300")
    assert cell.page == 7 and cell.bbox is not None and cell.bbox[0] < cell.bbox[2]


def test_title_and_unit_lines_precede_the_grid(shanghai: RawDocument) -> None:
    page7 = [b for b in shanghai.blocks if b.page == 7]
    texts = [b.text for b in page7 if isinstance(b, TextLine)]
    assert texts[:3] == ["2026年预算单位财务收支预算总表", "编制单位：上海市审计局", "单位：元"]
    assert isinstance(page7[3], Grid)


def test_table_in_万元_on_its_own_page(shanghai: RawDocument) -> None:
    (g,) = grids_on(shanghai, 19)
    assert g.texts()[-1] == ["237.92", "201.80", "8.12", "28.00", "", "28.00", "2,180.26"]


def test_number_wrapped_inside_its_cell_is_one_number() -> None:
    raw = read_pdf(str(FUZHOU))
    (g,) = grids_on(raw, 11)
    assert row_starting(g, "本年收入合计") == ["本年收入合计", "24995.94", "本年支出合计", "24995.94"]
    assert row_starting(g, "收入合计") == ["收入合计", "24995.94", "支出合计", "24995.94"]
    assert raw.pages == 43 and raw.format == "pdf"


# --------------------------------------------------------------------------- bad files


def _refused(path: Path) -> ReadError:
    with pytest.raises(ReadError) as info:
        read(str(path))
    return info.value


def test_truncated_pdf_is_refused_or_read_partly_never_a_traceback(tmp_path: Path) -> None:
    data = SHANGHAI.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, 2000):
        p = tmp_path / f"cut{cut}.pdf"
        p.write_bytes(data[:cut])
        try:
            raw = read(str(p))
        except ReadError as err:
            assert err.reason  # a Chinese reason, not a traceback
            assert "Traceback" not in str(err)
        else:
            assert raw.pages  # pdfium repaired what it could


def test_random_bytes_named_pdf_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "noise.pdf"
    p.write_bytes(random.Random(7).randbytes(5000))
    assert "不是 PDF" in _refused(p).reason


def test_corrupt_pdf_with_a_valid_header_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "corrupt.pdf"
    p.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(3000))
    assert "损坏" in _refused(p).reason


def test_scanned_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(img).rectangle([50, 50, 550, 300], outline="black", width=3)
    p = tmp_path / "scan.pdf"
    img.save(p, "PDF", save_all=True, append_images=[img.copy()])
    err = _refused(p)
    assert err.reason == "扫描件，没有文本层（暂不支持 OCR）"


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A small PDF with a correct xref, objects numbered from 1."""
    return minimal_pdf(objects, trailer_extra)


def test_encrypted_pdf_is_refused_asking_for_a_password(tmp_path: Path) -> None:
    # Standard security handler with a user password: the /U entry does not match the empty password.
    o = b"<" + b"11" * 32 + b">"
    u = b"<" + b"22" * 32 + b">"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O " + o + b" /U " + u + b" /P -4 >>",
    ]
    p = tmp_path / "locked.pdf"
    p.write_bytes(
        _pdf(
            objs,
            b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
        )
    )
    assert "加密" in _refused(p).reason


def test_pdf_with_no_text_at_all_is_refused(tmp_path: Path) -> None:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    p = tmp_path / "blank.pdf"
    p.write_bytes(_pdf(objs))
    assert _refused(p).reason == "PDF 中没有文字"


def test_text_layer_checks() -> None:
    # glyph ids without a Unicode mapping (private use, controls)
    assert text_layer_problem(100, 900, 0, 3) == (
        "文本无法解码（字体缺少 ToUnicode 映射）",
        "text cannot be decoded (font lacks ToUnicode)",
    )
    # a few images and almost no text on 10 pages: a scan
    assert text_layer_problem(12, 0, 10, 10) is not None
    # a text PDF with a logo
    assert text_layer_problem(5000, 3, 1, 10) is None


def test_text_of_latin_gibberish_is_refused_as_undecodable() -> None:
    raw = RawDocument(path="x.pdf", format="pdf", blocks=[TextLine("ÄÅÇÉ ÑÖÜáàâ äãåçéè " * 20, page=1)])
    problem = text_layer_problem(400, 0, 0, 1, raw)
    assert problem is not None and "ToUnicode" in problem[0]


def test_every_reader_error_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    err = _refused(p)
    assert str(p) in err.message()
