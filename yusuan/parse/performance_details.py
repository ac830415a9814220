"""What the performance texts say beyond their figures, read once so that the performance rules
(Y6xx) compare fields: the years printed in indicator values, names and goals; whether a
project's description or a section says its target table is withheld or not compiled.

Run with yusuan.parse.claim_details (the last parse stage).
"""

from __future__ import annotations

import re

from yusuan.model import Document, YearMention

_YEAR_IN_RE = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_GOAL_YEAR_RE = re.compile(r"(?<![较比与至止])\s*((?:19|20)[0-9]{2})\s*年度")
_WITHHELD_RE = re.compile(r"不予公开|不公开|涉密|保密")
_NO_TABLE_RE = re.compile(r"(未|不|无需|无须)(编制|设置|公开|予公开)[^。；]{0,10}绩效目标|绩效目标表?[^。；]{0,12}(未编制|不予公开|不公开|无需编制)")


def years_in(text: str | None) -> list[int]:
    """The years printed as "YYYY 年" in a text, in order."""
    return [int(m.group(1)) for m in _YEAR_IN_RE.finditer(text or "")]


def goal_years(text: str | None) -> list[YearMention]:
    """Each "YYYY 年度" of a goal text that is not a comparison (较 2023 年度, 比…, 至…)."""
    return [YearMention(year=int(m.group(1)), start=m.start(), end=m.end())
            for m in _GOAL_YEAR_RE.finditer(text or "")]


def no_target_table(title: str, text: str) -> list[str]:
    """The sentences of a section that say a target table is not compiled or not published."""
    return [s for s in re.split(r"[。；\n]", f"{title}\n{text}") if _NO_TABLE_RE.search(s)]


def read_performance_details(doc: Document) -> None:
    for t in doc.performance:
        t.goal_years = goal_years(t.goal)
        for ind in t.indicators:
            ind.value_years = years_in(ind.value_text)
            ind.name_years = years_in(ind.level3)
    for p in doc.projects:
        p.withheld = any(_WITHHELD_RE.search(x or "") for x in (p.basis, p.allocation, p.period))
    for s in doc.sections:
        s.no_target_table = no_target_table(s.title, s.text)
