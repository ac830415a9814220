"""One module per input format. ``read(path)`` picks the reader and returns a RawDocument.

Every reader raises ``ReadError`` (never anything else) for input it cannot read, naming the
reason; ``read`` turns any unexpected exception of a reader into a ``ReadError`` too, so that one
bad file can never stop a batch.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

from yusuan.blocks import RawDocument
from yusuan.errors import ReadError
from yusuan.limits import LimitError, check_file_size

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
    """Refuse what no reader should be handed: missing, a directory, not a regular file (a named
    pipe or a device, which would block or never end), unreadable, empty, past the file size limit."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError(path, "文件不存在", "no such file") from None
    except PermissionError:
        raise ReadError(path, "没有读取权限", "permission denied") from None
    except OSError as exc:
        raise ReadError(path, f"无法访问文件（{exc.strerror or '系统错误'}）", "cannot stat file") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(path, "这是一个文件夹，不是文件", "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(path, "不是普通文件（命名管道、设备或套接字），无法读取", "not a regular file (pipe, device, socket)")
    if not os.access(path, os.R_OK):
        raise ReadError(path, "没有读取权限", "permission denied")
    if st.st_size == 0:
        raise ReadError(path, "文件为空", "empty file")
    check_file_size(path, st.st_size)


def read(path: str) -> RawDocument:
    check_file(path)
    try:
        reader = reader_for(path)
        return reader(path)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(path, "内存不足：文件过大或结构异常", "out of memory") from None
    except RecursionError:
        raise ReadError(path, "文件结构嵌套过深，无法读取", "structure nested too deeply") from None
    except OSError as exc:
        raise ReadError(path, f"读取文件时出错（{exc.strerror or '系统错误'}）", "I/O error while reading") from None
    except Exception as exc:  # a reader bug must not stop a batch; say what happened, not the class name
        raise ReadError(path, "读取器内部错误（请把此文件报告给 yusuan 开发者）", "internal reader error") from exc


__all__ = ["LimitError", "SUPPORTED_SUFFIXES", "check_file", "read", "reader_for"]
