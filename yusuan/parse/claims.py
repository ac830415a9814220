"""Claims: every number the 情况说明 states, as a structured record (``yusuan.model.Claim``).

A sentence such as

    一般公共预算 527.54 万元，占 94.29%，比上年预算减少 92.75 万元，下降 14.95%，主要原因是：…

becomes one Claim: subject ``income.gpb``, amount 527.54 万元, share 94.29, direction ``decrease``,
change 92.75 万元, change_percent 14.95, compared_to ``上年预算``, and the reason.

How: a sentence (ended by 。；) is cut into clauses (at ，：). A clause that names a subject opens a
claim; the numbers of the following clauses that name none belong to it (``，占 5.71%，比上年…``).
What the subject names depends on the section: ``基本支出`` is ``expense.basic`` in the 支出预算
section and ``gpb.basic`` in the 一般公共预算 sections. The reason (``主要原因是…``) and the
description (``主要用于…``) are never read for numbers: "增加 4 人" in a reason is not a claim.
A subject that cannot be told is left out rather than guessed.

``direction`` comes from the word of the change amount (增加/减少), or of the percentage when no
amount is given; ``change_percent_text`` keeps the percentage with its own word ("下降 9%"), so that
"增加 1 万元，下降 9%" — which cannot both be true — stays visible to the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from yusuan.amounts import parse_number, to_wan
from yusuan.codes import load_catalog
from yusuan.model import Amount, Claim, Document, Provenance

SUBJECTS: dict[str, str] = {
    "total": "收支总预算",
    "income.total": "收入预算合计",
    "income.current": "本年收入合计（不含上年结转结余）",
    "income.fiscal": "财政拨款（补助）收入",
    "income.gpb": "一般公共预算（收入）",
    "income.gpb_transfer": "上级一般公共预算安排的转移支付资金",
    "income.gov_fund": "政府性基金预算（收入）",
    "income.gov_fund_transfer": "上级政府性基金安排的转移支付资金",
    "income.soe": "国有资本经营预算（收入）",
    "income.soe_transfer": "上级国有资本经营预算安排的转移支付资金",
    "income.fiscal_special": "财政专户管理资金收入",
    "income.unit_funds": "单位资金",
    "income.business": "事业收入",
    "income.operating": "事业单位经营收入",
    "income.other": "其他收入",
    "income.carryover": "上年结转结余",
    "income.fiscal_carryover": "财政拨款结转结余",
    "expense.total": "支出预算合计",
    "expense.current": "本年支出合计（不含结转下年）",
    "expense.basic": "基本支出",
    "expense.project": "项目支出",
    "expense.personnel": "人员经费",
    "expense.public": "公用经费",
    "fiscal.total": "财政拨款收支总预算",
    "fiscal.gpb": "财政拨款收入中的一般公共预算拨款",
    "gpb.total": "一般公共预算当年拨款合计",
    "gpb.basic": "一般公共预算基本支出",
    "gpb.project": "一般公共预算项目支出",
    "gpb.personnel": "一般公共预算基本支出中的人员经费",
    "gpb.public": "一般公共预算基本支出中的公用经费",
    "func:<code>": "功能分类科目（类/款/项），经表格解析出编码",
    "func?:<names>": "功能分类科目（类/款/项名称），表格中未找到编码",
    "econ:<code>": "经济分类科目",
    "three_public.total": "“三公”经费合计",
    "three_public.overseas_travel": "因公出国（境）费",
    "three_public.reception": "公务接待费",
    "three_public.vehicles": "公务用车购置及运行（维护）费",
    "three_public.vehicle_purchase": "公务用车购置费",
    "three_public.vehicle_operation": "公务用车运行（维护）费",
    "admin_operation": "机关运行经费",
    "procurement.total": "政府采购预算",
    "procurement.goods": "政府采购货物预算",
    "procurement.works": "政府采购工程预算",
    "procurement.services": "政府采购服务预算",
    "procurement.sme": "面向中小企业预留政府采购项目预算",
    "procurement.small_micro": "面向小微企业预留政府采购项目预算",
    "gov_fund.total": "政府性基金预算支出",
    "soe.total": "国有资本经营预算支出",
    "carryover.total": "上年结转结余（情况说明）",
    "carryover.fiscal": "上年结转结余中的财政拨款",
    "carryover.nonfiscal": "上年结转结余中的非财政拨款",
    "project:<name>": "项目（预算安排规模）",
}

# The 类 of the functional and economic classifications, by name, are the code catalog's
# (yusuan/data/codes): used to recognise a class named without "（类）" and to resolve it when the
# document's tables do not list it. Phrasings of the 303 class that differ from the catalog's name
# are added: documents print all three.
FUNC_CLASSES: dict[str, str] = load_catalog().class_names("func")
ECON_CLASSES: dict[str, str] = {
    **load_catalog().class_names("econ"),
    "对个人和家庭的补助": "303", "对个人和家庭补助支出": "303", "对个人和家庭的补助支出": "303",
}  # fmt: skip

_NUM = r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"(亿元|万元|千元|元)"
_AMOUNT_RE = re.compile(_NUM + r"\s*" + _UNIT)
_PCT_RE = re.compile(_NUM + r"\s*[%％]")
_CHANGE_AMOUNT_RE = re.compile(r"(增加|减少|增长|下降|上升|降低|减)了?\s*" + _NUM + r"\s*" + _UNIT)
_CHANGE_PCT_RE = re.compile(r"(增长|下降|增加|减少|上升|降低)了?\s*" + _NUM + r"\s*[%％]")
_SHARE_RE = re.compile(r"占[^，,；;。%％]{0,20}?" + _NUM + r"\s*[%％]")
_BASE_RE = re.compile(
    r"(?:比|较|与|同)\s*(上年(?:年初)?预算数?|上年执行数?|上年决算数?|上年|去年|\d{4}\s*年(?:年初)?(?:预算)?(?:执行|决算)?数?)"
)
# a sentence that opens with a comparison, or with last year's executed figure, goes on about the
# subject of the sentence before ("…（项）X万元。主要用于…。2025年当年预算执行数为B万元，2026年预算安排C万元，
# 比2025年预算执行数增加P%。")
_CONTINUES_RE = re.compile(
    r"^\s*(?:(?:同|与|比|较)\s*(?:上年|去年|\d{4}\s*年)"
    r"|(?:上一?年度?|去年|\d{4}\s*年度?)[^，,。；;\d]{0,10}?(?:执行|决算)数?)"
)
# a clause that prints a year's amount with nothing else named: "2025年当年预算执行数为", "上年预算数为",
# "2026年预算安排"; which year it is is decided by _prior_clause
_YEAR_CLAUSE_RE = re.compile(
    r"\s*(?:其中[:：]?)?\s*(?:(?P<last>上一?年度?|去年)(?!结转|结余)|(?P<year>\d{4})\s*年度?)\s*(?:当年|全年)?\s*"
    r"(?:年初)?\s*(?:部门)?(?:预算)?\s*(?P<what>预计执行数?|执行数?|决算数?|预算数?|安排数?|数)?\s*(?:为|是|达)?\s*"
)
# the prior year's amount printed right after the comparison: "比2025年年初预算数28,479.84万元增加…"
_PRIOR_AFTER_BASE_RE = re.compile(r"[\s（(]*(?:为|是)?\s*" + r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                                  + r"\s*(亿元|万元|千元|元)")
# a clause about the prior year's figures ("去年预算数为0万元"); 上年结转结余 is this year's income
_PRIOR_YEAR_RE = re.compile(r"\s*(?:其中[:：]?)?\s*(?:去年|上年(?!结转|结余)|上一?年度)")
_FLAT_RE = re.compile(r"持平|保持不变|没有变化|无变化|未发生变化|(?:预算数?|执行数?|上年)(?:相同|一致)")
_REASON_RE = re.compile(r"主要原因(?:是|为|系)?\s*[:：]?|原因(?:是|为)\s*[:：]?")
_DESCRIBE_RE = re.compile(r"主要(?:用于|包括|是)(?!由于)|具体包括|主要涉及")
# clauses end at ，：; an ASCII comma between digits ("3,166.28") is a thousands separator
# and at 、 after an amount or a percent ("一般公共服务支出5,140.00万元、公共安全支出…"), but not
# inside a subject ("收入、支出预算总计"); and at a bracket opened after an amount or a percent, an
# aside about another subject ("公务用车购置及运行维护费6.54万元（公务用车购置费0万元，比上年增加0万元")
# whose numbers are not the whole's, but not at a bracket inside a name ("因公出国（境）费")
_CLAUSE_SPLIT_RE = re.compile(r"[，：:]|(?<!\d),|,(?!\d{3})|(?<=元|[%％])、|(?<=元|[%％])(?=\s*[（(])")
_DIRECTIONS: dict[str, Literal["increase", "decrease"]] = {
    "增加": "increase", "增长": "increase", "上升": "increase",
    "减少": "decrease", "下降": "decrease", "降低": "decrease", "减": "decrease",
}  # fmt: skip
_CHAIN_RE = re.compile(r"((?:[^（）()，,。；;：:\s]+?\s*[（(]\s*[类款项]\s*[）)]\s*){1,3})")
_CHAIN_PART_RE = re.compile(r"([^（）()]+?)\s*[（(]\s*([类款项])\s*[）)]")

# Subjects by the kind of section they are stated in; then the subjects that mean the same anywhere.
_P = list[tuple[str, str]]
_CTX_PHRASES: dict[str, _P] = {
    "total": [
        (r"收入预算(?:总额|合计)?", "income.total"),
        (r"支出预算(?:总额|合计)?|(?<![共金营款])预算支出(?:总额|合计)?", "expense.total"),
    ],
    "income": [
        (r"收入预算(?:总额|合计)?|(?<!本年)收入(?:总计|合计)", "income.total"),
        (r"本年收入(?:合计|小计)?", "income.current"),
        (r"财政拨款(?:（补助）|\(补助\))?(?:收入)?", "income.fiscal"),
        (r"一般公共预算(?:财政)?(?:拨款)?(?:收入)?(?:资金)?", "income.gpb"),
        (r"上级一般公共预算安排的转移支付(?:资金|收入)?", "income.gpb_transfer"),
        (r"政府性基金预算(?:财政)?(?:拨款)?(?:收入)?", "income.gov_fund"),
        (r"上级政府性基金(?:预算)?安排的转移支付(?:资金|收入)?", "income.gov_fund_transfer"),
        (r"国有资本经营预算(?:财政)?(?:拨款)?(?:收入)?", "income.soe"),
        (r"上级国有资本经营预算安排的转移支付(?:资金|收入)?", "income.soe_transfer"),
        (r"财政专户管理资金(?:收入)?", "income.fiscal_special"),
        (r"单位资金(?:收入)?", "income.unit_funds"),
        (r"事业收入", "income.business"),
        (r"事业单位经营收入|经营收入", "income.operating"),
        (r"其他收入", "income.other"),
        (r"上年结转结余|上年结转", "income.carryover"),
        (r"财政拨款结转结余|财政拨款结转|财政拨款结余", "income.fiscal_carryover"),
    ],
    "expense": [
        # "2026年预算支出1682.76元" — but not 一般公共预算支出, 政府性基金预算支出, 国有资本经营预算支出,
        # 财政拨款预算支出
        (r"支出预算(?:总额|合计)?|(?<!本年)支出(?:总计|合计)|(?<![共金营款])预算支出(?:总额|合计)?", "expense.total"),
        (r"本年支出(?:合计|小计)?", "expense.current"),
        (r"基本支出(?:预算)?", "expense.basic"),
        (r"项目支出(?:预算)?", "expense.project"),
        (r"人员经费", "expense.personnel"),
        (r"公用经费", "expense.public"),
    ],
    "fiscal": [
        (
            r"财政拨款收、?支总预算|财政拨款收支(?:预算)?(?:总额|总计)|财政拨款收入(?:合计|总计)?",
            "fiscal.total",
        ),
        (r"一般公共预算拨款(?:收入)?", "fiscal.gpb"),
    ],
    "gpb": [
        (
            r"一般公共预算(?:当年)?(?:财政)?拨款(?:支出)?(?:合计|总额|总计)?|一般公共预算支出(?:合计|总额)?",
            "gpb.total",
        ),
        (r"基本支出", "gpb.basic"),
        (r"项目支出", "gpb.project"),
    ],
    "gpb_basic": [
        (r"(?:一般公共预算)?基本支出", "gpb.basic"),
        (r"人员经费", "gpb.personnel"),
        (r"公用经费", "gpb.public"),
    ],
    "procurement": [
        (r"(?:政府采购)?货物(?:类)?(?:采购)?(?:预算)?", "procurement.goods"),
        (r"(?:政府采购)?工程(?:类)?(?:采购)?(?:预算)?", "procurement.works"),
        (r"(?:政府采购)?服务(?:类)?(?:采购)?(?:预算)?", "procurement.services"),
    ],
    "carryover": [
        (r"上半?年结转结余|结转结余(?:资金)?", "carryover.total"),
        (r"(?<!非)财政拨款(?:结转结余)?", "carryover.fiscal"),
        (r"非财政拨款(?:结转结余)?", "carryover.nonfiscal"),
    ],
    "gov_fund": [(r"政府性基金预算(?:拨款)?(?:支出)?", "gov_fund.total")],
    "soe": [(r"国有资本经营预算(?:拨款)?(?:支出)?", "soe.total")],
}
_GLOBAL_PHRASES: _P = [
    (r"收支总预算|收支预算总额|收支总额|收入、?支出预算总计|收、?支预算总计|收支预算总计", "total"),
    (r"“?三公”?经费(?:预算)?(?:数)?|三公经费", "three_public.total"),
    (r"因公出国[（(]境[)）](?:经)?费(?:用)?", "three_public.overseas_travel"),
    (r"公务用车购置及运行(?:维护)?费", "three_public.vehicles"),
    (r"公务用车购置(?!及)(?:费)?", "three_public.vehicle_purchase"),
    (r"公务用车运行(?:维护)?费", "three_public.vehicle_operation"),
    (r"公务接待费", "three_public.reception"),
    (r"机关运行经费(?:财政拨款)?(?:预算)?|单位运行经费", "admin_operation"),
    (r"政府采购(?:预算)?(?:总额)?", "procurement.total"),
    (r"政府采购货物(?:预算)?", "procurement.goods"),
    (r"政府采购工程(?:预算)?", "procurement.works"),
    (r"政府采购服务(?:预算)?", "procurement.services"),
    (r"面向中小企业预留(?:政府采购项目)?(?:预算)?(?:金额)?", "procurement.sme"),
    (r"(?:面向)?小微企业预留(?:政府采购项目)?(?:预算)?(?:金额)?", "procurement.small_micro"),
]
# the 收支总体 section restates the income and expense items too ("其中基本支出预算1208.20万元")
_CTX_PHRASES["total"] = _CTX_PHRASES["total"] + _CTX_PHRASES["income"] + _CTX_PHRASES["expense"]
_COMPILED: dict[str, list[tuple[re.Pattern[str], str]]] = {
    k: [(re.compile(p), s) for p, s in v] for k, v in _CTX_PHRASES.items()
}
_GLOBAL = [(re.compile(p), s) for p, s in _GLOBAL_PHRASES]

# Section kinds from a section's title, first match wins (三公 before 一般公共预算, …).
SECTION_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("three_public", re.compile(r"三公")),
    ("admin_operation", re.compile(r"运行经费|行政经费")),
    ("procurement", re.compile(r"政府采购")),
    ("carryover", re.compile(r"结转结余|结转和结余")),
    ("assets", re.compile(r"国有资产|资产占用")),
    ("performance", re.compile(r"绩效")),
    ("gov_fund", re.compile(r"政府性基金")),
    ("soe", re.compile(r"国有资本")),
    ("projects", re.compile(r"项目支出(?:预算)?情况|项目情况|项目名称")),
    ("gpb_basic", re.compile(r"基本支出")),
    ("gpb", re.compile(r"一般公共预算")),
    ("fiscal", re.compile(r"财政拨款收支")),
    ("total", re.compile(r"收支")),
    ("income", re.compile(r"收入")),
    ("expense", re.compile(r"支出")),
    ("other", re.compile(r"其他|其它")),
]
# kinds whose numbers are not budget claims of this module (assets, performance targets, projects)
SKIP_KINDS = {"assets", "performance", "projects", "profile", "unit"}
# kinds where a functional class may be named bare ("卫生健康支出 483.92 万元")
_BARE_CLASS_KINDS = {"total", "fiscal", "gpb", "expense", None}


# a section titled with a budget unit's name ("一、市建筑工务署本级", "二、某某管理中心") states that
# unit's figures, not the department's: its numbers are left out
_UNIT_TITLE_RE = re.compile(
    r"(本级|中心|局|处|所|站|院|队|馆|学校|委员会|办公室|办公厅|协会|研究会|事务部)[)）]?$"
)


def section_kind(title: str) -> str | None:
    for kind, pat in SECTION_KINDS:
        if pat.search(title):
            return kind
    if _UNIT_TITLE_RE.search(title.strip()):
        return "unit"
    return None


def _norm(name: str) -> str:
    t = re.sub(r"\s+", "", name)
    t = t.replace("(", "（").replace(")", "）")
    t = re.sub(r"^(其中[:：]?|[-*·]|\d+[.、．])+", "", t)
    return t


def _same_name(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if a == b:
        return True
    # "一般公共服务（类）" names the class "一般公共服务支出"
    return a + "支出" == b or b + "支出" == a


@dataclass
class CodeIndex:
    """The classification rows of a document's tables: code → names."""

    names: dict[str, set[str]]

    @classmethod
    def from_doc(cls, doc: Document) -> CodeIndex:
        names: dict[str, set[str]] = {}
        for t in doc.tables:
            for r in t.rows:
                if r.code and r.code.isdigit() and r.name:
                    names.setdefault(r.code, set()).add(_norm(r.name))
        return cls(names)

    def find(self, name: str, length: int, prefix: str = "") -> list[str]:
        return sorted(
            c
            for c, ns in self.names.items()
            if len(c) == length and c.startswith(prefix) and any(_same_name(name, n) for n in ns)
        )

    def resolve_partial(self, parts: list[str], levels: list[str]) -> str | None:
        """The code of a path that starts below the 类: "行政事业单位养老支出（款）行政单位离退休（项）"."""
        if levels[0] == "款":
            kuan = self.find(parts[0], 5)
            if len(kuan) != 1:
                return None
            if len(parts) == 1:
                return kuan[0]
            items = self.find(parts[1], 7, kuan[0])
            return items[0] if len(items) == 1 else None
        if levels[0] == "项" and len(parts) == 1:
            items = self.find(parts[0], 7)
            return items[0] if len(items) == 1 else None
        return None

    def resolve_func(self, parts: list[str]) -> str | None:
        """The code of a 类/款/项 path, or None when the tables do not decide it."""
        klass = self.find(parts[0], 3) or (
            [FUNC_CLASSES[_norm(parts[0])]] if _norm(parts[0]) in FUNC_CLASSES else []
        )
        if not klass and _norm(parts[0]) + "支出" in FUNC_CLASSES:
            klass = [FUNC_CLASSES[_norm(parts[0]) + "支出"]]
        if len(klass) != 1:
            return None
        code = klass[0]
        for level, length in ((1, 5), (2, 7)):
            if len(parts) <= level:
                return code
            found = self.find(parts[level], length, code)
            if len(found) != 1 and level == 1 and len(parts) == 3:
                # the 款 row may be missing: find the 项 under the class, checked against the 款 name
                items = self.find(parts[2], 7, code)
                items = [
                    c for c in items if any(_same_name(parts[1], n) for n in self.names.get(c[:5], set()))
                ] or items
                return items[0] if len(items) == 1 else None
            if len(found) != 1:
                return None
            code = found[0]
        return code

    def class_names(self) -> dict[str, str]:
        out = {n: c for n, c in FUNC_CLASSES.items()}
        for c, ns in self.names.items():
            if len(c) == 3 and c.startswith("2"):
                for n in ns:
                    out[n] = c
        return out

    def econ_names(self) -> dict[str, str]:
        out = dict(ECON_CLASSES)
        for c, ns in self.names.items():
            if len(c) == 3 and c.startswith(("3", "5")):
                for n in ns:
                    out[n] = c
        return out


