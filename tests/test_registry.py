"""The rule registry (yusuan/rules/registry.py) is the one list of rules: every rule function of
every family module is in it exactly once, under the code its ``@rule`` gives, and the codes are
the permanent ones the documentation publishes."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import yusuan.rules
from yusuan.audit import Rule, all_rules
from yusuan.rules.registry import RULES

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "yusuan" / "rules"


def _family_rule_functions() -> dict[str, str]:
    """Every function carrying ``@rule`` metadata in any module under yusuan/rules: qualname → code."""
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(yusuan.rules.__path__):
        module = importlib.import_module(f"yusuan.rules.{info.name}")
        for name, obj in vars(module).items():
            meta = getattr(obj, "rule", None)
            if isinstance(meta, Rule) and getattr(obj, "__module__", None) == module.__name__:
                found[f"{module.__name__}.{name}"] = meta.code
    return found


def test_every_rule_function_is_listed_exactly_once() -> None:
    listed = [f"{func.__module__}.{func.__name__}" for _, func in RULES]
    assert sorted(listed) == sorted(set(listed)), "a function is listed twice"
    assert sorted(listed) == sorted(_family_rule_functions()), "registry and @rule functions differ"


def test_codes_are_unique_and_match_the_decorator() -> None:
    codes = [code for code, _ in RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"Y\d{3}", c) for c in codes)
    assert codes == sorted(codes), "keep the registry in code order"
    for code, func in RULES:
        assert func.rule.code == code, f"{func.__name__}: registry says {code}, @rule says {func.rule.code}"
    assert list(all_rules()) == codes


def test_codes_are_the_published_ones() -> None:
    """Codes are permanent: the catalog that runs is the catalog docs/rules.md publishes."""
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    published = re.findall(r"^### (Y\d{3})$", text, flags=re.M)
    assert published and sorted(published) == [code for code, _ in RULES]


def test_one_line_per_rule() -> None:
    """Each rule is one line ``("Y101", family.function),`` so that branches adding rules merge cleanly."""
    lines = (RULES_DIR / "registry.py").read_text(encoding="utf-8").splitlines()
    entries = [ln for ln in lines if re.match(r'\s*\("Y\d{3}",', ln)]
    assert len(entries) == len(RULES)
    assert all(re.fullmatch(r'    \("Y\d{3}", [a-z_]+\.[a-z_0-9]+\),', ln) for ln in entries)


def test_no_import_cycle() -> None:
    """No family module imports the registry, and the registry imports on its own in a fresh interpreter."""
    for path in sorted(RULES_DIR.glob("*.py")):
        if path.name == "registry.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "yusuan.rules.registry", path.name
                assert not (node.module == "yusuan.rules" and any(a.name == "registry" for a in node.names)), path.name
    done = subprocess.run([sys.executable, "-c", "import yusuan.rules.registry as r; print(len(r.RULES))"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(RULES)
