"""Output files of the batch commands: checked before the work starts, written so that a batch cut
short leaves either the complete file or one clearly marked partial.

``-o -`` is standard output. A regular file is written as ``NAME.partial`` beside the target and
renamed to ``NAME`` only when complete; a device or pipe (``/dev/full``, ``/dev/stdout``) is
written directly. Every failure is an ``OutputError`` whose message names the path and the reason
in Chinese (English beside); the CLI prints it and exits 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from typing import IO

PARTIAL = ".partial"


class OutputError(Exception):
    def __init__(self, path: str, reason: str, reason_en: str) -> None:
        self.path, self.reason, self.reason_en = path, reason, reason_en
        super().__init__(self.message())

    def message(self) -> str:
        return f"{self.path}: 无法写入输出文件：{self.reason} ({self.reason_en})"


def _reason(path: str, exc: OSError) -> tuple[str, str]:
    code = exc.errno
    if code == errno.ENOENT:
        if os.path.isdir(os.path.dirname(os.path.abspath(path))):
            return "无法在该文件夹中创建文件", "cannot create a file in that folder"
        return "所在文件夹不存在", "folder does not exist"
    if code in (errno.EACCES, errno.EPERM):
        return "没有写入权限", "permission denied"
    if code == errno.EROFS:
        return "文件系统只读", "read-only file system"
    if code == errno.ENOSPC:
        return "磁盘空间已满", "no space left on device"
    if code == errno.EISDIR:
        return "这是一个文件夹", "is a directory"
    if code == errno.ENOTDIR:
        return "路径中有一部分不是文件夹", "a part of the path is not a folder"
    return f"系统错误（{exc.strerror or code}）", exc.strerror or "system error"


def failed(path: str, exc: OSError) -> OutputError:
    return OutputError(path, *_reason(path, exc))


class Output:
    """Where one command's result goes; ``open()`` early to find an unwritable path before the work."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.stdout = path in (None, "-")
        self.direct = False
        if not self.stdout:
            assert path is not None
            try:
                self.direct = not stat.S_ISREG(os.stat(path).st_mode)
            except FileNotFoundError:
                self.direct = False
            except OSError as exc:
                raise failed(path, exc) from None
            if os.path.isdir(path):
                raise OutputError(path, "这是一个文件夹", "is a directory")
        self._fh: IO[str] | None = None

    @property
    def target(self) -> str:
        """The path written to until the output is complete."""
        assert self.path is not None
        return self.path if self.direct else self.path + PARTIAL

    def open(self, binary: bool = False) -> IO[str]:
        """The text stream to write (standard output for ``-``); raises OutputError."""
        if self.stdout:
            return sys.stdout
        try:
            self._fh = open(self.target, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise failed(str(self.path), exc) from None
        return self._fh

    def probe(self) -> None:
        """Check the path can be written without keeping it open (outputs written at the end)."""
        if self.stdout:
            return
        existed = os.path.exists(self.target)
        try:
            with open(self.target, "a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise failed(str(self.path), exc) from None
        if not existed and not self.direct:
            os.unlink(self.target)

    def write(self, text: str) -> None:
        fh = self._fh if self._fh is not None else sys.stdout
        try:
            fh.write(text)
            fh.flush()
        except OSError as exc:
            raise failed(str(self.path or "-"), exc) from None

    def finish(self) -> None:
        """Close and move the complete file into place."""
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError as exc:
                raise failed(str(self.path), exc) from None
            self._fh = None
        self.commit()

    def commit(self) -> None:
        if self.stdout or self.direct or self.path is None:
            return
        try:
            os.replace(self.target, self.path)
        except OSError as exc:
            raise failed(self.path, exc) from None

    def abandon(self) -> None:
        """A batch cut short: close the stream and leave ``NAME.partial`` as it is."""
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None
