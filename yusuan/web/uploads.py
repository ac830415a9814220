"""What an upload may be, decided by its content, and where it is kept (by content hash).

Nothing from a request names a file on disk: an upload is stored as ``<sha256><suffix>`` where the
suffix comes from the sniffed content; the uploaded name is kept only as a display label.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

# suffix the readers dispatch on, by sniffed kind
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "html": ".html", "text": ".txt"}
KIND_LABEL = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "html": "网页", "text": "文本", "zip": "压缩包"}


class Refused(Exception):  # noqa: N818 - reads as a statement: the upload is refused
    """An upload that is not accepted, with the reason in Chinese (and English)."""

    def __init__(self, label: str, reason: str, reason_en: str, status: int = 422) -> None:
        self.label = label
        self.reason = reason
        self.reason_en = reason_en
        self.status = status
        super().__init__(f"{label}: {reason} ({reason_en})")


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # one request, and one file
    max_zip_members: int = 200
    max_zip_expanded: int = 0  # 0: ten times max_bytes

    @property
    def zip_expanded(self) -> int:
        return self.max_zip_expanded or 10 * self.max_bytes


@dataclass(frozen=True)
class Accepted:
    label: str  # the uploaded name (display only), a zip member as "archive.zip/member.pdf"
    kind: str  # a key of SUFFIX
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def clean_label(name: str | None) -> str:
    """An uploaded name made safe to show: its last path part, no control characters, bounded."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:200] or "未命名文件"


def _looks_like_text(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            # a cut in the middle of a multi-byte character at the end of the sample is not an error
            text = head.decode(enc) if len(data) <= len(head) else head[:-4].decode(enc, errors="strict")
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        return bool(text.strip()) and printable >= 0.95 * len(text)
    return False


def sniff(data: bytes) -> str:
    """The kind of an upload by its bytes: pdf, docx, xlsx, zip, html, text; Refused otherwise."""
    if data.lstrip()[:5].startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            raise Refused("", "压缩文件已损坏", "corrupt zip container") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "[Content_Types].xml" in names:
            raise Refused("", "不支持的 Office 文件类型（只读取 Word 和 Excel）", "unsupported office file")
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused("", "旧版 Office 文件（.doc/.xls），请另存为 .docx/.xlsx 后上传",
                      "legacy binary Office file: save as docx/xlsx")
    if not _looks_like_text(data):
        raise Refused("", "文件类型不受支持（按内容判断不是 PDF、Word、Excel、网页、文本或压缩包）",
                      "unsupported file type (judged by content)")
    low = data[:4096].lower()
    if b"<html" in low or b"<!doctype html" in low or b"<table" in low:
        return "html"
    return "text"


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zips made on Chinese Windows store names in GBK without saying so; zipfile reads cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, label: str) -> bytes:
    """A member's bytes, counting what is actually inflated (the header's size may lie)."""
    out = bytearray()
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            out += chunk
            if len(out) > budget:
                raise Refused(label, "压缩包解压后过大", "zip expands beyond the limit", status=413)
    return bytes(out)


def expand_zip(label: str, data: bytes, limits: Limits) -> tuple[list[Accepted], list[Refused]]:
    """The disclosures inside a zip (one level; a zip inside a zip is refused), bounded in count and size."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused(label, "压缩文件已损坏", "corrupt zip") from None
    infos = [i for i in infos if not (i.filename.startswith("__MACOSX/") or os.path.basename(i.filename).startswith("."))]
    if len(infos) > limits.max_zip_members:
        raise Refused(label, f"压缩包内文件过多（{len(infos)} 个，上限 {limits.max_zip_members} 个）",
                      "too many zip members", status=413)
    accepted: list[Accepted] = []
    refused: list[Refused] = []
    budget = limits.zip_expanded
    for info in infos:
        member = f"{label}/{clean_label(_member_name(info))}"
        try:
            raw = _read_bounded(zf, info, min(budget, limits.max_bytes), member)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
            refused.append(Refused(member, "无法解压（已损坏或已加密）", "cannot extract (corrupt or encrypted)"))
            continue
        budget -= len(raw)
        try:
            kind = sniff(raw)
        except Refused as r:
            refused.append(Refused(member, r.reason, r.reason_en, r.status))
            continue
        if kind == "zip":
            refused.append(Refused(member, "压缩包内嵌套的压缩包不读取", "nested zip not read"))
            continue
        if not raw.strip():
            refused.append(Refused(member, "文件为空", "empty file"))
            continue
        accepted.append(Accepted(member, kind, raw))
    return accepted, refused


def accept(name: str | None, data: bytes, limits: Limits) -> tuple[list[Accepted], list[Refused]]:
    """One uploaded file: itself when it is a disclosure's format, its members when a zip."""
    label = clean_label(name)
    if not data:
        return [], [Refused(label, "文件为空", "empty file")]
    if len(data) > limits.max_bytes:
        return [], [Refused(label, "文件过大", "file too large", status=413)]
    try:
        kind = sniff(data)
    except Refused as r:
        return [], [Refused(label, r.reason, r.reason_en, r.status)]
    if kind == "zip":
        try:
            return expand_zip(label, data, limits)
        except Refused as r:
            return [], [r]
    return [Accepted(label, kind, data)], []


def store(upload_dir: Path, item: Accepted) -> Path:
    """Write the upload under its content hash (written once; the same bytes twice are one file)."""
    digest = item.sha256
    path = upload_dir / digest[:2] / f"{digest}{SUFFIX[item.kind]}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
        tmp.write_bytes(item.data)
        os.replace(tmp, path)
    return path
