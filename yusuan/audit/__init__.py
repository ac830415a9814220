"""The audit engine: a registry of rules, and ``audit(doc)`` that runs them.

A rule is a plain function ``(doc) -> Iterable[Problem]`` in a family module under ``yusuan/rules/``,
described by ``@rule(...)`` and registered by its one line in ``yusuan/rules/registry.py``; its docstring is its documentation (what it checks, why it matters, an
example, its tolerance), printed by ``yusuan rules CODE`` and generated into docs/rules.md.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from yusuan.model import Document

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class Location(BaseModel):
    """Where a finding is: a table cell, or a section and line of the narrative."""

    table: str | None = None  # canonical table id
    table_title: str | None = None
    row_code: str | None = None
    row_name: str | None = None
    column: str | None = None
    section: str | None = None
    file: str | None = None
    page: int | None = None
    line: int | None = None


class Finding(BaseModel):
    """One problem found in one document. The JSON shape is a contract: keep it stable."""

    rule: str
    severity: Severity
    category: str | None = None  # e.g. "rounding"
    message: str  # Chinese, naming the quantities and both values
    location: Location = Field(default_factory=Location)
    expected: str | None = None
    actual: str | None = None
    source: str | None = None  # the quoted text it rests on
    # the other columns of the same row with the same problem, folded into this finding
    columns: list[str] = Field(default_factory=list)
    # a stable id (rule and location, see ``yusuan.audit.grouping.finding_id``), the same in every run
    id: str = ""
    # ids of the findings that concern the same figure: other rules' findings on the same cell, and
    # the findings folded into this one (one misprinted unit seen by several rules is one finding)
    related: list[str] = Field(default_factory=list)


@dataclass
class Problem:
    """What a rule yields; the engine stamps it with the rule's code and severity."""

    message: str
    location: Location = field(default_factory=Location)
    expected: object | None = None
    actual: object | None = None
    source: str | None = None
    severity: Severity | None = None  # None: the rule's default
    category: str | None = None


class NotApplicable(Exception):  # noqa: N818 - reads as a statement: the rule is not applicable
    """Raised by a rule when it does not apply to this document (say why)."""


class CannotRun(Exception):  # noqa: N818
    """Raised by a rule when what it needs was not read (say what)."""


RuleFunc = Callable[[Document], Iterable[Problem]]


@dataclass
class Rule:
    code: str  # permanent, e.g. "Y101"; never reused
    title: str  # Chinese short title
    family: str  # "arithmetic", "cross_table", "narrative", …
    severity: Severity  # default severity
    basis: str  # 法律依据 or "算术" / "模板惯例"
    func: RuleFunc
    needs: tuple[str, ...] = ()  # "table:expense", "claims", "performance", "profile", "sections"

    @property
    def doc(self) -> str:
        import inspect

        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0] if self.doc else self.title


# The catalog: filled from yusuan.rules.registry.RULES (the one list of rules) when first asked
# for; tests may add throwaway rules to it with ``register``.
REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    title: str,
    *,
    family: str,
    severity: Severity,
    basis: str,
    needs: Sequence[str] = (),
) -> Callable[[RuleFunc], RuleFunc]:
    """Attach a rule's metadata to its function. Registration is the line in yusuan/rules/registry.py."""

    def describe(func: RuleFunc) -> RuleFunc:
        func.rule = Rule(code, title, family, severity, basis, func, tuple(needs))  # type: ignore[attr-defined]
        return func

    return describe


def rule_of(func: RuleFunc) -> Rule:
    """The metadata ``@rule`` attached to a rule function."""
    meta = getattr(func, "rule", None)
    if not isinstance(meta, Rule):
        raise TypeError(f"{func.__module__}.{func.__name__} has no @rule(...) metadata")
    return meta


def register(func: RuleFunc) -> Rule:
    """Add one rule function to the catalog (the registry list does this for every listed rule)."""
    r = rule_of(func)
    if REGISTRY.get(r.code, r).func is not func:
        raise ValueError(f"rule code {r.code} registered twice")
    REGISTRY[r.code] = r
    return r


def _load_registry() -> None:
    from yusuan.rules.registry import RULES

    for code, func in RULES:
        r = register(func)
        if r.code != code:
            raise ValueError(f"registry lists {func.__name__} as {code}, its @rule says {r.code}")


# Rules whose material a document of one kind does not publish (a 决算 has no 项目支出情况表 and no
# 绩效目标表): where such a rule cannot run on a document of that kind, it is not applicable.
NOT_PUBLISHED: dict[str, dict[str, str]] = {}


