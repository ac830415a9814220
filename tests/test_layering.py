"""The pipeline's layers: readers → parse → model → audit/rules → render. Rules read only the model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "yusuan"

# (layer, modules it must never import)
FORBIDDEN = {
    "rules": ("yusuan.parse", "yusuan.readers"),
    "audit": ("yusuan.parse", "yusuan.readers"),
    "readers": ("yusuan.parse", "yusuan.rules", "yusuan.audit"),
    "render": ("yusuan.parse", "yusuan.readers"),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.lineno, node.module))
    return out


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_what_lies_before_it(layer: str) -> None:
    bad = []
    for path in sorted((PACKAGE / layer).glob("*.py")):
        for line, module in _imports(path):
            if any(module == f or module.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    assert not bad, "\n".join(bad)


# Rules read only the model: reading text is yusuan.parse's business (yusuan/parse/claim_details.py
# reads what a claim's sentence says beyond its numbers). Modules still regexing text until their
# reading moves to parse, each with the reason; the list only shrinks.
RE_ALLOWED: dict[str, str] = {}


def _rules_modules() -> list[Path]:
    return sorted((PACKAGE / "rules").glob("*.py"))


def test_rules_do_not_regex_text() -> None:
    users = {path.name for path in _rules_modules()
             if any(module == "re" for _, module in _imports(path))}
    assert users - set(RE_ALLOWED) == set(), "a rule module imports re: read the text in yusuan/parse"
    assert set(RE_ALLOWED) - users == set(), "a module no longer uses re: drop it from RE_ALLOWED"


_FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "Path"}


def test_rules_do_not_open_files() -> None:
    bad = []
    for path in _rules_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                if name in _FILE_CALLS:
                    bad.append(f"{path.name}:{node.lineno} calls {name}")
        for line, module in _imports(path):
            if module in ("pathlib", "io", "tomllib", "importlib.resources"):
                bad.append(f"{path.name}:{line} imports {module}")
    assert not bad, "\n".join(bad)


MAX_FUNCTION_LINES = 80
# functions still over the limit, with the reason; the list only shrinks
LONG_ALLOWED: dict[str, str] = {}


def test_no_long_functions_in_rules_and_audit() -> None:
    """A newcomer reads a rule in one screen: no function of yusuan/rules or yusuan/audit over 80 lines."""
    long = set()
    for layer in ("rules", "audit"):
        for path in sorted((PACKAGE / layer).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None \
                        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    long.add(f"{layer}/{path.name}:{node.name}")
    assert long - set(LONG_ALLOWED) == set(), "split these functions by meaning"
    assert set(LONG_ALLOWED) - long == set(), "no longer long: drop from LONG_ALLOWED"


MAX_MODULE_LINES = 600
# the whole package: modules over 600 lines and functions over 80 lines, with the reason; the lists
# only shrink (rules/ and audit/ have none: see above)
LONG_MODULES: dict[str, str] = {}
LONG_FUNCTIONS_ELSEWHERE: dict[str, str] = {}


def _package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in ("rules", "audit"))


def test_no_module_over_600_lines() -> None:
    """A newcomer reads a module in one sitting: none of yusuan/ over 600 lines (split by what it does)."""
    long = {str(p.relative_to(PACKAGE)) for p in sorted(PACKAGE.rglob("*.py"))
            if p.read_text(encoding="utf-8").count("\n") > MAX_MODULE_LINES}
    assert long - set(LONG_MODULES) == set(), "split these modules by what they do"
    assert set(LONG_MODULES) - long == set(), "no longer long: drop from LONG_MODULES"


def test_no_long_functions_in_the_rest_of_the_package() -> None:
    long = set()
    for path in _package_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None \
                    and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                long.add(f"{path.relative_to(PACKAGE)}:{node.name}")
    assert long - set(LONG_FUNCTIONS_ELSEWHERE) == set(), "split these functions by meaning"
    assert set(LONG_FUNCTIONS_ELSEWHERE) - long == set(), "no longer long: drop from LONG_FUNCTIONS_ELSEWHERE"
