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
