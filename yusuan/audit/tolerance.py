"""Rounding tolerance: how far two printed figures may differ and still both be true.

Published figures are rounded to the printed precision (0.01 万元 usually; some templates print
元, some print six decimals, a narrative may round to whole 万元). A printed figure is within half a
unit of its last printed digit of the true figure, so when a parent is compared with the sum of n
children, each of the n + 1 printed figures carries its own half unit:

    |parent − Σ children| ≤ ½ ulp(parent) + Σ ½ ulp(child)

e.g. ``31.29`` against ``28.62 + 2.66 = 31.28``: tolerance 3 × 0.005 = 0.015, difference 0.01 →
rounding (severity ``info``, category ``rounding``), not an error. One exception: a parent with a
single child printed at the same precision is the same number rounded the same way, so any
difference is real (tolerance 0).

When the children have children of their own (a 类 over 款 over 项, a 合计 over the 类), the
generating system may have summed the parent from the rounded figures of any level, so every
printed figure of the subtree brings its half unit.

The same figure restated in another table (Y2xx) may differ by each printing's half unit,
½ ulp(a) + ½ ulp(b) — 0.01 at two decimals — since each table's totals may be rounded on their own;
a figure summed over several rows (a code repeated once per budget unit) brings every summed
printing's half unit. Within a rule, when a template may lay a total out in several ways, the
figure is an error only when no layout explains it, and a rounding difference is preferred.

Everything is ``Decimal`` in 万元; a figure printed in 元 has a half unit of 0.005 元 = 0.0000005 万元.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

from yusuan.amounts import decimals, half_unit
from yusuan.model import Amount

Verdict = Literal["ok", "rounding", "error"]

def amount_half_unit(a: Amount) -> Decimal:
    return half_unit(a.text, a.unit)


def sum_tolerance(parent: Amount | None, children: Sequence[Amount]) -> Decimal:
    """How far ``parent`` may be from ``Σ children`` by rounding alone (see the module docstring)."""
    terms = list(children) + ([parent] if parent is not None else [])
    if parent is not None and len(children) == 1 and decimals(parent.text) == decimals(children[0].text) \
            and parent.unit == children[0].unit:
        return Decimal(0)
    return sum((amount_half_unit(a) for a in terms), Decimal(0))


def equal_tolerance(a: Amount, b: Amount) -> Decimal:
    """Tolerance for the same quantity printed twice (two tables, or a table and the text).

    Printed at the same precision and unit, the same number rounds the same way: 0. Otherwise
    each printing may be off by half its own last digit.
    """
    if decimals(a.text) == decimals(b.text) and a.unit == b.unit:
        return Decimal(0)
    return amount_half_unit(a) + amount_half_unit(b)


def quoted_tolerance(table: Amount, text: Amount) -> Decimal:
    """Tolerance for a table figure quoted in the narrative.

    A narrative that quotes a finer table figure more coarsely (six decimals in the table, two in
    the text) may have truncated it, rounded an already rounded figure (123.4549 → 123.455 →
    123.46) or moved a last digit so that its parts add up to its rounded whole — offices do all
    three: it may be off by one unit of its own last digit. At equal or finer precision the text
    must agree as any figure printed twice.
    """
    if half_unit(text.text, text.unit) > half_unit(table.text, table.unit):
        return 2 * amount_half_unit(text) + amount_half_unit(table)
    return equal_tolerance(table, text)


def restated_tolerance(a: Amount, b: Amount) -> Decimal:
    """Tolerance for a total restated in another table (or an aggregate computed two ways).

    Each table's generating system may round its own sums, so two printings of one aggregate can
    each be half a unit of their last digit from the truth: a difference up to ½ulp(a) + ½ulp(b)
    (0.01 at two decimals) is rounding.
    """
    return amount_half_unit(a) + amount_half_unit(b)


def sources_tolerance(stated: Amount, printed: Sequence[Amount]) -> Decimal:
    """Tolerance for a figure one part of the document states against the figures another part,
    compiled by another system, prints for it: the 预算绩效情况 paragraph's "涉及预算金额" against
    the n 绩效目标表 it covers, a project's 预算安排规模 in the 说明 against its 绩效目标表.

    Each source rounds the true 元 figures on its own — the paragraph sums the 元 and rounds once,
    each table rounds its own total, one system rounds half up and another half to even or
    truncates — so the difference may reach the half unit of every printed figure involved: the
    stated one and each of the n added up, ½ulp(stated) + Σ ½ulp(printed). Unlike ``sum_tolerance``
    no exception is made for a single figure at the same precision: two systems need not round
    one 元 amount ending in 50 元 alike (29.455 → 29.46 or 29.45). At two decimals that is 0.01 for
    one table, 0.015 for two; a figure in whole 万元 gets a whole unit.
    """
    return sum((amount_half_unit(a) for a in [stated, *printed]), Decimal(0))


def verdict(expected: Decimal, actual: Decimal, tolerance: Decimal) -> Verdict:
    """``ok`` when equal, ``rounding`` when within the tolerance, ``error`` beyond it."""
    diff = abs(expected - actual)
    if diff == 0:
        return "ok"
    if diff <= tolerance:
        return "rounding"
    return "error"


def total(amounts: Iterable[Amount]) -> Decimal:
    return sum((a.value for a in amounts), Decimal(0))


def fmt(value: Decimal) -> str:
    """A 万元 figure for messages: thousands separators, at least two decimals, no exponent."""
    exp = value.normalize().as_tuple().exponent
    places = max(2, -exp) if isinstance(exp, int) else 2
    return f"{value:,.{places}f}"
