"""The subjects a claim may name, by the kind of section it is stated in, and how a clause names one.

The vocabulary of ``yusuan.model.Claim.subject`` (``SUBJECTS``); the phrases that name each subject per
section kind (基本支出 is ``expense.basic`` in the 支出预算 section, ``gpb.basic`` in the 一般公共预算 one);
the section kinds read from titles; ``find_subject``, the subject a clause names before its first number.
"""

from __future__ import annotations

import re

from yusuan.parse.claim_codes import CODED_NAME_RE, CodeIndex, named_item, norm_name

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
    "income.nonfiscal": "本年收入中财政拨款以外的资金（本年其他资金收入：财政专户、事业、上级补助、经营、其他收入等之和）",
    "income.carryover": "上年结转结余",
    "income.nonfiscal_surplus_used": "使用非财政拨款结余（用于本年支出的单位自有结余）",
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
    "fiscal.expense": "财政拨款支出预算",
    "expense.active_personnel": "在职人员经费",
    "expense.pay_reserve": "增人增资",
    "expense.operating": "事业单位经营支出",
    "expense.to_superior": "上缴上级支出",
    "expense.to_subsidiary": "对附属单位补助支出",
    "expense.carry_forward": "年终结转结余（结转下年）",
    "income.from_superior": "上级补助收入",
    "income.from_subsidiary": "附属单位上缴收入",
    "econ_total:<code>": "经济分类科目（按代码列出，基本支出与项目支出合计）",
    "meetings": "会议费",
    "training": "培训费",
    "assets.vehicle_purchase": "计划购置车辆的预算",
    "assets.equipment": "单价限额以上设备的金额（所述的购置预算或价值）",
    "assets.fixed_total": "固定资产总额",
    "assets.fixed_purchase": "拟购置固定资产",
    "assets.held:<class>": "国有资产占用：某类资产（房屋、车辆、办公家具、在建工程…）的价值",
    "performance.covered": "纳入绩效目标管理的预算资金",
    "performance.covered_fiscal": "纳入绩效目标管理的预算资金中的财政拨款",
    "performance.covered_gov_fund": "纳入绩效目标管理的政府性基金预算拨款",
    "performance.covered_soe": "纳入绩效目标管理的国有资本经营预算拨款",
    "entrusted_services": "委托业务费（说明单列，与表格无对应行）",
    "item:<name>": "说明逐项列出的具名分项（无对应的科目或表格行）：项目、专项经费等",
}

_CHAIN_RE = re.compile(r"((?:[^（）()，,。；;：:\s]+?\s*[（(]\s*[类款项]\s*[）)]\s*){1,3})")
_CHAIN_PART_RE = re.compile(r"([^（）()]+?)\s*[（(]\s*([类款项])\s*[）)]")

