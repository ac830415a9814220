"""Errors a user can act on. Each names the file and the reason, in Chinese first."""

from __future__ import annotations


class ReadError(Exception):
    """An input could not be read as a disclosure (missing, empty, corrupt, scanned, …).

    The CLI prints ``str(err)`` and exits with code 2; it never shows a traceback for this.
    """

    def __init__(self, path: str, reason: str, reason_en: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.reason_en = reason_en
        super().__init__(self.message())

    def message(self) -> str:
        en = f" ({self.reason_en})" if self.reason_en else ""
        return f"{self.path}: 无法读取：{self.reason}{en}"


class NotADisclosure(ReadError):
    """The file reads but is not a budget or final-accounts disclosure (a README, a list of sources).

    Named on the command line it is refused like any unreadable file; met in a folder walk it is
    listed as skipped and does not fail the batch.
    """
