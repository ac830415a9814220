"""The labelled findings set as a ratchet (issue 8): real problems stay found, misreadings do not return.

tests/labels/*.jsonl hold findings checked by hand against the rendered page (TRUE / PARSE / RULE).
Every labelled document is read and audited again:
* every TRUE finding must still be reported (a lost real problem fails the run);
* the labelled false findings still reported may not grow beyond tests/labels/ratchet.json.

Needs ../shared (or YUSUAN_SHARED); skipped loudly without it. Figures: python bench/precision.py.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_labels", ROOT / "bench" / "labels.py")
assert _spec and _spec.loader
labels_mod = importlib.util.module_from_spec(_spec)
sys.modules["bench_labels"] = labels_mod
_spec.loader.exec_module(labels_mod)

RATCHET = json.loads((ROOT / "tests" / "labels" / "ratchet.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(not labels_mod.SHARED.is_dir(),
                                reason=f"SKIPPED LOUDLY: ../shared not present ({labels_mod.SHARED}); "
                                       "the labelled set cannot be re-checked")


@pytest.fixture(scope="module")
def matched() -> object:
    labels = labels_mod.load_labels()
    jobs = int(os.environ.get("YUSUAN_TEST_JOBS", "2"))
    return labels_mod.match(labels, labels_mod.run_all((lab.path for lab in labels), jobs=jobs))


def test_labels_are_well_formed() -> None:
    labels = labels_mod.load_labels()
    assert len(labels) >= 250
    assert {lab.verdict for lab in labels} <= {"TRUE", "PARSE", "RULE"}
    assert all(lab.note for lab in labels), "every label says what the page shows"
    # one finding, one label: two batches labelling the same finding would make the matcher count the
    # second as gone (a "lost" TRUE) although the finding is still reported
    seen: dict[tuple[tuple[str, str, str], str], str] = {}
    for lab in labels:
        key = (lab.ident, lab.message)
        assert key not in seen, f"{lab.path} {lab.rule} labelled twice ({seen[key]} and {lab.batch})"
        seen[key] = lab.batch


def test_real_problems_are_still_found(matched: object) -> None:
    accepted = {tuple(x["ident"]) for x in RATCHET["lost_true_accepted"]}
    lost = [lab for lab in matched.lost_true() if lab.ident not in accepted]  # type: ignore[attr-defined]
    assert not lost, "real problems no longer reported:\n" + "\n".join(
        f"{lab.path} {lab.rule} {lab.message[:100]}" for lab in lost)


def test_misreadings_do_not_come_back(matched: object) -> None:
    still = matched.still_false()  # type: ignore[attr-defined]
    assert len(still) <= RATCHET["still_false_max"], (
        f"{len(still)} labelled false findings reported, more than the ratchet's {RATCHET['still_false_max']}")


def test_held_out_real_problems_are_still_found() -> None:
    """The held-out set is never tuned on, but the real problems it holds must stay found as well."""
    labels = labels_mod.load_labels(labels_mod.LABELS / "fresh")
    jobs = int(os.environ.get("YUSUAN_TEST_JOBS", "2"))
    m = labels_mod.match(labels, labels_mod.run_all({lab.path for lab in labels}, jobs=jobs))
    accepted = {tuple(x["ident"]) for x in RATCHET["heldout_lost_true_accepted"]}
    lost = [lab for lab in m.lost_true() if lab.ident not in accepted]
    assert not lost, "held-out real problems no longer reported:\n" + "\n".join(
        f"{lab.path} {lab.rule} {lab.message[:100]}" for lab in lost)