# Subjects by the kind of section they are stated in; then the subjects that mean the same anywhere.
_P = list[tuple[str, str]]
_CTX_PHRASES: dict[str, _P] = {
    "total": [
        (r"收入预算(?:总额|合计)?", "income.total"),
        (r"支出预算(?:总额|合计)?|(?<![共金营款])预算支出(?:总额|合计)?", "expense.total"),
        # "收支预算7,503.31万元" (Yantai); "收入比2025年增加…" / "支出比2025年增加…" (Chongqing): the whole, by its side
        (r"收支预算(?:总额|总计|合计)?", "total"),
        (r"^\s*收入(?=\s*$)", "income.total"),
        (r"^\s*支出(?=\s*$)", "expense.total"),
    ],
    "income": [
        # "部门预算收入10,737.69万元" — but not 一般公共预算收入, 政府性基金预算收入 …
        (r"收入预算(?:总额|合计)?|(?<!本年)收入(?:总计|合计)|(?<![共金营款年])预算收入(?:总额|合计)?", "income.total"),
        (r"本年收入(?:合计|小计)?|本年预算收入", "income.current"),
        (r"财政拨款(?:（补助）|\(补助\))?(?:收入)?", "income.fiscal"),
        (r"一般公共预算(?:财政)?(?:拨款)?(?:收入)?(?:资金)?", "income.gpb"),
        (r"上级一般公共预算安排的转移支付(?:资金|收入)?", "income.gpb_transfer"),
        (r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入|资金)?", "income.gov_fund"),
        (r"上级政府性基金(?:预算)?安排的转移支付(?:资金|收入)?", "income.gov_fund_transfer"),
        (r"国有资本经营预算(?:财政)?(?:拨款)?(?:收入|资金)?", "income.soe"),
        (r"上级国有资本经营预算安排的转移支付(?:资金|收入)?", "income.soe_transfer"),
        (r"财政专户管理资金(?:收入)?", "income.fiscal_special"),
        (r"单位资金(?:收入)?", "income.unit_funds"),
        (r"事业收入(?:资金)?", "income.business"),
        (r"(?:事业单位)?经营收入(?:资金)?", "income.operating"),
        # "3．其他资金收入预算总计0万元" (Jiangsu) is the 其他收入 line, not the 收入预算 total
        (r"其他收入(?:资金)?|(?<!本年)其他资金(?:收入)?", "income.other"),
        # "（二）本年其他资金收入5510.42万元" (Beijing) heads the year's income besides the fiscal grants
        # (items 4–9: 财政专户管理资金 … 其他收入), the counterpart of "（一）本年财政拨款收入": not the
        # 其他收入 line, which the same list states as its item 9
        (r"本年(?:非财政拨款|其他资金)(?:收入)?", "income.nonfiscal"),
        (r"上年结转结余(?:资金|收入)?|上年结转(?:资金|收入)?", "income.carryover"),
        (r"(?<!非)(?:财政拨款结转结余|财政拨款结转|财政拨款结余)", "income.fiscal_carryover"),
        # "使用非财政拨款结余18,953.78万元": the unit's own balance spent this year, not a fiscal one
        (r"(?:使用|动用)?非财政拨款结余(?:资金)?", "income.nonfiscal_surplus_used"),
    ],
    "expense": [
        # "2026年预算支出1682.76元" — but not 一般公共预算支出, 政府性基金预算支出, 国有资本经营预算支出,
        # 财政拨款预算支出
        (r"支出预算(?:总额|合计)?|(?<!本年)支出(?:总计|合计)|(?<![共金营款])预算支出(?:总额|合计)?", "expense.total"),
        (r"本年支出(?:合计|小计)?", "expense.current"),
        (r"基本支出(?:预算)?", "expense.basic"),
        (r"项目支出(?:预算)?", "expense.project"),
        (r"(?<!在职)人员经费|人员支出", "expense.personnel"),
        (r"公用经费|(?:日常)?公用支出", "expense.public"),
        (r"在职人员经费", "expense.active_personnel"),
        (r"增人增资(?:支出)?", "expense.pay_reserve"),
    ],
    "fiscal": [
        (
            r"财政拨款收、?支总预算|财政拨款收支(?:预算)?(?:总额|总计)|财政拨款收入(?:合计|总计)?|财政拨款收、?支总计各?",
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
        (r"人员经费|人员支出", "gpb.personnel"),
        (r"公用经费|(?:日常)?公用支出", "gpb.public"),
    ],
    "procurement": [
        (r"(?:政府采购)?货物(?:类)?(?:采购)?(?:项目)?(?:预算)?", "procurement.goods"),
        (r"(?:政府采购)?工程(?:类)?(?:采购)?(?:项目)?(?:预算)?", "procurement.works"),
        (r"(?:政府采购)?服务(?:类)?(?:采购)?(?:项目)?(?:预算)?", "procurement.services"),
    ],
    "carryover": [
        (r"上半?年结转结余|结转结余(?:资金)?", "carryover.total"),
        (r"(?<!非)财政拨款(?:结转结余)?", "carryover.fiscal"),
        (r"非财政拨款(?:结转结余)?", "carryover.nonfiscal"),
    ],
    "gov_fund": [(r"政府性基金预算(?:拨款)?(?:支出)?|政府性基金(?:预算)?支出(?:预算)?(?:支出)?", "gov_fund.total")],
    "soe": [(r"国有资本经营预算(?:拨款)?(?:支出)?", "soe.total")],
}
_GLOBAL_PHRASES: _P = [
    # 决算: "2024年度收入支出总计307.82万元", "财政拨款收入支出总计 9746.50 万元"
    (r"(?<!非)财政拨款收入支出(?:决算)?总计", "fiscal.total"),
    (r"收支总预算|收支预算总额|收支总额|收入、?支出预算总计|收、?支预算总计|收支预算总计|收入支出(?:决算)?总计", "total"),
    (r"“?三公”?经费(?:预算)?(?:数)?|三公经费", "three_public.total"),
    (r"因公出国[（(]境[)）](?:经)?费(?:用)?", "three_public.overseas_travel"),
    # 公务用车 also printed 公务车, and once misprinted 公务车用车 (上海 2025): the same three lines
    (r"公务(?:用)?车(?:用车)?购置(?:及|和|与)运行(?:维护|维修)?费", "three_public.vehicles"),
    (r"公务(?:用)?车(?:用车)?购置(?![及和与])(?:费)?", "three_public.vehicle_purchase"),
    (r"公务(?:用)?车(?:用车)?运行(?:维护)?费", "three_public.vehicle_operation"),
    (r"公务接待费", "three_public.reception"),
    (r"机关运行经费(?:财政拨款)?(?:预算)?|单位运行经费|(?:一般公共预算)?财政拨款运行经费", "admin_operation"),
    # "实行绩效目标管理的项目2个，涉及一般公共预算项目支出670.00万元"
    (r"涉及(?:的)?(?:当年)?(?:一般公共预算|财政拨款)?(?:当年)?(?:项目)?(?:预算)?(?:资金|金额|支出|拨款)", "performance.covered"),
    # "一般公共预算安排委托业务费11,152.54万元", "委托业务费财政拨款预算为6,003.4万元", "委托业务费涉及财拨资金…"
    (r"委托业务费(?:涉及)?(?:财政拨款|财拨)?(?:资金)?(?:预算)?(?:总额|合计)?(?:支出)?", "entrusted_services"),
    (r"会议费(?:预算)?(?:支出)?", "meetings"),
    (r"培训费(?:预算)?(?:支出)?", "training"),
    (r"政府采购(?:项目)?(?:预算)?(?:总额)?", "procurement.total"),
    # the money of one fund named as spending: "一般公共预算拨款支出预算4,939万元", "政府性基金拨款支出预算为0"
    (r"一般公共预算(?:财政)?拨款支出(?:预算)?(?:总额|合计)?", "gpb.total"),
    # the 一般公共预算 money as a whole: "一般公共预算当年拨款6838.41万元", "本部门一般公共预算支出74868.34万元"
    (r"一般公共预算当年拨款(?:支出)?(?:合计|总额|总计)?|一般公共预算支出(?:预算)?(?:合计|总额)?", "gpb.total"),
    (r"政府性基金(?:预算)?(?:财政)?拨款支出(?:预算)?|政府性基金预算支出(?:预算)?", "gov_fund.total"),
    # one fund's income named as its grant: "2026年一般公共预算财政拨款收入101,833.84万元" (Chongqing)
    (r"一般公共预算(?:财政)?拨款收入", "income.gpb"),
    (r"政府性基金(?:预算)?(?:财政)?拨款收入", "income.gov_fund"),
    (r"国有资本经营预算(?:财政)?拨款收入", "income.soe"),
    (r"国有资本经营预算(?:财政)?拨款支出(?:预算)?", "soe.total"),
    (r"(?<!非)财政拨款(?:预算)?支出(?:预算)?(?:总额|合计)?", "fiscal.expense"),
    # the lines of the 收支总表 besides basic/project spending and the funds' income
    (r"事业单位经营支出", "expense.operating"),
    (r"上缴上级支出", "expense.to_superior"),
    (r"对?附属单位补助支出", "expense.to_subsidiary"),
    (r"年终结转结余(?:资金)?|结转下年(?:资金)?", "expense.carry_forward"),
    (r"上级补助收入", "income.from_superior"),
    (r"附属单位上缴收入", "income.from_subsidiary"),
    (r"政府采购货物(?:预算)?", "procurement.goods"),
    (r"政府采购工程(?:预算)?", "procurement.works"),
    (r"政府采购服务(?:预算)?", "procurement.services"),
    (r"面向中小企业预留(?:政府采购项目)?(?:预算)?(?:金额)?", "procurement.sme"),
    (r"(?:面向)?小微企业预留(?:政府采购项目)?(?:预算)?(?:金额)?", "procurement.small_micro"),
    (r"预留给小型和微型企业的政府采购项目(?:预算)?(?:金额)?", "procurement.small_micro"),
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
# kinds whose numbers are not claims of this module: project descriptions (read by parse/projects), the
# 概况, and a unit's section outside any part
SKIP_KINDS = {"projects", "profile", "unit"}
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

def find_subject(region: str, kind: str | None, codes: CodeIndex, *, listing: bool = False) -> tuple[str, str] | None:
    """The subject a clause names before its first number: (subject, text as printed)."""
    coded = CODED_NAME_RE.search(region)
    if coded is not None:
        code = coded.group(2)
        name = re.sub(r"^(\d+[.、．]|[-*·①-⑳]|[（(][一二三四五六七八九十\d]+[）)])\s*", "", coded.group(1)).strip()
        if name and not is_filler(name):
            # an economic item by its code lists the money of basic and project spending together,
            # which no table prints by 经济分类 (the 基本支出 table has the basic part only)
            prefix = "func" if code.startswith("2") else "econ_total"
            return f"{prefix}:{code}", f"{name}（{code}）"
    if kind in RESTRICTED_KINDS:
        return _restricted_subject(region, kind)
    chains = list(_CHAIN_RE.finditer(region))
    m = chains[-1] if chains else None
    if m is not None:
        text = m.group(1).strip()
        parts = [
            re.sub(r"^(\d+[.、．]|[-*·])\s*", "", p.group(1)).strip().strip("“”\"‘’「」") for p in _CHAIN_PART_RE.finditer(text)
        ]
        levels = [p.group(2) for p in _CHAIN_PART_RE.finditer(text)]
        parts = [norm_name(p) for p in parts if p]
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
        # 223 shares its name with the fund's spending: in a department's 说明 "国有资本经营预算支出" is
        # the money of that fund (soe.total), not a functional class the expense table would list
        bare.update({n: "soe.total" if c == "223" else f"func:{c}" for n, c in codes.class_names().items()})
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
        if is_filler(tail := region[c[0] - c[1] :]) and not (c[2].startswith("income.") and "支出" in tail)
    ]
    if not ending:
        return listed_item(region, listing)
    start, _, subject, text = min(ending)
    head = re.split(r"[，,。；;：:、]", region[:start])[-1]
    if head.endswith("费") and subject.startswith(("income.", "fiscal.", "expense.")):
        return None  # "委托业务费财政拨款预算总额": the money of that expense, not the fund's total
    if subject == "expense.project" and len(name := _NAMED_HEAD_RE.sub("", head)) >= 4:
        return f"item:{norm_name(name + text)}", name + text  # "…设计评审项目支出304.16万元": one project's
    if subject == "expense.total" and text.startswith("支出"):
        item = named_item(region, start, codes)
        if item is not None:
            return item
    for ms, mneg, msubj, _ in cands:
        # "上年结转结余的一般公共预算收入", "一般公共预算上年结转结余": a subject qualified by another,
        # with or without 的, is neither of them
        me = ms - mneg
        if msubj != subject and me <= start and _QUALIFIER_RE.fullmatch(region[me:start]) \
                and not (msubj in _FUND_QUALIFIERS and subject in _FUND_SPENT_ON):
            return None
    return subject, text


# Sections about assets and performance targets state few budget figures, each by its own words;
# nothing else in them (a count, a value of one asset, a class name) is read as a claim.
RESTRICTED_KINDS = {"assets", "performance"}
_RESTRICTED: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "assets": [(re.compile(p), s) for p, s in (
        (r"购置(?:公务)?车辆(?:\s*\d+\s*辆)?\s*[、，,]?", "assets.vehicle_purchase"),
        (r"(?:大额|大型)?设备(?:\s*\d+\s*台\s*(?:[（(]套[)）])?)\s*[、，,]?", "assets.equipment"),
        (r"(?<!其他)固定资产(?:总量|总额|原值|合计)?", "assets.fixed_total"),
        (r"(?:拟|计划)购置固定资产", "assets.fixed_purchase"),
    )],
    "performance": [(re.compile(p), s) for p, s in (
        (r"涉及(?:的)?(?:项目)?(?:预算)?(?:财政性|财政)?(?:资金|金额)(?:合计|总额)?|公开金额|(?:目标|管理)的(?:资金|金额)"
         r"|涉及(?:的)?(?:当年)?(?:一般公共预算|财政拨款)(?:当年)?(?:财政)?拨款|^\s*预算资金(?:合计|总额)?", "performance.covered"),
        # the funds of that money named after it: "…，其中财政拨款6039万元", "政府性基金预算拨款0.00万元"
        (r"^\s*其中\s*财政拨款(?:资金)?", "performance.covered_fiscal"),
        (r"^\s*(?:当年)?\s*政府性基金(?:预算)?(?:当年)?(?:财政)?拨款", "performance.covered_gov_fund"),
        (r"^\s*(?:当年)?\s*国有资本经营预算(?:当年)?(?:财政)?拨款", "performance.covered_soe"),
    )],
}


