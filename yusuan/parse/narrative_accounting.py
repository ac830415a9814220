"""The narrative amounts that are genuinely no claim about the tables, told apart for the reading account.

Not every amount the 情况说明 prints states a figure of the tables. Two kinds are accounted as such
(``NarrativeAmounts.not_claims``) instead of being forced into a claim:

* an amount inside the reason or the explanation of a change ("主要原因是：局机关增加 37.21 万元，
  社科院增加 19.83 万元", "主要是市公运中心增加…") that no claim carries — the reason's detail by unit,
  project or cause, kept as the claim's ``reason`` text; a part of the change named as a subject of
  the tables is a claim (yusuan.parse.claim_reasons);
* an amount of a project description's 资金分配情况 ("物业安保管理费用 66.33 万元；更换消防水箱 20 万元"): how
  one project spends its 预算安排规模 (read by yusuan.parse.projects), no figure of the tables;
* an amount of a section that states the department's work, not its budget (概况, 基本情况, 工作任务,
  职能: "全年完成城建投资 1166 亿元", "十三五期间科研经费总量达到 36.9 亿元") when no claim was read there.
"""

from __future__ import annotations

import re

from yusuan.model import Section

_SENTENCE_END = re.compile(r"[。；;！？!?]")
# the words that open a reason or an explanation in a sentence
_EXPLAINS_RE = re.compile(r"原因|主要是|主要由于|主要系")
_PROFILE_RE = re.compile(r"概况|基本情况|工作任务|主要职能|职能职责|主要职责|机构设置")


def in_reason(text: str, start: int) -> bool:
    """The amount at ``start`` of ``text`` stands after the reason word of its sentence."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    return _EXPLAINS_RE.search(text, begin, start) is not None


_DISTRIBUTION_RE = re.compile(r"资金分配情况\s*[:：]")
_NEXT_FIELD_RE = re.compile(r"资金执行时间|项目负责人|项目名称|预算安排规模")


def in_project_detail(text: str, start: int) -> bool:
    """The amount at ``start`` stands in the 资金分配情况 field of a project description."""
    found = list(_DISTRIBUTION_RE.finditer(text, 0, start))
    m = found[-1] if found else None
    return m is not None and _NEXT_FIELD_RE.search(text, m.end(), start) is None


def about_work(sec: Section, has_claims: bool) -> bool:
    """A section about the department's work (概况, 工作任务 …) in which no claim was read."""
    return not has_claims and _PROFILE_RE.search(f"{sec.part or ''} {sec.title}") is not None