def _prior_clause(region: str, years: list[int]) -> bool:
    """The subject part of a clause names the prior year's figure and nothing else.

    Last year is 上年/去年, a year's 执行数 (only a past year is executed when a budget is drawn up),
    or a year earlier than another the sentence names (2025 beside 2026); "2024年预算数为" alone is
    the current year's."""
    m = _YEAR_CLAUSE_RE.fullmatch(region)
    if m is None:
        return False
    if m.group("last"):
        return True
    what = m.group("what") or ""
    year = int(m.group("year"))
    return "执行" in what or (bool(years) and year < max(years))


@dataclass
class _Open:
    """A claim being filled from the clauses of one sentence."""

    subject: str
    subject_text: str
    amount: Amount | None = None
    share: Decimal | None = None
    share_text: str | None = None
    direction: Literal["increase", "decrease", "flat"] | None = None
    change: Amount | None = None
    change_percent: Decimal | None = None
    change_percent_text: str | None = None
    compared_to: str | None = None
    prior: Amount | None = None
    restated: Amount | None = None

    def has_data(self) -> bool:
        return any(
            v is not None
            for v in (self.amount, self.share, self.change, self.change_percent, self.direction, self.prior,
                      self.restated)
        )


def _amount(text: str, unit: str, prov: Provenance) -> Amount | None:
    value = parse_number(text.replace("，", ","))
    if value is None:
        return None
    return Amount(value=to_wan(value, unit), text=text, unit=unit, source=prov)


