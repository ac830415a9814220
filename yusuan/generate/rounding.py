"""Rounding done once, the way a careful budget office does it.

Every figure of a disclosure is a sum of leaf figures. The leaves are rounded once, to the printed
quantum (0.01 of the printed unit), by the largest-remainder method against the rounded exact
total: each leaf is rounded down, and the quanta still missing to reach the total are given to the
leaves with the largest remainders (the earlier leaf on a tie). Every printed sum is then computed
from the printed leaves, so every printed sum agrees with its printed parts exactly, and the grand
total is the exact total rounded half-up.

RULE states it in the document's own words (printed under the tables).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

QUANTUM = Decimal("0.01")
RULE = ("金额保留两位小数：末级数字按最大余数法舍入，使总计等于精确总数四舍五入的结果；"
        "各级合计均由舍入后的分项相加，表中各分项之和与合计完全一致。")


def round_half_up(value: Decimal, quantum: Decimal = QUANTUM) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def round_parts(values: Sequence[Decimal], target: Decimal | None = None,
                quantum: Decimal = QUANTUM) -> list[Decimal]:
    """``values`` rounded to ``quantum`` so that they sum to ``target`` (default: the exact sum
    rounded half-up), by the largest-remainder method. Values already on the quantum stay as they
    are whenever the target allows it (they have no remainder to compete with)."""
    if target is None:
        target = round_half_up(sum(values, Decimal(0)), quantum)
    floors = [v.quantize(quantum, rounding=ROUND_FLOOR) for v in values]
    missing = int((target - sum(floors, Decimal(0))) / quantum)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    out = list(floors)
    if missing >= 0:
        for i in order[:missing]:
            out[i] += quantum
    else:  # the target is below the floors (only with a target given from elsewhere)
        for i in reversed(order[missing:]):
            out[i] -= quantum
    return out
