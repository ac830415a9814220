"""PDF reader (pypdfium2): text lines and ruled grids, per page, with page numbers and boxes.

Refuses, with a Chinese reason, what it cannot honestly read: scanned documents (images, no text
layer), text without a Unicode mapping (a font without ToUnicode gives private-use or control
characters), encrypted, truncated and corrupt files.
"""

from __future__ import annotations

from yusuan.blocks import RawDocument
from yusuan.errors import ReadError

# Fewer decodable characters than this per page, on average, and the text layer is not there.
MIN_CHARS_PER_PAGE = 20
# More undecodable characters than this fraction, and the text cannot be trusted.
MAX_UNDECODABLE = 0.3


def open_pdf(path: str) -> object:
    """A ``pypdfium2.PdfDocument``, or a ReadError saying why not."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise ReadError(path, "不是 PDF 文件（文件头不是 %PDF）", "not a PDF file")
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError(
                path, "PDF 已加密，需要密码才能打开", "encrypted PDF (password required)"
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError(path, "PDF 使用了不支持的加密方式", "unsupported PDF security handler") from None
        raise ReadError(
            path, "PDF 文件已损坏或不完整，无法打开", f"corrupt or truncated PDF: {exc}"
        ) from None
    if len(pdf) == 0:
        pdf.close()
        raise ReadError(path, "PDF 没有页面（文件可能不完整）", "PDF has no pages")
    return pdf


def read_pdf(path: str) -> RawDocument:
    from yusuan.readers.pdf_extract import page_content
    from yusuan.readers.pdf_layout import layout_page

    pdf = open_pdf(path)
    raw = RawDocument(path=path, format="pdf")
    try:
        n = len(pdf)  # type: ignore[arg-type]
        raw.pages = n
        total_chars = undecodable = images = broken = 0
        image_only: list[str] = []
        hidden_pages: list[str] = []
        hidden = 0
        for i in range(n):
            try:
                page = pdf[i]  # type: ignore[index]
            except Exception:  # a page pdfium cannot load (truncated file): keep the others
                broken += 1
                continue
            try:
                content = page_content(page)
            finally:
                page.close()
            total_chars += len(content.chars)
            undecodable += content.undecodable
            images += content.images
            if content.hidden:
                hidden += content.hidden
                hidden_pages.append(str(i + 1))
            if content.images and len(content.chars) < MIN_CHARS_PER_PAGE:
                image_only.append(str(i + 1))
            raw.blocks.extend(layout_page(content.chars, content.segments, page=i + 1, tables=content.tables))
        if broken == n:
            raise ReadError(path, "PDF 文件已损坏或不完整，页面无法读取", "no page could be loaded")
        refusal = text_layer_problem(total_chars, undecodable, images, n - broken, raw)
        if refusal:
            raise ReadError(path, *refusal)
        if broken:
            raw.meta["broken_pages"] = str(broken)
        if image_only:
            # pages printed as pictures (a scanned table inside a text PDF): what they say is unread
            raw.meta["image_only_pages"] = ",".join(image_only)
        if hidden:
            # text in the text layer the pages do not show (off the page, clipped away,
            # invisible): not read, and said so in the reading account
            raw.meta["hidden_chars"] = str(hidden)
            raw.meta["hidden_pages"] = ",".join(hidden_pages)
        meta = _metadata(pdf)
        raw.meta.update(meta)
    finally:
        pdf.close()  # type: ignore[attr-defined]
    return raw


def text_layer_problem(
    chars: int, undecodable: int, images: int, pages: int, raw: RawDocument | None = None
) -> tuple[str, str] | None:
    """Why the text layer cannot be read (Chinese, English), or None when it can.

    ``chars`` counts decodable non-blank characters, ``undecodable`` those pdfium could not map
    to Unicode (private use, U+FFFD, control characters: a font without ToUnicode).
    """
    if chars < MIN_CHARS_PER_PAGE * pages and images:
        return "扫描件，没有文本层（暂不支持 OCR）", "scanned document without a text layer (no OCR)"
    if chars == 0:
        return "PDF 中没有文字", "PDF contains no text"
    if undecodable > MAX_UNDECODABLE * (chars + undecodable) or (raw is not None and _mostly_garbled(raw)):
        return "文本无法解码（字体缺少 ToUnicode 映射）", "text cannot be decoded (font lacks ToUnicode)"
    return None


def _mostly_garbled(raw: RawDocument) -> bool:
    """Text that decodes but is not Chinese: glyph ids mapped to Latin-1 letters and symbols.

    A budget disclosure is Chinese; a font without ToUnicode often yields runs of accented Latin
    letters and punctuation instead. Count CJK among the letters of the text lines.
    """
    from yusuan.blocks import TextLine
    from yusuan.readers.pdf_layout import is_cjk

    letters = cjk = plain = 0
    for b in raw.blocks:
        if isinstance(b, TextLine):
            for ch in b.text:
                if ch.isalpha():
                    letters += 1
                    if is_cjk(ch):
                        cjk += 1
                    elif ch.isascii():
                        plain += 1
    # plain ASCII letters are a text in a Latin language (English), read as it is: the garble of a
    # font without ToUnicode is accented letters and symbols
    return letters >= 200 and cjk < 0.1 * letters and plain < 0.7 * letters


def _metadata(pdf: object) -> dict[str, str]:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)  # type: ignore[attr-defined]
    except Exception:
        return {}
    return {f"pdf_{k.lower()}": str(v) for k, v in info.items() if v}
