"""Where reports go: checked before any work is done, written whole or not at all.

A report file is written under a temporary name beside its destination and renamed into place
when complete, so an interrupted or failed run never leaves a half file that looks finished.
Destinations that are not regular files (``/dev/stdout``, a pipe, ``/dev/full``) are written
directly; ``-`` is standard output.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable
from typing import IO


class OutputError(Exception):
    """A report cannot be written where it was asked to go."""

    def __init__(self, path: str, reason: str, reason_en: str) -> None:
        super().__init__(f"{path}: {reason_en}")
        self.path, self.reason, self.reason_en = path, reason, reason_en

    def message(self) -> str:
        return f"无法写入 {self.path}：{self.reason} ({self.reason_en})"


def _special(path: str) -> bool:
    """An existing destination that is not a regular file (a device, a pipe)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
    except OSError:
        return False


def check_destination(path: str) -> None:
    """Raise OutputError now, before hours of reading, if ``path`` cannot be written."""
    if path == "-":
        return
    if os.path.isdir(path):
        raise OutputError(path, "这是一个文件夹，请给出文件名", "is a folder; give a file name")
    if _special(path):
        if not os.access(path, os.W_OK):
            raise OutputError(path, "没有写入权限", "permission denied")
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(path, f"所在文件夹不存在（{folder}）", "folder does not exist")
    if not os.access(folder, os.W_OK):
        raise OutputError(path, f"文件夹 {folder} 没有写入权限", "folder is not writable")
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise OutputError(path, "文件只读", "file is read-only")


class PendingFile:
    """A report being written: ``open`` gives the handle, ``commit`` renames it into place."""

    def __init__(self, path: str, binary: bool = False) -> None:
        self.path = path
        self.direct = path == "-" or _special(path)
        folder, base = os.path.split(os.path.abspath(path))
        self.temp = path if self.direct else os.path.join(folder, f".{base}.{os.getpid()}.part")
        self.binary = binary
        self._fh: IO[str] | None = None

    def open(self) -> IO[str]:
        if self.path == "-":
            return sys.stdout
        try:
            self._fh = open(self.temp, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise OutputError(self.path, _reason(exc), exc.strerror or "cannot open") from None
        return self._fh

    def write(self, text: str) -> None:
        """Write and flush a piece of a streamed report (JSON lines as documents are read)."""
        fh = self._fh if self._fh is not None else (sys.stdout if self.path == "-" else None)
        if fh is None:
            fh = self.open()
        try:
            fh.write(text)
            fh.flush()
        except OSError as exc:
            self.discard()
            raise OutputError(self.path, _reason(exc), exc.strerror or "write failed") from None

    def commit(self) -> None:
        try:
            if self._fh is not None:
                self._fh.close()
                self._fh = None
            if not self.direct:
                os.replace(self.temp, self.path)
        except OSError as exc:
            self.discard()
            raise OutputError(self.path, _reason(exc), exc.strerror or "write failed") from None

    def discard(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None
        if not self.direct and os.path.exists(self.temp):
            os.remove(self.temp)


def write_whole(path: str, write: Callable[[str], None]) -> None:
    """Call ``write(temp_path)`` (a library that saves to a path: openpyxl) and move the result
    into place; on failure nothing is left at ``path``."""
    pending = PendingFile(path)
    try:
        write(pending.temp)
        pending.commit()
    except OutputError:
        raise
    except OSError as exc:
        pending.discard()
        raise OutputError(path, _reason(exc), exc.strerror or "write failed") from None
    except BaseException:
        pending.discard()
        raise


def write_text(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text)
        return
    pending = PendingFile(path)
    try:
        pending.open().write(text)
        pending.commit()
    except OSError as exc:
        pending.discard()
        raise OutputError(path, _reason(exc), exc.strerror or "write failed") from None
    except BaseException:
        pending.discard()
        raise


def _reason(exc: OSError) -> str:
    import errno

    return {
        errno.ENOSPC: "磁盘空间已满",
        errno.EACCES: "没有写入权限",
        errno.EROFS: "文件系统只读",
        errno.ENOENT: "路径不存在",
        errno.EISDIR: "这是一个文件夹",
    }.get(exc.errno or 0, "写入失败")
