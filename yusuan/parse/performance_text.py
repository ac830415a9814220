"""Performance tables, the words: tidy text, title kinds, indicator levels, values and header labels."""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Text helpers

_CJK = r"\u3400-\u9fff\uff08\uff09\uff0c\uff1a\uff1b\u3001\u3002"
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_WS_RE = re.compile(r"\s+")
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")


def tidy(text: str) -> str:
    """Collapse the spaces a converter put between Chinese characters; keep others single."""
    text = _TAG_RE.sub(" ", text).replace("\u00a0", " ").replace("\u3000", " ")
    text = _WS_RE.sub(" ", text).strip()
    return _CJK_SPACE_RE.sub("", text)


def squash(text: str) -> str:
    """All whitespace and markup removed: for comparing labels."""
    return _WS_RE.sub("", _TAG_RE.sub("", text)).replace("\u3000", "")


# ---------------------------------------------------------------------------------------------
# Titles

_TITLE_RE = re.compile(
    r"^(?:[0-9]{4}年(?:度)?)?(?:.{0,30}?)?"
    r"(项目支出|项目|部门整体支出|部门整体|单位整体支出|单位整体|整体支出)?绩效目标(?:申报|批复|填报)?表(?:预算表)?"
    r"(?:[（(][^（）()]{1,12}[)）])?$"
)
_GOAL_LIST_TITLE_RE = re.compile(r"^(表[0-9]+[:：.．、]?)?([0-9]{4}年度?)?.{0,12}项目支出绩效表$")
_YEAR_LINE_RE = re.compile(r"^[（(]\s*([0-9]{4})\s*年(?:度)?\s*[)）]$")
_YEAR_RE = re.compile(r"([0-9]{4})\s*年")


def title_kind(text: str) -> str | None:
    """'project' / 'overall' when the line is a performance-table title, else None."""
    s = squash(text).strip("#*")
    if len(s) > 40 or s.endswith(("。", "；", "：", ":")):
        return None
    m = _TITLE_RE.match(s)
    if not m:
        # “2026年市级部门项目支出绩效表”: the projects' goals, listed without indicators
        if _GOAL_LIST_TITLE_RE.match(s):
            return "project"
        return None
    what = m.group(1) or ""
    if "整体" in what or "整体" in s:
        return "overall"
    return "project"


# ---------------------------------------------------------------------------------------------
# Vocabularies that survive any layout

_LEVEL1_ONLY = {"产出指标", "效益指标", "履职效能", "管理效率", "社会效应", "可持续发展能力", "预算执行", "运行成本"}
_LEVEL2_ONLY = {
    "数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "生态环境成本指标", "经济效益指标",
    "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "部门管理", "资金管理",
    "资产管理", "人员管理", "制度管理", "预算编制", "职责履行", "履职效果",
}
_LEVEL_BOTH = {"满意度指标", "成本指标"}
# level-2 names that belong to one level-1 name in every template seen
_IMPLIED_LEVEL1 = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
}
_BASIS_WORDS = ("计划标准", "行业标准", "历史标准", "其他标准", "预算支出标准", "自定义", "行业或国家标准",
                "国家标准", "地方标准", "规划标准")
_SCORING_RE = re.compile(r"赋分|评分|得分|扣分")
_EVIDENCE_WORDS = ("工作资料", "说明材料", "原始凭证", "正式材料", "佐证材料", "统计资料", "财务资料", "其他材料")
_QUALITATIVE_RE = re.compile(
    r"有效|提升|提高|稳定|保障|达到|明显|良好|显著|逐步|降低|减少|改善|完成|及时|促进|增强|持续|不断|"
    r"基本|普遍|有所|合规|规范|满意|正常|推进|优化|落实|加强|是|否"
)
_OP_RE = r"(?:[>＞]\s*=|[<＜]\s*=|≥|≤|⩾|⩽|[>＞<＜=＝≠])"
_VALUE_RE = re.compile(rf"^(?P<op>{_OP_RE})?\s*(?P<num>[0-9][0-9,，]*(?:\s[0-9]+)*(?:\.[0-9]+)?)\s*(?P<unit>\S.*)?$")
_DATE_RE = re.compile(r"^[0-9]{4}\s*年")


