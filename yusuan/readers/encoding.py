"""Decoding text and HTML bytes whatever a declaration says: byte-order marks first (UTF-8, UTF-16,
UTF-32), UTF-16 without a mark, then UTF-8, then the declared encoding, then GB18030.

Chinese sites routinely declare a wrong charset; a page declared ``iso-8859-1`` (which decodes any
bytes at all) that decodes cleanly as GB18030 and so yields Chinese is read as GB18030.
"""

from __future__ import annotations

import codecs
import re

from yusuan.errors import ReadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# single-byte encodings that accept any bytes: a declaration of one of them proves nothing
_PERMISSIVE = {"iso-8859-1", "latin-1", "latin1", "l1", "iso8859-1", "windows-1252", "cp1252", "ascii",
               "us-ascii", "iso-8859-15", "cp437"}
_GB = {"gb2312", "gbk", "gb_2312-80", "gb18030", "x-gbk", "cp936", "euc-cn"}
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text with no byte-order mark: NULs in every other byte (ASCII and CJK markup alike)."""
    if len(head) < 64:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    n = len(head) // 2
    if odd > 0.3 * n and even < 0.05 * n:
        return "utf-16-le"
    if even > 0.3 * n and odd < 0.05 * n:
        return "utf-16-be"
    return None


def decode_bytes(path: str, data: bytes, declared: str | None = None, kind: str = "文本") -> str:
    """``data`` as text, or a ReadError (binary data, or no encoding fits)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise ReadError(path, f"{kind}编码损坏（有 {enc.upper()} 标记但内容无法解码）",
                                f"invalid {enc} despite its byte-order mark") from None
    enc16 = _utf16_without_bom(data[:4096])
    if enc16:
        try:
            return data.decode(enc16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise ReadError(path, f"这是二进制文件，不是{kind}", f"binary file, not {'HTML' if kind == '网页' else 'text'}")
    decl = (declared or "").strip().lower()
    if decl in _GB:
        decl = "gb18030"  # gb2312/gbk pages routinely use characters outside their declared set
    candidates = ["utf-8"]
    if decl and decl not in _PERMISSIVE:
        candidates.append(decl)
    candidates.append("gb18030")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc == "gb18030" and decl in _PERMISSIVE and not _CJK_RE.search(text):
            break  # not Chinese after all: the declaration stands
        return text
    if decl in _PERMISSIVE:
        return data.decode("cp1252" if decl in ("windows-1252", "cp1252") else "latin-1", errors="replace")
    raise ReadError(path, f"无法识别的{kind}编码（不是 UTF-8、UTF-16 或 GB18030）", "unknown text encoding")
