"""docs/cli.md: the help of every ``yusuan`` command, generated from the CLI itself (datasette style).

    python tools/cli_docs.py          # rewrite docs/cli.md
    python tools/cli_docs.py --check  # exit 1 when docs/cli.md fell behind the CLI

tests/test_cli_docs.py runs the check, so an option added, renamed or re-explained fails the tests until the
reference shows it; it also fails when the README does not name a command.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"
WIDTH = 110  # fixed, so the reference reads the same on every machine

HEADER = """# 命令行参考 Command-line reference

由 `python tools/cli_docs.py` 从命令行本身生成，请勿手改；`tests/test_cli_docs.py` 在它落后于命令行时失败。
Generated from the CLI by `python tools/cli_docs.py`; do not edit by hand.

"""


def top_context(group: click.Group) -> click.Context:
    """The ``yusuan`` context with the group's own settings (``-h``), at the fixed width."""
    settings = {**group.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    return click.Context(group, info_name="yusuan", **settings)


def command_help(group: click.Group, name: str) -> str:
    """The ``--help`` text of one subcommand, at a fixed width."""
    command = group.commands[name]
    ctx = click.Context(command, info_name=name, parent=top_context(group), terminal_width=WIDTH,
                        max_content_width=WIDTH)
    return command.get_help(ctx)


def reference() -> str:
    """docs/cli.md as the CLI of today would write it."""
    from yusuan.cli import main as group

    parts = [HEADER]
    parts.append(f"## yusuan\n\n```text\n{group.get_help(top_context(group))}\n```\n")
    for name in sorted(group.commands):
        parts.append(f"\n## yusuan {name}\n\n```text\n{command_help(group, name)}\n```\n")
    return "".join(parts)


def main() -> int:
    new = reference()
    if "--check" in sys.argv[1:]:
        old = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if old != new:
            print("docs/cli.md is out of date with the CLI: run `python tools/cli_docs.py`", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    print(f"docs/cli.md written ({new.count('## yusuan ')} commands)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