def _restricted_subject(region: str, kind: str) -> tuple[str, str] | None:
    ending = [(m.start(), m.start() - m.end(), s, m.group(0)) for pat, s in _RESTRICTED[kind]
              for m in pat.finditer(region) if is_filler(region[m.end():])]
    if not ending:
        return None
    _, _, subject, text = min(ending)
    return subject, text.strip("、，, ")


# a numbered line of a list naming what no classification or table line names: "1.规划类经费6.50万元",
# "（四）增人增资651.65万元", "2.区财政安排项目1,462.00万元" — read under its own name (``item:<name>``)
_LISTED_ITEM_RE = re.compile(
    r"\s*(?:其中[:：]?)?\s*(?:\d{1,2}\s*[.、．](?!\d)|\d{1,2}\s*[.、．](?=\d{4}\s*年)|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）])\s*"
    # "2.2023年全民参保补助资金40.51万元": the name may open with the year of the money
    r"(?P<name>(?:\d{4}\s*年度?)?[^\d，,。；;：:%％“”\"]{2,24}?)\s*(?:\d{4}\s*年)?\s*(?:预算数?|安排|为|是)*\s*"
)


# in a list opened before ("主要包括：环境监测工作4,097.79万元，…；应对气候变化工作…"), unnumbered
_LIST_LINE_RE = re.compile(
    r"\s*(?:其中[:：]?)?\s*(?P<name>[^\d，,。；;：:%％“”\"（）()]{2,20}?)\s*(?:\d{4}\s*年)?\s*(?:预算数?|安排|为|是)*\s*")
