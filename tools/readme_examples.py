"""The README's report examples, regenerated from today's reports (and checked, datasette style).

Every example in README.md is a fenced ``text`` block right after a marker line

    <!-- readme-example: yusuan check yusuan/examples/example_2024.md; lines=40 -->

The block is ``$ <command>`` followed by the command's real output (the first ``lines`` lines,
then ``…``), run from the repository root at a fixed width (``COLUMNS``, default 150) so that
it reads the same on every machine.

    python tools/readme_examples.py          # rewrite the examples in README.md
    python tools/readme_examples.py --check  # exit 1 and name the examples that fell behind

tests/test_readme_examples.py runs the check, so a change of a report fails until the README
shows it.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- readme-example: (?P<cmd>.+?)(?:; lines=(?P<lines>\d+))?(?:; width=(?P<width>\d+))? -->\n"
                    r"```text\n(?P<body>.*?)^```\n", re.M | re.S)


def run(cmd: str, lines: int | None, width: int) -> str:
    """``$ cmd`` and its output (stdout), as the README shows it."""
    args = shlex.split(cmd)
    if args[0] != "yusuan":
        raise SystemExit(f"readme example is not a yusuan command: {cmd}")
    env = {**os.environ, "COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb", "PYTHONIOENCODING": "utf-8"}
    code = "import sys; from yusuan.cli import main; sys.argv = ['yusuan', *sys.argv[1:]]; main()"
    res = subprocess.run([sys.executable, "-c", code, *args[1:]], cwd=ROOT, env=env, capture_output=True,
                         text=True, encoding="utf-8", check=False)
    out = [ln.rstrip() for ln in res.stdout.splitlines()]
    if lines is not None and len(out) > lines:
        out = [*out[:lines], "…"]
    return "\n".join([f"$ {cmd}", *out]) + "\n"


def regenerate(text: str) -> tuple[str, list[str]]:
    """The README with every example rerun, and the commands whose output changed."""
    changed: list[str] = []

    def one(m: re.Match[str]) -> str:
        lines = int(m.group("lines")) if m.group("lines") else None
        body = run(m.group("cmd"), lines, int(m.group("width") or 150))
        if body != m.group("body"):
            changed.append(m.group("cmd"))
        marker = m.group(0).split("\n", 1)[0]
        return f"{marker}\n```text\n{body}```\n"

    return MARKER.sub(one, text), changed


def main() -> int:
    check = "--check" in sys.argv[1:]
    text = README.read_text(encoding="utf-8")
    new, changed = regenerate(text)
    if not MARKER.search(text):
        print("README.md has no readme-example marker", file=sys.stderr)
        return 1
    if check:
        for cmd in changed:
            print(f"README example out of date: {cmd}  (run: python tools/readme_examples.py)", file=sys.stderr)
        return 1 if changed else 0
    README.write_text(new, encoding="utf-8")
    print(f"{len(changed)} README example(s) regenerated" + (": " + "; ".join(changed) if changed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
