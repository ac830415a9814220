"""Printing store results: query rows as a table, CSV or JSON lines; the ingest summary."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

if TYPE_CHECKING:
    from yusuan.store.ingest import IngestSummary

_CENT = Decimal("0.01")


def shown_decimal(v: Decimal) -> str:
    """``5417.800000`` → ``5417.80``; ``0.001234`` stays: exact, without the column's padding zeros."""
    n = v.normalize()
    if n.as_tuple().exponent > -2:  # type: ignore[operator]
        n = n.quantize(_CENT)
    return format(n, "f")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return shown_decimal(v)
    if isinstance(v, datetime | date):
        return v.isoformat()
    return str(v)


def _json_value(v: Any) -> str:
    # decimals as JSON numbers written exactly (never through float)
    if isinstance(v, Decimal):
        return shown_decimal(v)
    if isinstance(v, datetime | date):
        return json.dumps(v.isoformat())
    if isinstance(v, bool | int | float | str) or v is None:
        return json.dumps(v, ensure_ascii=False)
    return json.dumps(str(v), ensure_ascii=False)


def json_line(cols: Sequence[str], row: Sequence[Any]) -> str:
    return "{" + ", ".join(f"{json.dumps(c, ensure_ascii=False)}: {_json_value(v)}" for c, v in zip(cols, row,
                                                                                                      strict=True)) + "}"


def print_rows(cols: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, console: Console) -> None:
    if fmt == "json":
        for r in rows:
            sys.stdout.write(json_line(cols, r) + "\n")
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(v) for v in r])
        sys.stdout.write(buf.getvalue())
        return
    table = RichTable(header_style="bold", caption=f"{len(rows)} 行 rows", caption_justify="left")
    for i, c in enumerate(cols):
        numeric = bool(rows) and all(isinstance(r[i], int | float | Decimal) for r in rows if r[i] is not None)
        table.add_column(escape(c), justify="right" if numeric else "left", overflow="fold")
    for r in rows:
        table.add_row(*(escape(_cell(v)) for v in r))
    console.print(table)


def render_ingest_summary(s: IngestSummary, db: str, console: Console) -> None:
    rate = s.parsed / s.seconds if s.seconds else 0.0
    console.print(
        f"[bold]入库完成[/bold] {escape(db)}：新增 {s.new} 份，替换 {s.replaced} 份，未变 {s.unchanged} 份，"
        f"失败 {len(s.failed)} 份；{s.pages} 页，用时 {s.seconds:.1f} 秒（{rate:.2f} 份/秒）"
        f"  (new {s.new}, replaced {s.replaced}, unchanged {s.unchanged}, failed {len(s.failed)})",
        soft_wrap=True,
    )
    for label, reason in s.failed[:20]:
        console.print(f"  [red]失败[/red] {escape(label)}: {escape(reason)}", soft_wrap=True)
    if len(s.failed) > 20:
        console.print(f"  … 另有 {len(s.failed) - 20} 份失败，见表 failures")
