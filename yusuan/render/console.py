"""The rich consoles every command prints through (stdout for results, stderr for messages)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def print_error(message: str) -> None:
    """An error line on stderr; ``message`` holds user text (file names), so it is never markup."""
    err_console.print(f"[red]错误[/red] {escape(message)}", soft_wrap=True)