def not_published(kind: str, reason: str, *codes: str) -> None:
    """Declare that documents of ``kind`` (预算/决算) do not publish what these rules check."""
    for code in codes:
        NOT_PUBLISHED.setdefault(kind, {})[code] = reason


def _not_run(doc: Document, code: str, reason: str | None) -> CoverageEntry:
    why = NOT_PUBLISHED.get(doc.kind, {}).get(code)
    if why:
        return CoverageEntry(rule=code, status="not_applicable", reason=why)
    return CoverageEntry(rule=code, status="not_run", reason=reason)


_loaded = False


def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order (the order they run in)."""
    global _loaded
    if not _loaded:
        _load_registry()
        _loaded = True
    return dict(sorted(REGISTRY.items()))


class CoverageEntry(BaseModel):
    rule: str
    status: Literal["ran", "not_applicable", "not_run", "failed"]
    reason: str | None = None


class AuditResult(BaseModel):
    findings: list[Finding] = Field(default_factory=list)
    coverage: list[CoverageEntry] = Field(default_factory=list)


def _missing_need(doc: Document, need: str) -> str | None:
    """Why a need is not met (Chinese), or None when it is."""
    kind, _, arg = need.partition(":")
    if kind == "table":
        t = doc.table(arg)
        if t is None:
            return f"未读取到表 {arg}"
        return None
    if kind == "claims" and not doc.claims:
        return "未读取到情况说明中的数字表述"
    if kind == "sections" and not doc.sections:
        return "未读取到情况说明"
    if kind == "performance" and not doc.performance:
        return "未读取到绩效目标表"
    if kind == "profile" and not (doc.profile.staff or doc.profile.functions):
        return "未读取到部门概况"
    if kind == "projects" and not doc.projects:
        return "未读取到项目情况说明"
    return None


def _text(v: object | None) -> str | None:
    return None if v is None else str(v)


def selected(code: str, select: Sequence[str] | None, ignore: Sequence[str] | None) -> bool:
    """ruff-style selection by code or prefix: ``Y1`` selects Y101, Y102 …"""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(s) for s in ignore))


def audit(
    doc: Document,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    severity_overrides: dict[str, Severity] | None = None,
) -> AuditResult:
    """Run every selected rule on one document. A rule that raises never stops the others."""
    from yusuan.audit.index import audit_run

    with audit_run():
        return _run_rules(doc, select, ignore, severity_overrides)


def _run_rules(
    doc: Document,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    severity_overrides: dict[str, Severity] | None,
) -> AuditResult:
    result = AuditResult()
    overrides = severity_overrides or {}
    for code, r in all_rules().items():
        if not selected(code, select, ignore):
            continue
        missing = [m for m in (_missing_need(doc, n) for n in r.needs) if m]
        if missing:
            result.coverage.append(_not_run(doc, code, "；".join(missing)))
            continue
        try:
            problems = list(r.func(doc))
        except NotApplicable as exc:
            result.coverage.append(CoverageEntry(rule=code, status="not_applicable", reason=str(exc) or None))
            continue
        except CannotRun as exc:
            result.coverage.append(_not_run(doc, code, str(exc) or None))
            continue
        except Exception as exc:  # a rule bug is reported, never fatal
            tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
            result.coverage.append(CoverageEntry(rule=code, status="failed", reason=tb))
            result.findings.append(
                Finding(
                    rule="Y000",
                    severity="warning",
                    category="internal",
                    message=f"规则 {code} 运行出错（内部错误，请报告）：{tb}",
                )
            )
            continue
        result.coverage.append(CoverageEntry(rule=code, status="ran"))
        for p in problems:
            severity = p.severity or r.severity
            # an override changes the rule's own level; a problem the rule graded itself (rounding as
            # info, a doubtful reading as a warning) keeps its grade
            if code in overrides and severity == r.severity:
                severity = overrides[code]
            result.findings.append(
                Finding(
                    rule=code,
                    severity=severity,
                    category=p.category,
                    message=p.message,
                    location=p.location,
                    expected=_text(p.expected),
                    actual=_text(p.actual),
                    source=p.source,
                )
            )
    from yusuan.audit.grouping import group_findings
    from yusuan.audit.guards import GUARDS

    for code, guard in GUARDS:  # trust guards: a doubtful reading is not the document's error
        if code in all_rules() and selected(code, None, ignore):
            result.findings = guard(doc, result.findings)
            if code in overrides:
                result.findings = [f.model_copy(update={"severity": overrides[code]}) if f.rule == code else f
                                   for f in result.findings]
    result.findings = group_findings(doc, result.findings)
    return result
