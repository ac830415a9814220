"""Amounts with their unit in every message: the engine's last touch on what a rule wrote.

A reviewer reads 「本年收入合计」 581242867.20 不等于本年各项收入之和 58,850.51 and cannot tell that
the first figure is printed in 元 and the second is a sum in 万元. Rules quote printed figures as
printed (``Amount.text``) and computed ones with ``tolerance.fmt`` (万元), mostly without a unit;
rather than ask every rule to say it, the engine gives every bare amount of a message its unit:

* a number printed in the document (a table cell, a figure of the narrative or of a 绩效目标表)
  gets the unit it was printed in — the unit of the located table when the same digits were
  printed in several units;
* in the amount families (arithmetic, cross-table, narrative, final accounts, completeness) any
  other decimal number is a figure the rule computed, always in 万元 (``fmt``);
* in the other families (performance targets, profile, wording, codes) a number the document
  did not print as an amount is left alone: it may be a score, a count or a target value.

A number is *bare* when no unit or percent sign follows it; numbers inside 「…」 and “…” quote the
document (a row name such as 「1.1 办公费」) and are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from yusuan.amounts import UNIT_FACTORS, to_wan
from yusuan.audit import REGISTRY, Finding
from yusuan.audit.tolerance import fmt
from yusuan.model import Amount, Document

AMOUNT_FAMILIES = frozenset({"arithmetic", "cross_table", "narrative", "final_accounts", "completeness"})

# a decimal number (optionally signed, with thousands separators) or a comma-grouped integer
_NUMBER = re.compile(r"(?<![\w.,])-?(?:\d[\d,]*\.\d+|\d{1,3}(?:,\d{3})+)(?![\w.,%％‰])")
_UNIT_AFTER = re.compile(r"\s*(?:亿元|万元|千元|元|%|％|‰|万人|人|个|户|平方米|辆|台|次|天|项|分|倍|亩|吨|公里|张|行|列|条|份)")
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|《[^》]*》")


def _key(text: str) -> str:
    return text.replace(",", "").lstrip("-")


def _doc_amounts(doc: Document) -> Iterator[tuple[str | None, Amount]]:
    """(table id or None, amount) for every amount the document printed."""
    for t in doc.tables:
        for r in t.rows:
            for a in (*r.values.values(), *r.unplaced):
                yield t.id, a
    for c in doc.claims:
        for ca in (c.amount, c.change, c.prior, c.restated):
            if ca is not None:
                yield None, ca
    for p in doc.performance:
        for a in p.amounts.values():
            yield None, a
    for pr in doc.projects:
        if pr.scale is not None:
            yield None, pr.scale


class _Units:
    """The units each printed digit string was printed in, per table and overall."""

    def __init__(self, doc: Document) -> None:
        self.any: dict[str, set[str]] = {}
        self.by_table: dict[tuple[str, str], set[str]] = {}
        for table, a in _doc_amounts(doc):
            k = _key(a.text)
            self.any.setdefault(k, set()).add(a.unit)
            if table is not None:
                self.by_table.setdefault((table, k), set()).add(a.unit)

    def unit(self, text: str, table: str | None, computed_default: bool) -> str | None:
        k = _key(text)
        for units in (self.by_table.get((table, k)) if table else None, self.any.get(k)):
            if units and len(units) == 1:
                return next(iter(units))
            if units and "万元" in units and not computed_default:
                return None  # printed in several units: do not guess outside the amount families
            if units:
                return "万元" if "万元" in units else sorted(units)[0]
        return "万元" if computed_default else None


_CACHE: dict[int, tuple[Document, _Units]] = {}


def _units_of(doc: Document) -> _Units:
    got = _CACHE.get(id(doc))
    if got is None or got[0] is not doc:
        _CACHE.clear()  # one document at a time: the audit runs its rules on one document
        got = (doc, _Units(doc))
        _CACHE[id(doc)] = got
    return got[1]


# an amount a rule already wrote in a unit other than 万元, not yet given its 万元 value beside
_OTHER_UNIT_AFTER = re.compile(r"\s*(亿元|千元|元)(?![/／每])(?!\s*[（(]合)")


def _in_wan(text: str, unit: str) -> str:
    """`` 元（合 58,124.286720 万元）``: the printed figure's unit and its value in 万元 beside."""
    try:
        value = to_wan(Decimal(text.replace(",", "")), unit)
    except InvalidOperation:
        return f" {unit}"
    return f" {unit}（合 {fmt(value)} 万元）"


def add_units(message: str, units: _Units, table: str | None, amount_family: bool) -> str:
    """``message`` with a unit after every bare amount (see the module docstring); an amount in
    元 (千元, 亿元) also gets its value in 万元 beside it, as ``Amount.shown`` writes it, so that
    figures of a 元 table and sums in 万元 read in one unit."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(message)]
    out: list[str] = []
    last = 0
    for m in _NUMBER.finditer(message):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        other = _OTHER_UNIT_AFTER.match(message, m.end())
        if other:
            if amount_family:
                out.append(message[last:other.end()])
                out.append(_in_wan(m.group(0), other.group(1))[len(other.group(1)) + 1:])
                last = other.end()
            continue
        if _UNIT_AFTER.match(message, m.end()):
            continue
        unit = units.unit(m.group(0), table, amount_family)
        if unit is None:
            continue
        out.append(message[last:m.end()])
        out.append(_in_wan(m.group(0), unit) if unit in UNIT_FACTORS and unit != "万元" else f" {unit}")
        last = m.end()
    out.append(message[last:])
    return "".join(out)


def with_units(doc: Document, finding: Finding) -> Finding:
    """The finding with a unit after every bare amount of its message."""
    rule = REGISTRY.get(finding.rule)
    amount_family = rule is not None and rule.family in AMOUNT_FAMILIES
    message = add_units(finding.message, _units_of(doc), finding.location.table, amount_family)
    return finding if message == finding.message else finding.model_copy(update={"message": message})
