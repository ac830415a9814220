"""docs/cli.md is the CLI's own help, and the README names every command (fix: python tools/cli_docs.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "tools" / "cli_docs.py")
assert _spec and _spec.loader
cli_docs = importlib.util.module_from_spec(_spec)
sys.modules["cli_docs"] = cli_docs
_spec.loader.exec_module(cli_docs)


def test_the_cli_reference_is_the_clis_own_help() -> None:
    assert cli_docs.DOC.exists(), "docs/cli.md missing: run `python tools/cli_docs.py`"
    assert cli_docs.DOC.read_text(encoding="utf-8") == cli_docs.reference(), (
        "docs/cli.md is out of date with the CLI: run `python tools/cli_docs.py`")


def test_every_option_of_check_is_in_the_reference() -> None:
    from yusuan.cli import main

    text = cli_docs.reference()
    section = text.split("## yusuan check\n", 1)[1].split("\n## yusuan ", 1)[0]
    for param in main.commands["check"].params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("-"):
                assert opt in section, f"yusuan check {opt} missing from docs/cli.md"


def test_the_readme_names_every_command() -> None:
    from yusuan.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if not re.search(rf"yusuan {re.escape(name)}\b", readme)]
    assert not missing, f"README.md never shows these commands: {missing}"


def test_a_changed_help_is_caught() -> None:
    text = cli_docs.reference()
    assert "## yusuan check" in text and "--format" in text
    assert text.replace("--format", "--formats", 1) != text


def test_the_readme_counts_the_rules_the_registry_holds() -> None:
    import collections

    from yusuan.rules.registry import RULES
    from yusuan.store.checks import CORPUS_RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(RULES)} 条规则" in readme, f"README must say {len(RULES)} 条规则"
    assert f"另有 {len(CORPUS_RULES)} 条跨文件规则" in readme
    families = collections.Counter(code[:2] for code, _ in RULES)
    for family, n in families.items():
        row = re.search(rf"^\| {family}xx \| [^|]+ \| (\d+) \|", readme, re.M)
        assert row and int(row.group(1)) == n, f"README's audit table: {family}xx should count {n} rules"
