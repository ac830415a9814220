"""The rich consoles every command prints through (stdout for results, stderr for messages)."""

from __future__ import annotations

from rich.console import Console

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
