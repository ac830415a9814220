"""check --together of a 预算 and its 决算: each audited on its own, the two checked against each other (Y964)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.audit import Finding
from yusuan.cli import main
from yusuan.cli_check_pair import pair_findings
from yusuan.testing import make_doc, make_table

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def test_pair_findings_relate_the_final_accounts_to_the_budget() -> None:
    final = make_doc(make_table("three_public", [("TOTAL", "合计", {"budget": "6.50", "total": "3.20"})]),
                     year=2023, kind="决算")
    budget = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "5.60"})]), year=2023)
    found = pair_findings({"b.pdf": budget, "f.pdf": final})
    assert [(label, f.rule, f.expected) for label, fs in found.items() for f in fs] == [("f.pdf", "Y964", "5.60")]
    same = make_doc(make_table("three_public", [("TOTAL", "合计", {"total": "6.50"})]), year=2023)
    assert pair_findings({"b.pdf": same, "f.pdf": final}) == {}


def test_together_runs_the_pair_findings_into_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = str(SEEDS[0]), str(SEEDS[1])
    extra = Finding(rule="Y964", severity="warning", category="corpus", message="决算所列预算数与同年公开的预算不一致")

    def paired(files: list[str]) -> tuple[list[list[str]], dict[str, list[Finding]]]:
        return [[a], [b]], {b: [extra]}

    monkeypatch.setattr("yusuan.cli_check_pair.budget_and_final", paired)
    out = CliRunner().invoke(main, ["check", a, b, "--together", "--format", "json", "--exit-zero"])
    assert out.exit_code == 0, out.output
    records = [json.loads(ln) for ln in out.output.splitlines() if ln.startswith("{")]
    assert [r["path"] for r in records] == [a, b]  # two documents, not one merged
    assert [f["rule"] for f in records[1]["findings"] if f["rule"] == "Y964"] == ["Y964"]
    assert not [f for f in records[0]["findings"] if f["rule"] == "Y964"]


def test_files_of_one_kind_given_together_stay_one_disclosure() -> None:
    from yusuan.cli_check_pair import budget_and_final

    assert budget_and_final([str(SEEDS[0]), str(SEEDS[1])]) is None  # two budgets


def test_y965_budget_last_year_column_against_the_final_of_the_year_before() -> None:
    final = make_doc(make_table("three_public", [("TOTAL", "合计", {"budget": "5.60", "total": "3.20"}),
                                                 ("reception", "公务接待费", {"budget": "2.00", "total": "1.10"})]),
                     year=2023, kind="决算")
    budget = make_doc(make_table("three_public", [("TOTAL", "合计", {"last_year": "6.50", "total": "7.00"}),
                                                  ("reception", "公务接待费", {"last_year": "2.00", "total": "2.00"})]),
                      year=2024)
    found = pair_findings({"b.pdf": budget, "f.pdf": final})
    assert [(label, f.rule, f.location.row_code, f.expected, f.actual) for label, fs in found.items() for f in fs] == [
        ("b.pdf", "Y965", "TOTAL", "5.60", "6.50")]
    agree = budget.model_copy(deep=True)
    agree.tables[0].rows[0].values["last_year"] = agree.tables[0].rows[1].values["last_year"].model_copy(
        update={"value": final.tables[0].rows[0].values["budget"].value, "text": "5.60"})
    assert pair_findings({"b.pdf": agree, "f.pdf": final}) == {}
    # a 决算 of another year is not the year before's
    older = final.model_copy(update={"year": 2022})
    assert pair_findings({"b.pdf": budget, "f.pdf": older}) == {}
