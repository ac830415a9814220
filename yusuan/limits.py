"""Limits on what one input may cost: every reader refuses a file past them *before* the work starts
(or as soon as the count is passed, while streaming), so that a hostile or broken file can never
exhaust the time or memory of a batch.

Each limit is a named setting with a default far above any real disclosure (a 2,000-page 汇总 PDF,
an 一体化 workbook of 100,000 rows) and can be raised with an environment variable:

    YUSUAN_MAX_FILE_MB=2000 yusuan check big.pdf

A refusal is a ``LimitError`` (a ``ReadError``): it names the limit, the value found, and how to
raise it, in Chinese with the English beside.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from yusuan.errors import ReadError


@dataclass(frozen=True)
class Limit:
    name: str  # the setting's name, as in the environment variable YUSUAN_<NAME>
    default: int
    what: str  # Chinese: what is counted
    what_en: str
    unit: str = ""

    @property
    def env(self) -> str:
        return f"YUSUAN_{self.name.upper()}"

    @property
    def value(self) -> int:
        """The limit in force: the environment variable when set to a positive integer, else the default."""
        raw = os.environ.get(self.env, "").strip().replace("_", "").replace(",", "")
        try:
            v = int(raw)
        except ValueError:
            return self.default
        return v if v > 0 else self.default

    def check(self, path: str, found: int, where: str = "", at_least: bool = False) -> None:
        """Raise LimitError when ``found`` exceeds the limit (``at_least``: found is a lower bound)."""
        if found > self.value:
            raise LimitError(path, self, found, where, at_least)


class LimitError(ReadError):
    """An input past one of the limits: says which, what was found, and how to raise it."""

    def __init__(self, path: str, limit: Limit, found: int, where: str = "", at_least: bool = False) -> None:
        self.limit = limit
        self.found = found
        u = limit.unit
        zh_min, en_min = ("至少 ", "at least ") if at_least else ("", "")
        at = f"（{where}）" if where else ""
        reason = (
            f"超过上限：{limit.what}{at} {zh_min}{found:,}{u}，上限 {limit.value:,}{u}"
            f"（如确需读取，可设置环境变量 {limit.env} 调高）"
        )
        reason_en = (f"limit exceeded: {limit.what_en} {en_min}{found:,} > {limit.value:,}; "
                     f"raise it with {limit.env}")
        super().__init__(path, reason, reason_en)


MAX_FILE_MB = Limit("max_file_mb", 512, "文件大小", "file size (MB)", " MB")
MAX_UNZIPPED_MB = Limit("max_unzipped_mb", 200, "解压后的 XML 内容大小", "expanded size of the XML parts (MB)", " MB")
MAX_ZIP_MEMBERS = Limit("max_zip_members", 10_000, "压缩包内文件数", "files inside the Office (zip) file")
MAX_TABLE_CELLS = Limit("max_table_cells", 2_000_000, "表格单元格数",
                        "cells of one table (rows × columns, spans included)")
MAX_TABLE_COLUMNS = Limit("max_table_columns", 1_000, "表格列数", "columns of one table")
MAX_TABLE_ROWS = Limit("max_table_rows", 300_000, "表格行数", "rows of one table (or sheet)")
MAX_SPAN = Limit("max_span", 1_000, "合并单元格跨度", "span of one merged cell (rows or columns)")
MAX_SHEET_CELLS = Limit("max_sheet_cells", 3_000_000, "单个工作表（一页）的单元格数", "filled cells of one sheet (page)")
MAX_TEXT_CHARS = Limit("max_text_chars", 20_000_000, "文本字符数", "characters of a text or HTML file")

ALL = [MAX_FILE_MB, MAX_UNZIPPED_MB, MAX_ZIP_MEMBERS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS,
       MAX_SPAN, MAX_SHEET_CELLS, MAX_TEXT_CHARS]


def check_file_size(path: str, size: int) -> None:
    MAX_FILE_MB.check(path, (size + (1 << 20) - 1) >> 20)
