"""docs/rules.md is generated from the rule registry; this fails when it is out of date.

Fix: `yusuan rules --markdown > docs/rules.md`
"""

from __future__ import annotations

from pathlib import Path

from yusuan.audit import all_rules
from yusuan.audit.docs import rules_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_md_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date with the rule registry: run `yusuan rules --markdown > docs/rules.md`")


def test_every_rule_is_documented() -> None:
    """The docstring is the documentation: it must say what, why, an example and the tolerance."""
    weak = []
    for code, r in all_rules().items():
        if code[:2] not in ("Y1", "Y2", "Y4"):
            continue  # other families are documented by their own engineers; presence checked below
        text = r.doc
        if not all(word in text for word in ("Why", "Example")):
            weak.append(code)
    assert weak == []
    assert all(r.doc.strip() for r in all_rules().values())
    assert all(r.basis.strip() for r in all_rules().values())
