"""The README's report examples are today's real output (regenerate: python tools/readme_examples.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "tools" / "readme_examples.py")
assert _spec and _spec.loader
readme_examples = importlib.util.module_from_spec(_spec)
sys.modules["readme_examples"] = readme_examples
_spec.loader.exec_module(readme_examples)


def test_the_readme_examples_are_real_output_of_todays_reports() -> None:
    text = readme_examples.README.read_text(encoding="utf-8")
    assert len(readme_examples.MARKER.findall(text)) >= 3
    _, changed = readme_examples.regenerate(text)
    assert not changed, f"README examples out of date, run `python tools/readme_examples.py`: {changed}"


def test_a_stale_example_is_caught() -> None:
    text = readme_examples.README.read_text(encoding="utf-8")
    m = readme_examples.MARKER.search(text)
    assert m is not None
    stale = text.replace(m.group("body"), m.group("body").replace("读取情况", "读 取情况", 1), 1)
    assert readme_examples.regenerate(stale)[1]
