"""The trust guard «疑似读取有误» (yusuan.audit.guards.doubtful_reading): a correct document whose
reading is damaged (a column shifted, codes lost, columns read under guessed names) gives a burst
of false errors without the guard, and one doubtful-reading warning with it; a document with one
wrong figure, or a table read cleanly that fails one check, keeps its errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.audit import Finding, audit
from yusuan.audit.guards import _gap_clusters
from yusuan.cli import main
from yusuan.model import Amount, Document
from yusuan.pipeline import load
from yusuan.testing import make_doc, make_table

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "yusuan" / "examples" / "specs" / "culture_bureau_2025.yaml"
SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_8e762299dd7fdb05.txt"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Document:
    out = tmp_path_factory.mktemp("guard") / "culture.html"
    r = CliRunner().invoke(main, ["generate", str(SPEC), "-o", str(out)])
    assert r.exit_code == 0, r.output
    return load(str(out))


@pytest.fixture(scope="module")
def seed() -> Document:
    return load(str(SEED))


def _reported(doc: Document, *, guard: bool = True) -> list[Finding]:
    result = audit(doc.model_copy(deep=True), ignore=None if guard else ["Y021"])
    return [f for f in result.findings if f.severity in ("error", "warning")]


def _on(findings: list[Finding], table: str) -> list[Finding]:
    return [f for f in findings if f.location.table == table or (f.rule.startswith("Y2") and f.rule != "Y021")]


def _shift_down(doc: Document, table_id: str, column: str) -> Document:
    """The figures of one column read one row too low (a wrapped cell above them)."""
    d = doc.model_copy(deep=True)
    t = d.table(table_id)
    assert t is not None
    figures = [r.values.pop(column, None) for r in t.rows]
    for row, above in zip(t.rows[1:], figures, strict=False):
        if above is not None:
            row.values[column] = above
    return d


def _drop_codes(doc: Document, table_id: str, every: int = 3) -> Document:
    """Every third 项 row of a table read without its code (a code cell lost in the reading)."""
    d = doc.model_copy(deep=True)
    t = d.table(table_id)
    assert t is not None
    n = 0
    for row in t.rows:
        if row.code and len(row.code) == 7:
            n += 1
            if n % every == 0:
                row.code = None
    return d


def test_the_generated_document_is_clean(generated: Document) -> None:
    assert _reported(generated) == []


def test_a_shifted_column_is_one_doubtful_reading(generated: Document) -> None:
    damaged = _shift_down(generated, "expense", "basic")
    without = _on(_reported(damaged, guard=False), "expense")
    assert sum(f.severity == "error" for f in without) >= 2, [f.message for f in without]
    found = _reported(damaged)
    guard = [f for f in found if f.rule == "Y021"]
    assert len(guard) == 1 and guard[0].severity == "warning" and guard[0].location.table == "expense"
    assert not [f for f in found if f.location.table == "expense" and f.rule != "Y021"]
    assert set(guard[0].related) >= {f.id.split("-2")[0] for f in without if f.location.table == "expense"} - {""}
    assert "疑似读取有误" in guard[0].message


def test_the_reading_account_counts_the_doubtful_table(generated: Document) -> None:
    damaged = _shift_down(generated, "expense", "basic")
    audit(damaged)
    r = damaged.reading
    assert not r.complete
    assert [p.stage for p in r.problems] == ["audit"]
    assert "疑似读取有误" in r.reasons[-1]


def test_lost_codes_are_one_doubtful_reading_and_real_errors_stay(seed: Document) -> None:
    before = {(f.rule, f.location.table, f.location.row_code) for f in _reported(seed) if f.severity == "error"}
    damaged = _drop_codes(seed, "expense")
    without = [f for f in _reported(damaged, guard=False) if f.severity == "error"]
    assert len(without) >= len(before) + 4
    found = _reported(damaged)
    assert [f.location.table for f in found if f.rule == "Y021"] == ["expense"]
    after = {(f.rule, f.location.table, f.location.row_code) for f in found if f.severity == "error"}
    # the seed's own errors (in the income table, read right) are still errors of the document
    assert before <= after | {k for k in before if k[1] == "expense"}
    assert before and not [k for k in after if k[1] == "expense"]
    # the cross-table findings the lost codes caused name the damaged table and are folded into it
    assert not [f for f in found if f.rule == "Y205"]


def _three_wrong_parents(*, inferred: bool) -> Document:
    t = make_table("expense", [
        ("TOTAL", "合计", {"total": "60.00"}),
        ("201", "一般公共服务支出", {"total": "10.00"}),
        ("20101", "人大事务", {"total": "5.00"}),
        ("20102", "政协事务", {"total": "4.00"}),
        ("205", "教育支出", {"total": "20.00"}),
        ("20501", "教育管理事务", {"total": "15.00"}),
        ("208", "社会保障和就业支出", {"total": "30.00"}),
        ("20801", "人力资源和社会保障管理事务", {"total": "22.00"}),
    ], title="支出总表")
    t.columns[0].inferred = inferred
    return make_doc(t)


def test_a_cleanly_read_table_that_fails_one_check_keeps_its_errors() -> None:
    found = [f for f in _reported(_three_wrong_parents(inferred=False)) if f.location.table == "expense" and f.rule.startswith(("Y1", "Y021"))]
    assert [f.rule for f in found if f.severity == "error"] == ["Y101", "Y101", "Y101"]
    assert not [f for f in found if f.rule == "Y021"]


def test_the_same_failures_under_a_guessed_column_are_a_doubtful_reading() -> None:
    found = [f for f in _reported(_three_wrong_parents(inferred=True)) if f.location.table == "expense" and f.rule.startswith(("Y1", "Y021"))]
    assert [f.rule for f in found] == ["Y021"]
    assert "列名由勾稽关系推定" in found[0].message and "Y101×3" in found[0].message


def test_one_wrong_figure_stays_an_error(generated: Document) -> None:
    d = generated.model_copy(deep=True)
    t = d.table("expense")
    assert t is not None
    row = next(r for r in t.rows if r.code == "2070109")
    old = row.values["total"]
    row.values["total"] = Amount(value=old.value + 10, text=f"{old.value + 10:,.2f}", unit=old.unit, source=old.source)
    found = _reported(d)
    assert not [f for f in found if f.rule == "Y021"]
    assert [f for f in found if f.severity == "error" and f.location.table == "expense"]


def test_ignoring_the_guard_gives_the_rules_findings(generated: Document) -> None:
    damaged = _shift_down(generated, "expense", "basic")
    assert not [f for f in _reported(damaged, guard=False) if f.rule == "Y021"]


def test_one_difference_carried_up_is_one_kind() -> None:
    assert _gap_clusters([Decimal("50.60"), Decimal("50.59"), Decimal("50.60")]) == 1
    assert _gap_clusters([Decimal("1"), Decimal("5"), Decimal("8")]) == 3
    assert _gap_clusters([]) == 0
