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
    """说明先述总数、再逐项列出其构成（「……结转结余 905.62 万元，……其中：1. …5.30 万元 2. …」）时，各项之和不得超过总数。

    查什么 What: every numbered list of amounts that follows a sentence ending in a colon and
    stating amounts (``Document.listings``, read in parse/listings.py): the sum of the items'
    amounts against the sentence's amounts: an error when they add up to more than every amount
    the sentence states. Less is not reported: listed under 其中 or 主要 the items may be a
    selection, and even under 具体包括 a list may be read in part (items continued over a page
    break, sub-items printed on lines of their own) — measured over ../shared, such shortfalls
    were misreadings, not misprints. A sentence that states a change (比上年减少 X 万元，其中：)
    introduces a breakdown of the change and is not read as a list's whole.

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
        if total < largest.value:
            # a selection (其中、主要) may add up to less, and so may a list read in part (items
            # continued over a page, sub-items on lines of their own): only an excess is certain
            continue
        listing = " + ".join(a.text for a in items[:8]) + (" + …" if len(items) > 8 else "")
        said = "、".join(w.shown() for w in lst.wholes)
        yield Problem(
            f"说明逐项列出的 {len(items)} 项金额之和 {listing} = {fmt(total)} 万元，超过所述总数（{said}）",
            location=_location(lst), expected=largest.text, actual=fmt(total), source=lst.intro)
