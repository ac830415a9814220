"""Expected columns of the canonical tables, for rebuilding tables from scattered raw text.

The header of a scattered table is printed vertically, a character or two per line, and a two-row
header (财政拨款（补助） over 小计 / 一般公共预算 / …) loses its geometry. So the header text is only
used to learn WHICH columns the table has; their left-to-right order is the canonical order below.
Patterns are matched on the header text with spaces removed and brackets made full-width; the
longest pattern wins where two overlap (上级一般公共预算安排的转移支付 contains 一般公共预算).
"""

from __future__ import annotations

import re

# (column id, header patterns) in left-to-right order, per canonical table id.
_PERSONNEL = ("人员经费", "人员支出", "人员类")
_PUBLIC = ("日常公用经费", "日常公用支出", "公用经费", "公用支出")
EXPENSE_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("total", ("合计", "总计")),
    ("basic", ("基本支出",)),
    ("personnel", _PERSONNEL),
    ("public", _PUBLIC),
    ("project", ("项目支出",)),
    ("to_superior", ("上缴上级支出", "上缴上级")),
    ("operating", ("事业单位经营支出", "经营支出")),
    ("to_subsidiary", ("对附属单位补助支出", "对附属单位补助")),
]

INCOME_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("total", ("总计", "合计", "收入总计")),
    ("current", ("本年收入合计", "本年收入小计", "本年收入")),
    ("fiscal_subtotal", ("财政拨款（补助）小计", "财政拨款小计", "小计")),
    ("fiscal_group", ("财政拨款（补助）", "财政拨款")),  # resolved in match_columns
    ("gpb", ("一般公共预算", "一般公共预算拨款")),
    ("gpb_transfer", ("上级一般公共预算安排的转移支付", "上级一般公共预算安排转移支付")),
    ("gov_fund", ("政府性基金预算", "政府性基金预算拨款")),
    (
        "gov_fund_transfer",
        ("上级政府性基金安排的转移支付", "上级政府性基金预算安排的转移支付", "上级政府性基金安排转移支付"),
    ),
    ("soe", ("国有资本经营预算", "国有资本经营预算拨款")),
    ("soe_transfer", ("上级国有资本经营预算安排的转移支付", "上级国有资本经营预算安排转移支付")),
    ("fiscal_special", ("财政专户（教育收费）", "财政专户管理资金", "财政专户核拨", "财政专户")),
    ("unit_funds", ("单位资金",)),
    ("business", ("事业收入",)),
    ("superior_grant", ("上级补助收入",)),
    ("subsidiary", ("附属单位上缴收入",)),
    ("operating", ("事业单位经营收入",)),
    ("other", ("其他收入",)),
    ("carryover", ("上年结转结余", "上年结转和结余", "上年结转")),
    ("fiscal_carryover", ("财政拨款结转", "财政拨款结转结余")),
    ("nonfiscal_carryover", ("非财政拨款结转结余", "非财政拨款结转")),
]

_FISCAL_PARTS = ("gpb", "gpb_transfer", "gov_fund", "gov_fund_transfer", "soe", "soe_transfer")
# Headers printed over sub-columns: when a sub-column is printed too, the group's own text is a
# group header, not a column of its own (a phantom column would make the true placement look
# wrong), so it is not counted.
GROUP_HEADERS: dict[str, tuple[str, ...]] = {
    "current": (
        "fiscal_subtotal",
        "fiscal_group",
        *_FISCAL_PARTS,
        "fiscal_special",
        "unit_funds",
        "business",
    ),
    "carryover": ("fiscal_carryover", "nonfiscal_carryover"),
    "fiscal_group": ("fiscal_subtotal", *_FISCAL_PARTS),
}

FUND_EXPENSE_COLUMNS = [
    c for c in EXPENSE_COLUMNS if c[0] in ("total", "basic", "personnel", "public", "project")
]

GPB_BASIC_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("total", ("合计", "小计", "总计", "预算数")),
    ("personnel", _PERSONNEL),
    ("public", _PUBLIC),
]

FUNDING_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("total", ("合计", "小计")),
    ("gpb", ("一般公共预算",)),
    ("gov_fund", ("政府性基金预算", "政府性基金")),
    ("soe", ("国有资本经营预算",)),
]

