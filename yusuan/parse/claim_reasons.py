"""The parts of a change a reason names: 「比上年增加 2,515.39 万元，主要是基本支出增加 1,252.5 万元，项目支出增加 1,262.89 万元」.

A reason (``主要原因是…``) or an explanation (``主要是…``) of a change often splits it into the changes of
its parts, each named as the section names its subjects (基本支出 / 项目支出, 一般公共预算拨款 / 事业收入,
人员经费 / 公用经费). Each such clause states that part's own change; it becomes a claim of the part
with the change and its direction and no amount (the reason gives none). A clause naming what no
subject names ("局机关增加 37.21 万元", "科技发展专项资金增加 24000 万元", a unit or one project) is left
out: it is no figure of the tables. The claims are read by yusuan.parse.claims.extract_claims.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from yusuan.parse.claim_codes import CodeIndex
from yusuan.parse.claim_subjects import find_subject

_NUM = r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# one clause of a reason: "<subject>(较上年)?增加 N 万元(，增长 P%)?" — the subject first, its change last
_PART_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十]是|\d{1,2}\s*[.、．](?!\d)|[（(]\s*\d{1,2}\s*[)）]|其中[:：]?|主要是|主要原因(?:是|为|系)?[:：]?)?\s*"
    r"(?P<region>[^\d，,。；;：:%％（()）]{2,24}?)\s*(?:预算)?(?:(?:较|比)\s*(?:上年|去年|\d{4}\s*年)(?:预算)?)?\s*"
    r"(?P<word>增加|减少|增长|下降|上升|降低)了?\s*" + _NUM + r"\s*(?P<unit>亿元|万元|千元|元)\s*")
# clauses of a reason end at ，；、 and at 及/和/以及 between two parts
_SPLIT_RE = re.compile(r"[，；;、]|(?<!\d),|,(?!\d{3})|(?<=元)(?:以及|及|和)")
# a reason that breaks a change down only by what it names: a part named after a unit, a year or a
# cause ("因人员增加", "由于…") is none of the section's subjects
_CAUSE_RE = re.compile(r"因|由于|为|用于|导致|调整|年度|上年|去年")


class ReasonPart(NamedTuple):
    subject: str
    subject_text: str
    word: str  # 增加 / 减少 …
    number: str  # the change as printed
    unit: str


def reason_parts(reason: str, kind: str | None, codes: CodeIndex) -> list[ReasonPart]:
    """The parts of a change a reason names by the section's subjects, each with its own change."""
    out: list[ReasonPart] = []
    seen: set[str] = set()
    for clause in _SPLIT_RE.split(reason):
        m = _PART_RE.fullmatch(clause.rstrip("。；; "))
        if m is None:
            continue
        region = m.group("region").strip()
        if _CAUSE_RE.search(region):
            continue
        found = find_subject(region, kind, codes)
        if found is None or found[0].startswith(("item:", "func?:")) or found[0] in seen:
            continue
        seen.add(found[0])
        out.append(ReasonPart(found[0], found[1], m.group("word"), m.group(3), m.group("unit")))
    return out
