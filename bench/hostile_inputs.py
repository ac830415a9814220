"""Generators of hostile and broken inputs, at a chosen scale (the sweep's big ones, the tests' small ones).

Every generator writes one file (or folder) under ``folder`` and returns its path. ``scale`` is
1.0 for the sizes of issue 13 (100 MB text, a million XLSX rows, a 4 GB zip bomb …) and small
(0.001) for the tests. Nothing here names a real document: the "good" disclosure is whatever seed
text the caller passes.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CT_DOCX = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
    'document.main+xml"/></Types>'
)
_RELS_DOCX = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx(path: Path, body: str | Callable[[], Iterator[bytes]]) -> Path:
    """A minimal DOCX whose body is ``body`` (XML text, or chunks streamed into the member)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT_DOCX)
        z.writestr("_rels/.rels", _RELS_DOCX)
        if isinstance(body, str):
            z.writestr("word/document.xml", f'<w:document {_W}><w:body>{body}</w:body></w:document>')
        else:
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                f.write(f'<w:document {_W}><w:body>'.encode())
                for chunk in body():
                    f.write(chunk)
                f.write(b"</w:body></w:document>")
    return path


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_grid_span(folder: Path, scale: float) -> Path:
    span = max(2000, int(50_000_000 * scale))
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{_para("支出")}</w:tc>'
    return _docx(folder / "gridspan_bomb.docx", _para("收支总表") + f"<w:tbl><w:tr>{cell}{cell}</w:tr></w:tbl>")


def docx_grid_before(folder: Path, scale: float) -> Path:
    before = max(2000, int(50_000_000 * scale))
    row = f'<w:tr><w:trPr><w:gridBefore w:val="{before}"/></w:trPr><w:tc>{_para("1")}</w:tc></w:tr>'
    return _docx(folder / "gridbefore_bomb.docx", _para("收支总表") + f"<w:tbl>{row * 3}</w:tbl>")


