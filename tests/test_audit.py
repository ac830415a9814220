"""The engine: selection, severity overrides, coverage (ran / not applicable / not run / failed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from yusuan.audit import (
    REGISTRY,
    CannotRun,
    NotApplicable,
    Problem,
    all_rules,
    audit,
    register,
    rule,
    selected,
)
from yusuan.model import Document
from yusuan.testing import make_doc


@pytest.fixture
def scratch_rules() -> Iterator[None]:
    """Register throwaway rules under codes no family uses, and remove them afterwards."""
    before = dict(all_rules())  # load the families first, or restoring would unregister them

    @rule("Y990", "总是发现", family="test", severity="error", basis="算术")
    def always(doc: Document) -> Iterator[Problem]:
        yield Problem("发现")
        yield Problem("舍入", severity="info", category="rounding")

    @rule("Y991", "不适用", family="test", severity="error", basis="算术")
    def not_applicable(doc: Document) -> Iterator[Problem]:
        raise NotApplicable("模板没有此表")

    @rule("Y992", "缺数据", family="test", severity="error", basis="算术")
    def cannot_run(doc: Document) -> Iterator[Problem]:
        raise CannotRun("未读取到某表")

    @rule("Y993", "出错", family="test", severity="error", basis="算术")
    def broken(doc: Document) -> Iterator[Problem]:
        raise ZeroDivisionError("boom")

    @rule("Y994", "需要说明", family="test", severity="error", basis="算术", needs=("sections", "table:expense"))
    def needs_sections(doc: Document) -> Iterator[Problem]:
        yield Problem("不应运行")

    for func in (always, not_applicable, cannot_run, broken, needs_sections):
        register(func)
    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def test_coverage_says_what_ran_and_why_not(scratch_rules: None) -> None:
    res = audit(make_doc(), select=["Y99"])
    cov = {c.rule: (c.status, c.reason) for c in res.coverage}
    assert cov["Y990"] == ("ran", None)
    assert cov["Y991"] == ("not_applicable", "模板没有此表")
    assert cov["Y992"] == ("not_run", "未读取到某表")
    assert cov["Y993"][0] == "failed" and "ZeroDivisionError" in (cov["Y993"][1] or "")
    assert cov["Y994"][0] == "not_run" and "未读取到情况说明" in (cov["Y994"][1] or "")
    # a rule bug is reported as a finding, never raised
    assert [(f.severity, "Y993" in f.message) for f in res.findings if f.rule == "Y000"] == [("warning", True)]


def test_severity_from_problem_rule_and_override(scratch_rules: None) -> None:
    res = audit(make_doc(), select=["Y990"])
    assert [(f.severity, f.category) for f in res.findings] == [("error", None), ("info", "rounding")]
    res = audit(make_doc(), select=["Y990"], severity_overrides={"Y990": "warning"})
    # the override moves the rule's own level; the rounding note the rule graded info stays info
    assert [(f.severity, f.category) for f in res.findings] == [("warning", None), ("info", "rounding")]


def test_select_and_ignore_by_prefix() -> None:
    assert selected("Y101", ["Y1"], None)
    assert not selected("Y201", ["Y1"], None)
    assert not selected("Y101", None, ["Y10"])
    assert selected("Y110", ["Y1"], ["Y10"])


def test_every_registered_rule_runs_on_an_empty_document_without_failing() -> None:
    res = audit(make_doc())
    failed = [c.rule for c in res.coverage if c.status == "failed"]
    assert failed == []
