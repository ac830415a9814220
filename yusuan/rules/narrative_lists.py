"""Y330 — a numbered list of amounts in the 情况说明 against the whole its sentence states."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit import Location, NotApplicable, Problem, rule
from yusuan.audit.tolerance import fmt, sum_tolerance, verdict
from yusuan.model import Document, Listing


def _location(lst: Listing) -> Location:
    return Location(section=lst.section, page=lst.source.page, line=lst.source.line, file=lst.source.file)


@rule("Y330", "说明中逐项列出的金额与所述总数不符", family="narrative", severity="error", basis="算术")
def listed_items_sum(doc: Document) -> Iterator[Problem]:
    """说明先述总数、再逐项列出其构成（「……结转结余 905.62 万元，……其中：1. …5.30 万元 2. …」）时，各项之和不得超过总数；
    以“包括/分别为/具体为”引出全部构成时，各项之和应等于总数。

    查什么 What: every numbered list of amounts that follows a sentence ending in a colon and
    stating amounts (``Document.listings``, read in parse/listings.py): the sum of the items'
    amounts against the sentence's amounts. Listed under 其中 or 主要, the items may be a
    selection: an error only when they add up to more than every amount the sentence states.
    Introduced as the whole breakdown (包括：/分别为：/具体为：), they must add up to one of them.

    为什么 Why: such lists (结转结余 by project, 项目支出 by project) restate the whole item by item;
    an item misprinted, dropped or counted twice shows only in their sum, and no table prints it.

    示例 Example: 「结转结余 905.62 万元，……其中：」 and seven items adding to 905.68 万元.

    容差 Tolerance: ½ unit of the last printed digit of every item and of the whole.
    """
    if not doc.listings:
        raise NotApplicable("说明中没有“总数 + 逐项列出”的金额")
    for lst in doc.listings:
        items = [i.amount for i in lst.items]
        total = sum((a.value for a in items), Decimal(0))
        verdicts = [(w, verdict(w.value, total, sum_tolerance(w, items))) for w in lst.wholes]
        if any(v != "error" for _, v in verdicts):
            continue
        largest = max(lst.wholes, key=lambda w: w.value)
        if not lst.exhaustive and total < largest.value:
            continue  # a selection of the whole's parts may add up to less
        listing = " + ".join(a.text for a in items[:8]) + (" + …" if len(items) > 8 else "")
        said = "、".join(w.shown() for w in lst.wholes)
        how = "超过" if total > largest.value else "不等于"
        yield Problem(
            f"说明逐项列出的 {len(items)} 项金额之和 {listing} = {fmt(total)} 万元，{how}所述总数（{said}）",
            location=_location(lst), expected=largest.text, actual=fmt(total), source=lst.intro)