# 支出经济分类 classes as printed in 一般公共预算项目支出情况表 headers.
ECON_CLASSES: list[tuple[str, tuple[str, ...]]] = [
    ("econ301", ("工资福利支出",)),
    ("econ302", ("商品和服务支出",)),
    ("econ303", ("对个人和家庭的补助",)),
    ("econ307", ("债务利息及费用支出",)),
    ("econ309", ("资本性支出（基本建设）",)),
    ("econ310", ("资本性支出",)),
    ("econ311", ("对企业补助（基本建设）",)),
    ("econ312", ("对企业补助",)),
    ("econ313", ("对社会保障基金补助",)),
    ("econ399", ("其他支出",)),
]
PROJECT_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("total", ("项目支出合计", "合计", "小计")),
    *ECON_CLASSES,
]

EXPECTED_COLUMNS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "expense": EXPENSE_COLUMNS,
    "gpb_expense": FUND_EXPENSE_COLUMNS,
    "gov_fund": FUND_EXPENSE_COLUMNS,
    "soe_capital": FUND_EXPENSE_COLUMNS,
    "income": INCOME_COLUMNS,
    "gpb_basic": GPB_BASIC_COLUMNS,
    "gpb_project": PROJECT_COLUMNS,
    "fiscal_summary": FUNDING_COLUMNS,
    "three_public": FUNDING_COLUMNS,
}

# Sub-column sums within a row: parent column = Σ child columns (only over the columns present).
COLUMN_TREES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "expense": [
        ("total", ("basic", "project", "to_superior", "operating", "to_subsidiary")),
        ("basic", ("personnel", "public")),
    ],
    "gpb_basic": [("total", ("personnel", "public"))],
    "fiscal_summary": [("total", ("gpb", "gov_fund", "soe"))],
    "three_public": [("total", ("gpb", "gov_fund", "soe"))],
    "gpb_project": [("total", tuple(c for c, _ in ECON_CLASSES))],
    "income": [
        ("total", ("current", "carryover")),
        ("current", ("fiscal_subtotal", "fiscal_special", "unit_funds")),
        ("carryover", ("fiscal_carryover", "nonfiscal_carryover")),
        ("fiscal_subtotal", ("gpb", "gpb_transfer", "gov_fund", "gov_fund_transfer", "soe", "soe_transfer")),
        # 单位资金 is printed over its parts where a template breaks it down
        ("unit_funds", ("business", "superior_grant", "subsidiary", "operating", "other")),
    ],
}
for _t in ("gpb_expense", "gov_fund", "soe_capital"):
    COLUMN_TREES[_t] = COLUMN_TREES["expense"]

_SPACE_RE = re.compile(r"\s+")


def normalize_header(text: str) -> str:
    return _SPACE_RE.sub("", text).replace("(", "（").replace(")", "）")


def match_columns(table_id: str, header_text: str) -> list[tuple[str, str]]:
    """The expected columns found in a header, in canonical order, with the text that matched.

    The header's own words are consumed longest-first, so 上级一般公共预算安排的转移支付 is not also
    read as 一般公共预算."""
    spec = EXPECTED_COLUMNS.get(table_id)
    if not spec:
        return []
    text = normalize_header(header_text)
    patterns = sorted(((p, cid) for cid, ps in spec for p in ps), key=lambda x: -len(x[0]))
    found: dict[str, str] = {}
    used = [False] * len(text)
    for pat, cid in patterns:
        start = 0
        while True:
            i = text.find(pat, start)
            if i < 0:
                break
            start = i + 1
            if any(used[i : i + len(pat)]):
                continue
            for j in range(i, i + len(pat)):
                used[j] = True
            found.setdefault(cid, pat)
    for group, parts in GROUP_HEADERS.items():
        if group in found and any(p in found for p in parts):
            del found[group]
    # 基本支出 over 人员经费 / 公用经费 is a column (basic) only where the group prints its 小计
    if "basic" in found and ("personnel" in found or "public" in found) and "小计" not in text:
        del found["basic"]
    if "fiscal_group" in found:  # 财政拨款 with nothing under it: the column itself
        found.setdefault("fiscal_subtotal", found.pop("fiscal_group"))
    return [(cid, found[cid]) for cid, _ in spec if cid in found]


def column_relations(table_id: str, present: list[str]) -> list[tuple[str, list[str]]]:
    """Within-row sums over the present columns; a missing middle column passes its children up."""
    tree = COLUMN_TREES.get(table_id, [])
    children_of = {p: list(c) for p, c in tree}

    def leaves(col: str) -> list[str]:
        out: list[str] = []
        for k in children_of.get(col, []):
            if k in present:
                out.append(k)
            else:
                out.extend(leaves(k))
        return out

    rels = []
    for parent, _ in tree:
        if parent in present:
            kids = leaves(parent)
            if kids:
                rels.append((parent, kids))
    return rels