def _normalize_base(text: str) -> str:
    t = re.sub(r"\s+", "", text)
    if t.endswith("预算数"):
        t = t[:-1]
    return t


def _find_subject(region: str, kind: str | None, codes: CodeIndex) -> tuple[str, str] | None:
    """The subject a clause names before its first number: (subject, text as printed)."""
    chains = list(_CHAIN_RE.finditer(region))
    m = chains[-1] if chains else None
    if m is not None:
        text = m.group(1).strip()
        parts = [
            re.sub(r"^(\d+[.、．]|[-*·])\s*", "", p.group(1)).strip() for p in _CHAIN_PART_RE.finditer(text)
        ]
        levels = [p.group(2) for p in _CHAIN_PART_RE.finditer(text)]
        parts = [_norm(p) for p in parts if p]
        if parts:
            # the labels are read by position when the path starts at its 类 (a "（项）" printed for
            # a 款 is a common slip); a path starting below the 类 is resolved from its 款 or 项
            if levels and levels[0] != "类" and len(levels) == len(parts):
                code = codes.resolve_partial(parts, levels)
            else:
                code = codes.resolve_func(parts)
            subject = f"func:{code}" if code else "func?:" + "/".join(parts)
            return subject, re.sub(r"^(\d+[.、．]|[-*·])\s*", "", text).strip("“”\"‘’'「」 ")
    # candidates: every subject phrase followed only by filler up to the number; the one that
    # starts first wins ("基本支出合计为" is 基本支出, not 支出合计)
    cands: list[tuple[int, int, str, str]] = []  # (start, -length, subject, text)
    table = (_COMPILED.get(kind or "", []) if kind else []) + _GLOBAL
    for pat, subject in table:
        for mm in pat.finditer(region):
            cands.append((mm.start(), mm.start() - mm.end(), subject, mm.group(0)))
    bare: dict[str, str] = {}
    if kind in _BARE_CLASS_KINDS:
        bare.update({n: f"func:{c}" for n, c in codes.class_names().items()})
    if kind in ("gpb_basic", "expense", None):
        bare.update({n: f"econ:{c}" for n, c in codes.econ_names().items()})
    for name, subject in bare.items():
        pos = region.rfind(name)
        if pos >= 0:
            cands.append((pos, -len(name), subject, name))
    # "一般公共预算拨款支出" is not the income of that name
    ending = [
        c
        for c in cands
        if _is_filler(tail := region[c[0] - c[1] :]) and not (c[2].startswith("income.") and "支出" in tail)
    ]
    if not ending:
        return None
    start, _, subject, text = min(ending)
    for ms, mneg, msubj, _ in cands:
        # "上年结转结余的一般公共预算收入", "一般公共预算上年结转结余": a subject qualified by another,
        # with or without 的, is neither of them
        me = ms - mneg
        if msubj != subject and me <= start and _QUALIFIER_RE.fullmatch(region[me:start]):
            return None
    return subject, text