def docx_span_rows(folder: Path, scale: float) -> Path:
    """A 400-row table whose cells span thousands of columns (Word allows 63)."""
    rows = max(20, int(400 * scale))
    span = max(2000, int(5000 * scale))
    cells = "".join(f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{_para(str(i))}</w:tc>' for i in range(8))
    return _docx(folder / "span_rows.docx", _para("收支总表") + "<w:tbl>" + f"<w:tr>{cells}</w:tr>" * rows + "</w:tbl>")


def docx_paragraph_bomb(folder: Path, scale: float) -> Path:
    """A zip bomb of paragraphs: a few MB on disk, ``4 GB × scale`` of XML inside."""
    total = max(2_000_000, int(4_000_000_000 * scale))
    chunk = (_para("一二三") * 20_000).encode()

    def body() -> Iterator[bytes]:
        for _ in range(max(1, total // len(chunk))):
            yield chunk

    return _docx(folder / "paragraph_bomb.docx", body)


def docx_whitespace_bomb(folder: Path, scale: float) -> Path:
    total = max(2_000_000, int(1_000_000_000 * scale))
    chunk = b" " * 1_000_000

    def body() -> Iterator[bytes]:
        for _ in range(max(1, total // len(chunk))):
            yield chunk

    return _docx(folder / "whitespace_bomb.docx", body)


def docx_many_members(folder: Path, scale: float) -> Path:
    path = _docx(folder / "many_members.docx", _para("说明"))
    with zipfile.ZipFile(path, "a") as z:
        for i in range(max(12_000, int(50_000 * scale))):
            z.writestr(f"word/media/x{i}.bin", b"")
    return path


def docx_damaged_member(folder: Path, scale: float) -> Path:
    """A DOCX whose document.xml has its compressed bytes overwritten in the middle."""
    path = _docx(folder / "damaged_member.docx", _para("一、部门概况") * 2000)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + min(info.compress_size - 10, 400)):
        data[i] = 0x5A
    path.write_bytes(bytes(data))
    return path


def zip_truncated(folder: Path, scale: float) -> Path:
    path = _docx(folder / "truncated.docx", _para("一、部门概况") * 2000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


# --- XLSX -----------------------------------------------------------------------------------------

_CT_XLSX = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS_XLSX = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="收支总表" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _xlsx(path: Path, rows: Callable[[], Iterator[str]], dimension: str | None = None, merges: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT_XLSX)
        z.writestr("_rels/.rels", _RELS_XLSX)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main">')
            if dimension:
                f.write(f'<dimension ref="{dimension}"/>'.encode())
            f.write(b"<sheetData>")
            buf: list[str] = []
            for r in rows():
                buf.append(r)
                if len(buf) >= 10_000:
                    f.write("".join(buf).encode())
                    buf = []
            f.write("".join(buf).encode())
            f.write(b"</sheetData>")
            if merges:
                f.write(f"<mergeCells>{merges}</mergeCells>".encode())
            f.write(b"</worksheet>")
    return path


def _xrow(r: int, name: str, value: int) -> str:
    return (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{name}</t></is></c>'
            f'<c r="B{r}"><v>{value}</v></c><c r="C{r}"><v>{value}</v></c></row>')


def xlsx_rows(folder: Path, scale: float, rows: int = 1_000_000, name: str = "million_rows.xlsx") -> Path:
    n = max(500, int(rows * scale))

    def gen() -> Iterator[str]:
        yield ('<row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c><c r="B1" t="inlineStr"><is><t>'
               '合计</t></is></c><c r="C1" t="inlineStr"><is><t>基本支出</t></is></c></row>')
        for r in range(2, n + 2):
            yield _xrow(r, f"项目{r}", r)

    return _xlsx(folder / name, gen)


def xlsx_claimed_range(folder: Path, scale: float) -> Path:
    """Ten rows of data, a used range (dimension) claiming a million rows × 100 columns."""
    return _xlsx(folder / "claims_million.xlsx", lambda: (_xrow(r, f"项目{r}", r) for r in range(1, 11)),
                 dimension="A1:CV1048576")


def xlsx_huge_merge(folder: Path, scale: float) -> Path:
    return _xlsx(folder / "huge_merge.xlsx", lambda: (_xrow(r, f"项目{r}", r) for r in range(1, 11)),
                 merges='<mergeCell ref="A12:XFD1048576"/>')


# --- text and HTML --------------------------------------------------------------------------------


def _repeat_to(path: Path, unit: bytes, size: int, head: bytes = b"", tail: bytes = b"") -> Path:
    with open(path, "wb") as f:
        f.write(head)
        block = unit * max(1, (1 << 20) // len(unit))
        written = 0
        while written < size:
            f.write(block)
            written += len(block)
        f.write(tail)
    return path


def text_big(folder: Path, scale: float, seed: bytes, mb: int = 100) -> Path:
    return _repeat_to(folder / f"text_{mb}mb.txt", seed, max(200_000, int(mb * 1_000_000 * scale)))


def text_many_tabs(folder: Path, scale: float) -> Path:
    line = "项目" + "\t1" * max(2000, int(20_000 * scale)) + "\n"
    return _repeat_to(folder / "many_tabs.txt", line.encode(), max(200_000, int(20_000_000 * scale)))


def html_big(folder: Path, scale: float) -> Path:
    row = "<tr><td>一般公共服务支出</td><td>123.45</td><td>67.89</td></tr>\n".encode()
    head = "<html><body><h1>收支总表</h1><table>".encode()
    return _repeat_to(folder / "big_50mb.html", row, max(200_000, int(50_000_000 * scale)), head,
                      b"</table></body></html>")


def html_span_bomb(folder: Path, scale: float) -> Path:
    rows = max(20, int(400 * scale))
    cells = "".join(f'<td colspan="100000" rowspan="400">{i}</td>' for i in range(8))
    body = "<html><body><p>收支总表</p><table>" + f"<tr>{cells}</tr>" * rows + "</table></body></html>"
    path = folder / "span_bomb.html"
    path.write_text(body, encoding="utf-8")
    return path


def utf16(folder: Path, scale: float, seed: str, suffix: str) -> Path:
    paras = "".join(f"<p>{ln}</p>\n" for ln in seed.splitlines() if ln.strip())
    text = seed if suffix == ".txt" else f'<html><head><meta charset="utf-8"></head><body>{paras}</body></html>'

    path = folder / f"utf16{suffix}"
    path.write_bytes(text.encode("utf-16"))  # with its BOM, as Windows Notepad saves it
    return path


def gbk_declared_latin1(folder: Path, scale: float, seed: str) -> Path:
    lines = "".join(f"<p>{ln}</p>" for ln in seed.splitlines() if ln.strip())
    page = f'<html><head><meta charset="iso-8859-1"></head><body>{lines}</body></html>'
    path = folder / "gbk_as_latin1.html"
    path.write_bytes(page.encode("gb18030"))
    return path


# --- PDF --------------------------------------------------------------------------------------------


def pdf_english(folder: Path, scale: float) -> Path:
    """A plain English PDF in a standard font (Helvetica, no ToUnicode: none is needed)."""
    lines = [f"Line {i}: The quick brown fox jumps over the lazy dog, annual report." for i in range(40)]
    ops = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({t}) '" for t in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = folder / "english.pdf"
    path.write_bytes(bytes(out))
    return path


def pdf_pages(folder: Path, source: Path, pages: int) -> Path:
    """A long real PDF: the pages of ``source`` repeated up to ``pages``."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        n = min(len(src), pages - len(out))
        out.import_pages(src, list(range(n)))
    path = folder / f"pages_{pages}.pdf"
    out.save(str(path))
    out.close()
    src.close()
    return path


# --- names, pipes, folders --------------------------------------------------------------------------


def markup_names(folder: Path) -> list[Path]:
    out = []
    # a "/" in a name is a folder: "[bold]x[/bold].txt" is the file "bold].txt" in the folder "[bold]x["
    for name in ("[bold]x[/bold].txt", "[/bold]x.txt", "a[b.txt", "[red]name.pdf"):
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"")
        out.append(p)
    return out


def named_pipe(folder: Path) -> Path:
    path = folder / "pipe.txt"
    if not path.exists():
        os.mkfifo(path)
    return path


def empty_folder(folder: Path) -> Path:
    path = folder / "empty_folder"
    path.mkdir(exist_ok=True)
    return path


def folder_without_documents(folder: Path) -> Path:
    path = folder / "no_documents"
    path.mkdir(exist_ok=True)
    (path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    (path / "readme.rtf").write_bytes(b"{\\rtf1 hello}")
    return path
