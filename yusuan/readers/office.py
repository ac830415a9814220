"""What the DOCX and XLSX readers share: opening an Office (OOXML) container, and telling a user
why a file is not one.

A password-protected ``.docx``/``.xlsx`` is not a zip at all: Office wraps the encrypted package in
an OLE compound file (the same container as the old binary ``.doc``/``.xls``), so the first bytes
say which case it is.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from yusuan.errors import ReadError
from yusuan.limits import MAX_UNZIPPED_MB, MAX_ZIP_MEMBERS

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# stream names of an encrypted OOXML package, as they appear (UTF-16LE) in the OLE directory
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def open_ooxml(path: str, main_part: str, kind: str) -> zipfile.ZipFile:
    """Open ``path`` as an OOXML zip whose main part is ``main_part`` (``word/document.xml``).

    ``kind`` names the format for messages (``Word``/``Excel``). Raises ReadError with the reason
    when the file is encrypted, an old binary Office file, truncated or not a zip.
    """
    with open(path, "rb") as f:
        head = f.read(8)
        rest = f.read(1 << 20) if head == OLE_MAGIC else b""
    if head == OLE_MAGIC:
        if any(m in rest for m in _ENCRYPTED_MARKERS):
            raise ReadError(
                path,
                f"{kind} 文件受密码保护（已加密），请去掉密码后再读取",
                "password-protected (encrypted) Office file",
            )
        old = {"Word": ".doc", "Excel": ".xls"}.get(kind, "")
        raise ReadError(
            path,
            f"这是旧版 {kind} 二进制格式（{old}），请用 Office/WPS 另存为新格式后再读取",
            f"legacy binary {old} file, not OOXML",
        )
    if not head.startswith(b"PK"):
        raise ReadError(path, f"不是有效的 {kind} 文件（不是 ZIP 容器）", f"not a {kind} (zip) file")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise ReadError(path, f"{kind} 文件已损坏或不完整（ZIP 结构无法读取）", "corrupt or truncated zip") from None
    try:
        check_zip_limits(path, zf)
        bad = _test_parts(zf)
    except ReadError:
        zf.close()
        raise
    except Exception:  # zlib/CRC errors surface as various types
        zf.close()
        raise ReadError(path, f"{kind} 文件已损坏（压缩数据校验失败）", "corrupt zip member") from None
    if bad is not None:
        zf.close()
        raise ReadError(path, f"{kind} 文件已损坏（{bad} 校验失败）", f"corrupt zip member {bad}")
    if main_part not in zf.namelist():
        zf.close()
        raise ReadError(path, f"不是 {kind} 文件（缺少 {main_part}）", f"missing {main_part}")
    return zf


def _read_part(name: str) -> bool:
    """Parts a reader parses (XML); media and embedded objects are never decompressed."""
    return name.lower().endswith((".xml", ".rels"))


def check_zip_limits(path: str, zf: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from its central directory, before anything is decompressed: too many
    members, or XML parts that would expand past the limit."""
    infos = zf.infolist()
    MAX_ZIP_MEMBERS.check(path, len(infos))
    expanded = sum(i.file_size for i in infos if _read_part(i.filename))
    MAX_UNZIPPED_MB.check(path, (expanded + (1 << 20) - 1) >> 20)


def _test_parts(zf: zipfile.ZipFile) -> str | None:
    """The first XML part whose data fails its CRC (as ``ZipFile.testzip``, for the parts read)."""
    for info in zf.infolist():
        if not _read_part(info.filename):
            continue
        try:
            with zf.open(info) as f:
                while f.read(1 << 20):
                    pass
        except zipfile.BadZipFile:
            return info.filename
    return None


def xml_parser() -> etree.XMLParser:
    """An XML parser for Office parts: no entity expansion, no network; text nodes past libxml2's
    10 MB default are allowed (the part's size is already bounded by MAX_UNZIPPED_MB)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

