"""Amounts as printed → exact ``Decimal`` in 万元."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# How many 万元 one printed unit is worth. Exact: no rounding anywhere.
UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal("0.0001"),
    "千元": Decimal("0.1"),
    "万元": Decimal("1"),
    "百万元": Decimal("100"),
    "亿元": Decimal("10000"),
}

_UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]?\s*(亿元|百万元|万元|千元|元)")
_DASHES = {"-", "－", "—", "–", "--", "——", "/", "\\"}
_NUMBER_RE = re.compile(r"^[+\-−－]?\(?[0-9][0-9,，]*(?:\.[0-9]+)?\)?$|^[+\-−－]?\.[0-9]+$")


def parse_number(text: str) -> Decimal | None:
    """Parse a printed number: ``2,260.66`` → 2260.66; empty or a dash → None.

    Digit groups are read as printed even when misplaced (``128138,600`` → 128138600): what is
    wrong with the printing is for the audit to report, not for the reader to repair.
    A number in parentheses is negative, as in accounting.
    """
    t = text.strip().replace(" ", "").replace("\u00a0", "")
    if not t or t in _DASHES:
        return None
    if not _NUMBER_RE.match(t):
        return None
    neg = False
    if t.startswith("(") and t.endswith(")"):
        neg, t = True, t[1:-1]
    if t[0] in "-−－":
        neg, t = True, t[1:]
    elif t[0] == "+":
        t = t[1:]
    t = t.replace(",", "").replace("，", "")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return -value if neg else value


def is_number(text: str) -> bool:
    return parse_number(text) is not None


def to_wan(value: Decimal, unit: str | None) -> Decimal:
    """Convert a value in ``unit`` to 万元, exactly."""
    factor = UNIT_FACTORS.get(unit or "万元", Decimal(1))
    return value * factor if factor != 1 else value


def find_unit(text: str) -> str | None:
    """The unit a line declares (``单位：万元``, ``金额单位：元``), or None."""
    m = _UNIT_RE.search(text)
    return m.group(1) if m else None


_HALF = Decimal("0.5")


def decimals(text: str) -> int:
    """Digits printed after the decimal point: ``2,260.66`` → 2, ``5`` → 0, ``12.3%`` → 1."""
    t = text.strip().rstrip("%％").strip()
    if "." not in t:
        return 0
    frac = t.rsplit(".", 1)[1]
    n = 0
    for ch in frac:
        if not ch.isdigit():
            break
        n += 1
    return n


def half_unit(text: str, unit: str | None = "万元") -> Decimal:
    """Half a unit of the last printed digit of ``text``, in 万元 (for ``unit``) — or in the
    text's own terms when ``unit`` is None (percentages)."""
    half = _HALF * Decimal(1).scaleb(-decimals(text))
    if unit is None:
        return half
    return half * UNIT_FACTORS.get(unit, Decimal(1))
