"""docs/rules.md is generated from the rule registry; this fails when it is out of date.

Fix: `yusuan rules --markdown > docs/rules.md`
"""

from __future__ import annotations

import re
from pathlib import Path

from yusuan.audit import all_rules
from yusuan.audit.docs import rules_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_md_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date with the rule registry: run `yusuan rules --markdown > docs/rules.md`")


PARTS = ("查什么", "为什么", "示例", "容差")


def test_every_rule_is_documented() -> None:
    """The docstring is the documentation (ruff-style): its first line says in Chinese what the rule
    checks, and it says 查什么 / 为什么 / 示例 / 容差 — what, why (the basis), an example of a
    finding, the tolerance."""
    weak = {}
    for code, r in all_rules().items():
        text = r.doc
        # each part opens a paragraph, so that the rule pages (yusuan.web) show it under its heading
        paras = [para.strip() for para in re.split(r"\n\s*\n", text)]
        missing = [p for p in PARTS if not any(para.startswith(p) for para in paras)]
        first = text.splitlines()[0] if text else ""
        if not any("\u4e00" <= ch <= "\u9fff" for ch in first[:8]):
            missing.append("中文首行")
        if missing:
            weak[code] = missing
    assert weak == {}
    assert all(r.basis.strip() for r in all_rules().values())
