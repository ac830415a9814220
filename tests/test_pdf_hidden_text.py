"""Text in a PDF's text layer that the page does not show is not read, and the reading says so.

A producer may draw the previous page's last paragraphs again and clip them away, place text
beyond the page's edge, or write it in an invisible render mode: a reader that takes the text
layer at its word reads figures the page does not print (a false "说明与表不符").
"""

from __future__ import annotations

from pathlib import Path

from pdf_helpers import minimal_pdf

from yusuan.blocks import TextLine
from yusuan.readers.pdf import read_pdf
from yusuan.readers.pdf_extract import page_content


def _pdf(content: bytes) -> bytes:
    """One 400 × 300 page of Helvetica text drawn by ``content``, with a correct xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return minimal_pdf(objects)


def _line(y: int, text: str, mode: int = 0) -> bytes:
    return f"BT /F1 12 Tf {mode} Tr 20 {y} Td ({text}) Tj ET\n".encode()


SHOWN = "Item nine 78.21 shown on the page"
SHOWN_TEXT = SHOWN.replace(" ", "")


def _page(tmp_path: Path, hidden: bytes) -> Path:
    p = tmp_path / "page.pdf"
    p.write_bytes(_pdf(_line(150, SHOWN) + hidden))
    return p


def _texts(path: Path) -> list[str]:
    # the layout joins glyphs by their gaps (Helvetica's spaces are narrow): compare without blanks
    return ["".join(b.text.split()) for b in read_pdf(str(path)).blocks if isinstance(b, TextLine)]


def test_text_clipped_away_on_a_page_of_running_text_is_not_read(tmp_path: Path) -> None:
    # the clip rectangle covers the lower part of the page; item seven above it is not printed
    clipped = b"q 0 0 400 200 re W n " + _line(250, "Item seven 887.36 clipped away") + b"Q\n"
    path = _page(tmp_path, clipped)
    assert _texts(path) == [SHOWN_TEXT]
    raw = read_pdf(str(path))
    assert raw.meta["hidden_pages"] == "1" and int(raw.meta["hidden_chars"]) >= 20


def test_text_beyond_the_page_edge_is_not_read(tmp_path: Path) -> None:
    path = _page(tmp_path, _line(330, "Item seven 887.36 above the page"))
    assert _texts(path) == [SHOWN_TEXT]


def test_text_in_an_invisible_render_mode_is_not_read(tmp_path: Path) -> None:
    path = _page(tmp_path, _line(250, "Item seven 887.36 invisible", mode=3))
    assert _texts(path) == [SHOWN_TEXT]


def test_visible_text_is_all_read_and_nothing_counted_hidden(tmp_path: Path) -> None:
    path = _page(tmp_path, _line(250, "Item ten 204.91 also shown"))
    assert _texts(path) == ["Itemten204.91alsoshown", SHOWN_TEXT]
    assert "hidden_chars" not in read_pdf(str(path)).meta


def test_the_page_content_counts_what_it_dropped(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    path = _page(tmp_path, _line(330, "abc"))
    pdf = pdfium.PdfDocument(str(path))
    try:
        content = page_content(pdf[0])
    finally:
        pdf.close()
    assert content.hidden == 3 and "".join(c.text for c in content.chars) == SHOWN_TEXT


def test_the_reading_account_says_how_much_hidden_text_was_dropped() -> None:
    from narrative_helpers import inline_raw

    from yusuan.parse import parse_document

    raw = inline_raw("某某局2026年部门预算\n一、收入预算情况说明\n收入预算100.00万元。")
    raw.meta.update({"hidden_chars": "1031", "hidden_pages": "7,8"})
    reading = parse_document(raw).reading
    assert reading.hidden_chars == 1031 and reading.hidden_pages == [7, 8]
    assert "页面不显示的文字 1031 字未读取（2 页）" in reading.summary()
    clean = parse_document(inline_raw("某某局2026年部门预算\n一、收入预算情况说明\n收入预算100.00万元。")).reading
    assert clean.hidden_chars == 0 and "不显示" not in clean.summary()
