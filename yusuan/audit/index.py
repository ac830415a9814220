"""Indexes that keep rules near linear in the document's size.

A rule that compares every claim with every table figure, or every project with every target
table, is quadratic: a 汇总 of 280 units took minutes. These indexes return a *superset* of the
items a rule's own test can accept, in the order they were added, so a rule keeps its exact test
(and so its exact findings) and only skips the items that test must reject.

* ``AmountIndex``: items whose amount may equal a given amount within any ``equal_tolerance`` /
  ``restated_tolerance`` (both at most the two printings' half units).
* ``NameIndex``: names that may be alike for ``difflib`` ratio ≥ 0.85, equality or containment:
  any such pair shares a character bigram (a single-character name: its character), so names are
  looked up through their bigrams and the expensive comparison runs only on those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Generic, TypeVar

from yusuan.amounts import half_unit
from yusuan.model import Amount

T = TypeVar("T")
_MIN_WIDTH = Decimal("0.0000001")


class AmountIndex(Generic[T]):
    """Items by amount (万元); ``near(a)`` holds every item whose amount is within
    ½ulp(a) + ½ulp(item) of ``a`` — and possibly a few more."""

    def __init__(self, items: Iterable[tuple[Amount, T]]) -> None:
        self._items: list[tuple[Amount, T]] = list(items)
        self._max_half = max((half_unit(a.text, a.unit) for a, _ in self._items), default=Decimal(0))
        self._width = max(self._max_half * 2, _MIN_WIDTH)
        self._buckets: dict[int, list[int]] = {}
        for k, (a, _) in enumerate(self._items):
            self._buckets.setdefault(self._key(a.value), []).append(k)

    def _key(self, value: Decimal) -> int:
        return int((value / self._width).to_integral_value(rounding=ROUND_FLOOR))

    def near(self, a: Amount, factor: int = 1) -> list[T]:
        """Items whose amount may equal ``a`` within ``factor`` half units of ``a`` and the item's own."""
        tol = factor * half_unit(a.text, a.unit) + self._max_half
        lo, hi = self._key(a.value - tol), self._key(a.value + tol)
        if hi - lo > 64:  # a coarse figure against fine ones: fall back to a scan of all items
            return [item for b, item in self._items if abs(b.value - a.value) <= tol]
        found: list[int] = []
        for key in range(lo, hi + 1):
            found.extend(self._buckets.get(key, ()))
        found.sort()
        return [self._items[k][1] for k in found]


class NameIndex(Generic[T]):
    """Items by name; ``candidates(name)`` holds every item whose name shares a bigram with it."""

    def __init__(self, items: Iterable[tuple[str, T]], norm: Callable[[str], str]) -> None:
        self._norm = norm
        self._items: list[tuple[str, T]] = list(items)
        self._grams: dict[str, list[int]] = {}
        for k, (name, _) in enumerate(self._items):
            for g in _grams(norm(name)):
                self._grams.setdefault(g, []).append(k)

    def candidates(self, name: str) -> list[T]:
        found: set[int] = set()
        for g in _grams(self._norm(name)):
            found.update(self._grams.get(g, ()))
        return [self._items[k][1] for k in sorted(found)]


def _grams(s: str) -> set[str]:
    if len(s) == 1:
        return {s}
    return {s[i : i + 2] for i in range(len(s) - 1)}


# --- work shared by several rules within one audit run ----------------------------------------------

_RUN: ContextVar[dict[str, Any] | None] = ContextVar("yusuan_audit_run", default=None)


@contextmanager
def audit_run() -> Iterator[None]:
    """The scope of one ``audit``: what ``per_audit`` computes is shared by its rules, then dropped."""
    token = _RUN.set({})
    try:
        yield
    finally:
        _RUN.reset(token)


def per_audit(key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per audit run (every call outside a run computes afresh). An exception is
    not remembered: the next rule computes again and meets it itself."""
    memo = _RUN.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