def is_level(text: str) -> bool:
    s = squash(text)
    if not s:
        return False
    return s in _LEVEL1_ONLY or s in _LEVEL2_ONLY or s in _LEVEL_BOTH or (s.endswith("指标") and len(s) <= 9)


def level_slot(text: str) -> int:
    """1 or 2 when the vocabulary decides which level a name is, 0 when it could be either."""
    s = squash(text)
    if s in _LEVEL1_ONLY:
        return 1
    if s in _LEVEL2_ONLY or (s.endswith("指标") and s not in _LEVEL_BOTH and len(s) >= 5):
        return 2
    return 0


def is_basis(text: str) -> bool:
    s = squash(text)
    return bool(s) and any(s.startswith(w) or w.startswith(s) and len(s) >= 3 for w in _BASIS_WORDS)


def value_like(text: str) -> int:
    """How much a cell looks like an 指标值: 3 for a measure, 2 for a qualitative target, 0 not."""
    t = text.strip()
    if not t:
        return 0
    if re.match(rf"^{_OP_RE}", t) or _DATE_RE.match(t) or t.endswith("%"):
        return 3
    if re.match(r"^[0-9]", t) and len(squash(t)) <= 14:
        return 3
    s = squash(t)
    if len(s) <= 8 and _QUALITATIVE_RE.search(s) and not s.endswith("指标") and "率" not in s:
        return 2
    return 0


def split_value(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """``">=23.24 万人"`` → (">=", "23.24", "万人", note). Dates and words keep the whole text."""
    t = text.strip()
    if not t:
        return None, None, None, None
    if _DATE_RE.match(t):
        return None, tidy(t), None, None
    m = _VALUE_RE.match(t)
    if m:
        op = m.group("op")
        num = m.group("num")
        note = None
        if " " in num:
            note = f"指标值数字中的空格已去除（印作“{num}”）"
            num = num.replace(" ", "")
        unit = tidy(m.group("unit") or "") or None
        return (op.replace(" ", "") if op else None), num, unit, note
    m2 = re.match(rf"^(?P<op>{_OP_RE})\s*(?P<rest>.+)$", t)
    if m2:
        return m2.group("op").replace(" ", ""), tidy(m2.group("rest")), None, None
    return None, tidy(t), None, None


# ---------------------------------------------------------------------------------------------
# Header labels (the cells above the indicator rows)

_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("unit", re.compile(r"^(预算单位|部门名称|单位名称|部门（单位）名称|实施单位|主管部门)(（盖章）|\(盖章\))?[:：]?$")),
    ("project", re.compile(r"^项目名称[:：]?$")),
    ("ignore", re.compile(r"^(项目负责人|部门联系人|联系人|联系电话|资金来源|项目属性|项目类型|项目期限|主管部门及代码)[:：]?$")),
    ("total", re.compile(r"^((本年度|年度|当年)?(项目)?(预算)?(支出|资金)?总额(合计)?|当年预算|年度预算数)"
                         r"(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("fiscal", re.compile(r"^(其中[:：]?)?(财政拨款|财政资金)(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("other", re.compile(r"^(其中[:：]?)?(其他资金|其他)(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("basic", re.compile(r"^(其中[:：]?)?基本支出[:：]?$")),
    ("project_exp", re.compile(r"^(其中[:：]?)?项目支出[:：]?$")),
    ("upper", re.compile(r"^上级安排[:：]?$")),
    ("local", re.compile(r"^本级安排[:：]?$")),
    ("group", re.compile(r"^(项目资金|年度预算|年度资金)(（万元）|\(万元\)|（元）|\(元\))?[:：]?$")),
    ("goal", re.compile(r"^(项目总体目标|项目实施期目标|(当年|年度)?(部门)?(整体)?(绩效|总体)目标|年度目标)[:：]?$")),
]
_AMOUNT_FIELDS = ("total", "fiscal", "other", "upper", "local", "basic", "project_exp")


def label_of(text: str) -> str | None:
    s = squash(text)
    if not s or len(s) > 16:
        return None
    for name, pat in _LABELS:
        if pat.match(s):
            return name
    return None


def _unit_of_label(text: str) -> str | None:
    s = squash(text)
    if "万元" in s:
        return "万元"
    if re.search(r"[（(]元[)）]", s):
        return "元"
    return None