_QUALIFIER_RE = re.compile(r"\s*(?:(?:资金|收入)?\s*(?:的|中的|中|里的|当中的))?\s*")
_FILLER_RE = re.compile(
    r"(?:\s|\d{4}\s*年度?|年初|预算数|预算|数|金额|总额|合计|共计|总计|安排|其中|本年|当年|为|是|达|的|共|支出"
    r"|[-*·]|\d+[.、．])*"
)


def _is_filler(text: str) -> bool:
    """True when a text names nothing: a year, 预算数为, 其中 …"""
    return _FILLER_RE.fullmatch(text) is not None


def _region_end(clause: str) -> int:
    """Where the subject part of a clause ends: at its first amount, percent or comparison."""
    ends = [len(clause)]
    for pat in (_AMOUNT_RE, _PCT_RE, _BASE_RE, _CHANGE_PCT_RE, _CHANGE_AMOUNT_RE, _FLAT_RE):
        m = pat.search(clause)
        if m:
            ends.append(m.start())
    m = re.search(r"占", clause)
    if m:
        ends.append(m.start())
    m = re.search(r"(?:为|是)?\s*" + _NUM + r"\s*$", clause)
    if m:
        ends.append(m.start())
    return min(ends)


def _closing_bracket(text: str) -> int:
    """Where the bracket open before ``text`` closes in it (brackets inside names are skipped), or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                return i
            depth -= 1
    return -1


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of a paragraph, ended by 。；; ！？ (the end mark kept)."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"[。；;！？!?]", text):
        s = text[start : m.end()]
        if s.strip():
            out.append((start, s))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def extract_claims(
    sentence: str,
    kind: str | None,
    codes: CodeIndex | None = None,
    *,
    unit: str = "万元",
    source: Provenance | None = None,
    section: str | None = None,
    carry: tuple[str, str] | None = None,
    carry_sure: bool = True,
) -> tuple[list[Claim], str | None]:
    """The claims of one sentence, and its reason when it states one (``主要原因是…``).

    ``carry`` (subject, text) is the subject of the previous sentence, for a sentence that goes on
    about it without naming it: "…2,610.14万元，主要用于…。比上年执行数增加196.16万元，增长8.1%。"
    ``carry_sure`` is False when the sentence before named several subjects (a list whose last item
    is carried only for want of better): its claim is then not marked ``carried``, and rules that
    need the change to be the subject's own leave it alone.
    """
    codes = codes or CodeIndex({})
    prov = source or Provenance()
    text = sentence.strip()
    reason: str | None = None
    m = _REASON_RE.search(text)
    if m:
        reason = text[m.end() :].strip().rstrip("。；;，, ") or None
        text = text[: m.start()]
    m = _DESCRIBE_RE.search(text)
    if m:
        text = text[: m.start()]
    if kind in SKIP_KINDS:
        return [], reason
    claims: list[_Open] = []
    current: _Open | None = None
    carried: _Open | None = None
    years = [int(y) for y in re.findall(r"(\d{4})\s*年", text)]
    if carry is not None and _CONTINUES_RE.match(text):
        current = carried = _Open(subject=carry[0], subject_text=carry[1])
        claims.append(current)
    def step(clause: str, current: _Open | None) -> _Open | None:
        """Reads one clause into the claim it names (or the open one); returns the open claim."""
        clause = clause.rstrip("。；;！？ ")
        if not clause.strip():
            return current
        region = clause[: _region_end(clause)]
        if current is not None and _prior_clause(region, years):
            m = _AMOUNT_RE.search(clause, len(region))
            if m and m.start() == len(region):
                if current.prior is None:
                    current.prior = _amount(m.group(1), m.group(2), prov)
                _fill(current, clause[m.end():], unit, prov, explicit_subject=False, changes_only=True)
                return current
        if _PRIOR_YEAR_RE.match(region):
            return None  # "（去年一般公共预算收入为0万元）" states last year's figure, not a claim of this year
        found = _find_subject(region, kind, codes) if region.strip() else None
        if found:
            subject, subject_text = found
            current = next((c for c in claims if c.subject == subject), None)
            if current is None:
                current = _Open(subject=subject, subject_text=subject_text)
                claims.append(current)
        elif not _is_filler(region):
            return None  # the clause names something this module does not know: not the open claim
        if current is not None:
            rest = clause[len(region) :] if found else clause
            _fill(current, rest, unit, prov, explicit_subject=found is not None, changes_only=current is carried)
        return current

    # a bracketed aside ("6.54万元（公务用车购置费0万元，比上年增加0万元）", "0万元（含购置税），与上年持平")
    # is read on its own; after it closes, the clauses go on about the claim before it
    outer: _Open | None = None
    in_aside = False
    for clause in _CLAUSE_SPLIT_RE.split(text):
        if not in_aside and clause.lstrip().startswith(("（", "(")):
            outer, in_aside = current, True
            clause = clause.lstrip()[1:]
        if in_aside:
            close = _closing_bracket(clause)
            if close < 0:
                current = step(clause, current)
                continue
            step(clause[:close], current)
            current, outer, in_aside = outer, None, False
            clause = clause[close + 1 :]
        current = step(clause, current)
    out: list[Claim] = []
    kept = [c for c in claims if c.has_data()]
    # the reason follows the change it explains: the last claim of the sentence that changed
    changed = [c for c in kept if c.direction or c.change is not None or c.change_percent is not None]
    explained = changed[-1] if changed else None
    for c in kept:
        out.append(
            Claim(
                subject=c.subject,
                subject_text=c.subject_text,
                amount=c.amount,
                share=c.share,
                share_text=c.share_text,
                direction=c.direction,
                change=c.change,
                change_percent=c.change_percent,
                change_percent_text=c.change_percent_text,
                compared_to=c.compared_to,
                prior=c.prior,
                carried=c is carried and carry_sure,
                restated=c.restated,
                reason=reason if c is explained else None,
                section=section,
                sentence=sentence.strip(),
                source=prov,
            )
        )
    return out, reason


def _fill(
    c: _Open, text: str, unit: str, prov: Provenance, *, explicit_subject: bool, changes_only: bool = False
) -> None:
    taken: list[tuple[int, int]] = []
    m = _BASE_RE.search(text)
    if m and c.compared_to is None:
        c.compared_to = _normalize_base(m.group(1))
    if m:
        after = _PRIOR_AFTER_BASE_RE.match(text, m.end())
        # "比上年1.43万元，增加0.68%" leaves out the word of the change: the amount is the prior only
        # when a change amount follows it ("比2025年年初预算数28,479.84万元增加1,476.73万元")
        if after and not _CHANGE_AMOUNT_RE.search(text, after.end()):
            after = None
        if after:
            taken.append(after.span())
            if c.prior is None:
                c.prior = _amount(after.group(1), after.group(2), prov)
    for m in _CHANGE_AMOUNT_RE.finditer(text):
        taken.append(m.span())
        if c.change is None:
            c.change = _amount(m.group(2), m.group(3), prov)
            c.direction = c.direction or _DIRECTIONS[m.group(1)]
    for m in _CHANGE_PCT_RE.finditer(text):
        taken.append(m.span())
        if c.change_percent is None:
            c.change_percent = parse_number(m.group(2))
            c.change_percent_text = m.group(0)
            c.direction = c.direction or _DIRECTIONS[m.group(1)]
    m = _SHARE_RE.search(text)
    if m and not any(s <= m.start() < e for s, e in taken):
        taken.append(m.span())
        if c.share is None:
            c.share = parse_number(m.group(1))
            c.share_text = m.group(0)
    if _FLAT_RE.search(text) and c.direction is None:
        c.direction = "flat"
    if changes_only and c.restated is None:
        # a carried subject was stated with its amount before; printed again, it is a restatement
        for m in _AMOUNT_RE.finditer(text):
            if any(s <= m.start() < e for s, e in taken) or re.search(
                    r"(增加|减少|增长|下降|上升|降低|减)了?\s*$", text[: m.start()]):
                continue
            c.restated = _amount(m.group(1), m.group(2), prov)
            break
    if c.amount is None and not changes_only:  # a carried subject was stated with its amount before
        for m in _AMOUNT_RE.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if re.search(r"(增加|减少|增长|下降|上升|降低|减)了?\s*$", text[: m.start()]):
                continue
            if re.search(r"(?:上年|去年)[^，,]{0,8}?(?:为|是)\s*$", text[: m.start()]):
                continue  # "（去年预算数为0万元）": the prior year's amount, not this one
            c.amount = _amount(m.group(1), m.group(2), prov)
            break
        else:
            # a bare number ending the clause right after its subject: "公务用车购置费为 0"
            mm = re.fullmatch(r"\s*(?:\d{4}\s*年)?[^\d%％]{0,8}?(?:为|是)?\s*" + _NUM + r"\s*", text)
            if mm and explicit_subject and not taken:
                c.amount = _amount(mm.group(1), unit, prov)