# words of a comparison or a statement, never of an item's name
_NOT_A_NAME_RE = re.compile(r"上年|去年|年初|较|比|增|减|占|合计|共计|总计|其中|全年|本年|当年|以上|以下|累计|截至")


def listed_item(region: str, listing: bool = False) -> tuple[str, str] | None:
    """``item:<name>`` for a numbered list line that names its own figure (see _LISTED_ITEM_RE),
    or, in a list opened before, for an unnumbered one."""
    m = _LISTED_ITEM_RE.fullmatch(region) or (_LIST_LINE_RE.fullmatch(region) if listing else None)
    if m is None or is_filler(m.group("name")) or _NOT_A_NAME_RE.search(m.group("name")):
        return None
    if re.match(r"\d{4}", m.group("name")) and re.search(r"预算|收入|支出|合计|部门|单位", m.group("name")):
        return None  # "1.2026年部门预算…": a year's whole, not a named line
    name = norm_name(m.group("name"))
    return f"item:{name}", m.group("name").strip()


# what may stand before 项目支出 and still leave it the department's: a year, the unit, a fund
_NAMED_HEAD_RE = re.compile(r"^(?:其中|\d{4}\s*年度?|本年|当年|年初|本(?:部门|单位)|部门|单位|[^，,]*?(?:局|委|院|中心|办|部|站|所|馆|队|校|本级)[)）]?)*"
                            r"|(?:一般公共预算|财政拨款|政府性基金|国有资本经营预算|当年|安排|的|中|[\s“”\d.、．（）()])+$")
# "一般公共预算会议费", "财政拨款“三公”经费": the fund names the money these are always paid from
_FUND_QUALIFIERS = {"income.gpb", "income.fiscal", "fiscal.gpb"}
_FUND_SPENT_ON = {"meetings", "training", "admin_operation", "three_public.total", "three_public.overseas_travel",
                  "three_public.reception", "three_public.vehicles", "three_public.vehicle_purchase",
                  "three_public.vehicle_operation"}
_QUALIFIER_RE = re.compile(r"\s*(?:(?:资金|收入)?\s*(?:的|中的|中|里的|当中的))?\s*")
_FILLER_RE = re.compile(
    r"(?:\s|\d{4}\s*年度?|年初|预算数|预算|数|金额|总额|合计|共计|总计|安排|其中|本年|当年|为|是|达|的|共有|共|支出"
    r"|科目|[“”\"‘’「」]|[-*·]|\d+[.、．])*"
)


def is_filler(text: str) -> bool:
    """True when a text names nothing: a year, 预算数为, 其中 …"""
    return _FILLER_RE.fullmatch(text) is not None
