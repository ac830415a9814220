"""Y304–Y307 — year-over-year statements: direction words, percentages, 100 % growth, implied priors."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

from yusuan.audit import NotApplicable, Problem, rule
from yusuan.audit.index import per_audit
from yusuan.audit.tolerance import (
    amount_half_unit,
    fmt,
    verdict,
)
from yusuan.audit.tolerance import decimals as decimals_of
from yusuan.model import Amount, Claim, Document
from yusuan.rules.narrative_amounts import _TOP_WHOLES, _WHOLES, _family
from yusuan.rules.narrative_common import (
    HUNDRED,
    ZERO,
    Interval,
    _top,
    claim_location,
    pct,
    quote,
)

# --------------------------------------------------------------------------------------------
# Y304–Y307 year-over-year statements

# the direction words the sentence prints (Claim.amount_word / percent_word, read in parse)
_UP = {"增加", "增长", "上升", "提高", "增", "上涨", "多"}
_DOWN = {"减少", "下降", "降低", "减", "下调", "压减", "少"}


def _sign(word: str) -> int:
    return 1 if word in _UP else -1 if word in _DOWN else 0


def _current(doc: Document, i: int) -> Amount | None:
    """The claim's current amount, or the amount stated for the same subject earlier in the section
    ("三公"经费 0.50 万元 … 比上年预算减少 0.50 万元 may be two sentences). Once per claim in an audit."""
    return per_audit("narrative.current", lambda: [_current_of(doc, k) for k in range(len(doc.claims))])[i]


def _current_of(doc: Document, i: int) -> Amount | None:
    c = doc.claims[i]
    if not c.change_is_its_own:
        return None
    if c.amount is not None:
        return None if c.amount_is_prior else c.amount
    for j in range(i - 1, -1, -1):
        p = doc.claims[j]
        if _top(p.section) != _top(c.section):
            break
        if p.subject == c.subject and p.amount is not None and not p.amount_is_prior:
            return p.amount
    return None


def _signed_change(c: Claim) -> Amount | None:
    if c.change is None or c.direction not in ("increase", "decrease"):
        return None
    if c.direction == "decrease":
        return Amount(value=-c.change.value, text=c.change.text, unit=c.change.unit)
    return c.change


def _prior(cur: Amount, c: Claim) -> Interval | None:
    """The prior-year amount the statement implies: current − signed change."""
    ch = _signed_change(c)
    if ch is None:
        return None
    return Interval.of(cur) - Interval.of(ch) if ch.value >= 0 else Interval.of(cur) + Interval.of(
        Amount(value=-ch.value, text=ch.text, unit=ch.unit))


@rule("Y304", "增减方向表述自相矛盾", family="narrative", severity="error", basis="算术", needs=("claims",))
def direction_words(doc: Document) -> Iterator[Problem]:
    """同比表述中的增减用词互相矛盾，或与金额矛盾。

    查什么 What: A year-over-year statement whose direction words contradict each other or the amounts.

    Checks that 增加 goes with 增长 and 减少 with 下降 in one statement; that 持平 is said only of a
    change of zero; and that an increase is not larger than the current amount (增加 50 万元 on a
    current 30 万元 implies a negative prior year).

    为什么 Why: the direction is what a reader retains of a year-over-year statement; two words that
    disagree leave it unknown.

    示例 Example: "比上年预算增加 20.03 万元，下降 5.95%".

    容差 Tolerance: the increase may exceed the current amount by the rounding of the two figures.
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.direction is None:
            continue
        checked += 1
        amount_word, percent_word = c.amount_word, c.percent_word
        if amount_word and percent_word and _sign(amount_word) * _sign(percent_word) < 0:
            yield Problem(f"「{c.subject_text}」同一句中既称“{amount_word}”又称“{percent_word}”，增减方向矛盾",
                          location=claim_location(c), expected=f"{amount_word}…{'增长' if _sign(amount_word) > 0 else '下降'}",
                          actual=f"{amount_word}…{percent_word}", source=quote(c))
            continue
        if c.direction == "flat":
            nonzero = (c.change is not None and c.change.value != 0) or (c.change_percent not in (None, ZERO))
            if nonzero:
                shown = c.change.text if c.change is not None else c.change_percent_text
                yield Problem(f"「{c.subject_text}」称与上年持平，却列出变动 {shown}",
                              location=claim_location(c), expected="0", actual=shown, source=quote(c))
            continue
        stated = _stated_change(doc, i)
        if stated is not None:
            cur_s, prior_s, diff = stated
            tol = amount_half_unit(cur_s) + amount_half_unit(prior_s)
            if (diff < -tol and c.direction == "increase") or (diff > tol and c.direction == "decrease"):
                said = "增加" if c.direction == "increase" else "减少"
                really = "减少" if diff < 0 else "增加"
                rate = f"（{pct(abs(diff) * HUNDRED / prior_s.value)}）" if prior_s.value else ""
                yield Problem(f"「{c.subject_text}」所述上年 {prior_s.shown()}、本年 {cur_s.shown()}，实为{really} "
                              f"{fmt(abs(diff))} 万元{rate}，文中却称“{said}”",
                              location=claim_location(c), expected=really, actual=said, source=quote(c))
                continue
        cur = _current(doc, i)
        if c.direction == "increase" and cur is not None and c.change is not None:
            tol = amount_half_unit(cur) + amount_half_unit(c.change)
            if c.change.value - cur.value > tol:
                yield Problem(
                    f"「{c.subject_text}」本年 {cur.shown()}，却称比上年增加 {c.change.shown()}，"
                    f"推得上年为负数（{fmt(cur.value - c.change.value)} 万元）",
                    location=claim_location(c), expected=f"≤ {cur.text}", actual=c.change.text, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有同比增减表述")


def _is_hundred(c: Claim) -> bool:
    return c.change_percent is not None and c.change_percent == HUNDRED


@rule("Y305", "同比增减百分比算错", family="narrative", severity="error", basis="算术", needs=("claims",))
def change_percent(doc: Document) -> Iterator[Problem]:
    """同比增减百分比不等于增减额 ÷ 上年数。

    查什么 What: The percentage of a year-over-year change is not change ÷ prior year.

    为什么 Why: the percentage is the headline of a change; a wrong one overstates or understates it
    while the amounts look right.

    示例 Example: the prior year is implied by the statement itself: prior = current − increase (or
    + decrease), so "预算数为 479.47 万元，比上年预算减少 63.68 万元，下降 13.28%" implies a prior of 543.15 and
    a fall of 11.72%; 13.28% is 63.68 ÷ 479.47 — the change divided by the current year, a common
    slip the finding names when it recognises it. Statements of "增长 100%" and "下降 100%" are
    rule Y306's.

    容差 Tolerance: the printed percentage may be off by half a unit of its last digit, and the
    current amount and the change are each rounded; the percentage is consistent when the range
    it may take meets the printed one.
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.change_percent is None or c.direction not in ("increase", "decrease"):
            continue
        if _is_hundred(c):
            continue
        if c.change is None:
            found = _percent_on_stated_prior(doc, i)
            checked += found is not False
            if isinstance(found, Problem):
                yield found
            continue
        amount_word, percent_word = c.amount_word, c.percent_word
        if amount_word and percent_word and _sign(amount_word) * _sign(percent_word) < 0:
            continue  # Y304's
        cur = _current(doc, i)
        if cur is None:
            continue
        stated = c.prior
        prior = Interval.of(stated) if stated is not None else _prior(cur, c)
        if prior is None:
            continue
        change = Interval.of(c.change)
        r = change.ratio_percent(prior)
        if r is None:
            continue  # prior may be zero: Y306's
        checked += 1
        printed = Interval.percent(c.change_percent, c.change_percent_text)
        if r.meets(printed):
            continue
        right = pct(c.change.value * HUNDRED / prior.mid)
        shown = c.change_percent_text or f"{c.change_percent}%"
        hints = []
        if stated is not None:
            # the change itself may be the slip (Y313); the percentage on the stated prior is then
            # judged with the change that prior implies
            r2 = (Interval.of(cur) - Interval.of(stated)).magnitude().ratio_percent(prior)
            if r2 is not None and r2.meets(printed):
                continue
        on_current = change.ratio_percent(Interval.of(cur))
        if on_current is not None and on_current.meets(printed):
            hints.append("所印百分比等于变动额 ÷ 本年数，疑以本年数为基数")
        wrong_dir = Interval.of(cur) + change if c.direction == "increase" else Interval.of(cur) - change
        rw = change.ratio_percent(wrong_dir)
        if rw is not None and rw.meets(printed) and not hints:
            hints.append("所印百分比与相反增减方向推得的上年数相符，疑增减方向写反")
        places = Decimal(1).scaleb(-decimals_of(c.change_percent_text or str(c.change_percent)))
        truncated = (c.change.value * HUNDRED / prior.mid).quantize(places, rounding=ROUND_DOWN)
        if truncated == c.change_percent:
            yield Problem(
                f"「{c.subject_text}」同比{'增长' if c.direction == 'increase' else '下降'}率按四舍五入应为 {right}，"
                f"所印 {shown} 为截去尾数的结果", location=claim_location(c), expected=right, actual=shown,
                source=quote(c), severity="info", category="rounding")
            continue
        msg = (f"「{c.subject_text}」本年 {cur.shown()}，比上年{'增加' if c.direction == 'increase' else '减少'} "
               f"{c.change.shown()}，推得上年 {fmt(prior.mid)} 万元，{'增长' if c.direction == 'increase' else '下降'}"
               f"率应为 {right}，所印为 {shown}")
        if hints:
            msg += "；" + hints[0]
        yield Problem(msg, location=claim_location(c), expected=right, actual=shown, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有可核对的同比百分比")


def _stated_change(doc: Document, i: int) -> tuple[Amount, Amount, Decimal] | None:
    """(current, stated prior, current − prior) of a claim that prints last year's amount."""
    c = doc.claims[i]
    if c.prior is None:
        return None
    cur = c.restated or _current(doc, i)
    if cur is None:
        return None
    return cur, c.prior, cur.value - c.prior.value


def _percent_on_stated_prior(doc: Document, i: int) -> Problem | bool:
    """Y305 for a statement that gives the prior year and the percentage but no change amount
    ("2025年预算执行数为 B 万元，2026年预算安排 C 万元，比2025年预算执行数增加 P%"): False when it cannot be
    checked, True when it holds, the problem when it does not."""
    c = doc.claims[i]
    stated = _stated_change(doc, i)
    if stated is None or c.change_percent is None or stated[1].value == 0:
        return False
    cur, prior, diff = stated
    tol = amount_half_unit(cur) + amount_half_unit(prior)
    if (diff < -tol and c.direction == "increase") or (diff > tol and c.direction == "decrease"):
        return False  # the direction word itself is wrong: Y304's
    r = (Interval.of(cur) - Interval.of(prior)).magnitude().ratio_percent(Interval.of(prior))
    if r is None:
        return False
    printed = Interval.percent(c.change_percent, c.change_percent_text)
    if r.meets(printed):
        return True
    first = _current(doc, i)
    if c.restated is not None and first is not None:
        # the percentage may be right for the amount stated first, the restatement wrong: Y312's
        r1 = (Interval.of(first) - Interval.of(prior)).magnitude().ratio_percent(Interval.of(prior))
        if r1 is not None and r1.meets(printed):
            return True
    right = pct(abs(diff) * HUNDRED / prior.value)
    shown = c.change_percent_text or f"{c.change_percent}%"
    word = "增长" if c.direction == "increase" else "下降"
    return Problem(f"「{c.subject_text}」所述上年 {prior.shown()}，本年 {cur.shown()}，{word}率应为 {right}，所印为 {shown}",
                   location=claim_location(c), expected=right, actual=shown, source=quote(c))


@rule("Y306", "“增长100%”与上年数不符", family="narrative", severity="error", basis="算术", needs=("claims",))
def hundred_percent(doc: Document) -> Iterator[Problem]:
    """上年有数的项目称“增长 100%”，或本年仍有数的项目称“下降 100%”。

    查什么 What: "增长 100%" said of something that existed last year, or "下降 100%" of something that remains.

    为什么 Why: a rise of 100% means the amount doubled; templates use "增长 100%" for a new item, which is
    only true when the increase equals the whole current amount (the prior year was zero). "下降
    100%" means the current amount is zero. Conversely, an item new this year (increase = current)
    given some other percentage is also flagged.

    示例 Example: "37.07 万元，比上年预算增加 34.14 万元，增长 100%" — the prior year was 2.93 万元, a
    rise of 1165.19%.

    容差 Tolerance: the rounding of the printed amounts (the prior year counts as zero when the increase
    and the current amount agree within it); an amount that really doubled (1.58 → 3.16) may be
    said to grow by 100%.
    """
    checked = 0
    for i, c in enumerate(doc.claims):
        if c.change is None or c.direction not in ("increase", "decrease"):
            continue
        cur = _current(doc, i)
        if cur is None:
            continue
        tol = amount_half_unit(cur) + amount_half_unit(c.change)
        shown = c.change_percent_text or (f"{c.change_percent}%" if c.change_percent is not None else None)
        if c.direction == "increase":
            prior_zero = abs(cur.value - c.change.value) <= tol
            if _is_hundred(c):
                checked += 1
                doubled = (Interval.of(c.change).ratio_percent(Interval.of(cur) - Interval.of(c.change))
                           if c.change.value < cur.value else None)
                if doubled is not None and c.change_percent is not None and doubled.meets(
                        Interval.percent(c.change_percent, c.change_percent_text)):
                    continue  # 1.58 → 3.16 万元 is a rise of 100%: the words are right
                if not prior_zero and c.change.value < cur.value:
                    prior = cur.value - c.change.value
                    right = pct(c.change.value * HUNDRED / prior) if prior > 0 else "—"
                    yield Problem(
                        f"「{c.subject_text}」本年 {cur.shown()}、增加 {c.change.shown()}，推得上年为 "
                        f"{fmt(prior)} 万元而非零，不应称增长 100%（应为 {right}）",
                        location=claim_location(c), expected=right, actual=shown, source=quote(c))
            elif prior_zero and c.change_percent is not None and c.change.value > 0:
                checked += 1
                yield Problem(
                    f"「{c.subject_text}」增加额 {c.change.shown()}等于本年数，上年为零，增长率印为 {shown}",
                    location=claim_location(c), expected="100%（或注明上年无此项）", actual=shown,
                    source=quote(c), severity="warning")
        elif _is_hundred(c):
            checked += 1
            if cur.value - amount_half_unit(cur) > 0:
                prior = cur.value + c.change.value
                right = pct(c.change.value * HUNDRED / prior)
                yield Problem(
                    f"「{c.subject_text}」本年仍有 {cur.shown()}，不应称下降 100%（按减少 {c.change.shown()}应为 {right}）",
                    location=claim_location(c), expected=right, actual=shown, source=quote(c))
    if not checked:
        raise NotApplicable("说明中没有“增长/下降 100%”的表述")


# lists that always name every part (基本支出 and 项目支出 are printed even when zero)
_CLOSED_FAMILIES = {"expense", "gpb", "personnel_public"}


def _partitions(doc: Document) -> list[tuple[Claim, list[tuple[int, Claim]]]]:
    """Per section: a whole stated in it and a family of parts (each with a change) that add up
    to it — income sources, basic/project, 类 … never a parent with its own child."""
    out: list[tuple[Claim, list[tuple[int, Claim]]]] = []
    by_section: dict[str | None, list[int]] = {}
    for i, c in enumerate(doc.claims):
        by_section.setdefault(_top(c.section), []).append(i)
    for idxs in by_section.values():
        families: dict[str, list[int]] = {}
        for i in idxs:
            c = doc.claims[i]
            if c.change is not None and c.direction in ("increase", "decrease") and _current(doc, i) is not None \
                    and c.subject not in _TOP_WHOLES and not c.subject.startswith(("three_public", "procurement")) \
                    and not c.qualified:
                families.setdefault(_family(c.subject), []).append(i)
        family_sums = [(members, _family_sums(doc, members)) for members in families.values()]
        for w_i in idxs:
            w = doc.claims[w_i]
            if w.amount is None or w.subject not in _WHOLES or w.subject.startswith(("three_public", "procurement")):
                continue
            found = False
            for members, sums in family_sums:
                # a family's sums, less the members of the whole's own subject, from the totals per
                # subject (a 汇总 of many units puts hundreds of parts in one family)
                n, total, half = sums.get(None, (0, ZERO, ZERO))
                n_w, total_w, half_w = sums.get(w.subject, (0, ZERO, ZERO))
                if n - n_w < 2:
                    continue
                tolerance = amount_half_unit(w.amount) + half - half_w  # = sum_tolerance (≥ 2 parts)
                if verdict(w.amount.value, total - total_w, tolerance) != "error":
                    out.append((w, [(i, doc.claims[i]) for i in members if doc.claims[i].subject != w.subject]))
                    found = True
            if found:
                break
    return out


def _family_sums(doc: Document, members: list[int]) -> dict[str | None, tuple[int, Decimal, Decimal]]:
    """(count, Σ current, Σ half units) of the members, per subject and in all (key None)."""
    out: dict[str | None, tuple[int, Decimal, Decimal]] = {}
    for i in members:
        a = _current(doc, i)
        assert a is not None  # a family holds only claims with a current amount
        for key in (None, doc.claims[i].subject):
            n, t, h = out.get(key, (0, ZERO, ZERO))
            out[key] = (n + 1, t + a.value, h + amount_half_unit(a))
    return out


@rule("Y307", "各部分推算的上年数之和与总数不符", family="narrative", severity="warning",
      basis="算术", needs=("claims",))
def implied_priors(doc: Document) -> Iterator[Problem]:
    """各部分的增减额推算出的上年数之和与总数的上年数不符。

    查什么 What: The prior-year amounts the parts' changes imply do not add up to the prior-year whole.

    为什么 Why: each change may look right alone while the set is impossible — a change mistyped in one
    part shows only when the parts' prior years are added up.

    Each "本年 X，比上年增加 Y" implies a prior year X − Y. For a complete list of parts (their
    current amounts add up to the whole stated in the same section), the implied priors must add up
    to the whole's prior: the whole's own stated change where it has one, and in any case the same
    figure another complete list of the same whole implies (the 收入 parts and the 支出 parts both
    partition 收支总预算, so their implied priors must agree).

    示例 Example: 收入 parts imply a prior of 2,774.14 万元, 支出 parts (基本 1,534.46 + 项目 1,239.68)
    the same — consistent; a 项目支出 change mistyped by 100 万元 would break it.

    A list of income sources or of 类/款/项 may leave out what fell to zero this year (last year's
    money under a discontinued 项), so its implied priors may fall short of the whole's; they may
    never exceed it. 基本支出 + 项目支出 are always both printed, so that list must match exactly.

    容差 Tolerance: every current amount and every change is rounded: the sum of their half units.
    """
    parts_of = _partitions(doc)
    if not parts_of:
        raise NotApplicable("说明中没有带同比变动、且能合计到总数的分项")
    # (prior, names, closed) of the lists seen per whole
    seen: dict[Decimal, list[tuple[Interval, str, bool]]] = {}
    for whole, parts in parts_of:
        assert whole.amount is not None
        priors = [p for i, c in parts if (a := _current(doc, i)) is not None and (p := _prior(a, c)) is not None]
        if len(priors) != len(parts):
            continue
        total = Interval(sum((p.lo for p in priors), ZERO), sum((p.hi for p in priors), ZERO))
        names = "、".join(c.subject_text for _, c in parts)
        closed = _family(parts[0][1].subject) in _CLOSED_FAMILIES
        first = doc.claims[parts[0][0]]
        wprior = _prior(whole.amount, whole) if _signed_change(whole) is not None else None
        if wprior is not None and not total.meets(wprior) and (closed or total.lo > wprior.hi):
            yield Problem(
                f"{names}推算的上年数合计 {fmt(total.mid)} 万元，与「{whole.subject_text}」推算的上年数 "
                f"{fmt(wprior.mid)} 万元不符", location=claim_location(first),
                expected=fmt(wprior.mid), actual=fmt(total.mid), source=quote(whole))
        key = whole.amount.value.quantize(Decimal("0.01"))
        for other, onames, oclosed in seen.get(key, []):
            if total.meets(other):
                continue
            # a list of sources or classes may leave out what fell to zero this year, so its priors may
            # fall short of a closed list's (基本 + 项目); they may never exceed them
            if (closed and oclosed) or (closed and other.lo > total.hi) or (oclosed and total.lo > other.hi):
                yield Problem(
                    f"{names}推算的上年数合计 {fmt(total.mid)} 万元，与{onames}推算的上年数合计 "
                    f"{fmt(other.mid)} 万元不符（两组都是 {whole.amount.shown()}的分项），至少一处增减额有误",
                    location=claim_location(first), expected=fmt(other.mid), actual=fmt(total.mid),
                    source=quote(first))
        seen.setdefault(key, []).append((total, names, closed))


