"""The assets a department holds, by class, as the 国有资产占用 section states them.

"1.房屋3227平方米，价值310.21万元", "2.车辆1辆，价值31.89万元；其中：一般公务用车1辆，价值31.89万元",
"3.办公家具价值13.83万元", "固定资产总量为4295.98万元，房屋和构筑物3773.63万元", "在建工程1项12277.73万元":
each is the value of one class of the assets held at the year's end (a stock, not a budget figure),
read as ``assets.held:<class>`` so that the reading account sees it, compared with no table. The
classes are the asset classes of 行政事业单位国有资产 reports; anything else is left to the section's
own phrases (yusuan.parse.claim_subjects).
"""

from __future__ import annotations

import re

_CLASSES = (r"房屋和构筑物|房屋|土地|一般公务用车|执法执勤用车|特种专业技术用车|其他车辆|其他用车|车辆|办公家具|家具和用具"
            r"|家具|通用设备|专用设备|设备|其他固定资产|其他资产|流动资产|在建工程|无形资产|长期投资|对外投资|文物和陈列品"
            r"|图书档案|公共基础设施")
_COUNT = r"\d+(?:\.\d+)?\s*(?:平方米|辆|台|套|项|个|亩|件|册)(?:\s*[/（(]\s*套\s*[)）]?)?"
# the class name stands after the start of the clause, a numbering, 为 or a colon: "…总体情况为1.房屋3227平方米价值"
_HELD_RE = re.compile(r"(?:^|为|[：:]|本部门|本单位)\s*(?:[（(]?\d{1,2}[)）]?\s*[.、．]?)?\s*(?:其中\s*[:：]?)?\s*(?P<name>" + _CLASSES
                      + r")\s*(?:" + _COUNT + r")?\s*(?:总)?(?:账面)?(?:价值|原值)?\s*(?:为|是)?\s*$")
# "车辆1辆，价值31.89万元": the count and its value are one statement
_COUNT_THEN_VALUE_RE = re.compile(r"(" + _COUNT + r")\s*[，,]\s*(?=(?:总)?(?:账面)?(?:价值|原值))")


def join_counts(text: str) -> str:
    """The text with the comma between a count and its value taken out ("1辆，价值" → "1辆价值")."""
    return _COUNT_THEN_VALUE_RE.sub(r"\1", text)


def held_asset(region: str, kind: str | None) -> tuple[str, str] | None:
    """``assets.held:<class>`` for a clause of the assets section naming one class of assets held."""
    if kind != "assets":
        return None
    m = _HELD_RE.search(region.strip())
    if m is None:
        return None
    return f"assets.held:{m.group('name')}", m.group(0).strip(" ：:为")
