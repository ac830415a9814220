"""One module per input format. ``read(path)`` picks the reader and returns a RawDocument.

Every reader raises ``ReadError`` (never anything else) for input it cannot read, naming the
reason; ``read`` turns any unexpected exception of a reader into a ``ReadError`` too, so that one
bad file can never stop a batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from yusuan.blocks import RawDocument
from yusuan.errors import ReadError

Reader = Callable[[str], RawDocument]

# suffix -> (module, function); imported lazily so that `yusuan --help` stays fast
_READERS: dict[str, tuple[str, str]] = {
    ".txt": ("yusuan.readers.text", "read_text"),
    ".md": ("yusuan.readers.text", "read_text"),
    ".markdown": ("yusuan.readers.text", "read_text"),
    ".tsv": ("yusuan.readers.text", "read_text"),
    ".pdf": ("yusuan.readers.pdf", "read_pdf"),
    ".docx": ("yusuan.readers.docx", "read_docx"),
    ".xlsx": ("yusuan.readers.xlsx", "read_xlsx"),
    ".xlsm": ("yusuan.readers.xlsx", "read_xlsx"),
    # legacy binary Office files: the OOXML readers recognise them and say how to convert them
    ".doc": ("yusuan.readers.docx", "read_docx"),
    ".xls": ("yusuan.readers.xlsx", "read_xlsx"),
    ".html": ("yusuan.readers.html", "read_html"),
    ".htm": ("yusuan.readers.html", "read_html"),
}

SUPPORTED_SUFFIXES = tuple(_READERS)


def _sniff(path: str) -> str:
    """Pick a suffix from the content when the name does not say."""
    with open(path, "rb") as f:
        head = f.read(2048)
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK"):
        # both are zip containers; tell them apart by their main part
        import zipfile

        try:
            names = zipfile.ZipFile(path).namelist()
        except zipfile.BadZipFile:
            raise ReadError(path, "文件已损坏（不是有效的 ZIP/Office 文件）", "corrupt zip container") from None
        if any(n.startswith("word/") for n in names):
            return ".docx"
        if any(n.startswith("xl/") for n in names):
            return ".xlsx"
        raise ReadError(path, "不支持的 Office 文件类型", "unsupported office file")
    low = head.lower()
    if b"<html" in low or b"<!doctype html" in low or b"<table" in low:
        return ".html"
    return ".txt"


def reader_for(path: str) -> Reader:
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in _READERS:
        suffix = _sniff(path)
    module_name, func_name = _READERS[suffix]
    import importlib

    module = importlib.import_module(module_name)
    reader: Reader = getattr(module, func_name)
    return reader


def check_file(path: str) -> None:
    """Refuse what no reader should be handed: missing, a directory, unreadable, empty."""
    if not os.path.exists(path):
        raise ReadError(path, "文件不存在", "no such file")
    if os.path.isdir(path):
        raise ReadError(path, "这是一个文件夹，不是文件", "is a directory")
    if not os.access(path, os.R_OK):
        raise ReadError(path, "没有读取权限", "permission denied")
    if os.path.getsize(path) == 0:
        raise ReadError(path, "文件为空", "empty file")


def read(path: str) -> RawDocument:
    check_file(path)
    reader = reader_for(path)
    try:
        return reader(path)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(path, "文件过大，内存不足", "out of memory") from None
    except Exception as exc:  # a reader bug must not stop a batch; say what happened
        raise ReadError(path, f"读取时出错：{type(exc).__name__}: {exc}", "reader failed") from exc
